"""`wecheer report`: notebooks run on a generated warehouse with known incidents (a fraud ring, an
OCR outage day, a tracking outage day, future-dated events), render to HTML that a browser opens,
and show what the generator's truth says happened, where it happened."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import html.parser
import io
import os
import re
import sys
from pathlib import Path

import duckdb
import nbformat
import pytest
import yaml
from support import QA_CHECK_NAMES
from support.chromium import CHROMIUM, chromium

from wecheer import report
from wecheer.cli import main as wecheer_main
from wecheer.dbt import run_dbt
from wecheer.paths import PROJECT_ROOT

NOTEBOOKS = {name: PROJECT_ROOT / "notebooks" / f"{name}.ipynb" for name in report.TITLES}
CHECKS = QA_CHECK_NAMES
# Screenshots are kept for people and CI to look at ($WECHEER_TEST_ARTIFACTS overrides).
ARTIFACTS = Path(
    os.environ.get("WECHEER_TEST_ARTIFACTS", PROJECT_ROOT / "reports" / "test-artifacts")
)
KPI = re.compile(
    r'<div class="kpi" data-kpi="(?P<key>\w+)" data-value="(?P<value>[^"]*)">'
    r'<div class="kpi-value">(?P<shown>[^<]*)</div>'
)
IMAGE = re.compile(r'<img [^>]*src="data:image/png;base64,')
# The charts of each report, in order; each has a table of its numbers (data-chart).
CAMPAIGN_CHARTS = (
    "weekly_activity",
    "daily",
    "receipt_funnel",
    "outcome_by_week",
    "fraud_by_week",
    "fraud_by_campaign",
    "punchcard_funnel",
    "cohorts",
)
WEEKLY_CHARTS = ("weekly_activity", "outcome_by_week", "fraud_by_week")
COHORT_LEAD_DAYS = 10  # the notebook's default `cohort_lead_days`
# seeds and models only: the data tests belong to the model owners' suites
BUILD_MODELS = ["build", "--exclude-resource-type", "test", "unit_test", "--quiet"]


@pytest.fixture(scope="module")
def kernel_home(tmp_path_factory):
    """The kernel writes under $HOME (IPython, Jupyter runtime, matplotlib caches): use tmp."""
    home = tmp_path_factory.mktemp("kernel_home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("IPYTHONDIR", str(home / "ipython"))
        patch.setenv("JUPYTER_RUNTIME_DIR", str(home / "jupyter_runtime"))
        patch.setenv("MPLCONFIGDIR", str(home / "matplotlib"))
        yield home


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, kernel_home):
    """A hostile source of 60k events over 60 days (Monday 5 Jan to Thursday 5 Mar 2026) with
    its incidents and future-dated events, every model built."""
    db = tmp_path_factory.mktemp("report_warehouse") / "report.duckdb"
    args = ["generate", "--db", str(db), "--events", "60000", "--seed", "11", "--days", "60"]
    assert wecheer_main([*args, "--faults", "hostile", "--replace", "--quiet"]) == 0
    with pytest.MonkeyPatch.context() as patch:  # run_dbt points $WECHEER_DUCKDB at db
        patch.setenv("WECHEER_DUCKDB", str(db))
        result = run_dbt(BUILD_MODELS, db=db)
    assert result.success
    assert len(result.result) > 20
    return db


@pytest.fixture(scope="module")
def rendered(warehouse, tmp_path_factory, kernel_home):
    """`wecheer report` once, default selection: (exit code, printed lines, {name: html}, out)."""
    out = tmp_path_factory.mktemp("reports")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = wecheer_main(["report", "--db", str(warehouse), "--out", str(out)])
    pages = {name: (out / f"{name}.html").read_text(encoding="utf-8") for name in NOTEBOOKS}
    return code, printed.getvalue().splitlines(), pages, out


@pytest.fixture(scope="module")
def truth(warehouse):
    """The generator's incidents: {incident: (campaign id, first day, day after the last)}."""
    rows = fetch(
        warehouse, "select incident, campaign_id, starts_at, ends_at from wecheer_truth.incidents"
    )
    return {name: (campaign, start.date(), end.date()) for name, campaign, start, end in rows}


