"""The truth schema, written at the end of a run from the chunks' totals and spooled pieces:
what happened, as the models must reproduce it (docs/source-contract.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from wecheer.generator.arrays import US
from wecheer.generator.chunk_truth import OUTCOMES
from wecheer.generator.config import GeneratorConfig
from wecheer.generator.incidents import incidents_table
from wecheer.generator.sink import quote
from wecheer.generator.spool import Piece, read_pieces
from wecheer.generator.traits import MECHANICS, PATHS
from wecheer.generator.truth_tables import FAULT_CHECKS, event_counts_table, outcome_case_sql
from wecheer.generator.world import World
from wecheer.project import receipt_window_hours

_EMPTY = {
    "_attempts": "receipt_attempt_id varchar, user_id varchar, advertiser_id bigint, "
    "campaign_id varchar, scanned_at timestamp, outcome_code smallint, outcome_at timestamp",
    "_cards": "user_id varchar, advertiser_id bigint, campaign_id varchar, "
    "card_number integer, started_at timestamp, stamps_events integer, "
    "steps_completed integer, is_completed boolean, completed_at timestamp, "
    "rewarded_at timestamp, redeemed_at timestamp",
}


@dataclass
class Totals:
    """What the chunks counted, summed (see chunks.ChunkOutput)."""

    faults: dict[str, int]
    unique: np.ndarray
    spelling: np.ndarray
    participants: np.ndarray
    punchcard_events: np.ndarray
    volume: np.ndarray | None = None
    last_received: int = 0
    as_of: int = 0
    truth_pieces: dict[str, list[Piece]] = field(default_factory=dict)


def write_truth(con, cfg: GeneratorConfig, world: World, schema: str, totals: Totals,
                rows_written: tuple[int, int], previous_runs: list[dict]) -> None:  # fmt: skip
    s = quote(schema)
    as_of = max([totals.as_of] + [int(r["as_of"].timestamp() * US) for r in previous_runs])
    _write_journeys(con, s, world, totals, as_of)
    _register(con, s, "event_counts", event_counts_table(totals.unique), "event_name")
    faults = pa.table(
        {
            "check_name": pa.array(list(FAULT_CHECKS)),
            "failing_rows": pa.array([int(totals.faults[c]) for c in FAULT_CHECKS], pa.int64()),
        }
    )
    _register(con, s, "faults", faults)
    _write_campaign_summary(con, s, world, totals)
    _register(con, s, "campaign_traits", campaign_traits_table(cfg, world), "campaign_id")
    _register(con, s, "incidents", incidents_table(world.incidents, world.campaign_id),
              "starts_at")  # fmt: skip
    _register(con, s, "runs", runs_table(cfg, rows_written, as_of, previous_runs), "sync_number")


def _register(con, s: str, name: str, table: pa.Table, order: str | None = None) -> None:
    con.register("_wecheer_truth", table)
    order_by = f" order by {order}" if order else ""
    con.execute(f"create table {s}.{name} as select * from _wecheer_truth{order_by}")
    con.unregister("_wecheer_truth")


def _write_journeys(con, s: str, world: World, totals: Totals, as_of: int) -> None:
    """receipt_attempts and punchcards, from the spooled pieces (a replacement scan of these
    locals) or from empty tables. Cards count only in campaigns that run punchcards (that sent
    an event only punchcard campaigns send), as the mart decides."""
    spooled = totals.truth_pieces
    _wecheer_attempts = read_pieces(spooled["_attempts"]) if "_attempts" in spooled else None  # noqa: F841
    _wecheer_cards = read_pieces(spooled["_cards"]) if "_cards" in spooled else None  # noqa: F841
    sources = {name: f"_wecheer{name}" if name in spooled else f"{s}.{name}" for name in _EMPTY}
    for name, columns in _EMPTY.items():
        if name not in spooled:
            con.execute(f"create table {s}.{name} ({columns})")
    window = receipt_window_hours()
    con.execute(
        f"""create table {s}.receipt_attempts as
        select receipt_attempt_id, user_id, advertiser_id, campaign_id, scanned_at,
               case when outcome_code >= 0 then {outcome_case_sql()}
                    when scanned_at + interval {window} hour > make_timestamp({as_of})
                        then 'pending'
                    else 'abandoned' end as outcome,
               outcome_at
        from {sources["_attempts"]} order by scanned_at, receipt_attempt_id"""
    )
    punchcard = world.campaign_id[totals.punchcard_events > 0].astype(str).tolist()
    con.register("_wecheer_punchcard_campaigns", pa.table({"campaign_id": punchcard}))
    con.execute(
        f"""create table {s}.punchcards as select * from {sources["_cards"]}
        where campaign_id in (select campaign_id from _wecheer_punchcard_campaigns)
        order by campaign_id, user_id, card_number"""
    )
    con.unregister("_wecheer_punchcard_campaigns")
    for name in _EMPTY:
        if name not in spooled:
            con.execute(f"drop table {s}.{name}")


def _write_campaign_summary(con, s: str, world: World, totals: Totals) -> None:
    outcome_columns = ",\n".join(
        f"count(*) filter (where outcome = '{o}') as outcome_{o}" for o in OUTCOMES
    )
    participants = pa.table(
        {
            "campaign_id": pa.array(world.campaign_id.astype(str)),
            "advertiser_id": pa.array(world.advertiser_id[world.campaign_advertiser]),
            "participants": pa.array(totals.participants),
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


def campaign_traits_table(cfg: GeneratorConfig, world: World) -> pa.Table:
    """One row per campaign: what it is and the traits its receipts and members follow."""
    start = np.datetime64(cfg.start, "D")
    traits = world.traits
    ends = np.where(np.isfinite(world.end_day), world.end_day, 0).astype(np.int64)
    columns = {
        "campaign_id": pa.array(world.campaign_id.astype(str)),
        "advertiser_id": pa.array(world.advertiser_id[world.campaign_advertiser]),
        "campaign_name": pa.array(world.campaign_name),
        "mechanic": pa.array(np.array(MECHANICS)[world.mechanic]),
        "region": pa.array(world.region_names()),
        "starts_on": pa.array(start + np.floor(world.start_day).astype(np.int64)),
        "ends_on": pa.array(start + ends, mask=~np.isfinite(world.end_day)),
        "popularity": pa.array(world.popularity),
        "store_quality": pa.array(traits.quality),
    }
    weights = traits.path_weights
    columns |= {f"{path}_share": pa.array(weights[:, i]) for i, path in enumerate(PATHS)}
    columns |= {
        "approve_share": pa.array(traits.approve_share),
        "no_reward_share": pa.array(traits.no_reward_share),
        "win_share": pa.array(traits.win_share),
        "retention": pa.array(traits.retention),
        "manual_stamp_share": pa.array(traits.manual_stamp_share),
        "is_in_reference": pa.array(~world.orphan),
    }
    return pa.table(columns)


def runs_table(cfg: GeneratorConfig, rows_written: tuple[int, int], as_of: int,
               previous_runs: list[dict]) -> pa.Table:  # fmt: skip
    """One row per sync; `params` holds what `--append` reads back."""
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
    track_rows, event_table_rows = rows_written
    rows.append(
        {
            "sync_number": cfg.sync_number,
            "track_rows": track_rows,
            "event_table_rows": event_table_rows,
            "period_start": cfg.current.start,
            "period_end": cfg.current.end,
            "as_of": as_of,
        }
    )
    return pa.table(
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
