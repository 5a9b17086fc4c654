"""`wecheer report`: run the campaign and source-QA notebooks, write HTML reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wecheer import report
from wecheer.cli import CliError
from wecheer.errors import EXIT_CODES_HELP, EXIT_REPORT_FAILED, EXIT_UNUSABLE, EXIT_USAGE
from wecheer.paths import default_db, work_dir

DESCRIPTION = f"""\
Execute notebooks/campaign_report.ipynb and notebooks/source_qa.ipynb (papermill, python3
kernel) against the built warehouse and write self-contained HTML reports that open in any
browser, offline: <out>/campaign_report.html and <out>/source_qa.html. The warehouse is only
read. Run `wecheer build` first.

The campaign report covers the selection given by --advertiser, --campaign and --start/--end
(default: every campaign, all dates).

A notebook cell that fails is exit 5 (its HTML shows the error); no warehouse or marts not
built, exit 3; an unknown advertiser or campaign, exit 64.

{EXIT_CODES_HELP}"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="render the campaign and source-QA notebooks to HTML under reports/",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db", help="DuckDB file (default: $WECHEER_DUCKDB or data/wecheer.duckdb)"
    )
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
        "--out", default=None, help="folder for the HTML files (default: reports/, work folder)"
    )
    parser.add_argument(
        "--with-code", action="store_true", help="show the notebooks' code (hidden by default)"
    )
    parser.set_defaults(func=_report)


def _report(args: argparse.Namespace) -> int:
    db = args.db or str(default_db())
    out = args.out or str(work_dir() / "reports")
    try:
        selection = report.Selection(
            advertiser=args.advertiser,
            campaigns=tuple(c.strip() for c in args.campaign),
            start=report.parse_day(args.start) if args.start else None,
            end=report.parse_day(args.end) if args.end else None,
        )
    except report.ReportError as error:
        raise CliError(str(error), None, EXIT_USAGE) from error
    try:  # the warehouse alone: a file that is missing, unusable or not built is exit 3
        report.check_warehouse(Path(db), report.Selection())
    except report.ReportError as error:
        _raise_cause(error)
        raise CliError(str(error), None, EXIT_UNUSABLE) from error
    try:
        result = report.make_reports(
            db,
            out,
            selection,
            with_code=args.with_code,
            progress=lambda text: print(f"wecheer report: {text}", file=sys.stderr),
        )
    except report.ReportError as error:
        _raise_cause(error)
        # a kernel that stopped (the cause) made no report; else the selection is unknown
        code = EXIT_REPORT_FAILED if error.__cause__ is not None else EXIT_USAGE
        raise CliError(str(error), None, code) from error
    for name, path in result.html.items():
        print(f"{name}: {path}")
    for name, error in result.failed.items():
        print(f"wecheer report: error: {name} failed at {error}", file=sys.stderr)
    return EXIT_REPORT_FAILED if result.failed else 0


def _raise_cause(error: report.ReportError) -> None:
    """DuckDB's own error (a lock, not a database) gets its one line from wecheer.errors."""
    import duckdb

    if isinstance(error.__cause__, duckdb.Error):
        raise error.__cause__ from None
