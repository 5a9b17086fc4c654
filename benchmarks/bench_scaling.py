"""Scaling benchmark (issue 7): generator, full and incremental `dbt build` at 1M, 10M, 100M events.

For each size, in a fresh DuckDB file under the work folder, each step runs as its own
subprocess (the commands a user runs) and is timed from start to exit:

1. `generate`: `wecheer generate --events N --faults realistic --replace`;
2. `floor` (the same-run baseline): DuckDB reading every raw event table once and writing the
   deduplicated union (`measure_floor` of bench_dbt_build.py, in its own process);
3. `full build`: `wecheer build` (dbt build of every model, seed, snapshot and test);
4. `append`: `wecheer generate --append --days 1` (one more synced day, late arrivals included);
5. `incremental`: `wecheer build` again (incremental models process the new day).

Per step: wall seconds; the rows it handles (raw event-table rows: written by generate/append,
in the source for the floor and builds) and rows/s; memory, two ways: `peak RSS` is the kernel's
ru_maxrss from wait4() on the step's process, i.e. the largest single process of its tree (the
step's own process, or a worker it waited for), and `tree RSS` is the largest sum of RSS over all
processes of the step's session, sampled every 0.5 s from /proc (counts shared pages twice; may
miss a spike shorter than a sample); the DuckDB file size after the step (file + WAL).
Times are also given as a ratio to the same size's floor, and as seconds per million rows with the
growth factor from one size to the next (10x the rows at linear cost gives a factor of 10).

Writes OUT/scaling.md (tables, slowest dbt nodes of the largest full build), OUT/scaling.json
(raw numbers, rewritten after every step, so a run that is stopped or fails keeps what it
measured and says where it stopped) and OUT/scaling.png (log-log time vs rows per step).

    .venv/bin/python benchmarks/bench_scaling.py                                # 1M and 10M
    .venv/bin/python benchmarks/bench_scaling.py --sizes 100M --merge --time-limit 90m
    .venv/bin/python benchmarks/bench_scaling.py --report-only                 # redraw from JSON
    .venv/bin/python benchmarks/bench_scaling.py --sizes 20k --select +wecheer__events --out /tmp/s
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from bench_dbt_build import DB_NAME, measure_floor
from bench_funnels import PROFILE

from wecheer.paths import PROJECT_ROOT

STEPS = ("generate", "floor", "full build", "append", "incremental")
DEFAULT_OUT = PROJECT_ROOT / "benchmarks" / "results"
SAMPLE_SECONDS = 0.5
SUFFIXES = {"k": 1_000, "m": 1_000_000, "g": 1_000_000_000}
PAGE = os.sysconf("SC_PAGE_SIZE")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
ERROR_LINE = re.compile(
    r"(Runtime|Database|Compilation|Internal|IO|Out of Memory|Catalog) Error|Traceback|"
    r"error:|MemoryError|Killed",
    re.IGNORECASE,
)


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments give one line on stderr and exit code 2."""

    def error(self, message: str):
        self.exit(2, f"bench_scaling: error: {message} (see --help)\n")


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
    try:
        sizes = [parse_count(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if not sizes:
        raise argparse.ArgumentTypeError("no sizes given")
    return sorted(set(sizes))


def parse_duration(text: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([smh]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 5400, 90m, 1.5h)")
    return float(match[1]) * {"": 1, "s": 1, "m": 60, "h": 3600}[match[2]]


def label(events: int) -> str:
    for unit, factor in (("G", 10**9), ("M", 10**6), ("k", 10**3)):
        if events >= factor and events % factor == 0:
            return f"{events // factor}{unit}"
    return f"{events:,}"


# --- running one step -------------------------------------------------------------------------


def session_rss(session: int) -> int:
    """Sum of RSS (bytes) of every live process whose session id is `session`."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[3]) != session:  # state, ppid, pgrp, session
                continue
            with open(f"/proc/{entry.name}/statm") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
    return total


DBT_LINE = re.compile(r"\s(\d+) of (\d+) (START|\S+) (.+?) \.*\s*\[(?:.* in ([\d.]+)s|RUN)\]")


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


class StepFailed(Exception):
    def __init__(self, record: dict, stopped: bool = False):
        super().__init__(record.get("error", "step failed"))
        self.record = record
        self.stopped = stopped


class Stopped(Exception):
    """SIGTERM/SIGINT: the current step was killed."""


def folder_bytes(folder: Path) -> int:
    """Bytes under `folder` (the warehouse, its WAL and DuckDB's spill folder `<db>.tmp`)."""
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            with _ignore_errors():
                total += os.stat(os.path.join(root, name)).st_size
    return total


def run_step(
    name: str, command: list[str], log: Path, deadline: float | None, min_free_gb: float = 0
) -> dict:
    """Run `command` in its own session; wall seconds, ru_maxrss and sampled tree RSS.

    The step is killed when `deadline` (epoch seconds) passes or when the disk holding the
    log's folder has less than `min_free_gb` free (other jobs share the disk)."""
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    load_before = os.getloadavg()[0]
    with open(log, "w") as out:
        out.write("$ " + " ".join(command) + "\n")
        out.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        peak_tree = 0
        peak_folder = 0
        min_free = shutil.disk_usage(log.parent).free
        finished = threading.Event()
        reason = None

        def kill():
            with _ignore_errors():
                os.killpg(proc.pid, signal.SIGKILL)

        def watch():
            nonlocal peak_tree, peak_folder, min_free, reason
            while True:
                peak_tree = max(peak_tree, session_rss(proc.pid))
                peak_folder = max(peak_folder, folder_bytes(log.parent))
                min_free = min(min_free, shutil.disk_usage(log.parent).free)
                if reason is None and deadline is not None and time.time() >= deadline:
                    reason = "stopped by --time-limit"
                elif reason is None and min_free < min_free_gb * 2**30:
                    reason = f"stopped: free disk below {min_free_gb:g} GB (--min-free-gb)"
                if reason is not None:
                    kill()
                if finished.wait(SAMPLE_SECONDS):
                    return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        stopped = None
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except Stopped as signalled:
            stopped = signalled
            kill()
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            seconds = time.perf_counter() - start
            finished.set()
            watcher.join()
        # a step shorter than one sampling interval is sampled only as it starts: the folder
        # after the step counts too
        peak_folder = max(peak_folder, folder_bytes(log.parent))
        min_free = min(min_free, shutil.disk_usage(log.parent).free)
        proc.returncode = os.waitstatus_to_exitcode(status)
    record = {
        "step": name,
        "command": " ".join(command),
        "started_utc": started_at,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "tree_rss_mb": round(peak_tree / 2**20),
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
        "min_free_disk_gb": round(min_free / 2**30, 1),
        "peak_folder_mb": round(peak_folder / 2**20),  # warehouse + WAL + spill, sampled
        "returncode": proc.returncode,
        "log": str(log),
    }
    if proc.returncode != 0:
        text = log.read_text(errors="replace")
        lines = [ANSI.sub("", line).strip() for line in text.splitlines()]
        lines = [line for line in lines[1:] if line]
        errors = [i for i, line in enumerate(lines) if ERROR_LINE.search(line)]
        if errors:  # the first error and the line after it (dbt puts the message there)
            first = errors[0]
            detail = " ".join(lines[first : first + 2])
        else:
            detail = lines[-1] if lines else "(no output)"
        if stopped is not None:
            record["error"] = f"interrupted ({stopped}) after {seconds:.0f} s in this step"
        elif reason is not None:
            record["error"] = f"{reason} after {seconds:.0f} s in this step"
        elif proc.returncode == -signal.SIGKILL:
            record["error"] = "killed by SIGKILL (out of memory?)"
        else:
            record["error"] = f"exit code {proc.returncode}: {detail[:400]}"
        record["status"] = "failed"
        progress = dbt_progress(text)
        if progress:
            record["dbt_progress"] = progress
        raise StepFailed(record, stopped=stopped is not None)
    record["status"] = "ok"
    return record


class _ignore_errors:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return exc[0] is not None and issubclass(exc[0], OSError)


# --- one size ---------------------------------------------------------------------------------


def file_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, Path(f"{db}.wal")) if p.exists())


def synced_rows(db: Path) -> list[int]:
    """Raw event-table rows written per sync, from the generator's truth table."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select event_table_rows from wecheer_truth.runs order by sync_number"
        ).fetchall()
    return [r for (r,) in rows]


def wecheer_command() -> list[str]:
    script = Path(sys.executable).with_name("wecheer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "wecheer.cli"]


def slowest_nodes(run_results: Path, top: int) -> dict:
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
    total = sum(n["seconds"] for n in nodes)
    return {
        "nodes": len(nodes),
        "sum_node_seconds": round(total, 1),
        "elapsed": round(data.get("elapsed_time", 0.0), 1),
        "slowest": nodes[:top],
    }


def remove_warehouse(folder: Path) -> None:
    for big in folder.glob(DB_NAME + "*"):  # the file, its WAL and DuckDB's spill folder
        shutil.rmtree(big) if big.is_dir() else big.unlink()


def bench_size(result: dict, args, folder: Path, save) -> None:
    """Run the five steps for one size into `result`; `save()` is called after every step."""
    events = result["events"]
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / DB_NAME
    remove_warehouse(folder)
    save()
    wecheer = wecheer_command()
    dbt_extra = ["--target-path", str(folder / "target"), "--log-path", str(folder / "logs")]
    if args.memory_limit:
        (folder / "profiles.yml").write_text(PROFILE.format(memory_limit=args.memory_limit))
        dbt_extra += ["--profiles-dir", str(folder)]
    if args.select:  # tests of unselected parents are left out (as bench_dbt_build does)
        dbt_extra += ["--select", *args.select.split(), "--indirect-selection", "cautious"]
    commands = {
        "generate": [*wecheer, "generate", "--db", str(db), "--events", str(events)]
        + ["--seed", str(args.seed), "--faults", args.faults, "--replace", "--no-progress"],
        "floor": [sys.executable, str(Path(__file__).resolve()), "--floor", str(db)]
        + (["--memory-limit", args.memory_limit] if args.memory_limit else []),
        "full build": [*wecheer, "build", "--db", str(db), *dbt_extra],
        "append": [*wecheer, "generate", "--db", str(db), "--append", "--days", "1"]
        + ["--no-progress"],
        "incremental": [*wecheer, "build", "--db", str(db), *dbt_extra],
    }
    for step in STEPS:
        log = folder / f"{step.replace(' ', '_')}.log"
        print(f"[{label(events)}] {step} ...", file=sys.stderr, flush=True)
        try:
            record = run_step(step, commands[step], log, args.deadline, args.min_free_gb)
        except StepFailed as failed:
            failed.record["file_mb"] = round(file_bytes(db) / 2**20)
            result["steps"][step] = failed.record
            result["status"] = f"failed at {step}: {failed.record['error']}"
            save()
            raise
        record["file_mb"] = round(file_bytes(db) / 2**20)
        if step in ("generate", "append"):
            synced = synced_rows(db)
            record["rows"] = synced[-1]
            result["source_rows"] = sum(synced)
        elif step == "floor":
            floor = json.loads(log.read_text().strip().splitlines()[-1])
            # the baseline is the query itself (the process also opens the file and counts rows)
            record["process_seconds"] = record["seconds"]
            record["seconds"] = floor["seconds"]
            record["rows"] = floor["raw_rows"]
            result["unique_events"] = floor["unique"]
        else:
            record["rows"] = result["source_rows"]
            run_results = folder / "target" / "run_results.json"
            kept = folder / f"run_results_{step.replace(' ', '_')}.json"
            shutil.copy(run_results, kept)
            record["dbt"] = slowest_nodes(kept, args.top)
        record["rows_per_s"] = round(record["rows"] / record["seconds"]) if record["seconds"] else 0
        result["steps"][step] = record
        print(
            f"[{label(events)}] {step}: {record['seconds']:.1f} s, {record['rows']:,} rows, "
            f"peak RSS {record['peak_rss_mb']:,} MB, file {record['file_mb']:,} MB",
            file=sys.stderr,
            flush=True,
        )
        save()
    result["status"] = "ok"
    save()


# --- report -----------------------------------------------------------------------------------


def fmt_s(seconds: float) -> str:
    return f"{seconds:,.1f}" if seconds < 100 else f"{seconds:,.0f}"


def growth_rows(results: list[dict]) -> list[str]:
    """Seconds per million rows per step and size, and the growth factor between sizes."""
    done = [r for r in results if r["steps"]]
    pairs = list(zip(done, done[1:], strict=False))
    header = [f"s per M rows at {label(r['events'])}" for r in done]
    header += [f"time growth {label(a['events'])}→{label(b['events'])}" for a, b in pairs]
    lines = ["| step | " + " | ".join(header) + " |", "|---|" + "---:|" * len(header)]
    for step in STEPS:
        steps = [r["steps"].get(step) for r in done]
        ok = [s if s and s["status"] == "ok" else None for s in steps]
        cells = [f"{s['seconds'] / s['rows'] * 1e6:.2f}" if s else "—" for s in ok]
        for sa, sb in zip(ok, ok[1:], strict=False):
            if sa and sb:
                rows = sb["rows"] / sa["rows"]
                cells.append(f"{sb['seconds'] / sa['seconds']:.1f}x (rows {rows:.1f}x)")
            else:
                cells.append("—")
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    return lines


def disk_peak(step: dict) -> str:
    return f"{step['peak_folder_mb']:,}" if "peak_folder_mb" in step else "?"


def markdown(meta: dict, results: list[dict], top: int) -> str:
    out = [
        "# Scaling benchmark (`benchmarks/bench_scaling.py`)",
        "",
        f"Machine: {meta['machine']}. Runs: "
        + "; ".join(f"{r['events']:,} events on {r.get('run_utc', '?')}" for r in results)
        + ". Commit: "
        + ", ".join(sorted({r.get("commit", "?") for r in results}))
        + f". Last command: `{meta['command']}`.",
        "",
        "Each step is one subprocess. `rows`: raw event-table rows the step writes (generate, "
        "append) or reads (floor, builds: the whole source). `peak RSS`: ru_maxrss of the step "
        "(largest single process of its tree); `tree RSS`: largest sampled sum over the step's "
        "processes. `file`: DuckDB file after the step. `/ floor`: seconds over the same size's "
        "floor (DuckDB reading every raw event table once and writing the deduplicated union), "
        "measured in the same run: read ratios; absolute seconds are noisy on a shared machine.",
        "",
        "| events | step | seconds | rows | rows/s | / floor | peak RSS (MB) | tree RSS (MB) "
        "| file (MB) | disk peak (MB) | load |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        floor = r["steps"].get("floor")
        for step in STEPS:
            s = r["steps"].get(step)
            if s is None:
                continue
            if s["status"] != "ok":
                out.append(
                    f"| {r['events']:,} | {step} | {fmt_s(s['seconds'])} (failed) | | | | "
                    f"{s['peak_rss_mb']:,} | {s['tree_rss_mb']:,} | {s.get('file_mb', 0):,} | "
                    f"{disk_peak(s)} | {s['load_before']:.1f} |"
                )
                continue
            ratio = (
                f"{s['seconds'] / floor['seconds']:.1f}x"
                if floor and floor["status"] == "ok"
                else "—"
            )
            out.append(
                f"| {r['events']:,} | {step} | {fmt_s(s['seconds'])} | {s['rows']:,} | "
                f"{s['rows_per_s']:,} | {ratio} | {s['peak_rss_mb']:,} | {s['tree_rss_mb']:,} | "
                f"{s['file_mb']:,} | {disk_peak(s)} | {s['load_before']:.1f} |"
            )
        if r["status"] != "ok":
            out.append(f"| {r['events']:,} | **{r['status']}** |" + " |" * 9)
    out += [
        "",
        "`disk peak`: largest sampled size of the size's work folder during the step (warehouse, "
        "WAL and DuckDB's spill folder; `?`: not recorded by that run). `load`: 1-minute load "
        "average when the step started (2 cores).",
        "",
    ]
    for r in results:
        for step, s in r["steps"].items():
            if s["status"] == "ok":
                continue
            note = f"**{label(r['events'])}, {step}**: {s['error']}."
            progress = s.get("dbt_progress")
            if progress:
                slow = ", ".join(
                    f"{n['node'].split()[-1]} {fmt_s(n['seconds'])} s"
                    for n in progress["slowest_finished"][:5]
                )
                running = ", ".join(progress["running"]) or "none"
                note += (
                    f" dbt had finished {progress['finished']} of {progress['total']} nodes; "
                    f"running when it stopped: {running}; slowest finished: {slow}."
                )
            out += [note, ""]
    out += growth_rows(results)
    out += [
        "",
        "Growth: time at the larger size over time at the smaller (rows grow about 10x between "
        "sizes; 10x time is linear cost, less is fixed cost being amortised, more is worse than "
        "linear).",
    ]
    for step in ("full build", "incremental"):
        built = [r for r in results if r["steps"].get(step, {}).get("status") == "ok"]
        if not built:
            continue
        largest = max(built, key=lambda r: r["events"])
        dbt = largest["steps"][step]["dbt"]
        out += [
            "",
            f"Slowest dbt nodes, {step} at {largest['events']:,} events "
            f"({dbt['nodes']} nodes, {dbt['sum_node_seconds']:,} s summed over nodes, "
            f"{dbt['elapsed']:,} s elapsed with 2 threads):",
            "",
            "| node | seconds | share of summed node time |",
            "|---|---:|---:|",
        ]
        for n in dbt["slowest"][:top]:
            share = n["seconds"] / dbt["sum_node_seconds"] if dbt["sum_node_seconds"] else 0
            out.append(f"| `{n['node']}` | {fmt_s(n['seconds'])} | {share:.0%} |")
    return "\n".join(out) + "\n"


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 5))
    sized = [r for r in results if r["steps"].get("generate", {}).get("status") == "ok"]
    for step, marker in zip(STEPS, "osD^v", strict=True):
        points = sorted(
            (r["steps"]["generate"]["rows"], s["seconds"])
            for r in sized
            if (s := r["steps"].get(step)) and s["status"] == "ok"
        )
        color = None
        if points:
            xs, ys = zip(*points, strict=True)
            (line,) = ax.plot(xs, ys, marker=marker, label=step)
            color = line.get_color()
        for r in sized:  # a step that did not finish: its time so far is a lower bound
            if (s := r["steps"].get(step)) and s["status"] != "ok":
                x = r["steps"]["generate"]["rows"]
                ax.scatter([x], [s["seconds"]], marker="x", s=80, color=color or "red", zorder=3)
                ax.annotate(
                    f"{step} stopped after {fmt_s(s['seconds'])} s",
                    (x, s["seconds"]),
                    textcoords="offset points",
                    xytext=(-10, -24),
                    ha="right",
                    fontsize=8,
                )
    floors = [line for line in ax.lines if line.get_label() == "floor"]
    if floors and len(sized) > 1:  # slope-1 guide through the smallest floor
        x0, y0 = floors[0].get_xdata()[0], floors[0].get_ydata()[0]
        hi = max(r["steps"]["generate"]["rows"] for r in sized)
        ax.plot([x0, hi], [y0, y0 * hi / x0], "k:", lw=1, label="linear cost (slope 1)")
    if not ax.lines:
        ax.text(0.5, 0.5, "no step finished", ha="center", transform=ax.transAxes)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("events generated (raw event-table rows of the first sync, log scale)")
    ax.set_ylabel("wall seconds of the step (log scale)")
    ax.set_title("wecheer on DuckDB: time per step vs events (2 shared cores)")
    ax.grid(True, which="both", alpha=0.3)
    if ax.lines:
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_outputs(out: Path, meta: dict, results: list[dict], args) -> None:
    out.mkdir(parents=True, exist_ok=True)
    results = sorted(results, key=lambda r: r["events"])
    (out / "scaling.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    (out / "scaling.md").write_text(markdown(meta, results, args.top))
    if not args.no_plot:
        plot(results, out / "scaling.png")


# --- main -------------------------------------------------------------------------------------


def machine() -> str:
    mem = 0
    with _ignore_errors(), open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // 2**20
    return f"{platform.machine()}, {os.cpu_count()} cores, {mem} GB RAM, Python {platform.python_version()}, DuckDB {duckdb.__version__}"  # noqa: E501


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(PROJECT_ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=[1_000_000, 10_000_000],
        help="comma-separated event counts, suffixes k/M allowed (default: 1M,10M; add 100M "
        "where memory and time allow)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", default="realistic", choices=["clean", "realistic", "hostile"])
    parser.add_argument(
        "--workdir",
        type=Path,
        help="folder for the warehouses and step logs (default: a new folder under $TMPDIR); "
        "must be outside the repository",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep each size's warehouse file (default: deleted once that size is measured)",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"results folder (default: {DEFAULT_OUT})"
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the other sizes already in OUT/scaling.json (a size run now replaces its own)",
    )
    parser.add_argument(
        "--report-only", action="store_true", help="redraw scaling.md and .png from the JSON"
    )
    parser.add_argument("--no-plot", action="store_true", help="skip scaling.png")
    parser.add_argument(
        "--time-limit",
        type=parse_duration,
        help="stop the whole run after this long (e.g. 90m): the running step is killed and "
        "recorded as stopped",
    )
    parser.add_argument(
        "--min-free-gb",
        type=float,
        default=5.0,
        help="kill the running step when the work folder's disk has less free (default: 5)",
    )
    parser.add_argument(
        "--memory-limit",
        help="DuckDB memory_limit for the floor and the dbt builds (a profiles.yml in the work "
        "folder; the generator keeps its own limit); "
        "default: the project's profile (DuckDB's own default, 80%% of RAM)",
    )
    parser.add_argument(
        "--select", help="dbt --select for both builds (default: everything), e.g. for a smoke test"
    )
    parser.add_argument("--top", type=int, default=12, help="slowest dbt nodes to list")
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.floor is not None:  # internal: the baseline step, in its own process
        config = {"memory_limit": args.memory_limit} if args.memory_limit else None
        seconds, raw_rows, unique = measure_floor(args.floor, config=config)
        print(json.dumps({"seconds": round(seconds, 2), "raw_rows": raw_rows, "unique": unique}))
        return 0
    if args.top < 1:
        parser.error("--top must be at least 1")
    json_path = args.out / "scaling.json"
    previous = json.loads(json_path.read_text()) if json_path.exists() else None
    if args.report_only:
        if previous is None:
            parser.error(f"--report-only: {json_path} does not exist")
        write_outputs(args.out, previous["meta"], previous["results"], args)
        print(markdown(previous["meta"], previous["results"], args.top))
        return 0
    workdir = args.workdir.resolve() if args.workdir else None
    if workdir and workdir.is_relative_to(PROJECT_ROOT):
        parser.error(f"--workdir {workdir} is inside the repository; use a folder outside it")
    if workdir and workdir.exists() and not workdir.is_dir():
        parser.error(f"--workdir {workdir} is not a folder")
    own_workdir = workdir is None
    workdir = workdir or Path(tempfile.mkdtemp(prefix="bench_scaling_"))
    workdir.mkdir(parents=True, exist_ok=True)
    lock = open(workdir / ".bench_scaling.lock", "w")  # noqa: SIM115 (held until exit)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        parser.error(f"another bench_scaling run is using --workdir {workdir}")
    args.deadline = time.time() + args.time_limit if args.time_limit else None

    meta = {
        "machine": machine(),
        "command": " ".join(["bench_scaling.py", *(argv or sys.argv[1:])]),
    }
    kept = []
    if args.merge and previous:
        kept = [r for r in previous["results"] if r["events"] not in args.sizes]
    results: list[dict] = []
    run_info = {
        "run_utc": datetime.now(UTC).isoformat(timespec="minutes"),
        "commit": commit(),
        "memory_limit": args.memory_limit or "DuckDB default (80% of RAM)",
        "select": args.select or "everything",
    }

    def save() -> None:
        write_outputs(args.out, meta, kept + results, args)

    def stop(signum, _frame):
        raise Stopped(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = 0
    try:
        for events in args.sizes:
            folder = workdir / f"events_{events}"
            results.append({"events": events, **run_info, "status": "running", "steps": {}})
            try:
                bench_size(results[-1], args, folder, save)
            except StepFailed as failed:
                print(f"bench_scaling: {label(events)}: {failed.record['error']}", file=sys.stderr)
                code = 1
                break
            finally:
                if not args.keep:
                    remove_warehouse(folder)
    except Stopped as stopped:
        print(f"bench_scaling: stopped ({stopped}); partial results kept", file=sys.stderr)
        code = 1
    finally:
        if own_workdir and not args.keep and code == 0:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"bench_scaling: step logs in {workdir}", file=sys.stderr)
    print(markdown(meta, sorted(kept + results, key=lambda r: r["events"]), args.top))
    return code


if __name__ == "__main__":
    sys.exit(main())