@pytest.fixture(scope="module")
def coverage(warehouse) -> report.Coverage:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return report.read_coverage(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def campaign_dom(rendered):
    """The campaign report as headless Chromium built it: {chart: [{column: raw value}]}."""
    _, _, _, out = rendered
    return chart_tables(chromium(out / "campaign_report.html", "--dump-dom"))


def kpis(page: str) -> dict[str, tuple[str, str]]:
    return {m["key"]: (m["value"], m["shown"]) for m in KPI.finditer(page)}


def fetch(db: Path, sql: str, parameters: dict | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, parameters or {}).fetchall()
    finally:
        con.close()


def text_of(page: str) -> str:
    """What a reader sees: the page without styles, scripts and tags."""
    text = re.sub(r"<(style|script)[^>]*>.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)))


def assert_no_error_shown(page: str) -> None:
    assert "Traceback" not in page
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in page, "a cell wrote to stderr"


# --- the notebooks as committed ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_notebooks_are_committed_without_outputs_and_with_a_parameters_cell(name):
    notebook = nbformat.read(NOTEBOOKS[name], as_version=4)
    nbformat.validate(notebook)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code_cells)
    assert "parameters" in code_cells[0].metadata.get("tags", [])
    assert "db_path" in code_cells[0].source
    assert notebook.metadata.kernelspec.name == "python3"


def test_notebooks_open_the_warehouse_read_only_and_close_it():
    for path in NOTEBOOKS.values():
        source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        assert "duckdb.connect(str(db_path), read_only=True)" in source
        assert "con.close()" in source


def test_exposures_list_exactly_the_marts_each_notebook_reads():
    exposures = yaml.safe_load((PROJECT_ROOT / "models" / "exposures.yml").read_text())
    declared = {
        e["name"]: sorted(re.findall(r"ref\('(\w+)'\)", " ".join(e["depends_on"])))
        for e in exposures["exposures"]
    }
    for name, path in NOTEBOOKS.items():
        source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        read = sorted(set(re.findall(r"main\.(wecheer__\w+)", source)))
        assert declared[name] == read == sorted(report.REQUIRED_MARTS[name])
        assert next(e for e in exposures["exposures"] if e["name"] == name)["type"] == "notebook"


def test_code_is_hidden_by_default_and_shown_with_code(tmp_path):
    notebook = nbformat.read(NOTEBOOKS["campaign_report"], as_version=4)
    hidden = report.write_html(notebook, tmp_path / "hidden.html", "t").read_text()
    shown = report.write_html(notebook, tmp_path / "shown.html", "t", with_code=True).read_text()
    assert "duckdb.connect" not in hidden and "Headline numbers" in hidden
    assert "duckdb" in shown and "connect" in shown
    for page in (hidden, shown):
        assert not re.search(r'<script[^>]+src="https?://', page), "the report must open offline"


def test_the_kernel_is_this_python_even_when_the_user_has_another_python3_kernel(
    tmp_path, monkeypatch
):
    from jupyter_client.kernelspec import KernelSpecManager

    user_spec = tmp_path / "home" / ".local" / "share" / "jupyter" / "kernels" / "python3"
    user_spec.mkdir(parents=True)
    (user_spec / "kernel.json").write_text(
        '{"argv": ["/nonexistent/python", "-f", "{connection_file}"], "display_name": "x",'
        ' "language": "python"}'
    )
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("JUPYTER_DATA_DIR", raising=False)
    monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "0")  # user kernels before the venv's
    assert KernelSpecManager().get_kernel_spec("python3").argv[0] == "/nonexistent/python"
    with report.this_python_as_kernel(tmp_path / "jupyter"):
        assert KernelSpecManager().get_kernel_spec("python3").argv[0] == sys.executable
    assert KernelSpecManager().get_kernel_spec("python3").argv[0] == "/nonexistent/python"


