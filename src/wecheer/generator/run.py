"""Orchestration of one `wecheer generate` run: chunks, workers, sinks, truth, atomic commit."""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from wecheer.generator import rng
from wecheer.generator.config import FaultRates, GeneratorConfig, Period, auto_workers, date_of
from wecheer.generator.events import N_CODES, E
from wecheer.generator.faults import (
    Rows,
    add_unplanned,
    deliver,
    fault_counts,
    load_times,
    table_of,
)
from wecheer.generator.journeys import (
    DAY,
    US,
    simulate_consumers,
    simulate_staff,
    user_traits,
)
from wecheer.generator.truth import (
    FAULT_CHECKS,
    alias_rows,
    attempts_table,
    cards_table,
    event_counts_table,
    outcome_case_sql,
)
from wecheer.generator.world import CONSUMER_ID_BASE, World, build_world
from wecheer.generator.writer import (
    BATCH_ROWS,
    TRACKS_SCHEMA,
    DuckDBSink,
    Piece,
    Spool,
    event_tables,
    identify_table,
    piece_batches,
    quote,
    read_pieces,
)

PILOT_USERS = 2000
# Chunks simulated in this process keep their tables in memory up to this size, then spool
# them to files (worker processes always write files).
HOLD_BYTES = 256 << 20
STAFF_SHARE = 0.04


class GenerateError(Exception):
    """A problem with the arguments or the target; reported as one line."""


@dataclass
class Target:
    db: Path
    schema: str = "wecheer_prod"
    reference_schema: str = "wecheer_reference"
    truth_schema: str = "wecheer_truth"
    mode: str = "create"  # create | replace | append
    format: str = "duckdb"
    out: Path | None = None
    progress: bool = False


@dataclass
class ChunkOutput:
    pieces: list[tuple[str, Piece]]  # ("raw" or "truth", a spooled piece of a table)
    tracks: pa.Table | Piece | None  # in memory when simulated in this process
    faults: dict[str, int]
    unique_events: np.ndarray
    spelling_rows: np.ndarray
    participants: np.ndarray  # per campaign index
    as_of: int
    events_written: int


@dataclass
class Summary:
    sync_number: int = 0
    events_written: int = 0
    track_rows: int = 0
    event_table_rows: int = 0
    seconds: float = 0.0
    workers: int = 1  # worker processes used (after --workers 0 was resolved)
    tables: list[str] = field(default_factory=list)
    truth_pieces: dict[str, list[Piece]] = field(default_factory=dict)


# ---------------------------------------------------------------- calibration and chunks


def user_rate(cfg: GeneratorConfig, world: World) -> float:
    """Consumers joining per day so that the first period holds about `events` track events."""
    first = cfg.first_period
    days = (first.end - first.start) / DAY
    pilot_rate = PILOT_USERS / days
    sim = simulate_consumers(cfg, world, 0, PILOT_USERS, pilot_rate, first.end)
    counted = max(int(sim.events["key"].size), 1)
    return pilot_rate * cfg.events * (1 - STAFF_SHARE) / counted


def chunk_tasks(cfg: GeneratorConfig, rate: float) -> list[tuple[int, int]]:
    """Consumer index ranges, then (-1, -1) for the staff."""
    horizon_days = (cfg.current.end - cfg.first_period.start) / DAY
    n_users = int(math.ceil(rate * horizon_days))
    first_days = (cfg.first_period.end - cfg.first_period.start) / DAY
    events_per_user = cfg.events / max(rate * first_days, 1.0)
    per_chunk = max(50, int(cfg.chunk_size / max(events_per_user, 1.0)))
    tasks = [(lo, min(lo + per_chunk, n_users)) for lo in range(0, n_users, per_chunk)]
    return tasks + [(-1, -1)]


# ---------------------------------------------------------------- one chunk (worker side)


_STATE: dict = {}


def _init_worker(cfg: GeneratorConfig, world: World, rate: float, spool: Spool,
                 in_worker: bool = False) -> None:  # fmt: skip
    _STATE.update(cfg=cfg, world=world, rate=rate, spool=spool, in_worker=in_worker)


