"""wecheer-analytics: synthetic Wecheer/Segment source, dbt models, source QA and reports."""

__version__ = "0.1.0"