# --- errors a user can make ------------------------------------------------------------------


def test_report_without_a_warehouse_is_a_one_line_error(tmp_path, capsys):
    assert wecheer_main(["report", "--db", str(tmp_path / "none.duckdb")]) == 3
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no warehouse" in err and "wecheer build" in err


def test_report_of_an_unbuilt_warehouse_asks_for_a_build(tmp_path, capsys):
    db = tmp_path / "raw.duckdb"
    duckdb.connect(str(db)).close()
    assert wecheer_main(["report", "--db", str(db)]) == 3
    assert "run `wecheer build` first" in capsys.readouterr().err


def test_a_selection_that_matches_nothing_is_exit_2_with_the_data_range_and_runs_nothing(
    warehouse, coverage, tmp_path, monkeypatch, capsys
):
    """Before any notebook runs, and the reports already there stay as they were."""
    import papermill

    def must_not_run(*args, **kwargs):
        raise AssertionError("a notebook ran")

    monkeypatch.setattr(papermill, "execute_notebook", must_not_run)
    # a campaign of advertiser A, another advertiser B; a campaign and the day before its
    # first event
    [(campaign, advertiser)] = fetch(
        warehouse,
        "select campaign_id, advertiser_id from main.wecheer__campaigns"
        " where first_event_at is not null order by campaign_id limit 1",
    )
    [(other,)] = fetch(
        warehouse,
        "select min(advertiser_id) from main.wecheer__advertisers where advertiser_id <> $a",
        {"a": advertiser},
    )
    [(late, first_seen)] = fetch(
        warehouse,
        "select campaign_id, cast(first_event_at as date) from main.wecheer__campaigns"
        " order by first_event_at desc nulls last limit 1",
    )
    assert first_seen > coverage.first_day
    out = tmp_path / "reports"
    out.mkdir()
    for name in NOTEBOOKS:
        (out / f"{name}.html").write_text("the previous report")
    data = f"(data covers {coverage.first_day}..{coverage.last_day})"
    before = f"{first_seen - dt.timedelta(days=1)}"
    cases = {
        ("--advertiser", "no such brand"): "unknown advertiser 'no such brand' (id or name)",
        ("--campaign", "999999"): "unknown campaign id(s): 999999",
        ("--advertiser", other, "--campaign", campaign): (
            f"campaign {campaign} is advertiser {advertiser}'s, not advertiser {other}'s"
        ),
        ("--start", "2026-03-01", "--end", "2026-02-01"): (
            "--start 2026-03-01 is after --end 2026-02-01"
        ),
        ("--start", "2030-01-01"): "--start 2030-01-01 is after the data's last day",
        ("--end", "2025-12-31"): "--end 2025-12-31 is before the data's first day",
        ("--campaign", late, "--end", before): f"no events of campaign {late} up to {before}",
    }
    for args, message in cases.items():
        code = wecheer_main(["report", "--db", str(warehouse), "--out", str(out), *args])
        err = capsys.readouterr().err.strip()
        assert code == 2, args
        assert err == f"wecheer report: error: {message} {data}", args
    assert wecheer_main(["report", "--db", str(warehouse), "--start", "2026-13-01"]) == 64
    assert "not a date" in capsys.readouterr().err
    for name in NOTEBOOKS:
        assert (out / f"{name}.html").read_text() == "the previous report"


def test_a_kernel_that_dies_is_a_one_line_error(warehouse, tmp_path, monkeypatch, capsys):
    import papermill
    from nbclient.exceptions import DeadKernelError

    def dies(*args, **kwargs):
        raise DeadKernelError("Kernel died\nwith a second line")

    monkeypatch.setattr(papermill, "execute_notebook", dies)
    out = tmp_path / "reports"
    assert wecheer_main(["report", "--db", str(warehouse), "--out", str(out)]) == 5
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    error = err.splitlines()[-1]  # after the progress line "running notebooks/..."
    assert error.startswith("wecheer report: error: notebooks/campaign_report.ipynb: ")
    assert "the notebook's kernel stopped (DeadKernelError: Kernel died)" in error
    assert not list(out.glob("*.html"))


