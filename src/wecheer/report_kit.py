"""What the report notebooks share: the days a chart may draw (whole days and whole weeks of the
selected period), cohorts of members who joined inside the data, intervals of rates, the days
that stand out (a tracking gap, a spike of a share), and how a chart and its numbers are shown.

Kept out of the notebooks so that each rule is written once and tested
(tests/python/reports/test_report_kit.py).
"""

from __future__ import annotations

import datetime as dt
import html
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wecheer.report import Coverage

Z95 = 1.959964  # two-sided 95%
WEEK = pd.Timedelta(days=7)
# An interval above / below the average, or overlapping it (the legend says so). No red/green:
# "above" is good for a reward rate and bad for a fraud rate.
COMPARISON_COLOURS = {"above": "#1f6fb4", "overlaps": "#a5a5a5", "below": "#e08a2c"}


def monday(values):
    """Monday of the week of each timestamp or date (weeks start on Monday, like the marts)."""
    days = pd.to_datetime(pd.Series(values)).dt.normalize()
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


@dataclass(frozen=True)
class Window:
    """The days the charts of a report draw: the selected period, within the days the data
    covers whole (its first day through its last complete day). Totals may count more (a last
    day still arriving); a chart never draws a day or week that is not whole in here."""

    first_day: pd.Timestamp
    last_day: pd.Timestamp

    @classmethod
    def of(
        cls, coverage: Coverage, start: dt.date | None = None, end: dt.date | None = None
    ) -> Window | None:
        """None when the period and the data share no whole day."""
        if coverage.first_day is None or coverage.last_complete_day is None:
            return None
        first = max(filter(None, (start, coverage.first_day)))
        last = min(filter(None, (end, coverage.last_complete_day)))
        return cls(pd.Timestamp(first), pd.Timestamp(last)) if first <= last else None

    @property
    def days(self) -> pd.DatetimeIndex:
        return pd.date_range(self.first_day, self.last_day, freq="D")

    @property
    def weeks(self) -> pd.DatetimeIndex:
        """Mondays of the weeks that lie wholly in the window."""
        first = self.first_day + pd.Timedelta(days=-self.first_day.day_of_week % 7)
        last = self.last_day - pd.Timedelta(days=(self.last_day.day_of_week + 1) % 7)
        return pd.date_range(first, last - pd.Timedelta(days=6), freq="7D")

    def partial_weeks(self) -> list[tuple[pd.Timestamp, int]]:
        """(Monday, days of it in the window) of the weeks the window cuts short."""
        mondays = monday([self.first_day, self.last_day]).drop_duplicates()
        whole = set(self.weeks)
        return [
            (week, int(((self.days >= week) & (self.days < week + WEEK)).sum()))
            for week in mondays
            if week not in whole
        ]

    def describe_partial_weeks(self) -> str:
        """A sentence on the weeks no weekly chart draws, or ''."""
        parts = [f"the week of {week:%d %b} ({n} of 7 days)" for week, n in self.partial_weeks()]
        if not parts:
            return ""
        return (
            f"Weekly charts draw whole weeks only: {' and '.join(parts)} "
            f"{'is' if len(parts) == 1 else 'are'} cut short by the period or the data and left "
            "out (a short week would look like a drop); the headline numbers count every day."
        )

    def first_cohort_week(self, data_first_day: dt.date, lead_days: int) -> pd.Timestamp:
        """The first join week whose members all joined inside the data: members first seen
        in the first `lead_days` days of data may have joined before it (their first event in
        the data is not their first ever), so a cohort starts on a Monday at least that long
        after the data's first day, and is a whole week of the window."""
        earliest = pd.Timestamp(data_first_day) + pd.Timedelta(days=lead_days)
        earliest += pd.Timedelta(days=-earliest.day_of_week % 7)
        return max([earliest, *self.weeks[:1]])

    def cohort_cell_is_over(self, join_week, weeks_since_joining) -> np.ndarray:
        """Whether week `weeks_since_joining` after `join_week` ended inside the window."""
        ends = pd.to_datetime(join_week) + WEEK * (np.asarray(weeks_since_joining) + 1)
        return np.asarray(ends - pd.Timedelta(days=1) <= self.last_day)


