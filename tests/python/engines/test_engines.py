"""The same models give the same public marts on DuckDB and on PostgreSQL.

One generated source (30k events, realistic faults, mixed event naming, seed 1) is built on
DuckDB and, after `load_postgres`, on a throwaway PostgreSQL server; every `wecheer__*` mart must
have identical contents after ordering and type normalisation (wecheer.engines.compare). Then
one more day is appended and both engines build incrementally (delete+insert on both), and are
compared again. The QA clock is pinned (var wecheer_qa_as_of) and the QA's `checked_at` is not
compared: both are the build time, not a result.
"""

from __future__ import annotations

import pytest
from support.engines import EXPECTED_MARTS, VARS

from wecheer.cli import main as wecheer_main
from wecheer.dbt import run_dbt
from wecheer.engines.compare import compare_marts, duckdb_marts, postgres_marts
from wecheer.engines.postgres import load_postgres
from wecheer.errors import raise_for_dbt

pytest_plugins = ["support.postgres"]

pytestmark = pytest.mark.engines


def _generate(db, *args: str) -> None:
    argv = ["generate", "--db", str(db), "--seed", "1", "--faults", "realistic", "--quiet"]
    assert wecheer_main([*argv, *args]) == 0


def _build(db, *args: str) -> None:
    result = run_dbt(["build", "--vars", VARS, *args], db=db)
    raise_for_dbt(result, checks_may_fail=True)  # no node fails; the source checks may


def _assert_same_marts(db, pg, schema: str) -> dict[str, int]:
    left, right = duckdb_marts(db), postgres_marts(pg, schema)
    assert set(left) == EXPECTED_MARTS, sorted(set(left) ^ EXPECTED_MARTS)
    assert set(right) == EXPECTED_MARTS, sorted(set(right) ^ EXPECTED_MARTS)
    diffs = [d for d in compare_marts(left, right) if not d.equal]
    assert not diffs, "DuckDB and PostgreSQL differ:\n" + "\n".join(d.describe() for d in diffs)
    return {name: len(rows) for name, (_, rows) in left.items()}


@pytest.fixture
def engines(request, tmp_path, pg_server, monkeypatch):
    """(DuckDB file, dbt arguments of the DuckDB build, of the PostgreSQL build, PostgreSQL
    schema of the marts); each engine parses into its own target folder, each test builds into
    its own PostgreSQL schema (the server is shared by the session)."""
    schema = "marts_" + request.node.name.removeprefix("test_")[:40]
    for key, value in pg_server.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("WECHEER_PG_SCHEMA", schema)
    duck_args = ("--target-path", str(tmp_path / "target_duckdb"))
    pg_args = ("--target", "postgres", "--target-path", str(tmp_path / "target_pg"))
    return tmp_path / "engines.duckdb", duck_args, pg_args, schema


