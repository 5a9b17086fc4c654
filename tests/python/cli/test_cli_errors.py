"""Hostile input to the `wecheer` command, run as a user runs it (a subprocess): every error is one
line on stderr with a hint, a documented exit code and no traceback, and `wecheer qa` never
writes to a warehouse it refuses."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from support import QA_CHECK_NAMES
from support.segment_source import Row, steady_programme, write_source

from wecheer import warehouse
from wecheer.errors import (
    EXIT_BUILD_FAILED,
    EXIT_INTERRUPTED,
    EXIT_UNUSABLE,
    EXIT_USAGE,
)

START = datetime(2026, 3, 2)


def wecheer(*args: str, env: dict | None = None, timeout: float = 300):
    return subprocess.run(
        [sys.executable, "-m", "wecheer.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def assert_one_line_error(completed, code: int, command: str | None, *phrases: str) -> str:
    """The exit code, exactly one line on stderr naming the command, no traceback anywhere."""
    output = completed.stdout + completed.stderr
    assert completed.returncode == code, output[-3000:]
    assert "Traceback" not in output
    lines = completed.stderr.splitlines()
    assert len(lines) == 1, completed.stderr
    prog = f"wecheer {command}" if command else "wecheer"
    assert lines[0].startswith(f"{prog}: error: "), lines[0]
    for phrase in phrases:
        assert phrase in lines[0], lines[0]
    return lines[0]


def fingerprint(path: Path) -> tuple:
    """Bytes and modification time: a file nobody wrote to keeps both."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def small_source(db: Path, **options) -> Path:
    write_source(db, steady_programme(START, days=10, users=2), **options)
    return db


def sql(db: Path, *statements: str) -> None:
    with duckdb.connect(str(db)) as con:
        for statement in statements:
            con.execute(statement)


def event_tables(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'wecheer_prod' and table_name <> 'tracks'"
        ).fetchall()
    return [name for (name,) in rows]


# --- wecheer qa and wecheer build refuse a source they cannot check, and write nothing ---------


def empty_file(db: Path) -> Path:
    duckdb.connect(str(db)).close()
    return db


def source_in_another_schema(db: Path) -> Path:
    return small_source(db, schema="segment_events")


def only_tracks(db: Path) -> Path:
    small_source(db)
    sql(db, *(f'drop table wecheer_prod."{name}"' for name in event_tables(db)))
    return db


def zero_rows(db: Path) -> Path:
    small_source(db)
    sql(db, "delete from wecheer_prod.tracks")
    sql(db, *(f'delete from wecheer_prod."{name}"' for name in event_tables(db)))
    return db


REFUSED_SOURCES = {
    "empty DuckDB file": (empty_file, "no source schema wecheer_prod in"),
    "source in another schema": (
        source_in_another_schema,
        "no source schema wecheer_prod in",
    ),
    "only tracks": (only_tracks, "has no event table (only tracks)"),
    "zero rows": (zero_rows, "hold no rows"),
}


@pytest.mark.parametrize("case", REFUSED_SOURCES)
@pytest.mark.parametrize("command", ["qa", "build"])
def test_a_source_that_cannot_be_checked_is_refused_without_writing(tmp_path, case, command):
    make, phrase = REFUSED_SOURCES[case]
    db = make(tmp_path / "w.duckdb")
    before = fingerprint(db)
    completed = wecheer(command, "--db", str(db))
    assert_one_line_error(completed, EXIT_UNUSABLE, command, phrase)
    assert fingerprint(db) == before


def test_the_refusal_names_the_schemas_that_hold_tables(tmp_path):
    db = source_in_another_schema(tmp_path / "w.duckdb")
    completed = wecheer("qa", "--db", str(db))
    assert_one_line_error(completed, EXIT_UNUSABLE, "qa", "(schemas with tables: segment_events)")
    assert "--vars '{wecheer_schema: <schema>}'" in completed.stderr


def test_a_schema_named_in_vars_that_does_not_exist_is_refused(tmp_path):
    db = small_source(tmp_path / "w.duckdb")
    before = fingerprint(db)
    for command in ("qa", "build"):
        completed = wecheer(command, "--db", str(db), "--vars", "{wecheer_schema: wecheer_nope}")
        assert_one_line_error(completed, EXIT_UNUSABLE, command, "no source schema wecheer_nope")
    assert fingerprint(db) == before


def test_json_errors_are_json_on_stdout(tmp_path):
    db = empty_file(tmp_path / "w.duckdb")
    completed = wecheer("qa", "--db", str(db), "--format", "json")
    line = assert_one_line_error(completed, EXIT_UNUSABLE, "qa")
    payload = json.loads(completed.stdout)
    assert payload["exit_code"] == EXIT_UNUSABLE
    assert payload["error"].startswith("no source schema wecheer_prod")
    assert payload["hint"] and payload["error"] in line


