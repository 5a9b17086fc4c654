"""The work of one chunk, in this process or a worker: simulate a range of members (or the staff,
or the fraud ring), deliver their events, build the chunk's raw and truth tables and spool them.

Also how the work is cut: how many members join per day for the requested number of events,
and which member ranges make a chunk.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from wecheer.generator import rng
from wecheer.generator.arrays import DAY, US
from wecheer.generator.config import GeneratorConfig
from wecheer.generator.consumers import (
    members_until,
    simulate_consumers,
    simulate_ring,
)
from wecheer.generator.events import MARKS_PUNCHCARD, N_CODES, E
from wecheer.generator.faults import (
    Rows,
    add_unplanned,
    deliver,
    fault_counts,
    load_times,
    table_of,
)
from wecheer.generator.people import user_traits
from wecheer.generator.spool import Piece, Spool
from wecheer.generator.staff import STAFF_SHARE, simulate_staff
from wecheer.generator.truth_tables import attempts_table, cards_table
from wecheer.generator.volume import daily_counts, matrix_days
from wecheer.generator.world import CONSUMER_ID_BASE, World
from wecheer.generator.writer import event_tables, identify_table

PILOT_USERS = 2000
STAFF_TASK = (-1, -1)
RING_TASK = (-2, -2)


@dataclass
class ChunkOutput:
    pieces: list[tuple[str, Piece]]  # ("raw" or "truth", a spooled piece of a table)
    tracks: pa.Table | Piece | None  # in memory when simulated in this process
    faults: dict[str, int]
    unique_events: np.ndarray  # per event code
    spelling_rows: np.ndarray  # per event table name
    participants: np.ndarray  # per campaign index
    punchcard_events: np.ndarray  # per campaign index: events only punchcard campaigns send
    volume: np.ndarray  # kept rows per (event code, event day), see volume.py
    last_received: int  # latest received_at (us) of a kept row
    as_of: int
    events_written: int


def user_rate(cfg: GeneratorConfig, world: World) -> float:
    """Members joining per activity day so that the first period holds about `events` events."""
    first = cfg.first_period
    pilot_rate = PILOT_USERS / max(members_until(cfg, world, 1.0, first.end), 1)
    sim = simulate_consumers(cfg, world, 0, PILOT_USERS, pilot_rate, first.end)
    counted = max(int(sim.events["key"].size), 1)
    return pilot_rate * cfg.events * (1 - STAFF_SHARE) / counted


def chunk_tasks(cfg: GeneratorConfig, world: World, rate: float) -> list[tuple[int, int]]:
    """Member index ranges of about `chunk_size` events, then the staff and the fraud ring."""
    n_users = members_until(cfg, world, rate, cfg.current.end)
    events_per_user = cfg.events / max(members_until(cfg, world, rate, cfg.first_period.end), 1)
    per_chunk = max(50, int(cfg.chunk_size / max(events_per_user, 1.0)))
    tasks = [(lo, min(lo + per_chunk, n_users)) for lo in range(0, n_users, per_chunk)]
    tasks.append(STAFF_TASK)
    if world.incidents.ring_members:
        tasks.append(RING_TASK)
    return tasks


_STATE: dict = {}


def init_worker(cfg: GeneratorConfig, world: World, rate: float, spool: Spool,
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


def _simulate(cfg: GeneratorConfig, world: World, task: tuple[int, int]):
    horizon = cfg.current.end
    if task == STAFF_TASK:
        first = cfg.first_period
        return simulate_staff(cfg, world, cfg.events / ((first.end - first.start) / DAY), horizon)
    if task == RING_TASK:
        return simulate_ring(cfg, world, horizon)
    return simulate_consumers(cfg, world, task[0], task[1], _STATE["rate"], horizon)


def _identifies(cfg: GeneratorConfig, sim) -> tuple[pa.Table | None, int]:
    """This sync's identify calls, and the latest received_at of all delivered so far."""
    ident, ident_sync = _identify_rows(cfg, sim.identifies)
    k = cfg.sync_number
    pick = np.flatnonzero(ident_sync == k)
    table = None
    if pick.size:
        ident_now = {name: values[pick] for name, values in ident.items()}
        traits = user_traits(cfg.seed, ident_now["user"] - CONSUMER_ID_BASE)
        table = identify_table(ident_now, traits)
    delivered = ident["received_at"][ident_sync <= k]
    return table, int(delivered.max()) if delivered.size else 0


def process_chunk(task: tuple[int, tuple[int, int]]) -> ChunkOutput:
    """Simulate one chunk; its tables go to the spool (tracks too, in a worker process)."""
    cfg: GeneratorConfig = _STATE["cfg"]
    world: World = _STATE["world"]
    spool: Spool = _STATE["spool"]
    chunk, work = task
    sim = _simulate(cfg, world, work)
    events = add_unplanned(sim.events, cfg)
    rows = deliver(events, cfg)
    k = cfg.sync_number
    delivered: Rows = rows.where(rows.sync <= k)
    now = delivered.where(delivered.sync == k)
    tables, tracks = event_tables(events, now, cfg)
    identifies, identified_as_of = _identifies(cfg, sim)
    as_of = max(int(delivered.received_at.max()) if delivered.ev.size else 0, identified_as_of)

    code = events["code"][delivered.ev]
    originals = delivered.copy == 0
    kept = delivered.where(originals)
    first_day = cfg.first_period.start // DAY
    volume = daily_counts(code[originals], kept.timestamp, first_day,
                          matrix_days(first_day, cfg.current.end))  # fmt: skip
    user = events["user"][delivered.ev]
    camp = events["camp"][delivered.ev]
    ok = (code < len(E)) & ~delivered.user_null & ~delivered.camp_null & (camp >= 0)
    pairs = np.unique(user[ok] * 1_000_000 + camp[ok])
    camp_index = np.searchsorted(world.campaign_id, pairs % 1_000_000)
    marking = ok & originals & MARKS_PUNCHCARD[code]
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
        faults=fault_counts(events, delivered, cfg, world.campaign_id[world.orphan]),
        unique_events=np.bincount(code[originals], minlength=N_CODES),
        spelling_rows=np.bincount(
            table_of(code[originals], delivered.wire[originals]), minlength=2 * N_CODES
        ),
        participants=np.bincount(camp_index, minlength=world.n_campaigns),
        punchcard_events=np.bincount(
            np.searchsorted(world.campaign_id, camp[marking]), minlength=world.n_campaigns
        ),
        volume=volume,
        last_received=int(kept.received_at.max()) if kept.ev.size else 0,
        as_of=as_of,
        events_written=int((now.copy == 0).sum()),
    )