def _assert_loaded_as_in_duckdb(db, pg, loaded: dict[str, int]) -> None:
    """Every table of the source and reference schemas, with its rows and column types."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    query = (
        "select table_schema || '.' || table_name, column_name, data_type "
        "from information_schema.columns where table_schema in "
        "('wecheer_prod', 'wecheer_reference') order by 1, ordinal_position"
    )
    duck_columns = con.execute(query).fetchall()
    duck_rows = {
        name: con.execute(f"select count(*) from {name}").fetchone()[0]
        for name in {c[0] for c in duck_columns}
    }
    con.close()
    conn = pg.connect()
    with conn.cursor() as cur:
        cur.execute(query)
        pg_columns = cur.fetchall()
    conn.close()
    assert loaded == duck_rows and loaded["wecheer_prod.tracks"] > 29_000
    as_pg = {
        "VARCHAR": "text",
        "BIGINT": "bigint",
        "INTEGER": "integer",
        "TIMESTAMP": "timestamp without time zone",
        "DATE": "date",
        "BOOLEAN": "boolean",
        "DOUBLE": "double precision",
    }
    assert pg_columns == [(t, c, as_pg[k]) for t, c, k in duck_columns]


def test_duckdb_and_postgres_build_identical_marts(engines, pg_server):
    db, duck_args, pg_args, schema = engines

    _generate(db, "--events", "30000", "--naming", "mixed", "--replace")
    loaded = load_postgres(db, pg_server)
    _assert_loaded_as_in_duckdb(db, pg_server, loaded)
    _build(db, "--full-refresh", *duck_args)
    _build(db, "--full-refresh", *pg_args)
    rows = _assert_same_marts(db, pg_server, schema)
    # the comparison is not vacuous: the core marts and the funnels have rows
    assert rows["wecheer__events"] > 29_000 and rows["wecheer__event_duplicates"] > 100
    assert min(rows[m] for m in ("wecheer__receipts", "wecheer__punchcards", "wecheer__users")) > 0

    # one more synced day: incremental builds (delete+insert) on both engines
    _generate(db, "--append", "--days", "1")
    load_postgres(db, pg_server)
    _build(db, *duck_args)
    _build(db, *pg_args)
    after = _assert_same_marts(db, pg_server, schema)
    assert after["wecheer__events"] > rows["wecheer__events"]


def test_a_messy_hand_made_source_gives_identical_marts(engines, pg_server):
    """What the generator never writes: rows without a message id or a usable time
    (quarantined), a table without a `timestamp` column, column names that need quoting, ids
    typed BIGINT in one table and VARCHAR in another (tests/python/support/messy_source.py)."""
    from support.messy_source import make_messy_source

    db, duck_args, pg_args, schema = engines
    make_messy_source(db)
    load_postgres(db, pg_server)
    _build(db, *duck_args)
    _build(db, *pg_args)
    rows = _assert_same_marts(db, pg_server, schema)
    assert rows["wecheer__quarantined_events"] == 2 and rows["wecheer__event_duplicates"] == 2


def test_a_hostile_source_gives_identical_marts_in_two_loads(engines, pg_server):
    """The hostile source of the DuckDB tests (tests/python/support/hostile_source.py: ids of
    every type, zoned, text and unparsable timestamps, clocks in 2099 and 1969, NULLs, a 1 MB
    string, table and column names built to run SQL), built on both engines, then its second
    load (a backfill older than any lookback, a redelivery, a new column, a new table) built
    incrementally on both: identical marts each time, every raw row accounted for, and no
    statement from the data ran on PostgreSQL."""
    from support.hostile_source import first_load, raw_rows, second_load

    db, duck_args, pg_args, schema = engines
    first_load(db)
    for load in (None, second_load):
        if load is not None:
            load(db)
        load_postgres(db, pg_server)
        _build(db, *duck_args)
        _build(db, *pg_args)
        rows = _assert_same_marts(db, pg_server, schema)
        kept = ("wecheer__events", "wecheer__event_duplicates", "wecheer__quarantined_events")
        assert sum(rows[mart] for mart in kept) == raw_rows(db)
    assert rows["wecheer__quarantined_events"] >= 3 and rows["wecheer__event_duplicates"] >= 1
    conn = pg_server.connect()
    with conn.cursor() as cur:
        cur.execute("select count(*) from information_schema.tables where table_name = 'pwned'")
        assert cur.fetchone()[0] == 0
    conn.close()


def test_load_postgres_drops_a_schema_the_file_does_not_have(tmp_path, pg_server):
    """The server mirrors the file: reference data of an earlier source does not stay behind."""
    import duckdb

    for name, schemas in (("with.duckdb", ("wecheer_prod", "wecheer_reference")),
                          ("without.duckdb", ("wecheer_prod",))):  # fmt: skip
        with duckdb.connect(str(tmp_path / name)) as con:
            for schema in schemas:
                con.execute(f"create schema {schema}")
                con.execute(f"create table {schema}.t as select 1 as x")
    query = "select schema_name from information_schema.schemata where schema_name like 'wecheer%'"
    found = []
    for name in ("with.duckdb", "without.duckdb"):
        load_postgres(tmp_path / name, pg_server)
        conn = pg_server.connect()
        with conn.cursor() as cur:
            cur.execute(query)
            found.append(sorted(row[0] for row in cur.fetchall()))
        conn.close()
    assert found == [["wecheer_prod", "wecheer_reference"], ["wecheer_prod"]]
