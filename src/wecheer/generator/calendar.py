"""When members are active: hours of the week, the season of the year and holiday peaks.

Activity time runs faster when more people are active. Members join and space their sessions
evenly in activity time, mapped back to clock time, so lunch and evening hours, weekends, the
year-end season and holidays get more of them. The clock depends only on the first period's
start, so every chunk and every later sync (`--append`) sees the same one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from wecheer.generator.arrays import DAY

LOCAL_OFFSET = 8 * 3600  # the markets are on UTC+8
# Relative activity by local hour (0-23) and weekday (Monday first).
HOUR_FACTOR = np.array(
    [0.15, 0.08, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.0, 1.2, 1.5,
     1.8, 1.6, 1.2, 1.1, 1.2, 1.4, 1.7, 1.8, 1.6, 1.2, 0.8, 0.4]
)  # fmt: skip
WEEKDAY_FACTOR = np.array([0.85, 0.85, 0.9, 0.95, 1.1, 1.3, 1.1])
# Shopping days: fixed dates, and Lunar New Year (its first day) in the years the table covers.
FIXED_HOLIDAYS = ((1, 1), (2, 14), (11, 11), (12, 12), (12, 24), (12, 25), (12, 31))
LUNAR_NEW_YEAR = (
    "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13",
    "2030-02-03", "2031-01-23", "2032-02-11",
)  # fmt: skip
HOLIDAY_PEAK = 1.8  # activity on a holiday, against an ordinary day of the same weekday
EVE_BOOST = 1.3  # the two days before a holiday
YEARLY_AMPLITUDE = 0.15  # the season: busiest at the turn of the year, quietest in early summer
GRID_BEFORE_DAYS = 400
GRID_AFTER_DAYS = 1500


def holidays(first_year: int, last_year: int) -> np.ndarray:
    """Holiday dates (datetime64[D]) of the given years."""
    days = [dt.date(y, m, d) for y in range(first_year, last_year + 1) for m, d in FIXED_HOLIDAYS]
    lunar = (dt.date.fromisoformat(d) for d in LUNAR_NEW_YEAR)
    days += [d for d in lunar if first_year <= d.year <= last_year]
    return np.unique(np.array(days, dtype="datetime64[D]"))


def season_factor(days: np.ndarray) -> np.ndarray:
    """Relative activity of each local date (datetime64[D]): season times holiday peaks."""
    day_of_year = (days - days.astype("datetime64[Y]")).astype(np.int64)
    factor = 1 + YEARLY_AMPLITUDE * np.cos(2 * np.pi * (day_of_year + 10) / 365.25)
    years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    peaks = holidays(int(years.min()), int(years.max()))
    on_peak = np.isin(days, peaks)
    before_peak = np.isin(days + 1, peaks) | np.isin(days + 2, peaks)
    return factor * np.where(on_peak, HOLIDAY_PEAK, np.where(before_peak, EVE_BOOST, 1.0))


@dataclass(frozen=True)
class Clock:
    """Cumulative activity on an hourly grid of epoch seconds; one activity second per second
    outside the grid."""

    knots: np.ndarray
    cumulative: np.ndarray

    def to_activity(self, t: np.ndarray) -> np.ndarray:
        return _map(np.asarray(t, dtype=np.float64), self.knots, self.cumulative)

    def from_activity(self, a: np.ndarray) -> np.ndarray:
        return _map(np.asarray(a, dtype=np.float64), self.cumulative, self.knots)

    def factor_on(self, day_start: int) -> float:
        """Mean activity per second over the day that starts at `day_start` (epoch s)."""
        a = self.to_activity(np.array([day_start, day_start + DAY]))
        return float(a[1] - a[0]) / DAY


def _map(x: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    y = np.interp(x, xs, ys)
    y = np.where(x < xs[0], ys[0] + (x - xs[0]), y)
    return np.where(x > xs[-1], ys[-1] + (x - xs[-1]), y)


def build_clock(start: int) -> Clock:
    """The activity clock around a first period that starts at `start` (epoch s)."""
    first = (start // DAY - GRID_BEFORE_DAYS) * DAY
    hours = first + np.arange((GRID_BEFORE_DAYS + GRID_AFTER_DAYS) * 24 + 1, dtype=np.int64) * 3600
    local = hours + LOCAL_OFFSET
    weekday = (local // DAY + 3) % 7  # 1970-01-01 was a Thursday
    weekly = WEEKDAY_FACTOR[weekday] * HOUR_FACTOR[(local // 3600) % 24]
    weekly = weekly / (WEEKDAY_FACTOR.mean() * HOUR_FACTOR.mean())
    weight = weekly * season_factor((local // DAY).astype("datetime64[D]"))
    cumulative = np.concatenate([[0.0], np.cumsum(weight[:-1] * 3600.0)])
    return Clock(knots=hours.astype(np.float64), cumulative=cumulative)
