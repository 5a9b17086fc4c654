"""Engines other than the embedded DuckDB default (issue 7)."""