def _identify_rows(cfg: GeneratorConfig, ident: dict[str, np.ndarray]):
    key = rng.draw(ident["key"], 99)
    t = (ident["t"] + 1) * US + rng.integers(key, 7, 0, US // 2)
    batch = rng.integers(key, 102, US // 5, 240 * US)
    network = rng.integers(key, 103, US // 20, 3 * US)
    clock = rng.integers(key, 101, -2 * US, 2 * US)
    received = t + batch + network
    ends = np.array([p.end for p in cfg.periods], dtype=np.int64) * US
    sync = np.searchsorted(ends, received, side="right") + 1
    return {
        "key": key,
        "user": ident["user"],
        "original_timestamp": t + clock,
        "sent_at": t + clock + batch + network,
        "received_at": received,
        "uuid_ts": load_times(received),
        "version": np.where(t >= cfg.switch_epoch * US, "2.4.0", "2.3.1"),
    }, sync


def process_chunk(task: tuple[int, tuple[int, int]]) -> ChunkOutput:
    """Simulate one chunk; its tables go to the spool (tracks too, in a worker process)."""
    cfg: GeneratorConfig = _STATE["cfg"]
    world: World = _STATE["world"]
    rate: float = _STATE["rate"]
    spool: Spool = _STATE["spool"]
    horizon = cfg.current.end
    chunk, (lo, hi) = task
    if lo < 0:
        first = cfg.first_period
        per_day = cfg.events / ((first.end - first.start) / DAY)
        sim = simulate_staff(cfg, world, per_day, horizon)
    else:
        sim = simulate_consumers(cfg, world, lo, hi, rate, horizon)
    events = add_unplanned(sim.events, cfg)
    rows = deliver(events, cfg)
    k = cfg.sync_number
    delivered: Rows = rows.take(np.flatnonzero(rows.sync <= k))
    now = rows.take(np.flatnonzero(rows.sync == k))
    tables, tracks = event_tables(events, now, cfg)

    ident, ident_sync = _identify_rows(cfg, sim.identifies)
    pick = np.flatnonzero(ident_sync == k)
    identifies = None
    if pick.size:
        ident_now = {name: values[pick] for name, values in ident.items()}
        traits = user_traits(cfg.seed, ident_now["user"] - CONSUMER_ID_BASE)
        identifies = identify_table(ident_now, traits)
    as_of = int(delivered.received_at.max()) if delivered.ev.size else 0
    if np.any(ident_sync <= k):
        as_of = max(as_of, int(ident["received_at"][ident_sync <= k].max()))

    code = events["code"][delivered.ev]
    originals = delivered.copy == 0
    unique_events = np.bincount(code[originals], minlength=N_CODES)
    spelling_rows = np.bincount(
        table_of(code[originals], delivered.wire[originals]), minlength=2 * N_CODES
    )
    user = events["user"][delivered.ev]
    camp = events["camp"][delivered.ev]
    ok = (code < len(E)) & ~delivered.user_null & ~delivered.camp_null & (camp >= 0)
    pairs = np.unique(user[ok] * 1_000_000 + camp[ok])
    camp_index = np.searchsorted(world.campaign_id, pairs % 1_000_000)
    participants = np.bincount(camp_index, minlength=world.n_campaigns)
    orphan_ids = world.campaign_id[world.orphan]
    parts = [("raw", name, table) for name, table in tables]
    parts += [
        ("raw", "identifies", identifies),
        ("truth", "_attempts", attempts_table(sim.attempts)),
        ("truth", "_cards", cards_table(sim.cards)),
    ]
    in_worker = _STATE["in_worker"]
    if in_worker:  # the parent maps the file rather than unpickling the rows
        parts.append(("tracks", "tracks", tracks))
    spooled = spool.put(chunk, [(name, table) for _, name, table in parts])
    pieces = [(where, piece) for (where, _, _), piece in zip(parts, spooled, strict=True) if piece]
    if in_worker:
        tracks = next((piece for where, piece in pieces if where == "tracks"), None)
        pieces = [(where, piece) for where, piece in pieces if where != "tracks"]
    return ChunkOutput(
        pieces=pieces,
        tracks=tracks,
        faults=fault_counts(events, delivered, cfg, orphan_ids),
        unique_events=unique_events,
        spelling_rows=spelling_rows,
        participants=participants,
        as_of=as_of,
        events_written=int((now.copy == 0).sum()),
    )


# ---------------------------------------------------------------- the run


def _schema_has_tables(con, schema: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ?", [schema]
        ).fetchone()[0]
    )


def _read_runs(con, truth_schema: str) -> list[dict]:
    if not _schema_has_tables(con, truth_schema):
        return []
    cursor = con.execute(f"select * from {quote(truth_schema)}.runs order by sync_number")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def config_for_append(runs: list[dict], days: int | None, end_epoch: int | None,
                      chunk_size: int, workers: int) -> GeneratorConfig:  # fmt: skip
    """The first sync's parameters, read back from the truth `runs` table, plus a new period."""
    params = json.loads(runs[0]["params"])
    periods = tuple(Period(int(r["period_start"].timestamp()), int(r["period_end"].timestamp()))
                    for r in runs)  # fmt: skip
    last_end = periods[-1].end
    first_days = (periods[0].end - periods[0].start) // DAY
    if end_epoch is not None:
        if end_epoch <= last_end:
            raise GenerateError(
                f"--end must be after the end of the data already delivered ({date_of(last_end)})"
            )
        new_end = end_epoch
    else:
        new_end = last_end + (days or first_days) * DAY
    cfg = GeneratorConfig(
        seed=params["seed"],
        events=params["events"],
        start=date_of(periods[0].start),
        days=first_days,
        faults=params["faults"],
        rates=FaultRates(**params["rates"]),
        naming=params["naming"],
        naming_switch=(
            None if params["naming_switch"] is None else date_of(params["naming_switch"])
        ),  # fmt: skip
        chunk_size=chunk_size,
        workers=workers,
    )
    return cfg.with_periods((*periods, Period(last_end, new_end)))


class _Progress:
    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.done, self.events = total, enabled, 0, 0
        self.started = time.perf_counter()

    def step(self, events: int) -> None:
        self.done += 1
        self.events += events
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / self.total)
        elapsed = time.perf_counter() - self.started
        rate = self.events / elapsed if elapsed else 0.0
        sys.stderr.write(
            f"\rgenerate [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} chunks"
            f"  {self.events:,} events  {rate:,.0f} events/s"
        )
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


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
    con = _connect(db_path)
    try:
        cfg, previous_runs = _check_target(con, cfg, target, append_days, append_end)
    finally:
        con.close()
    world = build_world(cfg)
    rate = user_rate(cfg, world)
    tasks = chunk_tasks(cfg, rate)
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
                cfg.workers, initializer=_init_worker, initargs=(cfg, world, rate, spool, True)
            )
        con = _connect(db_path)
        try:
            summary = _write(con, cfg, world, rate, tasks, pool, target, previous_runs, spool)
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


