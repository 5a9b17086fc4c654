"""Benchmark the funnel layer (issue 4) on generated events.

1. Generate N events (default 10M, realistic faults) into a fresh warehouse file.
2. Build every model once with dbt (in-process, --full-refresh) and sum dbt's per-model times:
   the funnel layer (models/marts/funnels, models/marts/campaigns,
   models/intermediate/campaigns) against the whole build.
3. In one DuckDB connection (same process, same data, same threads), build the receipt funnel
   (attempts, then per-campaign steps) two ways, best of --repeat runs each:
   - `wecheer`: the SQL of wecheer__receipts as dbt compiles it (one window pass over each
     user's campaign stream, one GROUP BY), then the steps;
   - `self-join`: the way common dbt funnel packages do it: each scan joined to the scans of its
     stream (its number, and the next scan where its attempt ends), then to the stream's events
     in that interval, then to the rewards after its acceptance. It must give exactly the rows
     of wecheer__receipts and the same funnel, which is checked before timing is reported;
   - `simple self-join`: an earlier, simpler version (outcome only, no tie rules), for reference.

    .venv/bin/python benchmarks/bench_funnels.py                 # 10M events
    .venv/bin/python benchmarks/bench_funnels.py --events 1000000 --repeat 3
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from wecheer.cli import main as wecheer_main
from wecheer.dbt import run_dbt
from wecheer.paths import PROJECT_ROOT

FUNNEL_PATHS = (
    "models/marts/funnels/",
    "models/marts/campaigns/",
    "models/intermediate/campaigns/",
)
REWARD_EVENTS = (
    "Points Received",
    "Stamps Given",
    "Punchcard Stamps Received",
    "Lucky Draw Received",
    "Reward Received",
    "First Consumption Given",
    "Any Consumption Given",
)
RECEIPT_EVENTS = (
    "Scan Receipt",
    "Receipt Scanned",
    "Receipt Triaged",
    "Receipt Failed",
    "Receipt Fraud",
    "Receipt Incomplete",
    "Receipt Manual Review Limit Exceeded",
    "Receipt No Reward",
    "Manual Verification Requested",
    "Manual Verification Approved",
    "Manual Verification Rejected",
    *REWARD_EVENTS,
)


def sql_list(values) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


# The first event of each verdict step among an attempt's events `e` (both self-joins).
VERDICT_AGGREGATES = """
        min(case when e.event_name in ('Receipt Scanned', 'Manual Verification Approved')
            then e.event_at end) as accepted_at,
        min(case when e.event_name = 'Receipt Triaged' then e.event_at end) as triaged_at,
        min(case when e.event_name = 'Receipt Failed' then e.event_at end) as failed_at,
        min(case when e.event_name = 'Receipt Fraud' then e.event_at end) as fraud_at,
        min(case when e.event_name = 'Receipt Incomplete' then e.event_at end) as incomplete_at,
        min(case when e.event_name = 'Receipt Manual Review Limit Exceeded'
            then e.event_at end) as review_limit_exceeded_at,
        min(case when e.event_name = 'Manual Verification Rejected'
            then e.event_at end) as rejected_at
""".strip()

# Both self-joins start from the receipt journey's events and the scans among them.
STREAM_CTES = f"""
with
events as (
    select event_id, event_name, user_id, advertiser_id, campaign_id, event_at
    from main.wecheer__events
    where user_id is not null and campaign_id is not null
        and event_name in {sql_list(RECEIPT_EVENTS)}
),
scans as (
    select event_id as receipt_attempt_id, user_id, advertiser_id, campaign_id,
        event_at as scanned_at
    from events where event_name = 'Scan Receipt'
),
"""

# The plain self-join implementation of wecheer__receipts, the way common dbt funnel packages
# build such funnels: each scan joined to every scan of the user's campaign stream (its number
# and the next scan, where its attempt ends), then to the stream's events inside that interval
# and the window, then once more to the rewards after its acceptance. Same rules as the model
# (ties at one second: scans first, then by id; events of the scan's second belong to it;
# rewards and no-reward count from the acceptance on), same columns: the benchmark checks the
# rows are identical before it reports a time.
SELF_JOIN_RECEIPTS = (
    STREAM_CTES
    + f"""
