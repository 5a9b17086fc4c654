"""The same models give the same public marts on DuckDB, PostgreSQL and Apache Spark.

Spark reads the generator's Parquet data lake (`--format parquet`), which has no `tracks` and
no `users` table. So that the three engines read the same source, DuckDB and PostgreSQL read the
lake too: its tables are copied into a DuckDB file (day/hr partition folders dropped), which is
built as is and copied into PostgreSQL (`load_postgres`); Spark gets external tables over the
lake (`load_spark`). First the lake is checked to hold exactly the rows of the generator's
DuckDB output for the same seed and options. Then a full build on each engine, every
`wecheer__*` mart compared; then one more synced day (`generate --append` on the DuckDB
output, exported again as a lake), an incremental build on each engine (Spark: insert_overwrite
of the received days), compared again.

Spark runs in this process (dbt-spark's session method) with one Derby metastore, which admits
one JVM: one Spark session for the whole pytest process, in a temp folder.
"""

from __future__ import annotations

import os
import shutil

import duckdb
import pytest
from support.engines import EXPECTED_MARTS, VARS

from wecheer.cli import main as wecheer_main
from wecheer.dbt import run_dbt
from wecheer.engines.compare import compare_marts, duckdb_marts, postgres_marts, spark_marts
from wecheer.engines.postgres import load_postgres
from wecheer.engines.spark import export_lake, lake_tables, load_spark
from wecheer.errors import raise_for_dbt

pytest_plugins = ["support.postgres"]

pytestmark = pytest.mark.engines

OPTIONS = ("--seed", "1", "--faults", "realistic", "--naming", "mixed", "--quiet")
# A small source: Spark lists every day/hour folder of the lake (one file per event table, day
# and hour) and plans each model for seconds. Five days (3,200 files; 14 days made 6,700) still
# give every QA check the 14 days gave findings, every receipt outcome (abandoned needs scans
# older than the 72-hour window) and two cohort weeks (from a Friday).
SIZE = ("--events", "20000", "--days", "5", "--start", "2026-01-02")
SCHEMAS = ("wecheer_prod", "wecheer_reference")


@pytest.fixture(scope="module")
def spark_env(tmp_path_factory):
    """WECHEER_SPARK_DIR for the process's one Spark session (a temp folder), Java present."""
    if shutil.which("java") is None:
        pytest.skip("java not found: apt-get install openjdk-17-jre-headless, or `make test`")
    folder = tmp_path_factory.mktemp("spark")
    saved = {k: os.environ.get(k) for k in ("WECHEER_SPARK_DIR", "WECHEER_SPARK_SCHEMA")}
    os.environ["WECHEER_SPARK_DIR"] = str(folder)
    os.environ["WECHEER_SPARK_SCHEMA"] = "marts_spark"
    yield folder
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _lake_query(folder: str) -> str:
    """The rows of one lake table (DuckDB takes segment_type, day and hr from the path)."""
    path = f"{folder}/*/*/*.parquet".replace("'", "''")
    columns = "* exclude (segment_type, day, hr)"
    return f"select {columns} from read_parquet('{path}', hive_partitioning = true)"


def _raw_tables(con, schema: str) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = ? order by 1",
        [schema],
    ).fetchall()
    return [r[0] for r in rows]


def _assert_lake_holds_the_duckdb_output(lake, duck_db, lake_db) -> None:
    """Same tables (the DuckDB output's, but tracks and users) with the same rows (as multisets),
    and the same reference tables, for the same seed and options."""
    tables = lake_tables(lake)
    con = duckdb.connect(str(duck_db), read_only=True)
    try:
        con.execute(f"attach '{lake_db}' as lake_db (read_only)")
        raw = _raw_tables(con, "wecheer_prod")
        assert {"tracks", "users"} <= set(raw)
        assert sorted(tables) == sorted(set(raw) - {"tracks", "users"})
        for table, folder in tables.items():
            mine = f"select * from wecheer_prod.{table}"
            lake_rows = _lake_query(folder)
            for left, right in ((mine, lake_rows), (lake_rows, mine)):
                extra = con.execute(f"select count(*) from ({left} except all {right})")
                assert extra.fetchone()[0] == 0, table
            count = con.execute(f"select count(*) from wecheer_prod.{table}").fetchone()[0]
            assert con.execute(f"select count(*) from ({lake_rows})").fetchone()[0] == count
        for table in _raw_tables(con, "wecheer_reference"):
            ours = f"select * from wecheer_reference.{table}"
            theirs = f"select * from lake_db.wecheer_reference.{table}"
            extra = con.execute(f"select count(*) from ({ours} except all {theirs})")
            assert extra.fetchone()[0] == 0, table
    finally:
        con.close()


def _duckdb_from_lake(lake, reference_db, out_db) -> dict[str, int]:
    """A DuckDB file holding what Spark reads: the lake's tables and the reference schema."""
    out_db.unlink(missing_ok=True)
    con = duckdb.connect(str(out_db))
    try:
        con.execute("create schema wecheer_prod")
        rows = {}
        for table, folder in lake_tables(lake).items():
            con.execute(f'create table wecheer_prod."{table}" as {_lake_query(folder)}')
            count = con.execute(f'select count(*) from wecheer_prod."{table}"').fetchone()[0]
            rows[table] = count
        con.execute(f"attach '{reference_db}' as ref (read_only)")
        con.execute("create schema wecheer_reference")
        reference = con.execute(
            "select table_name from information_schema.tables "
            "where table_catalog = 'ref' and table_schema = 'wecheer_reference' order by 1"
        ).fetchall()
        for (table,) in reference:
            con.execute(
                f'create table wecheer_reference."{table}" as '
                f'select * from ref.wecheer_reference."{table}"'
            )
    finally:
        con.close()
    return rows