def _connect(db_path: Path):
    try:
        return duckdb.connect(str(db_path))
    except duckdb.Error as error:
        raise GenerateError(f"cannot open {db_path}: {str(error).splitlines()[0]}") from error


def _check_target(con, cfg, target: Target, append_days, append_end):
    raw_exists = _schema_has_tables(con, target.schema)
    if target.format == "parquet":
        if target.mode == "append":
            raise GenerateError("--append works with --format duckdb only")
        out = Path(target.out)
        if out.exists() and any(out.iterdir()) and target.mode != "replace":
            raise GenerateError(f"{out} exists and is not empty; use --replace to overwrite it")
    elif target.mode == "create" and raw_exists:
        raise GenerateError(
            f"schema {target.schema} already holds tables; use --append to add a sync "
            "or --replace to start over"
        )
    previous_runs: list[dict] = []
    if target.mode == "append":
        if not raw_exists:
            raise GenerateError(f"--append: schema {target.schema} does not exist")
        previous_runs = _read_runs(con, target.truth_schema)
        if not previous_runs:
            raise GenerateError(
                f"--append: no {target.truth_schema}.runs table describes {target.schema}"
            )
        cfg = config_for_append(previous_runs, append_days, append_end, cfg.chunk_size,
                                cfg.workers)  # fmt: skip
    return cfg, previous_runs


