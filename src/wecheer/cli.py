"""The `wecheer` command: generate a source, build the models, check and report."""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from wecheer.paths import WORK_DIR_ENV

# Each subcommand lives in its own module with `register(subparsers)`; the module sets
# `func` on its parser. Listed here so `wecheer --help` shows them in a sensible order.
SUBCOMMAND_MODULES = (
    "wecheer.generator.cli",
    "wecheer.build_cli",
    "wecheer.engines.cli",
    "wecheer.qa_cli",
    "wecheer.report_cli",
)


class CliError(Exception):
    """A user mistake: printed as one line, exit code `exit_code`."""

    exit_code = 2


WORK_DIR_HELP = (
    f"folder for the default warehouse (data/wecheer.duckdb), dbt's target/ and logs/, and "
    f"reports/ (default: ${WORK_DIR_ENV}, else the current directory; in a git checkout of "
    "the project, the checkout)"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wecheer",
        description="Wecheer loyalty analytics on Segment data: generate, build, check, report.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"wecheer-analytics {importlib.metadata.version('wecheer-analytics')}",
    )
    parser.add_argument("--work-dir", type=Path, help=WORK_DIR_HELP)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in SUBCOMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    # also after the command (`wecheer build --work-dir DIR`)
    for subparser in subparsers.choices.values():
        subparser.add_argument(
            "--work-dir", type=Path, default=argparse.SUPPRESS, help=WORK_DIR_HELP
        )
    return parser


@contextmanager
def _work_dir(folder: Path | None):
    """$WECHEER_WORK_DIR set to `folder` while the command runs."""
    if folder is None:
        yield
        return
    saved = os.environ.get(WORK_DIR_ENV)
    os.environ[WORK_DIR_ENV] = str(folder.resolve())
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(WORK_DIR_ENV, None)
        else:
            os.environ[WORK_DIR_ENV] = saved


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and not getattr(args, "accepts_extra", False):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    try:
        with _work_dir(args.work_dir):
            return int(args.func(args) or 0)
    except CliError as error:
        print(f"wecheer {args.command}: error: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