bounded as (
    select s.receipt_attempt_id, s.user_id, s.advertiser_id, s.campaign_id, s.scanned_at,
        count(case when o.scanned_at < s.scanned_at or (o.scanned_at = s.scanned_at
            and o.receipt_attempt_id <= s.receipt_attempt_id) then 1 end) as attempt_number,
        min(case when o.scanned_at > s.scanned_at or (o.scanned_at = s.scanned_at
            and o.receipt_attempt_id > s.receipt_attempt_id) then o.scanned_at end) as next_scan_at
    from scans as s
    inner join scans as o on o.user_id = s.user_id and o.campaign_id = s.campaign_id
    group by 1, 2, 3, 4, 5
),
verdicts as (
    select b.receipt_attempt_id, b.user_id, b.advertiser_id, b.campaign_id, b.scanned_at,
        b.attempt_number, b.next_scan_at,
{VERDICT_AGGREGATES}
    from bounded as b
    left join events as e
        on e.user_id = b.user_id and e.campaign_id = b.campaign_id
        and e.event_name in ('Receipt Scanned', 'Manual Verification Approved', 'Receipt Triaged',
            'Receipt Failed', 'Receipt Fraud', 'Receipt Incomplete',
            'Receipt Manual Review Limit Exceeded', 'Manual Verification Rejected')
        and e.event_at >= b.scanned_at
        and (b.next_scan_at is null or e.event_at < b.next_scan_at)
        and e.event_at <= b.scanned_at + interval 72 hour
    group by 1, 2, 3, 4, 5, 6, 7
),
after_acceptance as (
    select v.receipt_attempt_id,
        min(case when e.event_name = 'Receipt No Reward' then e.event_at end) as no_reward_at,
        min(case when e.event_name <> 'Receipt No Reward' then e.event_at end) as rewarded_at
    from verdicts as v
    inner join events as e
        on e.user_id = v.user_id and e.campaign_id = v.campaign_id
        and e.event_name in {sql_list(("Receipt No Reward", *REWARD_EVENTS))}
        and e.event_at >= v.accepted_at
        and (v.next_scan_at is null or e.event_at < v.next_scan_at)
        and e.event_at <= v.scanned_at + interval 72 hour
    group by 1
),
with_outcome as (
    select v.*, a.no_reward_at, a.rewarded_at,
        case
            when v.failed_at is not null then 'failed'
            when v.fraud_at is not null then 'fraud'
            when v.incomplete_at is not null then 'incomplete'
            when v.review_limit_exceeded_at is not null then 'review_limit_exceeded'
            when v.rejected_at is not null then 'rejected'
            when a.no_reward_at is not null then 'no_reward'
            when a.rewarded_at is not null then 'rewarded'
            when v.accepted_at is not null then 'accepted'
            when v.triaged_at is not null then 'in_review'
            when v.scanned_at + interval 72 hour
                > (select max(received_at) from main.wecheer__events) then 'pending'
            else 'abandoned'
        end as outcome
    from verdicts as v
    left join after_acceptance as a on a.receipt_attempt_id = v.receipt_attempt_id
),
with_outcome_at as (
    select *,
        case outcome
            when 'fraud' then fraud_at
            when 'failed' then failed_at
            when 'incomplete' then incomplete_at
            when 'rejected' then rejected_at
            when 'review_limit_exceeded' then review_limit_exceeded_at
            when 'rewarded' then rewarded_at
            when 'no_reward' then no_reward_at
            when 'accepted' then accepted_at
            when 'in_review' then triaged_at
        end as outcome_at
    from with_outcome
)
select receipt_attempt_id, user_id, advertiser_id, campaign_id, scanned_at, outcome, outcome_at,
    date_diff('second', scanned_at, outcome_at) as seconds_to_outcome, attempt_number,
    accepted_at, triaged_at,
    outcome not in ('pending', 'abandoned') as is_processed,
    outcome in ('accepted', 'rewarded', 'no_reward') as is_accepted,
    outcome = 'rewarded' as is_rewarded,
    outcome = 'fraud' as is_fraud