def _write(con, cfg, world, rate, tasks, pool, target: Target, previous_runs, spool) -> Summary:
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
        summary = _run_chunks(cfg, world, rate, tasks, pool, sink, target, spool)
        _write_reference(con, cfg, world, target.reference_schema)
        _write_truth(con, cfg, world, target, summary, previous_runs)
        _write_users(con, raw_schema)
        if target.format == "parquet":
            lake_tmp = _export_lake(con, raw_schema, Path(target.out))
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


def _run_chunks(cfg, world, rate, tasks, pool, raw: DuckDBSink, target, spool) -> Summary:
    """Simulate the chunks while DuckDB inserts `tracks` from them in one statement (the rows
    stream in as chunks finish), then insert each spooled raw table whole. The spooled truth
    pieces are left for `_write_truth`."""
    progress = _Progress(len(tasks), target.progress)
    totals = {
        "faults": dict.fromkeys(FAULT_CHECKS, 0),
        "unique": np.zeros(N_CODES, np.int64),
        "spelling": np.zeros(2 * N_CODES, np.int64),
        "participants": np.zeros(world.n_campaigns, np.int64),
        "as_of": 0,
    }
    summary = Summary()
    pieces: dict[str, dict[str, list[Piece]]] = {"raw": {}, "truth": {}}
    if pool is not None:
        # Results are small (the rows are in the spool), so workers may run ahead.
        results = pool.imap(process_chunk, enumerate(tasks))
    else:
        _init_worker(cfg, world, rate, spool)
        results = map(process_chunk, enumerate(tasks))
    failure: list[BaseException] = []

    def tracks_batches():
        """Runs inside DuckDB's scan of the stream: an error is kept to be raised as itself."""
        try:
            for out in results:
                for where, piece in out.pieces:
                    pieces[where].setdefault(piece.table, []).append(piece)
                for check, count in out.faults.items():
                    totals["faults"][check] += count
                totals["unique"] += out.unique_events
                totals["spelling"] += out.spelling_rows
                totals["participants"] += out.participants
                totals["as_of"] = max(totals["as_of"], out.as_of)
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
        summary.track_rows = raw.write("tracks", stream)
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
    summary.truth_pieces = pieces["truth"]
    totals["faults"]["event_name_aliases"] = alias_rows(totals["spelling"])
    summary.tables = sorted(raw.columns)
    summary.totals = totals
    return summary


def _write_reference(con, cfg: GeneratorConfig, world: World, schema: str) -> None:
    s = quote(schema)
    advertisers = pa.table(
        {
            "advertiser_id": pa.array(world.advertiser_id, pa.int64()),
            "advertiser_name": pa.array(world.advertiser_name),
            "industry": pa.array(world.industry),
        }
    )
    keep = ~world.orphan
    from wecheer.generator.world import MECHANICS

    ends = np.where(np.isfinite(world.end_day), world.end_day, 0)
    campaigns = pa.table(
        {
            "campaign_id": pa.array(world.campaign_id[keep], pa.int64()),
            "advertiser_id": pa.array(world.advertiser_id[world.campaign_advertiser][keep]),
            "campaign_name": pa.array(np.array(world.campaign_name)[keep]),
            "mechanic": pa.array(np.array(MECHANICS)[world.mechanic][keep]),
            "start_day": pa.array(np.floor(world.start_day[keep]).astype(np.int32)),
            "end_day": pa.array(
                np.floor(ends[keep]).astype(np.int32), mask=~np.isfinite(world.end_day[keep])
            ),
            "punchcard_stamps": pa.array(
                world.punch_stamps[keep].astype(np.int32), mask=world.punch_stamps[keep] == 0
            ),  # fmt: skip
            "punchcard_steps": pa.array(
                world.punch_steps[keep].astype(np.int32), mask=world.punch_steps[keep] == 0
            ),  # fmt: skip
            "audience": pa.array(np.array(world.audience)[keep]),
        }
    )
    con.register("_adv", advertisers)
    con.register("_camp", campaigns)
    start = cfg.first_period.start
    con.execute(f"create table {s}.advertisers as select * from _adv order by advertiser_id")
    con.execute(
        f"""create table {s}.campaigns as
        select campaign_id, advertiser_id, campaign_name, mechanic,
               (to_timestamp({start})::date + start_day)::date as starts_on,
               (to_timestamp({start})::date + end_day)::date as ends_on,
               punchcard_stamps, punchcard_steps, audience
        from _camp order by campaign_id"""
    )
    con.unregister("_adv")
    con.unregister("_camp")


