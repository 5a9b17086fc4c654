"""Command-line pieces the benchmarks share: one-line argument errors, event counts with
suffixes, durations."""

from __future__ import annotations

import argparse
import re

SUFFIXES = {"k": 1_000, "m": 1_000_000, "g": 1_000_000_000}


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments give one line on stderr (`<prog>: error: ... (see --help)`), exit code 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def parse_count(text: str) -> int:
    """'20000', '20k', '1M', '1_000_000' -> int; '0', '-5', 'ten' are errors."""
    match = re.fullmatch(r"(\d[\d_]*)([kKmMgG]?)", text.strip())
    if not match:
        raise ValueError(f"not a count of events: {text!r}")
    value = int(match[1]) * SUFFIXES.get(match[2].lower(), 1)
    if value < 1000:
        raise ValueError(f"too few events: {text!r} (at least 1000)")
    return value


def parse_sizes(text: str) -> list[int]:
    """'1M,10M' -> [1000000, 10000000] (sorted, without repeats)."""
    try:
        sizes = [parse_count(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if not sizes:
        raise argparse.ArgumentTypeError("no sizes given")
    return sorted(set(sizes))


def parse_duration(text: str) -> float:
    """'5400', '90m', '1.5h' -> seconds."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([smh]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 5400, 90m, 1.5h)")
    return float(match[1]) * {"": 1, "s": 1, "m": 60, "h": 3600}[match[2]]
