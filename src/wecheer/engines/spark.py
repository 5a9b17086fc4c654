"""Apache Spark: tables over the generator's Parquet data lake, in the `spark` dbt target's session.

`load_spark` makes one external Parquet table per `segment_type=<table>` folder of the lake in
the source schema (the `day=`/`hr=` folders become partition columns, which the column-aware
union ignores), and copies the reference schema from the generator's DuckDB file into Parquet
under WECHEER_SPARK_DIR for tables there too. The SQL runs through dbt (`run-operation
wecheer_spark_load_tables`), so the session is the one profiles.yml configures: dbt-spark's
session method runs Spark in this Python process, and the embedded Derby metastore admits one
JVM at a time, so there is one Spark process at a time.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb

from wecheer.paths import spark_dir

LAKE_PREFIX = "segment_type="
DEFAULT_SOURCE_SCHEMA = "wecheer_prod"
DEFAULT_REFERENCE_SCHEMAS = ("wecheer_reference",)


class SparkLoadError(Exception):
    """Bad input for the loader (no lake, an empty lake, a failed dbt call): one line."""


def lake_tables(lake: str | os.PathLike[str]) -> dict[str, str]:
    """{table: absolute folder} of every `segment_type=<table>` folder of a data lake."""
    root = Path(lake)
    if not root.is_dir():
        raise SparkLoadError(f"data lake {root} is not a folder")
    tables = {
        p.name[len(LAKE_PREFIX) :]: str(p.resolve())
        for p in sorted(root.iterdir())
        if p.is_dir() and p.name.startswith(LAKE_PREFIX) and len(p.name) > len(LAKE_PREFIX)
    }
    if not tables:
        raise SparkLoadError(f"data lake {root} has no {LAKE_PREFIX}<table> folders")
    return tables


def export_reference(
    duckdb_path: str | os.PathLike[str], out: str | os.PathLike[str], schemas: Iterable[str]
) -> dict[str, dict[str, str]]:
    """Write every table of `schemas` in the DuckDB file to `out/<schema>/<table>/` as Parquet
    (the folder replaced); returns {schema: {table: folder}}. Schemas missing from the file are
    skipped."""
    path = Path(duckdb_path)
    if not path.is_file():
        raise SparkLoadError(f"DuckDB file {path} does not exist")
    con = duckdb.connect(str(path), read_only=True)
    out_root = Path(out).resolve()
    found: dict[str, dict[str, str]] = {}
    try:
        for schema in schemas:
            names = con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = ? and table_type = 'BASE TABLE' order by 1",
                [schema],
            ).fetchall()
            if not names:
                continue
            found[schema] = {}
            for (name,) in names:
                folder = out_root / schema / name
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                target = str(folder / "data.parquet").replace("'", "''")
                relation = f'"{schema}"."{name}"'.replace("'", "''")
                con.execute(f"copy (select * from {relation}) to '{target}' (format parquet)")
                found[schema][name] = str(folder)
    finally:
        con.close()
    return found


def load_spark(
    lake: str | os.PathLike[str],
    schema: str = DEFAULT_SOURCE_SCHEMA,
    reference_db: str | os.PathLike[str] | None = None,
    reference_schemas: Sequence[str] = DEFAULT_REFERENCE_SCHEMAS,
    dbt_args: Sequence[str] = (),
) -> dict[str, list[str]]:
    """Tables over the lake in `schema` and, with `reference_db`, over a Parquet copy of its
    reference schemas; each schema dropped and recreated. Returns {schema: [tables]}."""
    from wecheer.dbt import run_dbt

    schemas: dict[str, dict] = {schema: {"tables": lake_tables(lake), "partitioned": True}}
    if reference_db is not None:
        copied = export_reference(reference_db, spark_dir() / "reference", reference_schemas)
        for name, tables in copied.items():
            schemas[name] = {"tables": tables, "partitioned": False}
    args = [
        "run-operation",
        "wecheer_spark_load_tables",
        "--args",
        json.dumps({"schemas": schemas}),
    ]
    if "--target" not in dbt_args:
        args += ["--target", "spark"]
    result = run_dbt([*args, *dbt_args])
    if not result.success:
        raise SparkLoadError(
            f"creating the Spark tables failed: {result.exception or 'see dbt log'}"
        )
    return {name: sorted(spec["tables"]) for name, spec in schemas.items()}


def export_lake(
    duckdb_path: str | os.PathLike[str], out: str | os.PathLike[str], schema: str = "wecheer_prod"
) -> Path:
    """Write a DuckDB source schema as a data lake (the generator's own `--format parquet`
    export: segment_type=<table>/day=YYYY-MM-DD/hr=HH/*.parquet, no tracks or users), replacing
    `out`. For a source grown with `wecheer generate --append`, which writes DuckDB only."""
    from wecheer.generator.lake import export_lake as _export_lake

    out = Path(out)
    con = duckdb.connect(str(duckdb_path), read_only=True)
    try:
        tmp = _export_lake(con, schema, out)
    finally:
        con.close()
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return out