def _write_truth(con, cfg, world, target, summary, previous_runs) -> None:
    s = quote(target.truth_schema)
    totals = summary.totals
    as_of = totals["as_of"]
    for run in previous_runs:
        as_of = max(as_of, int(run["as_of"].timestamp() * US))
    as_of_sql = f"make_timestamp({as_of})"
    # Read from the spooled chunks (a replacement scan of these locals), or from empty tables.
    spooled = summary.truth_pieces
    _wecheer_attempts = read_pieces(spooled["_attempts"]) if "_attempts" in spooled else None  # noqa: F841
    _wecheer_cards = read_pieces(spooled["_cards"]) if "_cards" in spooled else None  # noqa: F841
    empty = {
        "_attempts": "receipt_attempt_id varchar, user_id varchar, advertiser_id bigint, "
        "campaign_id varchar, scanned_at timestamp, outcome_code smallint, outcome_at timestamp",
        "_cards": "user_id varchar, advertiser_id bigint, campaign_id varchar, "
        "card_number integer, started_at timestamp, stamps_events integer, "
        "steps_completed integer, is_completed boolean, completed_at timestamp, "
        "rewarded_at timestamp, redeemed_at timestamp",
    }
    sources = {name: f"_wecheer{name}" if name in spooled else f"{s}.{name}" for name in empty}
    for name, columns in empty.items():
        if name not in spooled:
            con.execute(f"create table {s}.{name} ({columns})")
    con.execute(
        f"""create table {s}.receipt_attempts as
        select receipt_attempt_id, user_id, advertiser_id, campaign_id, scanned_at,
               case when outcome_code >= 0 then {outcome_case_sql()}
                    when scanned_at + interval 72 hour > {as_of_sql} then 'pending'
                    else 'abandoned' end as outcome,
               outcome_at
        from {sources["_attempts"]} order by scanned_at, receipt_attempt_id"""
    )
    con.execute(
        f"create table {s}.punchcards as select * from {sources['_cards']} "
        "order by campaign_id, user_id, card_number"
    )
    for name in empty:
        if name not in spooled:
            con.execute(f"drop table {s}.{name}")

    con.register("_events", event_counts_table(totals["unique"]))
    con.execute(f"create table {s}.event_counts as select * from _events order by event_name")
    con.unregister("_events")
    faults = pa.table(
        {
            "check_name": pa.array(list(FAULT_CHECKS)),
            "failing_rows": pa.array([int(totals["faults"][c]) for c in FAULT_CHECKS], pa.int64()),
        }
    )
    con.register("_faults", faults)
    con.execute(f"create table {s}.faults as select * from _faults")
    con.unregister("_faults")

    from wecheer.generator.journeys import OUTCOMES

    outcome_columns = ",\n".join(
        f"count(*) filter (where outcome = '{o}') as outcome_{o}" for o in OUTCOMES
    )
    participants = pa.table(
        {
            "campaign_id": pa.array(world.campaign_id.astype(str)),
            "advertiser_id": pa.array(world.advertiser_id[world.campaign_advertiser]),
            "participants": pa.array(totals["participants"]),
        }
    )
    con.register("_participants", participants)
    con.execute(
        f"""create table {s}.campaign_summary as
        with attempts as (
            select campaign_id, count(*) as receipt_attempts, {outcome_columns}
            from {s}.receipt_attempts group by campaign_id
        ),
        cards as (
            select campaign_id, count(*) as punchcards_started,
                   count(*) filter (where is_completed) as punchcards_completed
            from {s}.punchcards group by campaign_id
        )
        select p.campaign_id, p.advertiser_id, p.participants,
               coalesce(a.receipt_attempts, 0) as receipt_attempts,
               {", ".join(f"coalesce(a.outcome_{o}, 0) as outcome_{o}" for o in OUTCOMES)},
               coalesce(c.punchcards_started, 0) as punchcards_started,
               coalesce(c.punchcards_completed, 0) as punchcards_completed
        from _participants as p
        left join attempts as a using (campaign_id)
        left join cards as c using (campaign_id)
        where p.participants > 0 or a.receipt_attempts > 0
        order by p.campaign_id"""
    )
    con.unregister("_participants")

    params = {
        "seed": cfg.seed,
        "events": cfg.events,
        "faults": cfg.faults,
        "rates": cfg.rates.as_dict(),
        "naming": cfg.naming,
        "naming_switch": cfg.switch_epoch if cfg.naming_switch is not None else None,
    }
    rows = [
        {k: r[k] for k in ("sync_number", "track_rows", "event_table_rows")}
        | {
            "period_start": int(r["period_start"].timestamp()),
            "period_end": int(r["period_end"].timestamp()),
            "as_of": int(r["as_of"].timestamp() * US),
        }
        for r in previous_runs
    ]
    rows.append(
        {
            "sync_number": cfg.sync_number,
            "track_rows": summary.track_rows,
            "event_table_rows": summary.event_table_rows,
            "period_start": cfg.current.start,
            "period_end": cfg.current.end,
            "as_of": as_of,
        }
    )
    runs = pa.table(
        {
            "sync_number": pa.array([r["sync_number"] for r in rows], pa.int32()),
            "seed": pa.array([cfg.seed] * len(rows), pa.int64()),
            "events_requested": pa.array([cfg.events] * len(rows), pa.int64()),
            "faults": pa.array([cfg.faults] * len(rows)),
            "naming": pa.array([cfg.naming] * len(rows)),
            "period_start": pa.array([r["period_start"] * US for r in rows], pa.timestamp("us")),
            "period_end": pa.array([r["period_end"] * US for r in rows], pa.timestamp("us")),
            "as_of": pa.array([r["as_of"] for r in rows], pa.timestamp("us")),
            "track_rows": pa.array([r["track_rows"] for r in rows], pa.int64()),
            "event_table_rows": pa.array([r["event_table_rows"] for r in rows], pa.int64()),
            "params": pa.array([json.dumps(params)] * len(rows)),
        }
    )
    con.register("_runs", runs)
    con.execute(f"create table {s}.runs as select * from _runs order by sync_number")
    con.unregister("_runs")


