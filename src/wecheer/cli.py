"""The `wecheer` command: generate a source, build the models, check and report."""

from __future__ import annotations

import argparse
import importlib
import sys

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
    """A user mistake: printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wecheer",
        description="Wecheer loyalty analytics on Segment data: generate, build, check, report.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in SUBCOMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and not getattr(args, "accepts_extra", False):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    try:
        return int(args.func(args) or 0)
    except CliError as error:
        print(f"wecheer {args.command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