def test_qa_in_json_on_a_source_in_another_schema_prints_only_json(tmp_path):
    """Named with --vars, the source is checked; dbt's log stays off stdout."""
    db = source_in_another_schema(tmp_path / "w.duckdb")
    last = max(r.standard()["received_at"] for r in steady_programme(START, days=10, users=2))
    variables = {"wecheer_schema": "segment_events", "wecheer_qa_as_of": str(last)}
    completed = wecheer("qa", "--db", str(db), "--format", "json", "--vars", json.dumps(variables))
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    assert completed.stderr == ""
    payload = json.loads(completed.stdout)  # the whole of stdout is the report
    assert payload["summary"] == {"fail": 0, "warn": 0, "pass": len(QA_CHECK_NAMES)}
    assert {check["total_rows"] for check in payload["checks"]} == {60, 1}


def test_segment_tables_renamed_with_vars_are_not_event_tables():
    """The check before a build takes Segment's own tables under the identifier vars given with
    --vars, as the models do (macro wecheer_segment_tables)."""
    given = warehouse.project_vars("{wecheer_tracks_identifier: Seg_Tracks}")
    assert {"seg_tracks", "tracks", "identifies", "users"} <= warehouse.segment_tables(given)
    assert "seg_tracks" not in warehouse.segment_tables(warehouse.project_vars())


# --- files that are not warehouses, and warehouses held by another process ----------------------


def test_a_text_file_as_warehouse_is_one_line_for_every_command(tmp_path):
    db = tmp_path / "notes.duckdb"
    db.write_text("not a database\n")
    before = fingerprint(db)
    for command, extra in (
        ("qa", []),
        ("qa", ["--no-build"]),
        ("build", []),
        ("report", ["--out", str(tmp_path / "reports")]),
        ("generate", ["--events", "1000"]),
    ):
        completed = wecheer(command, "--db", str(db), *extra)
        assert_one_line_error(completed, EXIT_UNUSABLE, command, "is not a DuckDB database")
    assert fingerprint(db) == before


@pytest.fixture
def held_warehouse(tmp_path):
    """A warehouse opened read-write by another process: (file, that process's PID)."""
    db = small_source(tmp_path / "w.duckdb")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
            "print('ready', flush=True); time.sleep(300)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield db, holder.pid
    finally:
        holder.kill()
        holder.wait()


def test_a_warehouse_held_by_another_process_names_its_pid(held_warehouse):
    db, pid = held_warehouse
    before = fingerprint(db)
    for command, extra in (
        ("qa", []),
        ("build", []),
        ("report", []),
        ("generate", ["--events", "1000", "--replace"]),
    ):
        completed = wecheer(command, "--db", str(db), *extra)
        assert_one_line_error(
            completed, EXIT_UNUSABLE, command, "another process", f"or stop PID {pid}"
        )
    assert fingerprint(db) == before


# --- dbt's own errors through wecheer build ---------------------------------------------------


def test_a_misspelt_dbt_option_is_a_usage_error(tmp_path):
    db = small_source(tmp_path / "w.duckdb")
    completed = wecheer("build", "--db", str(db), "--selct", "foo")
    assert_one_line_error(completed, EXIT_USAGE, "build", "No such option '--selct'")


@pytest.mark.parametrize(
    ("fail_share", "message"),
    [
        # found when the model runs (the seed is read): the model fails
        ("{missing_idz: 0.1}", "model wecheer__source_qa failed: var wecheer_qa_fail_share: "),
        # found when dbt parses the project: dbt stops before it builds anything
        ("{missing_ids: 2}", "dbt: var wecheer_qa_fail_share: the share of missing_ids must be"),
    ],
)
def test_dbts_own_error_is_one_line(tmp_path, fail_share, message):
    db = small_source(tmp_path / "w.duckdb")
    completed = wecheer(
        "build",
        "--db",
        str(db),
        "--select",
        "wecheer_qa_checks",
        "wecheer__source_qa",
        "--indirect-selection",
        "cautious",
        "--vars",
        f"{{wecheer_qa_fail_share: {fail_share}}}",
    )
    assert_one_line_error(completed, EXIT_BUILD_FAILED, "build", message, "logs/dbt.log")


# --- usage errors are exit 64 for every subcommand --------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["frobnicate"],
        ["qa", "--bogus"],
        ["qa", "--format", "xml"],
        ["report", "--advertisr", "7"],
        ["generate", "--events", "many"],
        ["generate", "--events", "0"],
        ["load-postgres", "--bogus"],
        ["load-spark"],
    ],
    ids=lambda args: " ".join(args) or "no command",
)
def test_usage_errors_exit_64_in_one_line(tmp_path, args):
    completed = wecheer(*args, env={"WECHEER_DUCKDB": str(tmp_path / "w.duckdb")})
    command = args[0] if args and args[0] != "frobnicate" else None
    assert_one_line_error(completed, EXIT_USAGE, command)
    assert "--help`" in completed.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_json_usage_errors_are_json_too(tmp_path):
    completed = wecheer("qa", "--format", "json", "--strict", "--bogus")
    assert completed.returncode == EXIT_USAGE
    assert json.loads(completed.stdout)["exit_code"] == EXIT_USAGE