from with_outcome_at
"""
)

# A simpler self-join, kept as a reference: outcome only (not the other columns), and it does
# not follow the model's rules on ties (events of the scan's own second, scans of one second)
# nor "rewards count from the acceptance on". On data without such cases it gives the same
# outcomes (the benchmark reports whether its per-campaign funnel agreed).
SIMPLE_SELF_JOIN_ATTEMPTS = (
    STREAM_CTES
    + f"""
bounded as (
    select s.receipt_attempt_id, s.user_id, s.advertiser_id, s.campaign_id, s.scanned_at,
        min(n.scanned_at) as next_scan_at
    from scans as s
    left join scans as n
        on n.user_id = s.user_id and n.campaign_id = s.campaign_id
        and n.scanned_at > s.scanned_at
    group by 1, 2, 3, 4, 5
),
folded as (
    select b.receipt_attempt_id, b.user_id, b.advertiser_id, b.campaign_id, b.scanned_at,
{VERDICT_AGGREGATES},
        min(case when e.event_name = 'Receipt No Reward' then e.event_at end) as no_reward_at,
        min(case when e.event_name in {sql_list(REWARD_EVENTS)} then e.event_at end) as reward_at
    from bounded as b
    left join events as e
        on e.user_id = b.user_id and e.campaign_id = b.campaign_id
        and e.event_at > b.scanned_at
        and (b.next_scan_at is null or e.event_at < b.next_scan_at)
        and e.event_at <= b.scanned_at + interval 72 hour
        and e.event_name <> 'Scan Receipt'
    group by 1, 2, 3, 4, 5
)
select receipt_attempt_id, user_id, advertiser_id, campaign_id, scanned_at,
    case
        when failed_at is not null then 'failed'
        when fraud_at is not null then 'fraud'
        when incomplete_at is not null then 'incomplete'
        when review_limit_exceeded_at is not null then 'review_limit_exceeded'
        when rejected_at is not null then 'rejected'
        when accepted_at is not null and no_reward_at >= accepted_at then 'no_reward'
        when accepted_at is not null and reward_at >= accepted_at then 'rewarded'
        when accepted_at is not null then 'accepted'
        when triaged_at is not null then 'in_review'
        when scanned_at + interval 72 hour > (select max(received_at) from main.wecheer__events)
            then 'pending'
        else 'abandoned'
    end as outcome
from folded
"""
)


# Long-lived loyal users: HEAVY_USERS users each scanning weekly for HEAVY_WEEKS weeks in one
# campaign (accepted and rewarded every time). The generator caps a user at 80 sessions per
# campaign; real programmes run for years, and the self-join's cost grows with the square of
# the scans per user and campaign while the window pass stays linear.
HEAVY_EVENTS = """
create or replace table heavy.wecheer__events as
with attempts as (
    select u.range as user_number, w.range as week
    from range({users}) as u cross join range({weeks}) as w
),
steps as (
    select * from (values ('Scan Receipt', 0), ('Receipt Scanned', 30), ('Points Received', 50))
        as s (event_name, offset_s)
)
select
    md5(concat(user_number, '-', week, '-', event_name)) as event_id,
    event_name,
    cast(100000 + user_number as varchar) as user_id,
    '100' as advertiser_id,
    '5000' as campaign_id,
    timestamp '2020-01-06 10:00:00' + to_weeks(week) + to_seconds(offset_s) as event_at,
    timestamp '2020-01-06 10:00:05' + to_weeks(week) + to_seconds(offset_s) as received_at
from attempts cross join steps
"""

FUNNEL_STEPS = """
select campaign_id, count(*) as scans_started,
    count(case when outcome not in ('pending', 'abandoned') then 1 end) as processed,
    count(case when outcome in ('accepted', 'rewarded', 'no_reward') then 1 end) as accepted,
    count(case when outcome = 'rewarded' then 1 end) as rewarded