def test_a_notebook_that_fails_keeps_the_previous_report_and_shows_its_error_beside_it(
    warehouse, tmp_path, monkeypatch, capsys
):
    executed = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("half a report")])

    def fails(name, parameters, output, *args, **kwargs):
        return executed, "cell 3: ValueError: boom"

    monkeypatch.setattr(report, "execute_notebook", fails)
    out = tmp_path / "reports"
    out.mkdir()
    (out / "source_qa.html").write_text("the previous report")
    args = ["report", "--db", str(warehouse), "--out", str(out), "--only", "qa"]
    assert wecheer_main(args) == 5
    err = capsys.readouterr().err.strip().splitlines()[-1]
    failed = out / "source_qa.failed.html"
    assert err == (
        f"wecheer report: error: source_qa failed at cell 3: ValueError: boom (the page with the "
        f"error: {failed}; the previous report is kept)"
    )
    assert (out / "source_qa.html").read_text() == "the previous report"
    assert "half a report" in failed.read_text()
    assert sorted(p.name for p in out.iterdir()) == ["source_qa.failed.html", "source_qa.html"]


def test_only_qa_takes_no_campaign_selection(warehouse, capsys):
    args = ["report", "--db", str(warehouse), "--only", "qa", "--advertiser", "100"]
    assert wecheer_main(args) == 64
    assert "leave them out with --only qa" in capsys.readouterr().err


# --- the rendered reports --------------------------------------------------------------------


def test_report_command_executes_both_notebooks_without_a_cell_error(rendered):
    code, printed, pages, out = rendered
    assert code == 0
    assert printed == [f"{name}: {out / name}.html" for name in NOTEBOOKS]
    for page in pages.values():
        assert_no_error_shown(page)


def test_reports_are_self_contained_html_with_their_charts(rendered):
    _, _, pages, _ = rendered
    # campaign: the charts above (fraud by week and by campaign are two) and the ranking
    assert len(IMAGE.findall(pages["campaign_report"])) == len(CAMPAIGN_CHARTS) + 1
    # source QA: share per check, all events per day, daily volume per event
    assert len(IMAGE.findall(pages["source_qa"])) == 3
    for page in pages.values():
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', page)
        assert "No description has been provided" not in page, "every chart has alt text"
        assert "duckdb.connect" not in page, "code is hidden by default"


def test_campaign_headline_numbers_equal_the_marts(rendered, warehouse):
    _, _, pages, _ = rendered
    shown = kpis(pages["campaign_report"])
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        expected = expected_kpis(con, "true")
        summary = con.execute(
            "select sum(receipt_attempts), sum(punchcards_started), sum(punchcards_completed)"
            " from main.wecheer__campaign_summary"
        ).fetchone()
    finally:
        con.close()
    assert_kpis(shown, expected)
    assert (
        expected["receipt_scans"],
        expected["punchcards_started"],
        expected["punchcards_completed"],
    ) == summary
    assert expected["receipt_scans"] > 1000 and expected["punchcards_completed"] > 0


def test_source_qa_report_shows_every_check_with_its_status_and_failing_rows(rendered, warehouse):
    _, _, pages, _ = rendered
    page = pages["source_qa"]
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        checks = con.execute(
            "select check_name, status, failing_rows from main.wecheer__source_qa"
        ).fetchall()
    finally:
        con.close()
    assert {c[0] for c in checks} == CHECKS
    for check_name, status, failing_rows in checks:
        row = re.search(
            rf"<tr><td>{check_name}</td><td><span class=\"status\"[^>]*>(\w+)</span></td>"
            r'<td class="num">([\d,]+)</td>',
            page,
        )
        assert row, check_name
        assert row.groups() == (status, f"{failing_rows:,}")
        if status != "pass":
            assert f"<code>{check_name}</code> ({status})" in page, "a drill-down section"


