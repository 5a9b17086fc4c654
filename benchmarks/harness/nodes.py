"""What dbt says about a build: per-node times from `run_results.json`, how far a build that
did not finish got (its console log), and a profile with a DuckDB memory limit."""

from __future__ import annotations

import json
import re
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;]*m")
DBT_LINE = re.compile(r"\s(\d+) of (\d+) (START|\S+) (.+?) \.*\s*\[(?:.* in ([\d.]+)s|RUN)\]")

# The project's DuckDB output with a memory limit (the project's own profile has none).
PROFILE = """wecheer:
  target: duckdb
  outputs:
    duckdb:
      type: duckdb
      path: "{{{{ env_var('WECHEER_DUCKDB') }}}}"
      threads: 2
      keep_open: false
      settings:
        memory_limit: "{memory_limit}"
"""


def write_profile(folder: Path, memory_limit: str) -> Path:
    """A profiles.yml in `folder` whose DuckDB has `memory_limit`; returns the folder (dbt's
    --profiles-dir)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "profiles.yml").write_text(PROFILE.format(memory_limit=memory_limit))
    return folder


def dbt_options(
    folder: Path, memory_limit: str | None = None, select: str | None = None
) -> list[str]:
    """Options of a benchmark's dbt calls: dbt's target/ and logs/ in `folder`, a profile there
    whose DuckDB has `memory_limit` (when given), and `select` (dbt --select, names separated by
    spaces) without the tests of unselected parents."""
    options = ["--target-path", str(folder / "target"), "--log-path", str(folder / "logs")]
    if memory_limit:
        options += ["--profiles-dir", str(write_profile(folder, memory_limit))]
    if select:
        options += ["--select", *select.split(), "--indirect-selection", "cautious"]
    return options


def node_seconds(run_results: Path) -> dict[str, float]:
    """Execution seconds per node (`unique_id`) of one dbt invocation."""
    data = json.loads(run_results.read_text())
    return {r["unique_id"]: r["execution_time"] for r in data["results"]}


def slowest_nodes(run_results: Path, top: int) -> dict:
    """Node count, summed and elapsed seconds, and the `top` slowest nodes of one invocation."""
    data = json.loads(run_results.read_text())
    nodes = sorted(
        (
            {
                "node": r["unique_id"],
                "seconds": round(r["execution_time"], 2),
                "status": r["status"],
            }
            for r in data["results"]
        ),
        key=lambda n: -n["seconds"],
    )
    return {
        "nodes": len(nodes),
        "sum_node_seconds": round(sum(n["seconds"] for n in nodes), 1),
        "elapsed": round(data.get("elapsed_time", 0.0), 1),
        "slowest": nodes[:top],
    }


def dbt_progress(text: str, top: int = 12) -> dict | None:
    """How far a dbt build got, from its console log (for a build that did not finish)."""
    started: dict[str, str] = {}
    finished: dict[str, tuple[str, float]] = {}
    total = 0
    for line in ANSI.sub("", text).splitlines():
        match = DBT_LINE.search(line)
        if not match:
            continue
        index, total, status, what, seconds = match.groups()
        if status == "START":
            started[index] = what.strip()
        elif seconds is not None:
            finished[index] = (f"{status} {what.strip()}", float(seconds))
    if not total:
        return None
    slowest = sorted(finished.values(), key=lambda item: -item[1])[:top]
    return {
        "finished": len(finished),
        "total": int(total),
        "running": [started[i] for i in started if i not in finished],
        "slowest_finished": [{"node": n, "seconds": t} for n, t in slowest],
    }
