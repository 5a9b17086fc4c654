"""What `wecheer generate` writes on the clean profile: Segment's layout, timestamps, journeys."""

from __future__ import annotations

import pytest
from support.generator import all_events_sql, columns, connect, event_tables, generate
from support.segment_source import STANDARD_COLUMNS as STANDARD_TYPES

from wecheer.catalog import load_catalog


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    db = tmp_path_factory.mktemp("clean") / "w.duckdb"
    assert generate(db, "--events", "60000", "--seed", "7") == 0
    con = connect(db)
    yield con
    con.close()


def test_every_catalogue_event_occurs_at_a_demo_size(clean):
    rows = clean.execute("select event_name from wecheer_truth.event_counts").fetchall()
    names = {r[0] for r in rows}
    assert names == {e.event_name for e in load_catalog()}
    tables = set(event_tables(clean))
    assert {e.table_from_event_name for e in load_catalog()} <= tables


def test_event_count_is_close_to_the_requested_number(clean):
    tracks = clean.execute("select count(*) from wecheer_prod.tracks").fetchone()[0]
    assert 0.8 * 60000 < tracks < 1.2 * 60000


def test_tracks_and_event_tables_have_the_standard_columns_in_order_with_their_types(clean):
    for table in ["tracks", *event_tables(clean)]:
        cols = columns(clean, table)
        # the contract's columns, in its order, with its types (tests/python/segment_source.py)
        assert list(cols)[: len(STANDARD_TYPES)] == list(STANDARD_TYPES), table
        assert {c: cols[c] for c in STANDARD_TYPES} == STANDARD_TYPES, table
    assert "advertiser_id" not in columns(clean, "tracks")
    assert columns(clean, "scan_receipt")["campaign_id"] == "BIGINT"


def test_no_all_null_property_columns_and_no_unexpected_ids(clean):
    expects = {e.table_from_event_name: e for e in load_catalog()}
    for table in event_tables(clean):
        cols = columns(clean, table)
        assert ("campaign_id" in cols) == expects[table].expects_campaign_id, table
        for column in cols:
            if column in ("anonymous_id",):
                continue
            nulls = clean.execute(
                f'select count(*) - count("{column}") from wecheer_prod."{table}"'
            ).fetchone()[0]
            assert nulls == 0, (table, column)


def test_each_event_lands_once_in_tracks_and_once_in_its_table_named_by_snakecase(clean):
    counts = clean.execute(
        f"""select e.source_table, e.event, count(*) as n,
                   (select count(*) from wecheer_prod.tracks t where t.event = e.source_table)
            from {all_events_sql(clean)} e group by 1, 2"""
    ).fetchall()
    for table, event, n, in_tracks in counts:
        assert table == event and n == in_tracks
    texts = dict(clean.execute("select event, any_value(event_text) from wecheer_prod.tracks "
                               "group by 1").fetchall())  # fmt: skip
    assert texts["receipt_manual_review_limit_exceeded"] == "Receipt Manual Review Limit Exceeded"
    assert clean.execute(
        "select count(*) - count(distinct id) from wecheer_prod.tracks"
    ).fetchone() == (0,)


def test_timestamp_is_exactly_the_skew_corrected_time_and_the_loader_comes_after(clean):
    bad = clean.execute(
        f"""select
              count(*) filter (where "timestamp" <> received_at - (sent_at - original_timestamp)),
              count(*) filter (where uuid_ts <= received_at),
              count(*) filter (where received_at - "timestamp" >= interval 10 minute
                               or received_at < "timestamp"),
              count(*) filter (where abs(epoch(sent_at) - epoch(received_at)) > 300),
              count(*) filter (where id !~ '^[0-9a-f]{{8}}-[0-9a-f]{{4}}-4[0-9a-f]{{3}}-[89ab][0-9a-f]{{3}}-[0-9a-f]{{12}}$'),
              count(*) filter (where anonymous_id is not null or user_id !~ '^[0-9]+$'),
              count(*) filter (where context_library_name <> 'wecheer-event-cloud')
            from {all_events_sql(clean)}"""  # noqa: E501
    ).fetchone()
    assert bad == (0, 0, 0, 0, 0, 0, 0)


