"""Result files of a benchmark run: `benchmarks/results/YYYY-MM-DD-<bench>.md` (the tables the
benchmark prints, with the machine, commit, command and load) and `.json` beside it (the raw
numbers), dated by the run's start (UTC)."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from wecheer.paths import PROJECT_ROOT

from .sampling import load

RESULTS = PROJECT_ROOT / "benchmarks" / "results"


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**30
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {mem} GB RAM, "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}"
    )


def git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def commit() -> str:
    """The short commit of the project measured, `+changes` when its models, macros, seeds or
    Python differ from it."""
    try:
        dirty = git("status", "--porcelain", "--untracked-files=no", "--", "models", "macros",
                    "seeds", "src", "dbt_project.yml")  # fmt: skip
        return git("rev-parse", "--short", "HEAD") + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "?"


def table(header: list[str], rows: list[list], right: set[int] | None = None) -> list[str]:
    """Markdown table lines; columns in `right` (default: all but the first) right-aligned."""
    right = set(range(1, len(header))) if right is None else right
    align = ["---:" if i in right else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def latest(out: Path, bench: str) -> Path | None:
    """The newest `<date>-<bench>.json` or `<date>-<bench>-<n>.json` in `out`."""
    pattern = re.compile(rf"(\d{{4}}-\d{{2}}-\d{{2}})-{re.escape(bench)}(?:-(\d+))?\.json")
    found = [
        ((match[1], int(match[2] or 1)), path)
        for path in out.glob(f"*-{bench}*.json")
        if (match := pattern.fullmatch(path.name))
    ]
    return max(found)[1] if found else None


class ResultFiles:
    """The files of one run of `bench`: `<out>/<date>-<bench>.{md,json}` (`-2`, `-3`... when a
    run of the same day is there already); `meta` is written into both."""

    def __init__(
        self, bench: str, out: Path, argv: list[str] | None = None, stem: str | None = None
    ) -> None:
        """`stem`: rewrite that run's files (e.g. to redraw them) instead of a new run's."""
        self.bench = bench
        self.out = out
        now = datetime.now(UTC)
        if stem is None:
            stem = f"{now:%Y-%m-%d}-{bench}"
            n = 1
            while (out / f"{stem}.json").exists() or (out / f"{stem}.md").exists():
                n += 1
                stem = f"{now:%Y-%m-%d}-{bench}-{n}"
        self.stem = stem
        self.meta = {
            "bench": bench,
            "run_utc": now.isoformat(timespec="minutes"),
            "machine": machine(),
            "commit": commit(),
            "command": " ".join([f"benchmarks/bench_{bench}.py", *(argv or sys.argv[1:])]),
            "load_at_start": load(),
        }

    def path(self, suffix: str) -> Path:
        return self.out / f"{self.stem}{suffix}"

    def header(self, title: str) -> list[str]:
        m = self.meta
        return [
            f"# {title}",
            "",
            f"Run {m['run_utc']} UTC on commit `{m['commit']}`; {m['machine']}; load average "
            f"{m['load_at_start']:.1f} at the start (2 cores shared with other jobs: read "
            f"ratios from one run, not seconds across runs). Command: `{m['command']}`.",
            "",
        ]

    def write(self, markdown: str, data: dict | None) -> None:
        """Write (or rewrite: a long run saves after every step) both files; with `data` None,
        only the Markdown (a redraw leaves the measured numbers alone)."""
        self.out.mkdir(parents=True, exist_ok=True)
        if data is not None:
            self.meta["load_at_end"] = load()
            text = json.dumps({"meta": self.meta, **data}, indent=2) + "\n"
            self.path(".json").write_text(text)
        self.path(".md").write_text(markdown)
