"""Delivery: how each event reaches the warehouse (timestamps, copies, syncs) and the faults.

A row is one delivered copy of a message. Faults are drawn per message key, so they do not
depend on chunking. Faults that change what a journey means (missing ids, future timestamps) hit
only events outside the journeys; the others (duplicates, late arrivals, clock skew, rows missing
from `tracks`, aliases, type drift) may hit any event. Events not in the catalogue get none.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wecheer.generator import rng
from wecheer.generator.arrays import DAY, US
from wecheer.generator.config import GeneratorConfig
from wecheer.generator.events import (
    EXPECTS_ADV,
    EXPECTS_CAMP,
    EXPECTS_USER,
    N_CATALOG,
    NON_JOURNEY,
    TITLE_TABLES,
    UNPLANNED,
    WIRE_TABLES,
)
from wecheer.project import project_vars

HOUR_US = 3600 * US


def load_times(received: np.ndarray) -> np.ndarray:
    """uuid_ts: the warehouse loads what arrived in an hour in one sync, 7 minutes after that
    hour ends; so a row received later is never loaded earlier (first loaded = first received)."""
    return received - received % HOUR_US + HOUR_US + 7 * 60 * US


DAY_US = DAY * US
# Event tables that store advertiser/campaign ids as VARCHAR under the type-drift fault.
DRIFT_PREFERENCE = ("card_received", "init_staff_point_card", "user_data_shared",
                    "data_consumer_sync")  # fmt: skip
# QA check thresholds the recorded fault counts assume (docs/source-contract.md): the QA vars
# declared in dbt_project.yml.
LATE_AFTER_US = int(project_vars()["wecheer_qa_late_arrival_hours"]) * HOUR_US
SKEW_BEYOND_US = int(project_vars()["wecheer_qa_clock_skew_minutes"]) * 60 * US
FUTURE_BEYOND_US = int(project_vars()["wecheer_qa_future_tolerance_minutes"]) * 60 * US


def add_unplanned(events: dict[str, np.ndarray], cfg: GeneratorConfig) -> dict[str, np.ndarray]:
    """Events that are not in the catalogue, sent a few seconds after some ordinary events."""
    rate = cfg.rates.unplanned_rate
    if rate <= 0 or events["key"].size == 0:
        return events
    code = events["code"]
    pick = (code < N_CATALOG) & NON_JOURNEY[code] & (rng.uniform(events["key"], 111) < rate)
    index = np.flatnonzero(pick)
    key = events["key"][index]
    extra = {
        "key": rng.draw(key, 113),
        "code": (N_CATALOG + rng.integers(key, 112, 0, len(UNPLANNED) - 1)).astype(np.int16),
        "user": events["user"][index],
        "adv": events["adv"][index],
        "camp": np.full(index.size, -1, np.int64),
        "t": events["t"][index] + 5 * US,
        "prop": np.full(index.size, -1, np.int64),
    }
    return {name: np.concatenate([events[name], extra[name]]) for name in events}


@dataclass
class Rows:
    """Delivered copies of messages (index `ev` into the event arrays)."""

    ev: np.ndarray
    copy: np.ndarray  # 0 original, 1+ duplicate copies
    original_timestamp: np.ndarray
    sent_at: np.ndarray
    received_at: np.ndarray
    uuid_ts: np.ndarray
    user_null: np.ndarray
    adv_null: np.ndarray
    camp_null: np.ndarray
    in_tracks: np.ndarray
    wire: np.ndarray
    sync: np.ndarray  # the sync that delivers the row; len(periods) + 1: not delivered yet

    def take(self, index: np.ndarray) -> Rows:
        return Rows(*(getattr(self, f)[index] for f in self.__dataclass_fields__))

    def where(self, mask: np.ndarray) -> Rows:
        """The rows where `mask` holds (these rows themselves when it holds everywhere)."""
        return self if mask.all() else self.take(np.flatnonzero(mask))

    @property
    def timestamp(self) -> np.ndarray:
        return self.received_at - (self.sent_at - self.original_timestamp)


def spelling(cfg: GeneratorConfig, t: np.ndarray) -> np.ndarray:
    """True where the event is sent under its wire (CamelCase) name."""
    if cfg.naming == "title":
        return np.zeros(t.size, bool)
    if cfg.naming == "wire":
        return np.ones(t.size, bool)
    return t >= cfg.switch_epoch * US


def drift_tables(cfg: GeneratorConfig) -> tuple[str, ...]:
    return DRIFT_PREFERENCE[: cfg.rates.type_drift_tables]


def _subset(mask: np.ndarray, key: np.ndarray, purpose: int, low: int, high: int) -> np.ndarray:
    """Integers in [low, high] drawn only where `mask` holds (0 elsewhere)."""
    out = np.zeros(mask.size, np.int64)
    index = np.flatnonzero(mask)
    out[index] = rng.integers(key[index], purpose, low, high)
    return out


def _chance(key: np.ndarray, purpose: int, rate: float, eligible: np.ndarray) -> np.ndarray:
    """True with probability `rate` where eligible (no draw when the rate is 0)."""
    if rate <= 0:
        return np.zeros(key.size, dtype=bool)
    return eligible & (rng.uniform(key, purpose) < rate)


def deliver(events: dict[str, np.ndarray], cfg: GeneratorConfig) -> Rows:
    r = cfg.rates
    key, code, t = events["key"], events["code"], events["t"]
    n = key.size
    planned = code < N_CATALOG
    journey = ~NON_JOURNEY[code]
    ends = np.array([p.end for p in cfg.periods], dtype=np.int64) * US

    # sender clock error (a few seconds), queued in the sender before sending, network
    clock, batch, network = rng.split_integers(
        key, 101, ((-2 * US, 2 * US), (US // 5, 240 * US), (US // 20, 3 * US))
    )
    original = t + clock
    sent = t + clock + batch + network
    received = t + batch + network

    u_time = rng.uniform(key, 100)
    late = planned & (u_time < r.late_rate)
    delay = _subset(late, key, 104, 2 * DAY_US, 7 * DAY_US)
    period_end = ends[np.minimum(np.searchsorted(ends, t, side="right"), ends.size - 1)]
    late &= ~journey | (received + delay < period_end)  # journey events stay in their sync
    delay = np.where(late, delay, 0)
    sent += delay
    received += delay
    edge = r.late_rate
    skew = planned & (u_time >= edge) & (u_time < edge + r.skew_rate)
    shift = _subset(skew, key, 105, 2 * HOUR_US, 48 * HOUR_US)
    shift = np.where(_subset(skew, key, 106, 0, 1) == 1, -shift, shift)
    original += shift
    sent += shift
    edge += r.skew_rate
    future = planned & ~journey & (u_time >= edge) & (u_time < edge + r.future_rate)
    original = np.where(future, sent + _subset(future, key, 107, DAY_US, 20 * DAY_US), original)

    missing = _chance(key, 108, r.missing_id_rate, planned & ~journey)
    which = _subset(missing, key, 109, 0, 2)
    has_camp = events["camp"] >= 0
    camp_null = missing & (which == 2) & has_camp & EXPECTS_CAMP[code]
    adv_null = missing & (which == 1) & EXPECTS_ADV[code]
    user_null = missing & ~camp_null & ~adv_null
    wire = spelling(cfg, t) ^ _chance(key, 110, r.alias_rate, planned)

    # Duplicates: one or two more copies, in the same hour or days later (sent again).
    dup = _chance(key, 114, r.duplicate_rate, planned)
    copies = dup.astype(np.int64) + _chance(key, 115, 0.2, dup)
    ev = np.concatenate([np.arange(n), np.repeat(np.arange(n), copies)])
    copy = np.concatenate([np.zeros(n, np.int64), _ranks(copies)])
    # a row's key: the message's for the first copy, one per copy for the others
    ck = np.concatenate([key, rng.hash_keys(key[ev[n:]], copy[n:])])
    soon, later = rng.split_integers(ck[n:], 116, ((60 * US, 50 * 60 * US),
                                                   (36 * HOUR_US, 7 * DAY_US)))  # fmt: skip
    gap = np.zeros(ev.size, np.int64)
    gap[n:] = np.where(rng.uniform(ck[n:], 118) < 0.7, soon, later)
    received_rows = received[ev] + gap
    rows = Rows(
        ev=ev,
        copy=copy,
        original_timestamp=original[ev],
        sent_at=sent[ev] + gap,
        received_at=received_rows,
        uuid_ts=load_times(received_rows),
        user_null=user_null[ev],
        adv_null=adv_null[ev],
        camp_null=camp_null[ev],
        in_tracks=~_chance(ck, 120, r.tracks_missing_rate, planned[ev]),
        wire=wire[ev],
        sync=np.zeros(ev.size, np.int16),
    )
    # A warehouse sync loads what has arrived by its end. Journey events load in the sync of
    # their period (so funnel truth is exact after every sync); anything else, and every
    # duplicate copy, loads in the sync during which it arrived, possibly a later one.
    by_time = np.searchsorted(ends, t[ev], side="right") + 1
    by_arrival = np.searchsorted(ends, received_rows, side="right") + 1
    rows.sync = np.where(journey[ev] & (copy == 0), by_time, by_arrival).astype(np.int16)
    return rows


def _ranks(copies: np.ndarray) -> np.ndarray:
    """1..k for each message with k copies, concatenated."""
    total = int(copies.sum())
    if not total:
        return np.zeros(0, np.int64)
    starts = np.cumsum(copies) - copies
    return np.arange(total) - np.repeat(starts, copies) + 1


def table_of(code: np.ndarray, wire: np.ndarray) -> np.ndarray:
    """Index into TABLE_NAMES for each row."""
    return code.astype(np.int64) * 2 + wire.astype(np.int64)


TABLE_NAMES = [name for pair in zip(TITLE_TABLES, WIRE_TABLES, strict=True) for name in pair]


def fault_counts(
    events: dict[str, np.ndarray], rows: Rows, cfg: GeneratorConfig, orphan_ids: np.ndarray
) -> dict[str, int]:
    """Offending event-table rows per QA check, counted the way the checks count them
    (docs/source-contract.md): duplicates, type drift and tracks parity over raw rows; every
    other check over deduplicated rows, i.e. the first-received copy (the original)."""
    code = events["code"][rows.ev]
    planned = code < N_CATALOG
    first = rows.copy == 0
    latency = rows.received_at - rows.timestamp
    drift = np.isin(np.array(TABLE_NAMES), drift_tables(cfg))
    camp = events["camp"][rows.ev]
    missing = planned & (
        (EXPECTS_USER[code] & rows.user_null)
        | (EXPECTS_ADV[code] & rows.adv_null)
        | (EXPECTS_CAMP[code] & rows.camp_null)
    )
    orphan = np.isin(camp, orphan_ids) & ~rows.camp_null & (camp >= 0)
    return {
        "duplicate_message_ids": int((~first).sum()),
        "late_arrivals": int((first & (latency > LATE_AFTER_US)).sum()),
        "future_timestamps": int((first & (-latency > FUTURE_BEYOND_US)).sum()),
        "clock_skew": int(
            (first & (np.abs(rows.sent_at - rows.received_at) > SKEW_BEYOND_US)).sum()
        ),
        "missing_ids": int((first & missing).sum()),
        "unplanned_events": int((first & ~planned).sum()),
        "type_drift": int(drift[table_of(code, rows.wire)].sum()),
        "tracks_parity": int((~rows.in_tracks).sum()),
        "orphan_ids": int((first & orphan).sum()),
    }