from {attempts} group by campaign_id
"""


def timed(con: duckdb.DuckDBPyConnection, sql: str) -> float:
    started = time.perf_counter()
    con.execute(sql)
    return time.perf_counter() - started


def build_funnel(con, attempts_sql: str, name: str) -> float:
    """Attempts into a temp table, then the per-campaign steps; returns seconds."""
    return timed(con, f"create or replace temp table {name}_attempts as {attempts_sql}") + timed(
        con,
        f"create or replace temp table {name}_funnel as "
        + FUNNEL_STEPS.format(attempts=f"{name}_attempts"),
    )


PROFILE = """wecheer:
  target: duckdb
  outputs:
    duckdb:
      type: duckdb
      path: "{{{{ env_var('WECHEER_DUCKDB') }}}}"
      threads: 2
      keep_open: false
      settings:
        memory_limit: "{memory_limit}"
"""


@contextlib.contextmanager
def quiet_stdout():
    """Silence dbt's own printing (compile prints the SQL) at the file-descriptor level."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        try:
            yield
        finally:
            sys.stdout.flush()
            os.dup2(saved, 1)
            os.close(saved)


def differing_rows(con, left: str, right: str) -> int:
    """Rows of one table missing from the other, both ways (duplicates counted)."""
    return sum(
        con.execute(
            f"select count(*) from (select * from {a} except all select * from {b})"
        ).fetchone()[0]
        for a, b in ((left, right), (right, left))
    )


def check_same(con) -> bool:
    """The exact self-join must give wecheer__receipts' rows and funnel (else exit); returns
    whether the simple self-join's funnel agreed too."""
    rows = differing_rows(con, "window_attempts", "selfjoin_attempts")
    funnel = differing_rows(con, "window_funnel", "selfjoin_funnel")
    if rows or funnel:
        sys.exit(f"bench_funnels: the self-join differs ({rows} attempt rows, {funnel} campaigns)")
    return differing_rows(con, "window_funnel", "simple_funnel") == 0


