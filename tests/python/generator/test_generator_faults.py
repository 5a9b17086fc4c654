"""Injected faults: measured independently in SQL on the raw tables, equal to the recorded truth."""

from __future__ import annotations

import pytest
from support.generator import all_events_sql, columns, connect, event_tables, generate

from wecheer.paths import CATALOG_CSV


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "w.duckdb"
    assert generate(db, "--events", "40000", "--seed", "11", "--faults", "hostile") == 0
    con = connect(db)
    con.execute(f"create temp table _catalog as select * from '{CATALOG_CSV}'")
    con.execute(
        f"""create temp table _rows as
            select e.*, c.event_name as canonical, c.expects_user_id, c.expects_advertiser_id,
                   c.expects_campaign_id,
                   row_number() over (partition by e.id order by e.received_at, e.uuid_ts) = 1
                       as is_first
            from {all_events_sql(con)} e
            left join _catalog c
              on e.event_text in (c.event_name, c.wire_name)"""
    )
    yield con
    con.close()


def measured(con) -> dict[str, int]:
    """Each QA check's failing rows, counted from the raw tables as docs/source-contract.md says."""
    q = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    drift_tables = [
        t for t in event_tables(con)
        if "VARCHAR" in (columns(con, t).get("campaign_id"), columns(con, t).get("advertiser_id"))
    ]  # fmt: skip
    drift_rows = sum(q(f'select count(*) from wecheer_prod."{t}"') for t in drift_tables)
    return {
        "duplicate_message_ids": q("select count(*) - count(distinct id) from _rows"),
        "late_arrivals": q(
            """select count(*) from _rows
               where is_first and received_at > "timestamp" + interval 24 hour"""
        ),
        "future_timestamps": q(
            """select count(*) from _rows
               where is_first and "timestamp" > received_at + interval 15 minute"""
        ),
        "clock_skew": q(
            """select count(*) from _rows
               where is_first and abs(epoch(sent_at) - epoch(received_at)) > 3600"""
        ),
        "missing_ids": q(
            """select count(*) from _rows where is_first and canonical is not null and (
                 (expects_user_id and user_id is null)
                 or (expects_advertiser_id and advertiser_id is null)
                 or (expects_campaign_id and campaign_id is null))"""
        ),
        "unplanned_events": q("select count(*) from _rows where is_first and canonical is null"),
        "type_drift": drift_rows,
        "tracks_parity": q(
            """select coalesce(sum(abs(coalesce(e.n, 0) - coalesce(t.n, 0))), 0) from
               (select event, received_at::date as d, count(*) n from _rows group by 1, 2) e
               full join (select event, received_at::date as d, count(*) n
                          from wecheer_prod.tracks group by 1, 2) t using (event, d)"""
        ),
        "orphan_ids": q(
            """select count(*) from _rows where is_first and campaign_id is not null
               and campaign_id not in (select campaign_id::varchar
                                       from wecheer_reference.campaigns)"""
        ),
        "event_name_aliases": q(
            """with variants as (
                 select canonical, source_table, event_text, count(*) as n from _rows
                 where is_first and canonical is not null group by 1, 2, 3),
               ranked as (select *, count(*) over (partition by canonical) as k,
                                 max(n) over (partition by canonical) as top,
                                 sum(n) over (partition by canonical) as total
                          from variants)
               select coalesce(sum(total - top), 0) from
                 (select distinct canonical, total, top from ranked where k > 1)"""
        ),
    }


def test_every_injected_fault_count_equals_the_recorded_truth(hostile):
    truth = dict(hostile.execute("select * from wecheer_truth.faults").fetchall())
    # the volume check's count is compared with the QA model itself (qa/test_qa_truth.py)
    assert truth.pop("volume_anomalies") > 0
    got = measured(hostile)
    assert got == truth
    assert all(count > 0 for count in truth.values()), truth


def test_meaning_changing_faults_never_touch_journey_events(hostile):
    journey = hostile.execute(
        """select count(*) from _rows where is_first and canonical in (
             'Scan Receipt', 'Receipt Scanned', 'Punchcard Stamps Received',
             'Punchcard Completed', 'Manual Verification Requested', 'Points Received',
             'Safe Box Generated', 'Receipt Fraud')
           and (user_id is null or campaign_id is null or advertiser_id is null
                or "timestamp" > received_at + interval 15 minute)"""
    ).fetchone()[0]
    assert journey == 0


def test_late_duplicates_keep_the_event_time_and_arrive_days_later(hostile):
    spread = hostile.execute(
        """select count(*) filter (where n_ts > 1), max(span_h) from (
             select id, count(distinct "timestamp") as n_ts,
                    (epoch(max(received_at)) - epoch(min(received_at))) / 3600 as span_h
             from _rows group by id having count(*) > 1)"""
    ).fetchone()
    assert spread[0] == 0 and spread[1] > 36


def test_rates_can_be_overridden_on_the_command_line(tmp_path):
    db = tmp_path / "w.duckdb"
    assert generate(db, "--events", "20000", "--faults", "clean", "--duplicate-rate", "0.1") == 0
    con = connect(db)
    truth = dict(con.execute("select * from wecheer_truth.faults").fetchall())
    con.close()
    assert truth.pop("duplicate_message_ids") > 1000
    assert set(truth.values()) == {0}