def wilson(successes, trials, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of the share successes / trials (nan where trials is 0)."""
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = k / n
        centre = (share + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * np.sqrt(share * (1 - share) / n + z * z / (4 * n * n))
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def against(low, high, average: float) -> np.ndarray:
    """'above' / 'below' when the whole interval lies on that side of `average`, else
    'overlaps' (a difference the data cannot tell from chance)."""
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    return np.where(low > average, "above", np.where(high < average, "below", "overlaps"))


def tracking_gaps(events_per_day: pd.Series, share: float = 0.1, around: int = 7) -> pd.Series:
    """Days on which (almost) nothing arrived: fewer events than `share` of the median day of
    the `around` days on each side. Such a day is a tracking outage, not behaviour. The
    series must have one value per day (0 for a day without events)."""
    typical = events_per_day.rolling(2 * around + 1, center=True, min_periods=around).median()
    return (events_per_day < share * typical) & (typical > 0)


def binomial_tail(successes: int, trials: int, share: float) -> float:
    """P(X >= successes) for X ~ Binomial(trials, share)."""
    if successes <= 0 or share >= 1:
        return 1.0
    if successes > trials or share <= 0:
        return 0.0
    first = (
        math.lgamma(trials + 1)
        - math.lgamma(successes + 1)
        - math.lgamma(trials - successes + 1)
        + successes * math.log(share)
        + (trials - successes) * math.log1p(-share)
    )
    i = np.arange(successes, trials)  # log pmf(i + 1) = log pmf(i) + log ratio
    ratios = np.log((trials - i) / (i + 1)) + math.log(share) - math.log1p(-share)
    logs = first + np.concatenate(([0.0], np.cumsum(ratios)))
    top = logs.max()
    return float(min(1.0, math.exp(top) * np.exp(logs - top).sum()))


def unusual_share_days(
    successes: pd.Series, trials: pd.Series, factor: float = 2.0, alpha: float = 0.001
) -> pd.Series:
    """Days whose share successes / trials is far above the share of the other days: at least
    `factor` times it, and more than chance explains (a binomial test at `alpha` over all the
    days together, so a long chart does not flag noise)."""
    others_successes = successes.sum() - successes
    others_trials = trials.sum() - trials
    flagged = []
    for k, n, k_rest, n_rest in zip(
        successes, trials, others_successes, others_trials, strict=True
    ):
        usual = k_rest / n_rest if n_rest else math.nan
        flagged.append(
            bool(n)
            and usual == usual
            and k / n >= factor * usual
            and binomial_tail(int(k), int(n), usual) < alpha / len(successes)
        )
    return pd.Series(flagged, index=successes.index, dtype=bool)


# --- how a chart and its numbers are shown ------------------------------------------------------


def show(fig, description: str) -> None:
    """Display a chart with a description of it (its alt text in the HTML report)."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(fig, metadata={"image/png": {"alt": description}})
    plt.close(fig)


def say(text: str) -> None:
    """A sentence for the reader (Markdown)."""
    from IPython.display import Markdown, display

    display(Markdown(text))


def _raw(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, dt.datetime | np.datetime64):
        value = pd.Timestamp(value)
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(float(value)) if isinstance(value, float | np.floating) else str(value)


def chart_data(name: str, frame: pd.DataFrame, folded: bool = True, **formats: str) -> None:
    """The numbers behind chart `name`, as a table under it (folded unless `folded` is False):
    each cell shows the value formatted (`rate="{:.1%}"`) and keeps it raw in `data-value`,
    its column in `data-col`, so a reader can copy them and a test can read them."""
    from IPython.display import HTML, display

    head = "".join(f"<th>{html.escape(c.replace('_', ' ').capitalize())}</th>" for c in frame)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            raw = _raw(value)
            shown = formats[column].format(value) if column in formats and raw else raw
            cells.append(
                f'<td data-col="{html.escape(column)}" data-value="{html.escape(raw)}">'
                f"{html.escape(shown)}</td>"
            )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    table = (
        f'<table class="report-table" data-chart="{html.escape(name)}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    if folded:
        table = (
            '<details class="chart-data"><summary>The numbers behind this chart</summary>'
            f"{table}</details>"
        )
    display(HTML(table))