def dbt_ok(result, what: str):
    if not result.success:
        failed = [
            (r.node.name, str(r.status), r.message)
            for r in (result.result or [])
            if str(r.status) not in ("success", "pass", "warn")
        ]
        sys.exit(f"bench_funnels: {what} failed: {failed or result.exception}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", default="realistic")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each funnel (best is kept)")
    parser.add_argument("--workdir", type=Path, help="keep the warehouse here (default: temp)")
    parser.add_argument("--heavy-users", type=int, default=2000)
    parser.add_argument("--heavy-weeks", type=int, default=260, help="scans per heavy user")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the warehouse already in --workdir (generated earlier) instead of generating",
    )
    parser.add_argument("--project-dir", type=Path, default=PROJECT_ROOT, help="dbt project")
    parser.add_argument(
        "--memory-limit", default="4GB", help="DuckDB memory_limit for dbt and the comparison"
    )
    args = parser.parse_args(argv)

    if args.reuse and args.workdir is None:
        parser.error("--reuse needs --workdir")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_funnels_"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "warehouse.duckdb"
    (workdir / "profiles.yml").write_text(PROFILE.format(memory_limit=args.memory_limit))
    dbt_args = ["--project-dir", str(args.project_dir), "--profiles-dir", str(workdir)]
    try:
        if args.reuse:
            if not db.exists():
                sys.exit(f"bench_funnels: --reuse but {db} does not exist")
            print(f"reusing {db}", flush=True)
        else:
            print(f"generating {args.events:,} events ({args.faults}) -> {db}", flush=True)
            started = time.perf_counter()
            code = wecheer_main(
                ["generate", "--db", str(db), "--events", str(args.events),
                 "--seed", str(args.seed), "--faults", args.faults, "--replace", "--quiet"]
            )  # fmt: skip
            if code:
                return code
            print(f"  {time.perf_counter() - started:.1f} s", flush=True)

        print("dbt build (every model and seed, no tests)", flush=True)
        started = time.perf_counter()
        result = dbt_ok(
            run_dbt(
                [
                    "build",
                    "--full-refresh",
                    "--resource-type",
                    "model",
                    "--resource-type",
                    "seed",
                    *dbt_args,
                ],
                db=db,
            ),
            "dbt build",
        )
        build_wall = time.perf_counter() - started
        node_times = {
            r.node.name: (r.node.original_file_path, r.execution_time) for r in result.result
        }
        total_nodes = sum(t for _, t in node_times.values())
        funnel_nodes = sum(t for path, t in node_times.values() if path.startswith(FUNNEL_PATHS))
        n_funnel = sum(1 for path, _ in node_times.values() if path.startswith(FUNNEL_PATHS))
        receipts_node = node_times["wecheer__receipts"][1]

        with quiet_stdout():
            compiled = run_dbt(["compile", "--select", "wecheer__receipts", *dbt_args], db=db)
        dbt_ok(compiled, "dbt compile")
        window_sql = compiled.result.results[0].node.compiled_code

        con = duckdb.connect(str(db), config={"memory_limit": args.memory_limit})
        (events,) = con.execute("select count(*) from main.wecheer__events").fetchone()
        (attempts,) = con.execute("select count(*) from main.wecheer__receipts").fetchone()
        names = ("wecheer", "self-join", "simple self-join")
        timings: dict[str, list[float]] = {name: [] for name in names}
        for _ in range(args.repeat):
            timings["wecheer"].append(build_funnel(con, window_sql, "window"))
            timings["self-join"].append(build_funnel(con, SELF_JOIN_RECEIPTS, "selfjoin"))
            timings["simple self-join"].append(
                build_funnel(con, SIMPLE_SELF_JOIN_ATTEMPTS, "simple")
            )
        simple_agreed = check_same(con)
        con.execute("create schema if not exists heavy")
        con.execute(HEAVY_EVENTS.format(users=args.heavy_users, weeks=args.heavy_weeks))
        (heavy_events,) = con.execute("select count(*) from heavy.wecheer__events").fetchone()
        heavy_sql = {
            "wecheer": window_sql.replace('"main"."wecheer__events"', '"heavy"."wecheer__events"'),
            "self-join": SELF_JOIN_RECEIPTS,
            "simple self-join": SIMPLE_SELF_JOIN_ATTEMPTS,
        }
        heavy_sql = {
            name: sql.replace("main.wecheer__events", "heavy.wecheer__events")
            for name, sql in heavy_sql.items()
        }
        heavy: dict[str, list[float]] = {name: [] for name in names}
        prefixes = {"wecheer": "window", "self-join": "selfjoin", "simple self-join": "simple"}
        for _ in range(args.repeat):
            for name in names:
                heavy[name].append(build_funnel(con, heavy_sql[name], prefixes[name]))
        heavy_simple_agreed = check_same(con)
        con.close()
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)

    print()
    source = "reused warehouse" if args.reuse else args.faults
    print(f"{events:,} unique events ({source}), {attempts:,} receipt attempts; "
          f"heavy users: {heavy_events:,} events, {args.heavy_users:,} users x "
          f"{args.heavy_weeks} weekly scans in one campaign. DuckDB, one process, best of "
          f"{args.repeat}.")  # fmt: skip
    print()
    print("| receipt funnel (attempts + per-campaign steps) | generated data, s | heavy users, s |")
    print("|---|---:|---:|")
    for name in names:
        print(f"| {name} | {min(timings[name]):.2f} | {min(heavy[name]):.2f} |")
    for name in names[1:]:
        print(
            f"| {name} time / wecheer time | "
            f"{min(timings[name]) / min(timings['wecheer']):.2f} | "
            f"{min(heavy[name]) / min(heavy['wecheer']):.2f} |"
        )
    print()
    print("self-join: identical rows to wecheer__receipts (checked); simple self-join (outcome "
          "only, no tie or after-acceptance rules): per-campaign funnel "
          f"{'agreed' if simple_agreed else 'DIFFERED'} on generated data, "
          f"{'agreed' if heavy_simple_agreed else 'DIFFERED'} on heavy users.")  # fmt: skip
    print()
    print("| dbt build, every model | seconds |")
    print("|---|---:|")
    print(f"| whole build (wall) | {build_wall:.1f} |")
    print(f"| all models (sum of model times) | {total_nodes:.1f} |")
    print(f"| funnel layer: {n_funnel} models (sum) | {funnel_nodes:.1f} "
          f"({funnel_nodes / total_nodes:.0%} of all models) |")  # fmt: skip
    print(f"| of which wecheer__receipts | {receipts_node:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
