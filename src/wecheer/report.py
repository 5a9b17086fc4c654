"""Campaign reports: execute the notebooks against the warehouse, render self-contained HTML."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from wecheer.paths import PROJECT_ROOT, no_warehouse_message

NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
CAMPAIGN_NOTEBOOK = "campaign_report"
QA_NOTEBOOK = "source_qa"
# Marts each notebook reads (also declared as dbt exposures in models/exposures.yml).
REQUIRED_MARTS = {
    CAMPAIGN_NOTEBOOK: (
        "wecheer__campaigns",
        "wecheer__advertisers",
        "wecheer__events",
        "wecheer__receipts",
        "wecheer__punchcards",
        "wecheer__campaign_daily",
        "wecheer__campaign_cohorts",
    ),
    QA_NOTEBOOK: ("wecheer__source_qa", "wecheer__qa_findings", "wecheer__events"),
}
TITLES = {
    CAMPAIGN_NOTEBOOK: "Wecheer campaign report",
    QA_NOTEBOOK: "Wecheer source quality report",
}

# nbconvert's lab template loads require.js and MathJax from a CDN; the report must open offline.
# Charts carry a description in their output metadata (`alt`), used as the image's alt text.
_OFFLINE_TEMPLATE = """\
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block data_png scoped -%}
{%- set alt = output | get_metadata('alt', 'image/png') -%}
{%- if alt and 'image/png' not in output.metadata.get('filenames', {}) -%}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
alt="{{ alt | escape_html }}"/>
</div>
{%- else -%}{{ super() }}{%- endif -%}
{%- endblock data_png -%}
"""


class ReportError(Exception):
    """The report cannot be made (missing warehouse, a failing cell, a kernel that stopped)."""


class SelectionError(ReportError):
    """The selection matches no data or contradicts itself (before any notebook runs)."""

    def __init__(self, message: str, coverage: Coverage | None = None):
        super().__init__(message)
        self.hint = f"data covers {coverage}" if coverage else None


# The last day counts as whole when data arrived up to its last hour (Segment loads at most
# hourly); else it is still being delivered and no chart draws it.
LAST_DAY_GRACE = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Coverage:
    """The days the data covers, from the dimensions' first and last plausible event times
    (a sender's clock in the future moves neither), and the last arrival (`as_of`)."""

    first_day: dt.date | None = None
    last_day: dt.date | None = None
    as_of: dt.datetime | None = None

    def __str__(self) -> str:
        return f"{self.first_day}..{self.last_day}" if self.first_day else "no events"

    @property
    def last_complete_day(self) -> dt.date | None:
        """The last day whose data has all arrived: the last day with events, or the day
        before when the last arrival is more than LAST_DAY_GRACE before its end."""
        if self.last_day is None or self.as_of is None:
            return self.last_day
        end = dt.datetime.combine(self.last_day + dt.timedelta(days=1), dt.time())
        return self.last_day if self.as_of >= end - LAST_DAY_GRACE else self.last_day - _DAY


_DAY = dt.timedelta(days=1)


def read_coverage(con: duckdb.DuckDBPyConnection) -> Coverage:
    first, last, as_of = con.execute(
        """
        select
            (select cast(min(first_event_at) as date) from main.wecheer__advertisers),
            (select cast(max(last_event_at) as date) from main.wecheer__advertisers),
            (select max(received_at) from main.wecheer__events)
        """
    ).fetchone()
    return Coverage(first, last, as_of)


@dataclass(frozen=True)
class Selection:
    """What the campaign report covers; empty means everything."""

    advertiser: str | None = None
    campaigns: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def is_everything(self) -> bool:
        return self == Selection()

    def period(self) -> str:
        """' from <start> to <end>', ' from <start>', ' up to <end>' or ''."""
        since = f" from {self.start}" if self.start else ""
        return since + (f" {'to' if self.start else 'up to'} {self.end}" if self.end else "")


@dataclass
class ReportResult:
    html: dict[str, Path] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)


