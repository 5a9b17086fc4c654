"""Truth tables as Arrow: per chunk (attempts, cards) and the small ones written at the end."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from wecheer.generator.chunk_truth import OUTCOMES
from wecheer.generator.events import IS_PLANNED, N_CODES, TITLE_NAMES, WIRE_NAMES
from wecheer.generator.writer import decimal_ids, timestamps, uuids
from wecheer.qa_checks import load_checks

# the QA checks whose faults the generator injects, in report order (seeds/wecheer_qa_checks.csv)
FAULT_CHECKS = tuple(c.check_name for c in load_checks() if c.is_injected_by_generator)


def _ts_or_null(values: np.ndarray) -> pa.Array:
    return pa.array(values.astype(np.int64), type=pa.timestamp("us"), mask=values < 0)


def attempts_table(attempts: dict[str, np.ndarray]) -> pa.Table | None:
    if not attempts or attempts["key"].size == 0:
        return None
    return pa.table(
        {
            "receipt_attempt_id": uuids(attempts["key"]),
            "user_id": decimal_ids(attempts["user"]),
            "advertiser_id": pa.array(attempts["adv"], pa.int64()),
            "campaign_id": pa.array(attempts["camp"], pa.int64()).cast(pa.string()),
            "scanned_at": timestamps(attempts["scanned_at"]),
            "outcome_code": pa.array(attempts["outcome"].astype(np.int16)),
            "outcome_at": _ts_or_null(attempts["outcome_at"]),
        }
    )


def cards_table(cards: dict[str, np.ndarray]) -> pa.Table | None:
    """One row per punchcard: stamps, steps, completion, reward and redemption."""
    if not cards:
        return None
    frame = pd.DataFrame(cards)
    for column in ("step_at", "completed_at", "rewarded_at", "redeemed_at"):
        frame[column] = frame[column].where(frame[column] >= 0)
    frame["has_step"] = frame["step_at"].notna()
    grouped = frame.groupby(["part", "card"], sort=True).agg(
        user=("user", "first"),
        adv=("adv", "first"),
        camp=("camp", "first"),
        started_at=("stamp_at", "min"),
        stamps_events=("stamp_at", "size"),
        steps_completed=("has_step", "sum"),
        completed_at=("completed_at", "min"),
        rewarded_at=("rewarded_at", "min"),
        redeemed_at=("redeemed_at", "min"),
    )
    grouped = grouped.reset_index()

    def ts(column):
        values = grouped[column].fillna(-1).to_numpy(np.int64)
        return _ts_or_null(values)

    return pa.table(
        {
            "user_id": decimal_ids(grouped["user"].to_numpy(np.int64)),
            "advertiser_id": pa.array(grouped["adv"].to_numpy(np.int64)),
            "campaign_id": pa.array(grouped["camp"].to_numpy(np.int64)).cast(pa.string()),
            "card_number": pa.array(grouped["card"].to_numpy(np.int32)),
            "started_at": timestamps(grouped["started_at"].to_numpy(np.int64)),
            "stamps_events": pa.array(grouped["stamps_events"].to_numpy(np.int32)),
            "steps_completed": pa.array(grouped["steps_completed"].to_numpy(np.int32)),
            "is_completed": pa.array(grouped["completed_at"].notna().to_numpy()),
            "completed_at": ts("completed_at"),
            "rewarded_at": ts("rewarded_at"),
            "redeemed_at": ts("redeemed_at"),
        }
    )


def alias_rows(spelling_rows: np.ndarray) -> int:
    """Rows of every spelling but the most frequent one, per canonical catalogue event."""
    per = spelling_rows.reshape(N_CODES, 2)
    distinct = np.array([t != w for t, w in zip(TITLE_NAMES, WIRE_NAMES, strict=True)])
    both = (per > 0).all(axis=1) & distinct & IS_PLANNED
    return int(per.min(axis=1)[both].sum())


def event_counts_table(unique: np.ndarray) -> pa.Table:
    present = np.flatnonzero(unique > 0)
    return pa.table(
        {
            "event_name": pa.array([TITLE_NAMES[i] for i in present]),
            "is_planned": pa.array(IS_PLANNED[present]),
            "unique_events": pa.array(unique[present].astype(np.int64)),
        }
    )


def outcome_case_sql() -> str:
    whens = " ".join(f"when {code} then '{name}'" for code, name in enumerate(OUTCOMES))
    return f"case outcome_code {whens} end"