def test_dimensions_and_the_report_end_at_the_last_arrival_not_at_future_event_times(
    rendered, warehouse, coverage
):
    """The hostile source has events dated weeks after the last arrival (a sender's clock):
    no dimension's last_event_at, and no date the report states, goes past that arrival."""
    _, _, pages, _ = rendered
    [(as_of, latest, *last_times)] = fetch(
        warehouse,
        "select max(received_at), max(event_at),"
        " (select max(last_event_at) from main.wecheer__campaigns),"
        " (select max(last_event_at) from main.wecheer__advertisers)"
        " from main.wecheer__events",
    )
    assert latest > as_of + dt.timedelta(days=1), "the source has future-dated events"
    assert all(last <= as_of for last in last_times)
    assert coverage.last_day == as_of.date() and coverage.as_of == as_of
    page = text_of(pages["campaign_report"])
    assert f"The data covers {coverage.first_day:%d %b %Y} to {as_of:%d %b %Y}" in page
    assert f"{latest:%d %b %Y}" not in page


def test_weekly_charts_draw_whole_weeks_and_cohorts_start_inside_the_data(campaign_dom, coverage):
    """The data runs Monday 5 Jan to Thursday 5 Mar: the week of 2 Mar is not drawn, and the
    first cohort is the first Monday at least COHORT_LEAD_DAYS days into the data."""
    assert coverage.first_day.weekday() == 0 and coverage.last_day.weekday() == 3
    last_sunday = coverage.last_day - dt.timedelta(days=4)
    expected = {coverage.first_day + dt.timedelta(weeks=w) for w in range(8)}
    assert max(expected) + dt.timedelta(days=6) == last_sunday
    for chart in WEEKLY_CHARTS:
        weeks = {dt.date.fromisoformat(row["week"]) for row in campaign_dom[chart]}
        assert weeks == expected, chart
    cells = campaign_dom["cohorts"]
    joined = {dt.date.fromisoformat(c["join_week"]) for c in cells}
    first = coverage.first_day + dt.timedelta(days=COHORT_LEAD_DAYS)
    first += dt.timedelta(days=-first.weekday() % 7)
    assert min(joined) == first and max(joined) == max(expected)
    for cell in cells:
        ends = dt.date.fromisoformat(cell["join_week"]) + dt.timedelta(
            weeks=int(cell["weeks_since_joining"]) + 1, days=-1
        )
        assert ends <= coverage.last_day, cell


def test_campaign_report_shows_the_incidents_where_the_truth_says(campaign_dom, truth, rendered):
    """The fraud ring's campaign has the most fraudulent scans in each of the ring's weeks; the
    day-by-day chart marks the OCR outage day (unusual failures) and the tracking outage day (a
    gap), and no other day."""
    ring_campaign, ring_start, ring_end = truth["fraud_ring"]
    weeks = {dt.date.fromisoformat(row["week"]): row for row in campaign_dom["fraud_by_week"]}
    ring_weeks = [ring_start + dt.timedelta(weeks=w) for w in range(2)]
    assert ring_start + dt.timedelta(weeks=2) == ring_end
    average = sum(int(r["fraud"]) for r in weeks.values()) / sum(
        int(r["scans"]) for r in weeks.values()
    )
    for week in ring_weeks:
        assert weeks[week]["top_campaign_id"] == ring_campaign, week
        assert float(weeks[week]["low"]) > average, "the ring's weeks stand out"
    daily = {dt.date.fromisoformat(row["day"]): row for row in campaign_dom["daily"]}
    _, ocr_day, _ = truth["ocr_outage"]
    _, gap_day, _ = truth["tracking_outage"]
    assert [d for d, row in daily.items() if row["unusual_failures"] == "True"] == [ocr_day]
    assert [d for d, row in daily.items() if row["tracking_gap"] == "True"] == [gap_day]
    assert daily[gap_day]["events_all_campaigns"] == "0"
    assert float(daily[ocr_day]["failed_share"]) > 0.5
    _, _, pages, _ = rendered
    page = text_of(pages["campaign_report"])
    assert f"{gap_day:%d %b %Y}: no events from any campaign arrived" in page
    assert re.search(rf"{ocr_day:%d %b %Y}: \d+% of [\d,]+ receipt scans failed", page)