def check_warehouse(
    db: Path, selection: Selection, notebooks: Sequence[str] = (CAMPAIGN_NOTEBOOK, QA_NOTEBOOK)
) -> Coverage:
    """Fail early and in one line: no file, marts not built (ReportError), a selection that
    matches nothing or contradicts itself (SelectionError). Returns what the data covers."""
    if not db.exists():
        raise ReportError(no_warehouse_message(db))
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as error:
        raise ReportError(f"cannot open {db} read-only: {error}") from error
    try:
        present = {
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = 'main'"
            ).fetchall()
        }
        missing = sorted({m for name in notebooks for m in REQUIRED_MARTS[name]} - present)
        if missing:
            raise ReportError(
                f"marts missing in {db}: {', '.join(missing)}; run `wecheer build` first"
            )
        if CAMPAIGN_NOTEBOOK not in notebooks:
            return Coverage()
        coverage = read_coverage(con)
        check_selection(con, selection, coverage)
        return coverage
    finally:
        con.close()


def check_selection(con, selection: Selection, coverage: Coverage) -> None:
    """The selection names known ids that belong together and a period with their events."""
    if selection.start and selection.end and selection.start > selection.end:
        raise SelectionError(f"--start {selection.start} is after --end {selection.end}", coverage)
    campaigns = con.execute(
        "select campaign_id, advertiser_id from main.wecheer__campaigns"
    ).fetchall()
    owner = dict(campaigns)
    advertiser = None
    if selection.advertiser:
        found = con.execute(
            "select advertiser_id, advertiser_name from main.wecheer__advertisers"
            " where advertiser_id = $key or lower(advertiser_name) = lower($key)",
            {"key": selection.advertiser.strip()},
        ).fetchone()
        if not found:
            raise SelectionError(
                f"unknown advertiser {selection.advertiser!r} (id or name)", coverage
            )
        advertiser = found[0]
    unknown = [c for c in selection.campaigns if c not in owner]
    if unknown:
        raise SelectionError(f"unknown campaign id(s): {', '.join(unknown)}", coverage)
    others = [c for c in selection.campaigns if advertiser and owner[c] != advertiser]
    if others:
        theirs = ", ".join(f"campaign {c} is advertiser {owner[c]}'s" for c in others)
        raise SelectionError(f"{theirs}, not advertiser {selection.advertiser}'s", coverage)
    if coverage.first_day and selection.start and selection.start > coverage.last_day:
        raise SelectionError(f"--start {selection.start} is after the data's last day", coverage)
    if coverage.first_day and selection.end and selection.end < coverage.first_day:
        raise SelectionError(f"--end {selection.end} is before the data's first day", coverage)
    chosen = list(selection.campaigns) or [
        c for c, a in campaigns if advertiser is None or a == advertiser
    ]
    low = selection.start or dt.date.min
    high = selection.end + _DAY if selection.end else dt.date.max
    events = con.execute(
        """
        select count(*) from main.wecheer__events
        where campaign_id in (select unnest($chosen)) and is_event_at_plausible
          and event_at >= $low and event_at < $high
        """,
        {"chosen": chosen, "low": low, "high": high},
    ).fetchone()[0]
    if not events:
        which = (
            f"campaign {', '.join(chosen)}"
            if selection.campaigns
            else f"advertiser {selection.advertiser}"
            if advertiser
            else "the campaigns"
        )
        raise SelectionError(f"no events of {which}{selection.period()}", coverage)


def notebook_parameters(db: Path, selection: Selection) -> dict[str, dict]:
    """Papermill parameters for each notebook."""
    return {
        CAMPAIGN_NOTEBOOK: {
            "db_path": str(db),
            "advertiser": selection.advertiser,
            "campaigns": list(selection.campaigns),
            "start_date": selection.start.isoformat() if selection.start else None,
            "end_date": selection.end.isoformat() if selection.end else None,
        },
        QA_NOTEBOOK: {"db_path": str(db)},
    }


