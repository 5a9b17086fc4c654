"""The simulated programme tells a story an analyst can find in the marts: campaigns that differ
by amounts worth acting on, campaigns that launch inside the data, a holiday peak, and the
incidents the truth records (a fraud ring, an OCR outage, a tracking outage), each visible where
a report or the source QA looks.

One source of the demo's shape (`make demo`: realistic faults, seed 42, 91 days; fewer events,
the statistics hold), built once with dbt (the marts these checks read and what they need).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from statistics import median

import duckdb
import pytest
from support.generator import generate

from wecheer.dbt import run_dbt
from wecheer.generator.calendar import holidays

EVENTS = 80_000
START = dt.date(2026, 9, 2)  # a demo run on 2026-12-02 (91 days ago); holds 11.11
DAYS = 91
MARTS = ("wecheer__campaign_summary", "wecheer__campaign_daily", "wecheer__campaigns",
         "wecheer__qa_findings")  # fmt: skip
MIN_SCANS = 200  # the "Done when" statistics look at campaigns with this many scans or more
MIN_EVENTS = 200


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    db: Path = tmp_path_factory.mktemp("story") / "story.duckdb"
    assert generate(db, "--events", str(EVENTS), "--seed", "42", "--faults", "realistic",
                    "--start", START.isoformat(), "--days", str(DAYS)) == 0  # fmt: skip
    select = [f"+{name}" for name in MARTS]
    result = run_dbt(["build", "--select", *select, "--resource-type", "model",
                      "--resource-type", "seed"], db=db)  # fmt: skip
    assert result.success and {r.node.name for r in result.result} >= set(MARTS)
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def incident(con, name: str) -> tuple:
    found = rows(con, f"select * from wecheer_truth.incidents where incident = '{name}'")
    assert len(found) == 1, f"the truth records no {name}"
    return found[0]


def test_reward_rates_differ_between_campaigns_by_amounts_worth_acting_on(story):
    rates = sorted(
        r[0]
        for r in rows(
            story,
            f"""select outcome_rewarded / receipt_attempts from main.wecheer__campaign_summary
                where receipt_attempts >= {MIN_SCANS}""",
        )
    )
    assert len(rates) >= 12
    q1, q3 = rates[len(rates) // 4], rates[(3 * len(rates)) // 4]
    assert q3 - q1 >= 0.08, rates  # the middle half spans 8 points or more


def test_lucky_draw_and_play_and_win_have_their_own_receipt_funnel(story):
    by_mechanic = dict(
        rows(
            story,
            """select c.mechanic, sum(s.outcome_rewarded) / sum(s.receipt_attempts)
               from main.wecheer__campaign_summary as s
               inner join main.wecheer__campaigns as c on s.campaign_id = c.campaign_id
               group by 1""",
        )
    )
    scan_and_earn = by_mechanic["receipt_points"]
    assert scan_and_earn - by_mechanic["lucky_draw"] >= 0.25, by_mechanic
    assert scan_and_earn - by_mechanic["game"] >= 0.15, by_mechanic


def test_the_worst_fraud_rate_is_far_above_the_median_campaign(story):
    rates = [
        r[0]
        for r in rows(
            story,
            f"""select outcome_fraud / receipt_attempts from main.wecheer__campaign_summary
                where receipt_attempts >= {MIN_SCANS}""",
        )
    ]
    assert max(rates) >= 2.5 * median(rates), sorted(rates)


def test_a_third_of_the_campaigns_start_a_week_or_more_into_the_data(story):
    (first_day,) = rows(story, "select min(event_at)::date from main.wecheer__events")[0]
    firsts = [
        r[0]
        for r in rows(
            story,
            f"""select first_event_at::date from main.wecheer__campaigns
                where events >= {MIN_EVENTS}""",
        )
    ]
    late = [d for d in firsts if d >= first_day + dt.timedelta(days=7)]
    assert len(firsts) >= 12
    assert 3 * len(late) >= len(firsts), (len(late), len(firsts))


def test_the_fraud_ring_campaign_tops_fraud_in_each_of_its_weeks(story):
    _, campaign, starts_at, ends_at, _ = incident(story, "fraud_ring")
    weeks = rows(
        story,
        f"""with weekly as (
                select campaign_id, date_trunc('week', activity_on) as week,
                       sum(fraud) / sum(scans) as fraud_rate, sum(scans) as scans
                from main.wecheer__campaign_daily
                where activity_on >= '{starts_at}' and activity_on < '{ends_at}'
                group by 1, 2 having sum(scans) >= 30)
            select week, arg_max(campaign_id, fraud_rate), max(fraud_rate), median(fraud_rate)
            from weekly group by 1 order by 1""",
    )
    assert len(weeks) == 2  # the ring runs Monday to Sunday, twice
    for _, top, top_rate, median_rate in weeks:
        assert top == campaign
        assert top_rate >= 5 * median_rate


def test_the_ocr_outage_day_stands_out_in_failed_receipts(story):
    _, _, starts_at, _, _ = incident(story, "ocr_outage")
    daily = rows(
        story,
        """select scanned_at::date, count(*) filter (where outcome = 'failed') / count(*)
           from main.wecheer__receipts group by 1 order by 2 desc""",
    )
    (worst_day, worst), (_, runner_up) = daily[0], daily[1]
    assert worst_day == starts_at.date()
    assert worst >= 0.6 and worst >= 4 * runner_up


def test_the_source_qa_finds_the_tracking_outage_day(story):
    _, _, starts_at, _, _ = incident(story, "tracking_outage")
    days = {
        r[0]
        for r in rows(
            story,
            """select event_at::date from main.wecheer__qa_findings
               where check_name = 'volume_anomalies'""",
        )
    }
    assert starts_at.date() in days
    # nothing was sent that day (a row dated that day by a sender clock running days ahead, a
    # future timestamp the QA reports, can be there)
    (events,) = rows(
        story,
        f"""select count(*) from main.wecheer__events where event_at::date = '{starts_at}'
            and event_at <= received_at + interval 15 minute""",
    )[0]
    assert events == 0


def test_a_holiday_is_busier_than_the_same_weekday_around_it(story):
    first, last = START + dt.timedelta(days=28), START + dt.timedelta(days=DAYS - 1)
    peaks = [d.item() for d in holidays(START.year, START.year) if first <= d.item() < last]
    day = peaks[0]  # 11.11 in the demo period
    scans = dict(
        rows(
            story,
            f"""select activity_on, sum(scans) from main.wecheer__campaign_daily
                where activity_on in ('{day}', '{day - dt.timedelta(days=7)}',
                                      '{day - dt.timedelta(days=14)}')
                group by 1""",
        )
    )
    before = (scans[day - dt.timedelta(days=7)] + scans[day - dt.timedelta(days=14)]) / 2
    assert scans[day] >= 1.3 * before, scans