def test_source_qa_report_shows_the_tracking_outage_day(rendered, truth):
    _, _, _, out = rendered
    tables = chart_tables(chromium(out / "source_qa.html", "--dump-dom"))
    _, gap_day, _ = truth["tracking_outage"]
    days = {dt.date.fromisoformat(r["day"]): r for r in tables["daily_volume"]}
    assert days[gap_day]["events"] == "0" and int(days[gap_day]["events_flagged"]) > 0


def test_campaigns_are_compared_with_counts_intervals_and_a_rank_only_with_enough_scans(
    campaign_dom,
):
    rows = campaign_dom["campaigns"]
    assert rows and {r["rank"] for r in rows if int(r["scans"]) < 200} <= {
        "fewer than 200 scans: not ranked"
    }
    ranked = [r for r in rows if int(r["scans"]) >= 200]
    assert sorted(int(r["rank"]) for r in ranked) == list(range(1, len(ranked) + 1))
    for row in rows:
        low, rate, high = (
            float(row[k]) for k in ("reward_rate_low", "reward_rate", "reward_rate_high")
        )
        assert 0 <= low <= rate <= high <= 1
    assert len(ranked) >= 5 and len(ranked) < len(rows), "both kinds are present"


def test_campaign_report_for_an_advertiser_and_a_mid_week_period(
    warehouse, coverage, tmp_path, kernel_home
):
    """`--only campaign`, a period from a Wednesday to a Tuesday: the headline numbers count
    every day, the weekly charts only the whole weeks in between."""
    start = coverage.first_day + dt.timedelta(days=9)  # a Wednesday
    end = start + dt.timedelta(days=27)  # a Tuesday
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        advertiser_id, name = con.execute(
            "select advertiser_id, advertiser_name from main.wecheer__advertisers"
            " where advertiser_name is not null order by events desc limit 1"
        ).fetchone()
        expected = expected_kpis(
            con,
            f"advertiser_id = '{advertiser_id}'",
            low=str(start),
            high=str(end + dt.timedelta(days=1)),
        )
        all_scans = con.execute("select count(*) from main.wecheer__receipts").fetchone()[0]
    finally:
        con.close()
    out = tmp_path / "reports"
    args = ["--advertiser", name.upper(), "--start", str(start), "--end", str(end)]
    code = wecheer_main(
        ["report", "--db", str(warehouse), "--out", str(out), "--only", "campaign", *args]
    )
    assert code == 0
    assert [p.name for p in out.iterdir()] == ["campaign_report.html"]
    page = (out / "campaign_report.html").read_text(encoding="utf-8")
    assert_no_error_shown(page)
    assert f"advertiser {html.escape(name)}" in page
    assert_kpis(kpis(page), expected)
    assert 0 < expected["receipt_scans"] < all_scans / 4
    whole = [start + dt.timedelta(days=5 + 7 * w) for w in range(3)]  # the Mondays after start
    for chart in WEEKLY_CHARTS:
        weeks = sorted({dt.date.fromisoformat(r["week"]) for r in chart_tables(page)[chart]})
        assert weeks == whole, chart
    assert f"the week of {start - dt.timedelta(days=2):%d %b} (5 of 7 days)" in page