def test_events_of_one_user_and_campaign_are_at_least_a_second_apart(clean):
    gaps = clean.execute(
        f"""select count(*) from (
              select epoch("timestamp") - lag(epoch("timestamp")) over (
                  partition by user_id, campaign_id order by "timestamp") as gap
              from {all_events_sql(clean)} where campaign_id is not null)
            where gap < 1"""
    ).fetchone()[0]
    assert gaps == 0


def _stream(con):
    return f"""(select user_id, campaign_id, "timestamp" as event_at,
                      (select event_name from _catalog c where c.table_from_event_name = e.event)
                      as name
               from {all_events_sql(con)} e where campaign_id is not null)"""


@pytest.fixture(scope="module")
def streams(clean):
    from wecheer.paths import CATALOG_CSV

    clean.execute(f"create or replace temp table _catalog as select * from '{CATALOG_CSV}'")
    clean.execute(
        f"""create or replace temp table _stream as
            select *, sum((name = 'Scan Receipt')::int) over w as attempt,
                   max(case when name = 'Scan Receipt' then event_at end) over w as scan_at
            from {_stream(clean)}
            window w as (partition by user_id, campaign_id order by event_at
                         rows between unbounded preceding and current row)"""
    )
    return clean


RECEIPT_OUTCOMES = (
    "Receipt Scanned", "Receipt Triaged", "Receipt Failed", "Receipt Fraud",
    "Receipt Incomplete", "Receipt No Reward", "Receipt Manual Review Limit Exceeded",
    "Manual Verification Requested", "Manual Verification Approved",
    "Manual Verification Rejected",
)  # fmt: skip


def test_no_receipt_outcome_without_a_scan_of_the_same_attempt_within_72_hours(streams):
    names = ", ".join(f"'{n}'" for n in RECEIPT_OUTCOMES)
    orphans = streams.execute(
        f"""select count(*) from _stream where name in ({names})
            and (attempt = 0 or event_at > scan_at + interval 72 hour)"""
    ).fetchone()[0]
    assert orphans == 0
    per_attempt = streams.execute(
        """select max(n) from (select count(*) as n from _stream
            where name in ('Receipt Scanned', 'Receipt Triaged', 'Receipt Failed',
                           'Receipt Fraud', 'Receipt Incomplete',
                           'Receipt Manual Review Limit Exceeded')
            group by user_id, campaign_id, attempt)"""
    ).fetchone()[0]
    assert per_attempt == 1  # exactly one path per attempt


def test_verdicts_follow_a_request_after_triage(streams):
    rows = streams.execute(
        """select count(*) filter (where v.name is not null and r.name is null),
                  count(*) filter (where r.name is not null and t.name is null)
           from _stream v
           left join _stream r on r.user_id = v.user_id and r.campaign_id = v.campaign_id
                and r.attempt = v.attempt and r.name = 'Manual Verification Requested'
                and r.event_at < v.event_at
           left join _stream t on t.user_id = v.user_id and t.campaign_id = v.campaign_id
                and t.attempt = v.attempt and t.name = 'Receipt Triaged' and t.event_at < r.event_at
           where v.name in ('Manual Verification Approved', 'Manual Verification Rejected')"""
    ).fetchone()
    assert rows == (0, 0)


