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
    """The report cannot be made (missing warehouse, unknown selection, a failing cell)."""


@dataclass(frozen=True)
class Selection:
    """What the campaign report covers; empty means everything."""

    advertiser: str | None = None
    campaigns: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise ReportError(f"--start {self.start} is after --end {self.end}")


@dataclass
class ReportResult:
    html: dict[str, Path] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)


def check_warehouse(db: Path, selection: Selection) -> None:
    """Fail early and in one line: no file, marts not built, unknown advertiser or campaign."""
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
        missing = sorted({m for marts in REQUIRED_MARTS.values() for m in marts} - present)
        if missing:
            raise ReportError(
                f"marts missing in {db}: {', '.join(missing)}; run `wecheer build` first"
            )
        if selection.advertiser:
            found = con.execute(
                "select count(*) from main.wecheer__advertisers"
                " where advertiser_id = $key or lower(advertiser_name) = lower($key)",
                {"key": selection.advertiser},
            ).fetchone()[0]
            if not found:
                raise ReportError(f"unknown advertiser {selection.advertiser!r} (id or name)")
        if selection.campaigns:
            known = {
                row[0]
                for row in con.execute("select campaign_id from main.wecheer__campaigns").fetchall()
            }
            unknown = [c for c in selection.campaigns if c not in known]
            if unknown:
                raise ReportError(f"unknown campaign id(s): {', '.join(unknown)}")
    finally:
        con.close()


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
    body, _ = html_exporter(with_code).from_notebook_node(
        notebook, resources={"metadata": {"name": title}}
    )
    path.write_text(body, encoding="utf-8")
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

    A notebook whose cell fails is still rendered (the error is visible in its HTML) and
    reported in `failed`.
    """
    selection = selection or Selection()
    db = Path(db).resolve()
    check_warehouse(db, selection)
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
            result.html[name] = write_html(
                executed, out / f"{name}.html", TITLES[name], with_code=with_code
            )
            if error:
                result.failed[name] = error
    return result


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise ReportError(f"not a date (YYYY-MM-DD): {text!r}") from error