def _build(db, *args: str) -> None:
    result = run_dbt(["build", "--vars", VARS, *args], db=db)
    raise_for_dbt(result, checks_may_fail=True)  # no node fails; the source checks may


def _spark_source_rows(schema: str = "wecheer_prod") -> dict[str, int]:
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    tables = [r.tableName for r in spark.sql(f"show tables in {schema}").collect()]
    return {t: spark.sql(f"select count(*) from {schema}.`{t}`").collect()[0][0] for t in tables}


def _assert_three_engines_agree(db, pg, pg_schema: str) -> dict[str, int]:
    duck = duckdb_marts(db)
    others = {"PostgreSQL": postgres_marts(pg, pg_schema), "Spark": spark_marts("marts_spark")}
    assert set(duck) == EXPECTED_MARTS, sorted(set(duck) ^ EXPECTED_MARTS)
    for engine, marts in others.items():
        assert set(marts) == EXPECTED_MARTS, (engine, sorted(set(marts) ^ EXPECTED_MARTS))
        diffs = [d for d in compare_marts(duck, marts) if not d.equal]
        assert not diffs, f"DuckDB and {engine} differ:\n" + "\n".join(d.describe() for d in diffs)
    return {name: len(rows) for name, (_, rows) in duck.items()}


def test_duckdb_postgres_and_spark_build_identical_marts_from_the_lake(
    tmp_path, pg_server, spark_env, monkeypatch
):
    for key, value in pg_server.env().items():
        monkeypatch.setenv(key, value)
    pg_schema = "marts_lake"
    monkeypatch.setenv("WECHEER_PG_SCHEMA", pg_schema)
    duck_out, lake_db, source_db = (
        tmp_path / n for n in ("out.duckdb", "lake.duckdb", "src.duckdb")
    )
    lake, lake2 = tmp_path / "lake", tmp_path / "lake2"
    duck_args = ("--target-path", str(tmp_path / "target_duckdb"))
    pg_args = ("--target", "postgres", "--target-path", str(tmp_path / "target_pg"))
    spark_target = ("--target", "spark", "--target-path", str(tmp_path / "target_spark"))
    # unit tests are engine-independent logic, run on DuckDB by every other test: not again here
    spark_args = (*spark_target, "--exclude-resource-type", "unit_test")

    assert wecheer_main(["generate", "--db", str(duck_out), *SIZE, *OPTIONS]) == 0
    lake_argv = ["generate", "--db", str(lake_db), "--format", "parquet", "--out", str(lake)]
    assert wecheer_main([*lake_argv, *SIZE, *OPTIONS]) == 0
    _assert_lake_holds_the_duckdb_output(lake, duck_out, lake_db)

    source_rows = _duckdb_from_lake(lake, lake_db, source_db)
    load_postgres(source_db, pg_server, SCHEMAS)
    loaded = load_spark(lake, reference_db=lake_db, dbt_args=spark_target)
    assert sorted(loaded["wecheer_prod"]) == sorted(source_rows)
    assert loaded["wecheer_reference"] == ["advertisers", "campaigns"]
    assert _spark_source_rows() == source_rows

    _build(source_db, "--full-refresh", *duck_args)
    _build(source_db, "--full-refresh", *pg_args)
    _build(None, "--full-refresh", *spark_args)
    rows = _assert_three_engines_agree(source_db, pg_server, pg_schema)
    assert rows["wecheer__events"] > 19_000 and rows["wecheer__event_duplicates"] > 50
    assert min(rows[m] for m in ("wecheer__receipts", "wecheer__punchcards", "wecheer__users")) > 0
    assert rows["wecheer__advertisers"] > 0 and rows["wecheer__qa_findings"] > 0

    # one more synced day, appended to the DuckDB output and exported again as a lake
    assert (
        wecheer_main(["generate", "--db", str(duck_out), "--append", "--days", "1", "--quiet"]) == 0
    )
    export_lake(duck_out, lake2)
    source_rows_after = _duckdb_from_lake(lake2, lake_db, source_db)
    assert sum(source_rows_after.values()) > sum(source_rows.values())
    load_postgres(source_db, pg_server, SCHEMAS)
    load_spark(lake2, reference_db=lake_db, dbt_args=spark_target)
    _build(source_db, *duck_args)
    _build(source_db, *pg_args)
    _build(None, *spark_args)
    after = _assert_three_engines_agree(source_db, pg_server, pg_schema)
    assert after["wecheer__events"] > rows["wecheer__events"]


def test_load_spark_refuses_a_folder_without_tables(tmp_path):
    from wecheer.engines.spark import SparkLoadError

    (tmp_path / "not_a_lake").mkdir()
    with pytest.raises(SparkLoadError, match="has no segment_type=<table> folders"):
        lake_tables(tmp_path / "not_a_lake")
    with pytest.raises(SparkLoadError, match="is not a folder"):
        lake_tables(tmp_path / "missing")