def test_no_completion_without_stamps_and_no_redemption_without_generation(streams):
    def before(later: str, *earlier: str) -> int:
        names = ", ".join(f"'{name}'" for name in earlier)
        return streams.execute(
            f"""select count(*) from _stream a where a.name = '{later}' and not exists (
                  select 1 from _stream b where b.user_id = a.user_id
                  and b.campaign_id = a.campaign_id and b.name in ({names})
                  and b.event_at < a.event_at)"""
        ).fetchone()[0]

    def after(later: str, earlier: str) -> int:
        return streams.execute(
            f"""select count(*) from _stream a where a.name = '{later}' and exists (
                  select 1 from _stream b where b.user_id = a.user_id
                  and b.campaign_id = a.campaign_id and b.name = '{earlier}'
                  and b.event_at < a.event_at)"""
        ).fetchone()[0]

    assert before("Punchcard Completed", "Punchcard Stamps Received", "Manual Give Stamps") == 0
    assert before("Punchcard Already Completed", "Punchcard Completed") == 0
    assert before("Safe Box Read", "Safe Box Generated") == 0
    assert before("Safe Box Redeemed", "Safe Box Read") == 0
    assert before("Level Unlock Reward Received", "Level Unlocked") == 0
    assert before("Game Completed", "Game Triggered") == 0
    # members who joined before the data may have reached the stamp limit before it: no stamp
    # after the limit in the data, and no limit reached after an overflow
    assert after("Stamps Given", "Stamps Limit Reached") == 0
    assert after("Stamps Limit Reached", "Stamps Overflow") == 0


def test_truth_has_one_attempt_per_delivered_scan_and_outcomes_match_the_events(clean):
    missing = clean.execute(
        """select count(*) from wecheer_prod.scan_receipt s
           full join wecheer_truth.receipt_attempts a on a.receipt_attempt_id = s.id
           where s.id is null or a.receipt_attempt_id is null
              or a.scanned_at <> s."timestamp" or a.campaign_id <> s.campaign_id::varchar"""
    ).fetchone()[0]
    assert missing == 0
    outcomes = dict(
        clean.execute(
            "select outcome, count(*) from wecheer_truth.receipt_attempts group by 1"
        ).fetchall()
    )
    fraud = clean.execute("select count(*) from wecheer_prod.receipt_fraud").fetchone()[0]
    rejected = clean.execute(
        "select count(*) from wecheer_prod.manual_verification_rejected"
    ).fetchone()[0]
    assert outcomes["fraud"] == fraud and outcomes["rejected"] == rejected
    assert outcomes["rewarded"] > outcomes["no_reward"] > 0
    summary = clean.execute(
        """select sum(receipt_attempts), sum(outcome_fraud), sum(punchcards_completed)
           from wecheer_truth.campaign_summary"""
    ).fetchone()
    cards = clean.execute(
        "select count(*) filter (where is_completed) from wecheer_truth.punchcards"
    ).fetchone()[0]
    assert summary == (sum(outcomes.values()), fraud, cards)
    completed = clean.execute("select count(*) from wecheer_prod.punchcard_completed").fetchone()
    assert completed == (cards,)


def test_identifies_accompany_data_sharing_and_users_hold_realistic_pii(clean):
    shared, identifies = clean.execute(
        """select (select count(*) from wecheer_prod.user_data_shared),
                  (select count(*) from wecheer_prod.identifies)"""
    ).fetchone()
    assert shared == identifies > 0
    bad = clean.execute(
        """select count(*) from wecheer_prod.users
           where email !~ '^[a-z.]+[0-9]+@[a-z]+\\.com$' or phone !~ '^\\+[0-9]+ [0-9]{8}$'
              or birthday not between date '1950-01-01' and date '2008-01-01' or city is null"""
    ).fetchone()[0]
    assert bad == 0
    assert clean.execute(
        "select count(*) = count(distinct id) from wecheer_prod.users"
    ).fetchone() == (True,)


def test_reference_data_covers_every_campaign_on_clean_data(clean):
    orphans = clean.execute(
        f"""select count(*) from {all_events_sql(clean)} e
            where campaign_id is not null and campaign_id not in
              (select campaign_id::varchar from wecheer_reference.campaigns)"""
    ).fetchone()[0]
    assert orphans == 0
    rows = clean.execute("select mechanic from wecheer_reference.campaigns").fetchall()
    mechanics = {r[0] for r in rows}
    assert {"punchcard", "lucky_draw", "safe_box", "staff_points", "referral"} <= mechanics


def test_clean_profile_records_no_faults(clean):
    assert clean.execute("select sum(failing_rows) from wecheer_truth.faults").fetchone() == (0,)
