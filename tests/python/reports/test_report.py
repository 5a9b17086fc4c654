"""`wecheer report`: notebooks run on a generated warehouse, render to HTML that a browser opens."""

from __future__ import annotations

import contextlib
import html
import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import nbformat
import pytest
import yaml
from support import QA_CHECK_NAMES

from wecheer import report
from wecheer.cli import main as wecheer_main
from wecheer.dbt import run_dbt
from wecheer.paths import PROJECT_ROOT

NOTEBOOKS = {name: PROJECT_ROOT / "notebooks" / f"{name}.ipynb" for name in report.TITLES}
CHROMIUM = "/usr/bin/chromium"
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
    """A realistic (faulty) demo source of 30k events with every model built."""
    db = tmp_path_factory.mktemp("report_warehouse") / "report.duckdb"
    args = ["generate", "--db", str(db), "--events", "30000", "--seed", "11"]
    assert wecheer_main([*args, "--faults", "realistic", "--replace", "--quiet"]) == 0
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


def kpis(page: str) -> dict[str, tuple[str, str]]:
    return {m["key"]: (m["value"], m["shown"]) for m in KPI.finditer(page)}


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


def test_unknown_selection_and_bad_dates_are_one_line_errors(warehouse, capsys):
    base = ["report", "--db", str(warehouse)]
    assert wecheer_main([*base, "--advertiser", "no such brand"]) == 64
    assert "unknown advertiser 'no such brand'" in capsys.readouterr().err
    assert wecheer_main([*base, "--campaign", "999999"]) == 64
    assert "unknown campaign id(s): 999999" in capsys.readouterr().err
    assert wecheer_main([*base, "--start", "2026-13-01"]) == 64
    assert "not a date" in capsys.readouterr().err
    assert wecheer_main([*base, "--start", "2026-03-01", "--end", "2026-02-01"]) == 64
    assert "after --end" in capsys.readouterr().err


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


# --- the rendered reports --------------------------------------------------------------------


def test_report_command_executes_both_notebooks_without_a_cell_error(rendered):
    code, printed, pages, out = rendered
    assert code == 0
    assert printed == [f"{name}: {out / name}.html" for name in NOTEBOOKS]
    for page in pages.values():
        assert_no_error_shown(page)


def test_reports_are_self_contained_html_with_their_charts(rendered):
    _, _, pages, _ = rendered
    # campaign: activity, receipt funnel, outcome mix, fraud, punchcards, cohorts, ranking
    assert len(IMAGE.findall(pages["campaign_report"])) == 7
    # source QA: share per check, daily volume per event
    assert len(IMAGE.findall(pages["source_qa"])) == 2
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


def test_campaign_report_for_an_advertiser_and_a_date_range(warehouse, tmp_path, kernel_home):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        advertiser_id, name = con.execute(
            "select advertiser_id, advertiser_name from main.wecheer__advertisers"
            " where advertiser_name is not null order by advertiser_id limit 1"
        ).fetchone()
        selection = report.Selection(
            advertiser=name.upper(),
            start=report.parse_day("2026-02-01"),
            end=report.parse_day("2026-02-28"),
        )
        expected = expected_kpis(
            con,
            f"advertiser_id = '{advertiser_id}'",
            low="2026-02-01",
            high="2026-03-01",
        )
    finally:
        con.close()
    result = report.make_reports(
        warehouse, tmp_path, selection, notebooks=(report.CAMPAIGN_NOTEBOOK,)
    )
    assert result.failed == {}
    page = result.html[report.CAMPAIGN_NOTEBOOK].read_text(encoding="utf-8")
    assert_no_error_shown(page)
    assert f"advertiser {html.escape(name)}" in page
    assert_kpis(kpis(page), expected)
    assert 0 < expected["receipt_scans"] < 2000


def test_campaign_report_of_an_empty_period_says_so_instead_of_failing(
    warehouse, tmp_path, kernel_home
):
    selection = report.Selection(
        start=report.parse_day("2030-01-01"), end=report.parse_day("2030-12-31")
    )
    result = report.make_reports(
        warehouse, tmp_path, selection, notebooks=(report.CAMPAIGN_NOTEBOOK,)
    )
    assert result.failed == {}
    page = result.html[report.CAMPAIGN_NOTEBOOK].read_text(encoding="utf-8")
    assert_no_error_shown(page)
    assert "no activity in this date range" in page
    assert not IMAGE.search(page)
    shown = kpis(page)
    assert shown["receipt_scans"] == ("0", "0")
    assert shown["fraud_rate"] == ("", "n/a")


def test_source_qa_report_marks_volume_anomalies_and_drills_into_them(tmp_path, kernel_home):
    """Hand-made QA marts (the generator injects no volume anomaly): one spike day is marked."""
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
                   day + interval 1 hour * i + interval 1 minute as received_at
            from range(timestamp '2026-02-01', timestamp '2026-03-01', interval 1 day) as d(day),
                 range(0, 10) as r(i)
            union all
            select 'Scan Receipt', timestamp '2026-02-20 12:00', timestamp '2026-02-20 12:01'
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
    assert f"{len(QA_CHECK_NAMES) - 1} passed, 0 warned, 1 failed" in page
    assert "1 event-days</strong> were flagged as volume anomalies" in page
    assert re.search(r"<td>Scan Receipt</td>\s*<td>2026-02-20</td>\s*<td>90</td>", page)
    assert len(IMAGE.findall(page)) == 2


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


def chromium(page: Path, *args: str) -> str:
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        completed = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                *args,
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


# --- expected numbers, straight from the marts ------------------------------------------------


def expected_kpis(con, campaign_filter: str, low="1900-01-01", high="2200-01-01") -> dict:
    campaigns = f"select campaign_id from main.wecheer__campaigns where {campaign_filter}"
    window = {"low": low, "high": high}
    participants = con.execute(
        f"""
        select count(distinct user_id) from main.wecheer__events
        where campaign_id in ({campaigns}) and event_at >= $low::date and event_at < $high::date
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
