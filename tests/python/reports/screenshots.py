"""Screenshots of the reports' sections for docs/reports.md, from a built warehouse.

    make demo
    .venv/bin/python tests/python/reports/screenshots.py   # --db, --out docs/images/reports

Runs both notebooks (default selection), renders each section (its heading, text, chart and the
folded table of its numbers) alone with the report's own HTML exporter, opens it in headless
Chromium (`make chromium`), trims the margin and keeps 256 colours, so each file stays small.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from PIL import Image, ImageChops

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' support package
from support.chromium import chromium  # noqa: E402

from wecheer import report  # noqa: E402
from wecheer.paths import PROJECT_ROOT, default_db  # noqa: E402

# file name -> (notebook, the heading that starts the section)
SECTIONS = {
    "campaign_headline.png": (report.CAMPAIGN_NOTEBOOK, "## Headline numbers"),
    "campaign_weekly_activity.png": (report.CAMPAIGN_NOTEBOOK, "## Activity week by week"),
    "campaign_daily.png": (report.CAMPAIGN_NOTEBOOK, "## Day by day"),
    "campaign_fraud.png": (report.CAMPAIGN_NOTEBOOK, "## Fraud"),
    "campaign_cohorts.png": (report.CAMPAIGN_NOTEBOOK, "## Do people come back"),
    "campaign_compare.png": (report.CAMPAIGN_NOTEBOOK, "## How the campaigns compare"),
    "qa_daily_volume.png": (report.QA_NOTEBOOK, "## Daily volume"),
}
WIDTH = 1180
MAX_HEIGHT = 1500  # a long table below a chart is cut here


def section(notebook, heading: str):
    """The notebook's cells from the markdown cell starting with `heading` to the next heading,
    after a cell carrying every style the notebook's outputs define."""
    cells = notebook.cells
    start = next(i for i, c in enumerate(cells) if c.source.startswith(heading))
    end = next(
        (i for i in range(start + 1, len(cells)) if cells[i].source.startswith("## ")),
        len(cells),
    )
    styles = "".join(
        match
        for cell in cells
        for output in cell.get("outputs", [])
        for match in re.findall(
            r"<style>.*?</style>", output.get("data", {}).get("text/html", ""), re.S
        )
    )
    style = nbformat.v4.new_code_cell(
        "",
        outputs=[nbformat.v4.new_output("display_data", {"text/html": styles})],
    )
    return nbformat.v4.new_notebook(cells=[style, *cells[start:end]], metadata=notebook.metadata)


def shoot(page: Path, png: Path) -> None:
    chromium(
        page,
        "--hide-scrollbars",
        f"--screenshot={png}",
        f"--window-size={WIDTH},{MAX_HEIGHT + 400}",
    )
    with Image.open(png) as image:
        rgb = image.convert("RGB")
    box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, "white")).getbbox()
    left, top, right, bottom = box
    cropped = rgb.crop(
        (max(left - 12, 0), max(top - 12, 0), right + 12, min(bottom + 12, top + MAX_HEIGHT))
    )
    cropped.quantize(colors=256).save(png, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(default_db()))
    parser.add_argument("--out", default=str(PROJECT_ROOT / "docs" / "images" / "reports"))
    args = parser.parse_args()
    db, out = Path(args.db).resolve(), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    report.check_warehouse(db, report.Selection())
    parameters = report.notebook_parameters(db, report.Selection())
    with tempfile.TemporaryDirectory(prefix="wecheer-shots-") as work:
        with report.this_python_as_kernel(Path(work) / "jupyter"):
            executed = {}
            for name in (report.CAMPAIGN_NOTEBOOK, report.QA_NOTEBOOK):
                notebook, error = report.execute_notebook(
                    name, parameters[name], Path(work) / f"{name}.ipynb"
                )
                if error:
                    sys.exit(f"{name}: {error}")
                executed[name] = notebook
        for file_name, (name, heading) in SECTIONS.items():
            page = report.write_html(
                section(executed[name], heading), Path(work) / f"{file_name}.html", heading
            )
            shoot(page, out / file_name)
            print(f"{out / file_name}: {(out / file_name).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
