"""The `wecheer` command: generate a source, build the models, check and report."""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from wecheer.dbt import environment_variable
from wecheer.errors import (
    EXIT_CODES_HELP,
    EXIT_INTERNAL,
    EXIT_USAGE,
    CliError,
    from_exception,
)
from wecheer.paths import WORK_DIR_ENV

__all__ = ["CliError", "build_parser", "main"]

# Each subcommand lives in its own module with `register(subparsers)`; the module sets
# `func` on its parser. Listed here so `wecheer --help` shows them in a sensible order.
SUBCOMMAND_MODULES = (
    "wecheer.generator.cli",
    "wecheer.build_cli",
    "wecheer.engines.cli",
    "wecheer.qa_cli",
    "wecheer.report_cli",
)
# set to see the traceback of an unexpected error (a bug to report)
TRACEBACK_ENV = "WECHEER_TRACEBACK"
WORK_DIR_HELP = (
    f"folder for the default warehouse (data/wecheer.duckdb), dbt's target/ and logs/, and "
    f"reports/ (default: ${WORK_DIR_ENV}, else the current directory; in a git checkout of "
    "the project, the checkout)"
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is a CliError (one line, exit 64), not exit 2."""

    def error(self, message: str):
        raise CliError(message, f"see `{self.prog} --help`", EXIT_USAGE, prog=self.prog)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="wecheer",
        description="Wecheer loyalty analytics on Segment data: generate, build, check, report.",
        epilog=EXIT_CODES_HELP,
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
    with environment_variable(WORK_DIR_ENV, str(folder.resolve())):
        yield


def _wants_json(argv: list[str], args: argparse.Namespace | None) -> bool:
    """`--format json` (wecheer qa): errors are a JSON object on stdout too."""
    if args is not None:
        return getattr(args, "format", None) == "json"
    pairs = zip(argv, argv[1:], strict=False)
    return "--format=json" in argv or any(a == "--format" and b == "json" for a, b in pairs)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = None
    prog = "wecheer"
    try:
        parser = build_parser()
        args, extra = parser.parse_known_args(argv)
        command = args.command
        prog = f"wecheer {command}"
        if extra and not getattr(args, "accepts_extra", False):
            raise CliError(
                f"unrecognized arguments: {' '.join(extra)}",
                f"see `wecheer {command} --help`",
                EXIT_USAGE,
            )
        args.extra = extra
        with _work_dir(args.work_dir):
            return int(args.func(args) or 0)
    except (Exception, KeyboardInterrupt) as caught:
        error = from_exception(caught)
        if error is None:
            if os.environ.get(TRACEBACK_ENV):
                raise
            first_line = (str(caught).strip().splitlines() or [""])[0]
            error = CliError(
                f"unexpected {type(caught).__name__}: {first_line}",
                f"a bug: set {TRACEBACK_ENV}=1 to see the traceback, and report it",
                EXIT_INTERNAL,
            )
        if error.exit_code == EXIT_USAGE and not error.hint:
            error.hint = f"see `{error.prog or prog} --help`"
        if _wants_json(argv, args):
            sys.stdout.write(json.dumps(error.as_dict()) + "\n")
        print(error.line(prog), file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