# --- servers and folders ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_no_postgresql_server_names_host_port_and_the_variables(tmp_path):
    db = small_source(tmp_path / "w.duckdb")
    port = free_port()
    env = {"WECHEER_PG_HOST": "127.0.0.1", "WECHEER_PG_PORT": str(port)}
    completed = wecheer("load-postgres", "--db", str(db), env=env)
    assert_one_line_error(
        completed,
        EXIT_UNUSABLE,
        "load-postgres",
        f"cannot connect to PostgreSQL at 127.0.0.1:{port}",
        "WECHEER_PG_HOST, WECHEER_PG_PORT",
    )
    completed = wecheer("build", "--target", "postgres", env=env)
    assert_one_line_error(
        completed, EXIT_UNUSABLE, "build", "dbt cannot connect to the warehouse", f"port {port}"
    )


def test_a_folder_that_cannot_be_created_is_one_line(tmp_path):
    a_file = tmp_path / "a_file"
    a_file.write_text("")
    inside_a_file = a_file / "data" / "w.duckdb"
    completed = wecheer("generate", "--db", str(inside_a_file), "--events", "1000")
    assert_one_line_error(completed, EXIT_UNUSABLE, "generate", f"cannot use {a_file}")
    db = small_source(tmp_path / "w.duckdb")
    sql(  # QA results to report (as a build leaves them)
        db,
        "create table wecheer__source_qa as select 1 as check_order, 'freshness' as check_name, "
        "'pass' as status, 0 as failing_rows, 1 as total_rows, 'ok' as detail, "
        "current_localtimestamp() as checked_at",
    )
    completed = wecheer("qa", "--db", str(db), "--no-build", "-o", str(a_file / "qa.md"))
    assert_one_line_error(completed, EXIT_UNUSABLE, "qa", f"cannot use {a_file}")
    assert a_file.read_text() == ""


# --- nothing half-written ---------------------------------------------------------------------


def source_state(db: Path) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables order by 1, 2"
        ).fetchall()
        return {
            (schema, name): con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
            for schema, name in tables
        }


def test_an_interrupted_generate_leaves_the_previous_source(tmp_path):
    db = tmp_path / "w.duckdb"
    assert wecheer("generate", "--db", str(db), "--events", "2000", "--quiet").returncode == 0
    before = source_state(db)
    generating = subprocess.Popen(
        [sys.executable, "-m", "wecheer.cli", "generate", "--db", str(db), "--replace"]
        + ["--events", "5000000", "--workers", "1", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(5)  # importing, then simulating and writing the first chunks
    generating.send_signal(signal.SIGINT)
    out, err = generating.communicate(timeout=120)
    assert generating.returncode == EXIT_INTERRUPTED, err
    assert err.splitlines() == ["wecheer generate: error: interrupted (run it again)"]
    assert "Traceback" not in out + err
    assert source_state(db) == before


def test_qa_output_file_is_written_whole_or_not_at_all(tmp_path):
    from wecheer.qa_cli import write_whole

    report = tmp_path / "qa.md"
    report.write_text("previous report\n")
    write_whole(report, "new report\n")
    assert report.read_text() == "new report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["qa.md"]


def test_a_row_without_received_at_still_gives_qa_results(tmp_path):
    """Not an error: one event-table row without received_at (and not in tracks) is a parity
    finding whose text says so, and every check still reports."""
    rows = steady_programme(START, days=10, users=2)
    rows.append(Row("Scan Receipt", START + timedelta(days=3), in_tracks=False))
    db = tmp_path / "w.duckdb"
    write_source(db, rows)
    sql(db, f"update wecheer_prod.scan_receipt set received_at = null where id = '{rows[-1].id}'")
    last = max(r.standard()["received_at"] for r in rows)
    as_of = json.dumps({"wecheer_qa_as_of": str(last)})
    completed = wecheer("qa", "--db", str(db), "--format", "json", "--vars", as_of)
    assert completed.returncode == 0, completed.stderr
    checks = {c["check_name"]: c for c in json.loads(completed.stdout)["checks"]}
    parity = checks.pop("tracks_parity")
    assert (parity["status"], parity["failing_rows"]) == ("warn", 1)
    assert "scan_receipt on (no received_at): 1 rows, tracks has 0" in parity["detail"]
    assert {check["status"] for check in checks.values()} == {"pass"}