def test_campaign_notebook_on_an_empty_period_says_so_instead_of_failing(
    warehouse, tmp_path, kernel_home
):
    """`wecheer report` refuses such a period; the notebook run by hand still copes."""
    parameters = report.notebook_parameters(
        warehouse,
        report.Selection(start=dt.date(2030, 1, 1), end=dt.date(2030, 12, 31)),
    )[report.CAMPAIGN_NOTEBOOK]
    executed, error = report.execute_notebook(
        report.CAMPAIGN_NOTEBOOK, parameters, tmp_path / "campaign.ipynb"
    )
    assert error is None
    page = report.write_html(executed, tmp_path / "c.html", "c").read_text(encoding="utf-8")
    assert_no_error_shown(page)
    assert "no activity in this date range" in page
    assert not IMAGE.search(page)
    shown = kpis(page)
    assert shown["receipt_scans"] == ("0", "0")
    assert shown["fraud_rate"] == ("", "n/a")


def test_source_qa_report_marks_volume_anomalies_and_drills_into_them(tmp_path, kernel_home):
    """Hand-made QA marts: one spike day is marked and drilled into."""
    db = tmp_path / "qa_marts.duckdb"
    con = duckdb.connect(str(db))
    try:
        con.execute(
            """
            create table wecheer__source_qa as
            select row_number() over () :: integer as check_order, check_name,
                   if(check_name = 'volume_anomalies', 'fail', 'pass') as status,
                   if(check_name = 'volume_anomalies', 90, 0) :: bigint as failing_rows,
                   400 :: bigint as total_rows,
                   if(check_name = 'volume_anomalies', '90 of 400 rows.', 'No findings.') as detail,
                   timestamp '2026-03-10 00:00:00' as checked_at
            from unnest($names) as t(check_name)
            """,
            {"names": sorted(CHECKS)},
        )
        con.execute(
            """
            create table wecheer__qa_findings as
            select 'volume_anomalies' as check_name, null :: varchar as source_table,
                   'Scan Receipt' as event_name, null :: varchar as message_id,
                   null :: varchar as user_id, null :: varchar as advertiser_id,
                   null :: varchar as campaign_id, timestamp '2026-02-20' as event_at,
                   null :: timestamp as received_at, 90 :: bigint as failing_rows,
                   '100 events, usually at most 10' as finding
            """
        )
        con.execute(
            """
            create table wecheer__events as
            select 'Scan Receipt' as event_name, day + interval 1 hour * i as event_at,
                   day + interval 1 hour * i + interval 1 minute as received_at,
                   true as is_event_at_plausible
            from range(timestamp '2026-02-01', timestamp '2026-03-01', interval 1 day) as d(day),
                 range(0, 10) as r(i)
            union all
            select 'Scan Receipt', timestamp '2026-02-20 12:00', timestamp '2026-02-20 12:01', true
            from range(90)
            """
        )
    finally:
        con.close()
    executed, error = report.execute_notebook(
        report.QA_NOTEBOOK, {"db_path": str(db)}, tmp_path / "qa.ipynb"
    )
    assert error is None
    page = report.write_html(executed, tmp_path / "qa.html", "QA").read_text(encoding="utf-8")
    assert_no_error_shown(page)
    assert f"{len(CHECKS) - 1} passed, 0 warned, 1 failed" in page
    assert "1 event-days</strong> were flagged as volume anomalies" in page
    assert re.search(r"<td>Scan Receipt</td>\s*<td>2026-02-20</td>\s*<td>90</td>", page)
    assert len(IMAGE.findall(page)) == 3


def test_a_failing_cell_is_reported_and_visible_in_the_html(tmp_path, kernel_home):
    db = tmp_path / "no_marts.duckdb"
    duckdb.connect(str(db)).close()
    executed, error = report.execute_notebook(
        report.QA_NOTEBOOK, {"db_path": str(db)}, tmp_path / "qa.ipynb"
    )
    assert error is not None and "CatalogException" in error and "wecheer__source_qa" in error
    page = report.write_html(executed, tmp_path / "qa.html", "QA").read_text(encoding="utf-8")
    assert 'data-mime-type="application/vnd.jupyter.stderr"' in page and "CatalogException" in page
    with pytest.raises(AssertionError):
        assert_no_error_shown(page)


