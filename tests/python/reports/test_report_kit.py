"""The rules the report notebooks draw by (wecheer.report_kit), on small hand-made inputs."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from wecheer.report import Coverage, Selection
from wecheer.report_kit import (
    Window,
    against,
    binomial_tail,
    tracking_gaps,
    unusual_share_days,
    wilson,
)

# Wednesday 2 Sep to Tuesday 1 Dec 2026, the last arrival just after midnight
COVERAGE = Coverage(dt.date(2026, 9, 2), dt.date(2026, 12, 1), dt.datetime(2026, 12, 2, 0, 0, 46))


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


@pytest.mark.parametrize(
    ("as_of", "last_complete"),
    [
        (dt.datetime(2026, 12, 2, 0, 0, 46), dt.date(2026, 12, 1)),  # after midnight
        (dt.datetime(2026, 12, 1, 23, 5), dt.date(2026, 12, 1)),  # within its last hour
        (dt.datetime(2026, 12, 1, 14, 0), dt.date(2026, 11, 30)),  # still arriving
    ],
)
def test_the_last_day_counts_once_its_data_arrived_up_to_its_last_hour(as_of, last_complete):
    coverage = Coverage(dt.date(2026, 9, 2), dt.date(2026, 12, 1), as_of)
    assert coverage.last_complete_day == last_complete
    assert str(coverage) == "2026-09-02..2026-12-01"


def test_whole_weeks_of_the_data_leave_out_the_weeks_it_cuts_short():
    window = Window.of(COVERAGE)
    assert (window.first_day, window.last_day) == (day("2026-09-02"), day("2026-12-01"))
    assert window.weeks[0] == day("2026-09-07") and window.weeks[-1] == day("2026-11-23")
    assert len(window.weeks) == 12
    assert window.partial_weeks() == [(day("2026-08-31"), 5), (day("2026-11-30"), 2)]
    assert "the week of 31 Aug (5 of 7 days) and the week of 30 Nov (2 of 7 days) are cut" in (
        window.describe_partial_weeks()
    )


def test_a_mid_week_period_draws_only_the_whole_weeks_inside_it():
    window = Window.of(COVERAGE, dt.date(2026, 10, 7), dt.date(2026, 10, 27))
    assert list(window.weeks) == [day("2026-10-12"), day("2026-10-19")]
    assert window.partial_weeks() == [(day("2026-10-05"), 5), (day("2026-10-26"), 2)]
    whole = Window.of(COVERAGE, dt.date(2026, 10, 5), dt.date(2026, 10, 18))
    assert list(whole.weeks) == [day("2026-10-05"), day("2026-10-12")]
    assert whole.partial_weeks() == [] and whole.describe_partial_weeks() == ""
    short = Window.of(COVERAGE, dt.date(2026, 10, 7), dt.date(2026, 10, 9))
    assert list(short.weeks) == [] and short.partial_weeks() == [(day("2026-10-05"), 3)]


def test_a_period_is_clipped_to_the_data_and_none_when_they_do_not_meet():
    window = Window.of(COVERAGE, dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    assert (window.first_day, window.last_day) == (day("2026-09-02"), day("2026-12-01"))
    assert Window.of(COVERAGE, dt.date(2027, 1, 1)) is None
    assert Window.of(Coverage()) is None


def test_cohorts_start_a_lead_after_the_data_and_end_with_the_window():
    window = Window.of(COVERAGE)
    # first 10 days: 2..11 Sep; the first Monday from 12 Sep is 14 Sep
    assert window.first_cohort_week(COVERAGE.first_day, 10) == day("2026-09-14")
    # a data start on a Monday: 7..16 Sep are the first 10 days
    assert window.first_cohort_week(dt.date(2026, 9, 7), 10) == day("2026-09-21")
    # a later period starts the cohorts with its own first whole week
    later = Window.of(COVERAGE, dt.date(2026, 10, 7))
    assert later.first_cohort_week(COVERAGE.first_day, 10) == day("2026-10-12")
    over = window.cohort_cell_is_over(
        pd.Series([day("2026-11-16"), day("2026-11-16"), day("2026-11-23")]), [1, 2, 1]
    )
    assert over.tolist() == [True, False, False]  # 23-29 Nov is over, 30 Nov-6 Dec is not


def test_wilson_intervals_match_published_values():
    """Newcombe (1998), Statistics in Medicine 17, table I, method 3 (score, no correction)."""
    low, high = wilson([81, 15, 0, 1], [263, 148, 20, 29])
    assert low == pytest.approx([0.2553, 0.0624, 0.0, 0.0061], abs=5e-5)
    assert high == pytest.approx([0.3662, 0.1605, 0.1611, 0.1718], abs=5e-5)
    low, high = wilson([0], [0])
    assert np.isnan(low[0]) and np.isnan(high[0])


def test_an_interval_is_above_or_below_the_average_only_as_a_whole():
    assert against([0.70, 0.60, 0.62], [0.74, 0.64, 0.68], 0.65).tolist() == [
        "above",
        "below",
        "overlaps",
    ]


def test_a_day_with_almost_no_events_is_a_tracking_gap_and_a_quiet_weekend_is_not():
    days = pd.date_range("2026-01-01", periods=35)
    events = pd.Series(np.where(days.day_of_week >= 5, 40, 100), index=days)  # quiet weekends
    events[day("2026-01-20")] = 0
    events[day("2026-01-27")] = 8  # a partial outage: under a tenth of a usual day
    gaps = tracking_gaps(events)
    assert list(days[gaps.to_numpy()]) == [day("2026-01-20"), day("2026-01-27")]
    assert not tracking_gaps(pd.Series(0, index=days)).any()


def test_a_day_with_a_far_higher_share_stands_out_and_noise_does_not():
    rng = np.random.default_rng(7)
    trials = pd.Series(rng.integers(150, 250, size=90))
    successes = pd.Series(rng.binomial(trials, 0.05))
    assert not unusual_share_days(successes, trials).any()
    successes[30] = int(trials[30] * 0.85)  # a reader failing most receipts
    assert unusual_share_days(successes, trials).tolist() == [i == 30 for i in range(90)]


def test_a_small_day_is_not_flagged_for_a_share_chance_explains():
    # 1 of 2 scans failed where 1% usually do: half is far above, but it happens by chance
    trials = pd.Series([2] + [100] * 59)
    successes = pd.Series([1] + [1] * 59)
    assert not unusual_share_days(successes, trials).any()
    # 40 of 50 is not chance
    assert unusual_share_days(pd.Series([40] + [1] * 59), pd.Series([50] + [100] * 59)).iloc[0]


def test_the_binomial_tail_matches_the_sum_of_its_terms():
    def exact(k, n, p):
        return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1))

    for k, n, p in [(1, 2, 0.0098), (3, 6, 0.03), (10, 200, 0.05), (170, 196, 0.06), (5, 5, 0.5)]:
        assert binomial_tail(k, n, p) == pytest.approx(exact(k, n, p), rel=1e-9)
    assert binomial_tail(0, 5, 0.1) == 1.0 and binomial_tail(1, 5, 0.0) == 0.0


def test_a_selection_names_its_period():
    assert Selection().period() == "" and Selection().is_everything
    assert Selection(start=dt.date(2026, 1, 2)).period() == " from 2026-01-02"
    assert Selection(end=dt.date(2026, 1, 2)).period() == " up to 2026-01-02"
    both = Selection(start=dt.date(2026, 1, 2), end=dt.date(2026, 1, 9))
    assert both.period() == " from 2026-01-02 to 2026-01-09" and not both.is_everything
