"""wecheer-analytics: synthetic Wecheer/Segment source, dbt models, source QA and reports."""

from importlib.metadata import version

__version__ = version("wecheer-analytics")
