"""The source QA's volume check, counted from what the generator delivered.

Per event and `event_at` day (UTC) over the rows dedup keeps, a day is an anomaly when it holds
more than RATIO times the largest of the same weekday in the WEEKS weeks before (and at least
MIN_ROWS more), or less than the smallest divided by RATIO (when that was at least MIN_ROWS).
A day is judged once the event has WEEKS full weeks of history, and never the last day of data
(the day of the latest `received_at`); its failing rows are its distance from that range
(docs/source-contract.md). The thresholds are the QA vars declared in dbt_project.yml.
"""

from __future__ import annotations

import numpy as np

from wecheer.generator.arrays import DAY, US
from wecheer.generator.events import N_CODES
from wecheer.project import project_vars

WEEKS = int(project_vars()["wecheer_qa_volume_weeks"])
RATIO = float(project_vars()["wecheer_qa_volume_ratio"])
MIN_ROWS = int(project_vars()["wecheer_qa_volume_min_rows"])
# days of event time a count matrix holds after the horizon (future-dated events)
FUTURE_DAYS = 30


def matrix_days(first_day: int, horizon: int) -> int:
    """Columns of a count matrix: one per UTC day from `first_day` (epoch day) on."""
    return horizon // DAY - first_day + 1 + FUTURE_DAYS


def daily_counts(code: np.ndarray, event_at_us: np.ndarray, first_day: int,
                 days: int) -> np.ndarray:  # fmt: skip
    """Rows per (event code, day since `first_day`) as an (N_CODES, days) matrix."""
    day = np.clip(event_at_us // (DAY * US) - first_day, 0, days - 1)
    flat = np.bincount(code.astype(np.int64) * days + day, minlength=N_CODES * days)
    return flat.reshape(N_CODES, days)


def volume_anomalies(counts: np.ndarray, first_day: int, last_received_us: int) -> int:
    """Failing rows of the volume check over a whole (N_CODES, days) matrix."""
    last = last_received_us // (DAY * US) - first_day  # the last day of data: never judged
    total = 0
    for row in counts[:, : last + 1]:
        seen = np.flatnonzero(row)
        if seen.size == 0:
            continue
        dense = row[seen[0] : seen[-1] + 1]
        if dense.size <= WEEKS * 7:  # no day with a full history
            continue
        history = np.stack(
            [dense[WEEKS * 7 - 7 * w : dense.size - 7 * w] for w in range(1, WEEKS + 1)]
        )
        judged = dense[WEEKS * 7 :]
        if seen[-1] == last:  # the event's range reaches the last day, which is not judged
            judged, history = judged[:-1], history[:, :-1]
        if judged.size == 0:
            continue
        high, low = history.max(axis=0), history.min(axis=0)
        spike = (judged > RATIO * high) & (judged - high >= MIN_ROWS)
        drop = (low >= MIN_ROWS) & (judged * RATIO < low)
        found = spike | drop
        total += int(np.where(judged > high, judged - high, low - judged)[found].sum())
    return total
