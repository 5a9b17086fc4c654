"""`wecheer report`: run the campaign and source-QA notebooks, write HTML reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wecheer import report
from wecheer.cli import CliError
from wecheer.errors import (
    EXIT_CODES_HELP,
    EXIT_NOTHING_SELECTED,
    EXIT_REPORT_FAILED,
    EXIT_UNUSABLE,
    EXIT_USAGE,
)
from wecheer.paths import add_db_option, default_db, work_dir

ONLY = {"campaign": report.CAMPAIGN_NOTEBOOK, "qa": report.QA_NOTEBOOK}

DESCRIPTION = f"""\
Execute notebooks/campaign_report.ipynb and notebooks/source_qa.ipynb (papermill, python3
kernel) against the built warehouse and write self-contained HTML reports that open in any
browser, offline: <out>/campaign_report.html and <out>/source_qa.html (--only: one of them).
The warehouse is only read. Run `wecheer build` first.

The campaign report covers the selection given by --advertiser, --campaign and --start/--end
(default: every campaign, all dates).

A report replaces the previous one only when its notebook ran without an error. A selection
that matches no data or contradicts itself (an unknown advertiser or campaign, a campaign of
another advertiser, --start after --end, dates outside the data, no events) is exit 2, with
the days the data covers, before any notebook runs; no warehouse or marts not built, exit 3; a
notebook cell that fails, exit 5 (the page with the error is <out>/<notebook>.failed.html).

{EXIT_CODES_HELP}"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="render the campaign and source-QA notebooks to HTML under reports/",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_option(parser)
    parser.add_argument("--advertiser", help="advertiser id or name (default: every advertiser)")
    parser.add_argument(
        "--campaign",
        action="append",
        default=[],
        metavar="ID",
        help="campaign id; repeat for several (default: every campaign of the advertiser)",
    )
    parser.add_argument("--start", help="first day included, YYYY-MM-DD (UTC)")
    parser.add_argument("--end", help="last day included, YYYY-MM-DD (UTC)")
    parser.add_argument(
        "--only",
        choices=sorted(ONLY),
        help="render one report: campaign (campaign_report.html) or qa (source_qa.html)",
    )
    parser.add_argument(
        "--out", default=None, help="folder for the HTML files (default: reports/, work folder)"
    )
    parser.add_argument(
        "--with-code", action="store_true", help="show the notebooks' code (hidden by default)"
    )
    parser.set_defaults(func=_report)


def _report(args: argparse.Namespace) -> int:
    db = args.db or str(default_db())
    out = args.out or str(work_dir() / "reports")
    notebooks = (ONLY[args.only],) if args.only else tuple(ONLY.values())
    try:
        selection = report.Selection(
            advertiser=args.advertiser,
            campaigns=tuple(c.strip() for c in args.campaign),
            start=report.parse_day(args.start) if args.start else None,
            end=report.parse_day(args.end) if args.end else None,
        )
    except report.ReportError as error:
        raise CliError(str(error), "see `wecheer report --help`", EXIT_USAGE) from error
    if report.CAMPAIGN_NOTEBOOK not in notebooks and not selection.is_everything:
        raise CliError(
            "--advertiser, --campaign, --start and --end select what the campaign report covers",
            "leave them out with --only qa",
            EXIT_USAGE,
        )
    try:  # the warehouse, then the selection, before any notebook runs
        report.check_warehouse(Path(db), selection, notebooks)
    except report.SelectionError as error:
        raise CliError(str(error), error.hint, EXIT_NOTHING_SELECTED) from error
    except report.ReportError as error:
        _raise_cause(error)
        raise CliError(str(error), None, EXIT_UNUSABLE) from error
    try:
        result = report.make_reports(
            db,
            out,
            selection,
            with_code=args.with_code,
            notebooks=notebooks,
            progress=lambda text: print(f"wecheer report: {text}", file=sys.stderr),
        )
    except report.ReportError as error:  # a kernel that stopped made no report
        _raise_cause(error)
        raise CliError(str(error), None, EXIT_REPORT_FAILED) from error
    for name, path in result.html.items():
        if name not in result.failed:
            print(f"{name}: {path}")
    for name, error in result.failed.items():
        print(
            f"wecheer report: error: {name} failed at {error} (the page with the error: "
            f"{result.html[name]}; the previous report is kept)",
            file=sys.stderr,
        )
    return EXIT_REPORT_FAILED if result.failed else 0


def _raise_cause(error: report.ReportError) -> None:
    """DuckDB's own error (a lock, not a database) gets its one line from wecheer.errors."""
    import duckdb

    if isinstance(error.__cause__, duckdb.Error):
        raise error.__cause__ from None