def _write_users(con, schema: str) -> None:
    s = quote(schema)
    tables = con.execute(
        "select list(table_name) from information_schema.tables where table_schema = ?", [schema]
    ).fetchone()[0]
    if "identifies" not in tables:
        return
    traits = ("email", "phone", "first_name", "last_name", "birthday", "city", "country")
    latest = ", ".join(f"arg_max({t}, received_at) as {t}" for t in traits)
    con.execute(f"drop table if exists {s}.users")
    con.execute(
        f"""create table {s}.users as
        select user_id as id, max(received_at) as received_at, max(uuid_ts) as uuid_ts, {latest}
        from {s}.identifies group by user_id order by id"""
    )


def _export_lake(con, schema: str, out: Path) -> Path:
    """Segment's data-lake layout: segment_type=<event>/day=YYYY-MM-DD/hr=HH/*.parquet."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    tables = con.execute(
        "select list(table_name) from information_schema.tables where table_schema = ?", [schema]
    ).fetchone()[0]
    for table in sorted(tables):
        if table in ("tracks", "users"):
            continue
        folder = tmp / f"segment_type={table}"
        con.execute(
            f"""copy (select *, strftime(received_at, '%Y-%m-%d') as day,
                             strftime(received_at, '%H') as hr
                      from {quote(schema)}.{quote(table)})
                to '{folder}' (format parquet, partition_by (day, hr))"""
        )
    return tmp


def with_replace(cfg: GeneratorConfig, **changes) -> GeneratorConfig:
    return replace(cfg, **changes)
