"""Determinism, naming modes, successive syncs, the data-lake layout and argument errors."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from support.generator import columns, connect, event_tables, generate


def fingerprint(db: Path) -> dict[str, tuple]:
    """(rows, order-independent hash of all rows) per table of every generated schema."""
    con = connect(db)
    tables = con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_schema like 'wecheer_%' order by 1, 2"
    ).fetchall()
    out = {}
    for schema, table in tables:
        out[f"{schema}.{table}"] = con.execute(
            f'select count(*), sum(hash(t)) from {schema}."{table}" t'
        ).fetchone()
    con.close()
    return out


def test_same_seed_gives_identical_data_whatever_the_chunking_and_workers(tmp_path):
    args = ("--events", "25000", "--seed", "5", "--faults", "realistic", "--naming", "mixed")
    generate(tmp_path / "a.duckdb", *args, "--chunk-size", "100000")
    generate(tmp_path / "b.duckdb", *args, "--chunk-size", "3000", "--workers", "2")
    a, b = fingerprint(tmp_path / "a.duckdb"), fingerprint(tmp_path / "b.duckdb")
    assert a == b
    assert len(a) > 60
    generate(tmp_path / "c.duckdb", "--events", "25000", "--seed", "6")
    assert fingerprint(tmp_path / "c.duckdb")["wecheer_prod.tracks"] != a["wecheer_prod.tracks"]


def test_tables_held_in_memory_or_spooled_to_files_give_the_same_data(tmp_path, monkeypatch):
    from wecheer.generator import run

    args = ("--events", "25000", "--seed", "5", "--faults", "realistic", "--chunk-size", "3000")
    generate(tmp_path / "held.duckdb", *args)
    monkeypatch.setattr(run, "HOLD_BYTES", 2 << 20)  # a few chunks held, the rest spooled
    generate(tmp_path / "mixed.duckdb", *args)
    monkeypatch.setattr(run, "HOLD_BYTES", 0)
    generate(tmp_path / "files.duckdb", *args)
    held = fingerprint(tmp_path / "held.duckdb")
    assert fingerprint(tmp_path / "mixed.duckdb") == held
    assert fingerprint(tmp_path / "files.duckdb") == held


def test_wire_naming_sends_camelcase_names_and_prefixes_the_user_id_property(tmp_path):
    db = tmp_path / "w.duckdb"
    assert generate(db, "--events", "20000", "--naming", "wire") == 0
    con = connect(db)
    tables = set(event_tables(con))
    assert "handshake_qrin_valid" in tables and "handshake_qr_invalid" not in tables
    assert "_user_id" in columns(con, "scan_receipt")
    text = con.execute("select distinct event_text from wecheer_prod.scan_receipt").fetchall()
    assert text == [("ScanReceipt",)]
    con.close()


def test_mixed_naming_switches_spelling_on_the_given_day(tmp_path):
    db = tmp_path / "w.duckdb"
    args = ("--events", "30000", "--naming", "mixed", "--naming-switch", "2026-02-01")
    assert generate(db, *args) == 0
    con = connect(db)
    tables = set(event_tables(con))
    assert {"handshake_qr_valid", "handshake_qrvalid", "handshake_qr_invalid"} <= tables
    wrong = con.execute(
        """select count(*) from wecheer_prod.tracks
           where (event_text like '% %') <> ("timestamp" < timestamp '2026-02-01')
             and event_text <> 'Consumption'"""
    ).fetchone()[0]
    assert wrong == 0
    con.close()


def test_append_adds_a_later_sync_with_late_arrivals_and_rewrites_the_truth(tmp_path):
    db = tmp_path / "w.duckdb"
    assert generate(db, "--events", "20000", "--days", "30", "--faults", "hostile") == 0
    con = connect(db)
    first_ids = con.execute("select count(*) from wecheer_prod.tracks").fetchone()[0]
    con.close()
    assert generate(db, "--append", "--days", "14") == 0
    con = connect(db)
    runs = con.execute(
        "select sync_number, period_start, period_end, as_of from wecheer_truth.runs"
    ).fetchall()
    assert [r[0] for r in runs] == [1, 2]
    assert runs[1][1] == runs[0][2] and runs[1][3] > runs[0][3]
    late_for_earlier_days = con.execute(
        """select count(*) from wecheer_prod.tracks
           where "timestamp" < (select period_start from wecheer_truth.runs where sync_number = 2)
             and received_at > (select as_of from wecheer_truth.runs where sync_number = 1)"""
    ).fetchone()[0]
    assert late_for_earlier_days > 0
    total = con.execute("select count(*) from wecheer_prod.tracks").fetchone()[0]
    assert total > first_ids
    scans = con.execute(
        """select count(distinct id), (select count(*) from wecheer_truth.receipt_attempts)
           from wecheer_prod.scan_receipt"""
    ).fetchone()
    assert scans[0] == scans[1]
    con.close()


def test_parquet_writes_the_data_lake_layout(tmp_path):
    out = tmp_path / "lake"
    db = tmp_path / "w.duckdb"
    assert generate(db, "--events", "20000", "--format", "parquet", "--out", str(out)) == 0
    folders = {p.name for p in out.iterdir()}
    assert "segment_type=scan_receipt" in folders and "segment_type=tracks" not in folders
    days = list((out / "segment_type=scan_receipt").glob("day=*/hr=*/*.parquet"))
    assert days
    con = duckdb.connect()
    rows = con.execute(
        f"select count(*), count(distinct day) from read_parquet('{out}/*/*/*/*.parquet', "
        "hive_partitioning = true, union_by_name = true) where segment_type <> 'identifies'"
    ).fetchone()
    truth = connect(db)
    unique = truth.execute("select sum(unique_events) from wecheer_truth.event_counts").fetchone()
    assert rows[0] == unique[0] and rows[1] > 20
    hours = con.execute(
        f"select count(*) from read_parquet('{out}/*/*/*/*.parquet', hive_partitioning = true) "
        "where hr <> strftime(received_at, '%H') or day <> strftime(received_at, '%Y-%m-%d')"
    ).fetchone()
    assert hours == (0,)
    assert truth.execute(
        "select count(*) from information_schema.tables where table_schema = 'wecheer_prod'"
    ).fetchone() == (0,)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--events", "-5"), "--events must be a positive number"),
        (("--start", "2026-03-01", "--end", "2026-02-01"), "must be after --start"),
        (("--chunk-size", "0"), "--chunk-size must be a positive number"),
        (("--workers", "-1"), "--workers must be 0 (automatic) or a positive number"),
        (("--duplicate-rate", "2"), "between 0 and 0.5"),
    ],
)
def test_bad_arguments_get_a_one_line_error_and_exit_64(tmp_path, capsys, args, message):
    db = tmp_path / "w.duckdb"
    assert generate(db, *args) == 64
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not db.exists()


def test_automatic_workers_start_two_processes_only_for_runs_of_many_chunks(tmp_path):
    import os

    from wecheer.generator.config import (
        AUTO_WORKERS_MIN_CHUNKS,
        GeneratorConfig,
        Period,
        auto_workers,
        epoch_of,
    )
    from wecheer.generator.run import Target
    from wecheer.generator.run import generate as run_generate

    assert auto_workers(AUTO_WORKERS_MIN_CHUNKS - 1, cpus=8) == 1
    assert auto_workers(AUTO_WORKERS_MIN_CHUNKS, cpus=2) == 2
    assert auto_workers(1000, cpus=1) == 1
    two_if_cores = 2 if (os.cpu_count() or 1) >= 2 else 1
    for chunk_size, expected in ((1_000, two_if_cores), (250_000, 1)):
        cfg = GeneratorConfig(events=20_000, seed=4, chunk_size=chunk_size)  # workers=0: auto
        assert cfg.workers == 0
        start = epoch_of(cfg.start)
        cfg = cfg.with_periods((Period(start, start + cfg.days * 86400),))
        summary = run_generate(cfg, Target(db=tmp_path / f"{chunk_size}.duckdb", mode="replace"))
        assert summary.workers == expected


def test_existing_schema_is_refused_without_append_or_replace_and_left_intact(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    assert generate(db, "--events", "20000") == 0
    before = fingerprint(db)
    assert generate(db, "--events", "20000", "--seed", "9") == 64
    assert "use --append" in capsys.readouterr().err
    assert fingerprint(db) == before
    assert generate(db, "--events", "20000", "--seed", "9", "--replace") == 0
    assert fingerprint(db) != before


def test_append_to_a_missing_schema_is_an_error(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    assert generate(db, "--append") == 64
    assert "does not exist" in capsys.readouterr().err


def test_a_failure_midway_leaves_nothing_half_written(tmp_path, monkeypatch, capsys):
    db = tmp_path / "w.duckdb"
    assert generate(db, "--events", "20000") == 0
    before = fingerprint(db)
    from wecheer.generator import run

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(run, "write_users", boom)
    # an unexpected error: one line (exit 70), not a traceback
    assert generate(db, "--events", "20000", "--seed", "3", "--replace") == 70
    assert "error: unexpected RuntimeError: disk full" in capsys.readouterr().err
    assert fingerprint(db) == before


def test_a_failure_while_tracks_stream_in_leaves_nothing_behind(tmp_path, monkeypatch, capsys):
    """A chunk fails while DuckDB is inserting `tracks` from the stream of chunks: the error is
    raised as itself, the database is as before, and no spooled chunk is left."""
    db = tmp_path / "w.duckdb"
    assert generate(db, "--events", "20000") == 0
    before = fingerprint(db)
    from wecheer.generator import chunks

    simulate = chunks.simulate_consumers
    calls = []

    def fails_on_the_third_chunk(*args, **kwargs):
        calls.append(1)
        if len(calls) == 4:  # the pilot run, then two chunks
            raise RuntimeError("simulation failed")
        return simulate(*args, **kwargs)

    monkeypatch.setattr(chunks, "simulate_consumers", fails_on_the_third_chunk)
    code = generate(db, "--events", "20000", "--seed", "3", "--replace", "--chunk-size", "4000")
    assert code == 70 and "unexpected RuntimeError: simulation failed" in capsys.readouterr().err
    assert len(calls) == 4
    assert fingerprint(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb"]


def test_help_documents_every_option(capsys):
    from wecheer.cli import main

    with pytest.raises(SystemExit):
        main(["generate", "--help"])
    text = capsys.readouterr().out
    for option in ("--db", "--schema", "--reference-schema", "--truth-schema", "--events",
                   "--seed", "--start", "--days", "--end", "--faults", "--duplicate-rate",
                   "--naming", "--naming-switch", "--append", "--replace", "--format", "--out",
                   "--chunk-size", "--workers", "--progress", "--incidents",
                   "--no-incidents"):  # fmt: skip
        assert option in text