def test_reports_render_in_headless_chromium(rendered):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (make test installs it)")
    _, _, _, out = rendered
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in NOTEBOOKS:
        page = out / f"{name}.html"
        screenshot = ARTIFACTS / f"{name}.png"
        screenshot.unlink(missing_ok=True)
        chromium(page, f"--screenshot={screenshot}", "--window-size=1280,4000")
        assert screenshot.stat().st_size > 50_000, "a blank page"
        print(f"screenshot: {screenshot}")
        dom = chromium(page, "--dump-dom", "--virtual-time-budget=3000")
        text = re.sub(
            r"<[^>]+>", " ", re.sub(r"<(style|script)[^>]*>.*?</\1>", "", dom, flags=re.S)
        )
        assert "Traceback" not in text and not re.search(r"\b\w*Error\b", text)
        assert len(IMAGE.findall(dom)) >= 2
        from PIL import Image

        with Image.open(screenshot) as image:
            colours = image.convert("RGB").resize((320, 1000)).getcolors(maxcolors=1_000_000)
        assert len(colours) > 200, "the page shows hardly anything"


class _ChartTables(html.parser.HTMLParser):
    """Tables with a data-chart attribute: {chart: [{data-col: data-value}]}."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[dict[str, str]]] = {}
        self.table: list | None = None
        self.row: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-chart" in attrs:
            self.table = self.tables.setdefault(attrs["data-chart"], [])
        elif tag == "tr" and self.table is not None:
            self.row = {}
        elif tag == "td" and self.row is not None and "data-col" in attrs:
            self.row[attrs["data-col"]] = attrs.get("data-value") or ""

    def handle_endtag(self, tag):
        if tag == "tr" and self.row:
            self.table.append(self.row)
            self.row = None
        elif tag == "table":
            self.table = None


def chart_tables(page: str) -> dict[str, list[dict[str, str]]]:
    parser = _ChartTables()
    parser.feed(page)
    return parser.tables


# --- expected numbers, straight from the marts ------------------------------------------------


def expected_kpis(con, campaign_filter: str, low="1900-01-01", high="2200-01-01") -> dict:
    campaigns = f"select campaign_id from main.wecheer__campaigns where {campaign_filter}"
    window = {"low": low, "high": high}
    participants = con.execute(
        f"""
        select count(distinct user_id) from main.wecheer__events
        where campaign_id in ({campaigns}) and is_event_at_plausible
          and event_at >= $low::date and event_at < $high::date
        """,
        window,
    ).fetchone()[0]
    scans, rewarded, fraud = con.execute(
        f"""
        select count(*), avg(is_rewarded::int), avg(is_fraud::int) from main.wecheer__receipts
        where campaign_id in ({campaigns})
          and scanned_at >= $low::date and scanned_at < $high::date
        """,
        window,
    ).fetchone()
    started, completed, median_days = con.execute(
        f"""
        select count(*), count(*) filter (where is_completed),
               median(days_to_complete) filter (where is_completed)
        from main.wecheer__punchcards
        where campaign_id in ({campaigns})
          and started_at >= $low::date and started_at < $high::date
        """,
        window,
    ).fetchone()
    return {
        "participants": participants,
        "receipt_scans": scans,
        "rewarded_rate": rewarded,
        "fraud_rate": fraud,
        "punchcards_started": started,
        "punchcards_completed": completed,
        "median_days_to_complete": median_days,
    }


def assert_kpis(shown: dict, expected: dict) -> None:
    assert set(shown) == set(expected)
    for key, value in expected.items():
        raw, text = shown[key]
        if value is None:
            assert (raw, text) == ("", "n/a"), key
        elif isinstance(value, int):
            assert (int(raw), text) == (value, f"{value:,}"), key
        else:
            assert float(raw) == pytest.approx(value, rel=1e-12), key
            pattern = "{:.1%}" if key.endswith("_rate") else "{:.1f}"
            assert text == pattern.format(value), key
