"""`wecheer qa`: build the source-QA models and report whether the source can be trusted."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from wecheer import qa, warehouse
from wecheer.cli import CliError
from wecheer.dbt import run_dbt
from wecheer.errors import EXIT_CODES_HELP, EXIT_UNUSABLE, raise_for_dbt
from wecheer.paths import add_db_option, default_db
from wecheer.qa_checks import help_text

DESCRIPTION = """\
Check the raw Wecheer source: builds the QA models (dbt, selection +wecheer__source_qa)
and prints one line per check with the worst examples. A warehouse whose source schema
(var wecheer_schema) is missing or holds no event rows is refused, and nothing is written.

Checks (default fail share: a check fails when its failing rows exceed that share of the
raw event rows, else warns; - : only warns):
{checks}

Thresholds and fail shares are dbt vars (see README), e.g.
--vars '{{wecheer_qa_late_arrival_hours: 48, wecheer_qa_fail_share: {{missing_ids: 0.02}}}}'.
Failing rows are kept in wecheer__qa_findings for drill-down.

{exit_codes}"""

BUILD_QA = ["build", "--select", "+wecheer__source_qa", "--indirect-selection", "cautious"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "qa",
        help="check the raw source: duplicates, drift, missing ids, late data, ...",
        description=DESCRIPTION.format(checks=help_text(), exit_codes=EXIT_CODES_HELP),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_option(parser)
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text for a terminal (default), markdown or json for files and CI (an error is "
        "a JSON object too)",
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
    db = Path(args.db) if args.db else default_db()
    # read-only first: a missing source would build empty marts on which every check passes
    warehouse.check_source(db, warehouse.project_vars(args.vars))
    if not args.no_build:
        dbt_args = [*BUILD_QA, "--log-level", "none"]  # dbt's log: logs/dbt.log, never stdout
        if args.vars:
            dbt_args += ["--vars", args.vars]
        raise_for_dbt(run_dbt(dbt_args, db=db), checks_may_fail=True)
    try:
        results = qa.read_results(db)
    except qa.QaUnavailable as error:
        raise CliError(str(error), "run `wecheer qa` without --no-build", EXIT_UNUSABLE) from error
    if args.format == "json":
        report = qa.render_json(results)
    elif args.format == "markdown":
        report = qa.render_markdown(results)
    else:
        colour = args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        report = qa.render_text(results, colour=colour)
    if args.output:
        write_whole(Path(args.output), report)
    else:
        sys.stdout.write(report)
    return qa.exit_code(results, strict=args.strict)


def write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file beside it: never a half-written report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
