"""One `wecheer generate` run: check the target, cut the work into chunks, run them (in worker
processes or here) while DuckDB inserts their rows, then write the reference data and the truth,
and commit everything at once (DuckDB) or swap the new folder in (Parquet)."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pyarrow as pa

from wecheer.generator.arrays import DAY
from wecheer.generator.chunks import chunk_tasks, init_worker, process_chunk, user_rate
from wecheer.generator.config import GeneratorConfig, auto_workers
from wecheer.generator.events import N_CODES
from wecheer.generator.lake import export_lake
from wecheer.generator.progress import Progress
from wecheer.generator.reference import write_reference
from wecheer.generator.sink import DuckDBSink, quote, write_users
from wecheer.generator.spool import BATCH_ROWS, Piece, Spool, piece_batches, read_pieces
from wecheer.generator.target import GenerateError, Target, check_target, connect
from wecheer.generator.truth import Totals, write_truth
from wecheer.generator.truth_tables import FAULT_CHECKS, alias_rows
from wecheer.generator.volume import volume_anomalies
from wecheer.generator.world import World, build_world
from wecheer.generator.writer import IN_TRACKS, TRACKS_SCHEMA

__all__ = ["GenerateError", "Summary", "Target", "generate"]

# Chunks simulated in this process keep their tables in memory up to this size, then spool
# them to files (worker processes always write files).
HOLD_BYTES = 256 << 20


@dataclass
class Summary:
    sync_number: int = 0
    events_written: int = 0
    track_rows: int = 0
    event_table_rows: int = 0
    seconds: float = 0.0
    workers: int = 1  # worker processes used (after --workers 0 was resolved)
    tables: list[str] = field(default_factory=list)


def generate(
    cfg: GeneratorConfig,
    target: Target,
    append_days: int | None = None,
    append_end: int | None = None,
) -> Summary:
    """Generate (or append) one sync. Everything is written in one transaction (DuckDB) or
    into a temporary folder that replaces the output at the end (Parquet)."""
    started = time.perf_counter()
    db_path = Path(target.db)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    con = connect(db_path)
    try:
        cfg, previous_runs = check_target(con, cfg, target, append_days, append_end)
    finally:
        con.close()
    world = build_world(cfg)
    rate = user_rate(cfg, world)
    tasks = chunk_tasks(cfg, world, rate)
    if cfg.workers == 0:
        cfg = replace(cfg, workers=auto_workers(len(tasks)))
    # Beside the database: the chunks' tables wait there until each table is inserted whole.
    folder = Path(tempfile.mkdtemp(prefix=f".{db_path.name}.spool-", dir=db_path.parent))
    spool = Spool(folder, hold_bytes=0 if cfg.workers > 1 else HOLD_BYTES)
    pool = None
    try:
        if cfg.workers > 1:
            # Forked before the warehouse is opened: DuckDB's threads must not be forked.
            context = multiprocessing.get_context("fork")
            pool = context.Pool(
                cfg.workers, initializer=init_worker, initargs=(cfg, world, rate, spool, True)
            )
        else:
            init_worker(cfg, world, rate, spool)
        con = connect(db_path)
        try:
            summary = _write(con, cfg, world, tasks, pool, target, previous_runs)
        finally:
            con.close()
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        shutil.rmtree(spool.folder, ignore_errors=True)
    summary.sync_number = cfg.sync_number
    summary.workers = cfg.workers
    summary.seconds = time.perf_counter() - started
    return summary


def _write(con, cfg, world: World, tasks, pool, target: Target, previous_runs) -> Summary:
    lake_tmp: Path | None = None
    raw_schema = target.schema
    con.execute("set preserve_insertion_order = false")
    con.execute("set memory_limit = '600MB'")  # DuckDB's share of the 2 GB budget
    con.execute("begin transaction")
    try:
        if target.format == "parquet":
            raw_schema = f"_wecheer_lake_{os.getpid()}"
        if target.mode == "replace" and target.format == "duckdb":
            con.execute(f"drop schema if exists {quote(raw_schema)} cascade")
        con.execute(f"create schema if not exists {quote(raw_schema)}")
        for schema in (target.reference_schema, target.truth_schema):
            con.execute(f"drop schema if exists {quote(schema)} cascade")
            con.execute(f"create schema {quote(schema)}")
        sink = DuckDBSink(con, raw_schema)
        summary, totals = _run_chunks(cfg, world, tasks, pool, sink, target)
        write_reference(con, cfg, world, target.reference_schema)
        rows = (summary.track_rows, summary.event_table_rows)
        write_truth(con, cfg, world, target.truth_schema, totals, rows, previous_runs)
        write_users(con, raw_schema)
        if target.format == "parquet":
            lake_tmp = export_lake(con, raw_schema, Path(target.out))
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        if lake_tmp is not None:
            shutil.rmtree(lake_tmp, ignore_errors=True)
        raise
    if lake_tmp is not None:
        # DuckDB cannot drop, in the transaction that created it, a schema it wrote to.
        con.execute(f"drop schema {quote(raw_schema)} cascade")
        out = Path(target.out)
        if out.exists():
            shutil.rmtree(out)
        lake_tmp.rename(out)
    return summary


def _run_chunks(cfg, world: World, tasks, pool, raw: DuckDBSink, target) -> tuple[Summary, Totals]:
    """Simulate the chunks while DuckDB inserts `tracks` from them in one statement (the rows
    stream in as chunks finish), then insert each spooled raw table whole. The spooled truth
    pieces are left for the truth writer."""
    progress = Progress(len(tasks), target.progress)
    totals = Totals(
        faults=dict.fromkeys(FAULT_CHECKS, 0),
        unique=np.zeros(N_CODES, np.int64),
        spelling=np.zeros(2 * N_CODES, np.int64),
        participants=np.zeros(world.n_campaigns, np.int64),
        punchcard_events=np.zeros(world.n_campaigns, np.int64),
    )
    summary = Summary()
    pieces: dict[str, dict[str, list[Piece]]] = {"raw": {}, "truth": {}}
    if pool is not None:
        # Results are small (the rows are in the spool), so workers may run ahead.
        results = pool.imap(process_chunk, enumerate(tasks))
    else:
        results = map(process_chunk, enumerate(tasks))
    failure: list[BaseException] = []

    def tracks_batches():
        """Runs inside DuckDB's scan of the stream: an error is kept to be raised as itself."""
        try:
            for out in results:
                for where, piece in out.pieces:
                    pieces[where].setdefault(piece.table, []).append(piece)
                for check, count in out.faults.items():
                    totals.faults[check] += count
                totals.unique += out.unique_events
                totals.spelling += out.spelling_rows
                totals.participants += out.participants
                totals.punchcard_events += out.punchcard_events
                totals.volume = out.volume + (0 if totals.volume is None else totals.volume)
                totals.last_received = max(totals.last_received, out.last_received)
                totals.as_of = max(totals.as_of, out.as_of)
                summary.events_written += out.events_written
                progress.step(out.events_written)
                if isinstance(out.tracks, Piece):
                    yield from piece_batches([out.tracks], TRACKS_SCHEMA)
                elif out.tracks is not None:
                    yield from out.tracks.to_batches(max_chunksize=BATCH_ROWS)
        except BaseException as error:
            failure.append(error)
            raise

    tracks_existed = "tracks" in raw.columns
    try:
        stream = pa.RecordBatchReader.from_batches(TRACKS_SCHEMA, tracks_batches())
        summary.track_rows = raw.write("tracks", stream, keep=IN_TRACKS)
    except Exception:
        if failure:
            raise failure[0] from None
        raise
    finally:
        progress.close()
    if summary.track_rows == 0 and not tracks_existed:
        raw.con.execute(f"drop table {quote(raw.schema)}.tracks")
        del raw.columns["tracks"]
    for name, parts in pieces["raw"].items():
        rows = raw.write(name, read_pieces(parts))
        if name != "identifies":
            summary.event_table_rows += rows
    totals.truth_pieces = pieces["truth"]
    totals.faults["event_name_aliases"] = alias_rows(totals.spelling)
    totals.faults["volume_anomalies"] = volume_anomalies(
        totals.volume, cfg.first_period.start // DAY, totals.last_received
    )
    summary.tables = sorted(raw.columns)
    return summary, totals
