"""Engines other than the embedded DuckDB default."""