def html_exporter(with_code: bool = False):
    """nbconvert's HTML exporter: inline images and CSS, no CDN scripts, code hidden by default."""
    import jinja2
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_file="wecheer_report.html.j2",
        extra_loaders=[jinja2.DictLoader({"wecheer_report.html.j2": _OFFLINE_TEMPLATE})],
        exclude_input=not with_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


def execute_notebook(
    name: str,
    parameters: dict,
    output: Path,
    kernel_name: str = "python3",
    notebook_dir: Path = NOTEBOOK_DIR,
):
    """Run one notebook with papermill; returns (executed notebook, error text or None).

    A failing cell is returned as error text (the notebook is still rendered); a kernel that
    dies, does not start or times out raises ReportError (there is no notebook to render)."""
    import nbformat
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    error = None
    try:
        papermill.execute_notebook(
            str(notebook_dir / f"{name}.ipynb"),
            str(output),
            parameters=parameters,
            kernel_name=kernel_name,
            progress_bar=False,
            cwd=str(notebook_dir),
            # ipykernel logs to stderr at every start (unencrypted local TCP) and, on a busy
            # machine, at shutdown (an interrupt): noise for a report; cell errors still show
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except papermill.PapermillExecutionError as failure:
        error = f"cell {failure.exec_count}: {failure.ename}: {failure.evalue}"
    except (DeadKernelError, CellTimeoutError, RuntimeError) as failure:
        first_line = (str(failure).strip().splitlines() or [""])[0]
        raise ReportError(
            f"notebooks/{name}.ipynb: the notebook's kernel stopped "
            f"({type(failure).__name__}: {first_line})"
        ) from failure
    return nbformat.read(str(output), as_version=4), error


def write_html(notebook, path: Path, title: str, with_code: bool = False) -> Path:
    """Render the notebook to `path`, through a temporary file beside it (never half-written)."""
    from wecheer.qa_cli import write_whole

    body, _ = html_exporter(with_code).from_notebook_node(
        notebook, resources={"metadata": {"name": title}}
    )
    write_whole(path, body)
    return path


@contextlib.contextmanager
def this_python_as_kernel(folder: Path, kernel_name: str = "python3") -> Iterator[None]:
    """Make `kernel_name` run this interpreter (the venv's), whatever kernelspecs the user has.

    A `python3` kernelspec in ~/.local/share/jupyter would win over ipykernel's built-in one and
    could start a Python without duckdb; JUPYTER_PATH comes before every other location.
    """
    spec = folder / "kernels" / kernel_name
    spec.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "Python 3 (wecheer)", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    previous = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(folder), previous) if p)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = previous


def make_reports(
    db: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    selection: Selection | None = None,
    with_code: bool = False,
    kernel_name: str = "python3",
    notebooks: Sequence[str] = (CAMPAIGN_NOTEBOOK, QA_NOTEBOOK),
    progress=None,
) -> ReportResult:
    """Execute the notebooks against the warehouse and write `<out_dir>/<notebook>.html`.

    Each page replaces the previous one only once it is whole and its notebook ran without an
    error. A notebook whose cell fails is rendered to `<notebook>.failed.html` instead (the
    error is visible there), reported in `failed`, and the previous report stays.
    """
    selection = selection or Selection()
    db = Path(db).resolve()
    check_warehouse(db, selection, notebooks)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    parameters = notebook_parameters(db, selection)
    result = ReportResult()
    with (
        tempfile.TemporaryDirectory(prefix="wecheer-report-") as work,
        this_python_as_kernel(Path(work) / "jupyter", kernel_name),
    ):
        for name in notebooks:
            if progress:
                progress(f"running notebooks/{name}.ipynb")
            executed, error = execute_notebook(
                name, parameters[name], Path(work) / f"{name}.ipynb", kernel_name
            )
            page, failed_page = out / f"{name}.html", out / f"{name}.failed.html"
            if error:
                result.failed[name] = error
                page = failed_page
            result.html[name] = write_html(executed, page, TITLES[name], with_code=with_code)
            if not error:
                failed_page.unlink(missing_ok=True)
    return result


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise ReportError(f"not a date (YYYY-MM-DD): {text!r}") from error
