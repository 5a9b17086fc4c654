"""`wecheer qa`: build the source-QA models and report whether the source can be trusted."""

from __future__ import annotations

import argparse
import os
import sys

from wecheer import qa
from wecheer.cli import CliError
from wecheer.dbt import run_dbt
from wecheer.paths import default_db, no_warehouse_message

DESCRIPTION = """\
Check the raw Wecheer source: builds the QA models (dbt, selection +wecheer__source_qa)
and prints one line per check with the worst examples.

Checks: unplanned_events, event_name_aliases, duplicate_message_ids, missing_ids,
future_timestamps, late_arrivals, clock_skew, tracks_parity, type_drift, orphan_ids,
sequence_violations, volume_anomalies, freshness. Thresholds are dbt vars (see README),
e.g. --vars '{wecheer_qa_late_arrival_hours: 48}'. Failing rows are kept in
wecheer__qa_findings for drill-down.

Exit codes: 0 nothing failed; 2 a check failed; 1 with --strict when a check warned
(and when the QA models could not be built)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "qa",
        help="check the raw source: duplicates, drift, missing ids, late data, ...",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db", help="DuckDB file (default: $WECHEER_DUCKDB or data/wecheer.duckdb)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text for a terminal (default), markdown or json for files and CI",
    )
    parser.add_argument("--output", "-o", help="write the report to this file instead of stdout")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any check warns")
    parser.add_argument(
        "--no-build", action="store_true", help="report the results already in the warehouse"
    )
    parser.add_argument(
        "--vars", help="dbt vars as YAML, e.g. '{wecheer_qa_late_arrival_hours: 48}'"
    )
    parser.set_defaults(func=_qa)


def _qa(args: argparse.Namespace) -> int:
    db = args.db or str(default_db())
    if not os.path.exists(db):  # dbt would create an empty warehouse and every check would pass
        raise CliError(no_warehouse_message(db))
    if not args.no_build:
        dbt_args = [
            "build",
            "--select",
            "+wecheer__source_qa",
            "--indirect-selection",
            "cautious",
            "--quiet",
        ]
        if args.vars:
            dbt_args += ["--vars", args.vars]
        result = run_dbt(dbt_args, db=db)
        if not result.success:
            print(
                "wecheer qa: error: the QA models did not build; see logs/dbt.log", file=sys.stderr
            )
            return 1
    try:
        results = qa.read_results(db)
    except qa.QaUnavailable as error:
        raise CliError(str(error)) from error
    if args.format == "json":
        report = qa.render_json(results)
    elif args.format == "markdown":
        report = qa.render_markdown(results)
    else:
        colour = args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        report = qa.render_text(results, colour=colour)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(report)
    else:
        sys.stdout.write(report)
    return qa.exit_code(results, strict=args.strict)
