"""Timing a benchmark's steps: a command in its own process (the commands a user runs), or a
block of code in this process; each step's record holds its wall seconds, memory and load."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from wecheer.errors import EXIT_CHECK_FAILED

from .nodes import ANSI, dbt_progress
from .sampling import Sampler, load

ERROR_LINE = re.compile(
    r"(Runtime|Database|Compilation|Internal|IO|Out of Memory|Catalog) Error|Traceback|"
    r"error:|MemoryError|Killed",
    re.IGNORECASE,
)

# Exit codes of a `wecheer build` step that built every model: 2 is a source check that failed
# (the realistic and hostile profiles' faults are meant to fail some).
BUILD_OK_CODES = (0, EXIT_CHECK_FAILED)


class StepFailed(Exception):
    """A step exited non-zero or was stopped; `record` says how far it got."""

    def __init__(self, record: dict, stopped: bool = False):
        super().__init__(record.get("error", "step failed"))
        self.record = record
        self.stopped = stopped


class Stopped(Exception):
    """SIGTERM/SIGINT arrived while a step ran (raised by the handler `stop_on_signals` sets)."""


def stop_on_signals() -> None:
    """Turn SIGTERM and SIGINT into `Stopped`, so the running step is killed and recorded."""

    def stop(signum, _frame):
        raise Stopped(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def settle(seconds: float = 2.0) -> None:
    """Flush dirty pages (a step before may have written GBs) and pause, so a timed step does
    not share the disk with the write-back of the step before it."""
    os.sync()
    time.sleep(seconds)


def wecheer_command() -> list[str]:
    """The `wecheer` CLI of the running interpreter's environment."""
    script = Path(sys.executable).with_name("wecheer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "wecheer.cli"]


@contextlib.contextmanager
def measured(folders: dict[str, Path] | None = None, interval: float = 0.5):
    """Time the block (in this process) and sample this process tree's memory and `folders`;
    the yielded dict is filled with the step's record when the block ends."""
    record: dict = {
        "started_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_before": load(),
    }
    start = time.perf_counter()
    with Sampler(folders=folders, interval=interval) as sampler:
        yield record
    record["seconds"] = round(time.perf_counter() - start, 3)
    record["load_after"] = load()
    record.update(sampler.record())


def failure_detail(text: str) -> str:
    """The first error line of a step's log and the line after it (dbt puts the message there)."""
    lines = [ANSI.sub("", line).strip() for line in text.splitlines()]
    lines = [line for line in lines[1:] if line]
    errors = [i for i, line in enumerate(lines) if ERROR_LINE.search(line)]
    if errors:
        return " ".join(lines[errors[0] : errors[0] + 2])
    return lines[-1] if lines else "(no output)"


def run_step(
    name: str,
    command: list[str],
    log: Path,
    folders: dict[str, Path] | None = None,
    deadline: float | None = None,
    min_free_gb: float = 0,
    interval: float = 0.5,
    ok_codes: tuple[int, ...] = (0,),
) -> dict:
    """Run `command` in its own session, output to `log`; its record: wall seconds, ru_maxrss
    (the largest single process of its tree), sampled tree RSS, the peak size of each of
    `folders` (e.g. the work folder, DuckDB's spill folder), least free disk, load. An exit
    code in `ok_codes` counts as success (`wecheer build` exits 2 when every model is built
    and a source check failed).

    The step is killed when `deadline` (epoch seconds) passes or when the disk of the first
    folder has less than `min_free_gb` free (other jobs share the disk): StepFailed."""
    record = {
        "step": name,
        "command": " ".join(command),
        "started_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_before": load(),
    }
    reason = None
    with open(log, "w") as out:
        out.write("$ " + " ".join(command) + "\n")
        out.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )

        def kill() -> None:
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)

        def check(sampler: Sampler) -> None:
            nonlocal reason
            if reason is None and deadline is not None and time.time() >= deadline:
                reason = "stopped by --time-limit"
            elif reason is None and (sampler.min_free or 2**62) < min_free_gb * 2**30:
                reason = f"stopped: free disk below {min_free_gb:g} GB (--min-free-gb)"
            if reason is not None:
                kill()

        stopped = None
        with Sampler(proc.pid, folders, interval, check) as sampler:
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            except Stopped as signalled:
                stopped = signalled
                kill()
                _, status, usage = os.wait4(proc.pid, 0)
            finally:
                seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    record.update(
        seconds=round(seconds, 2),
        peak_rss_mb=round(usage.ru_maxrss / 1024),
        **sampler.record(),
        load_after=load(),
        returncode=proc.returncode,
        log=str(log),
    )
    if proc.returncode in ok_codes:
        record["status"] = "ok"
        return record
    text = log.read_text(errors="replace")
    if stopped is not None:
        record["error"] = f"interrupted ({stopped}) after {seconds:.0f} s in this step"
    elif reason is not None:
        record["error"] = f"{reason} after {seconds:.0f} s in this step"
    elif proc.returncode == -signal.SIGKILL:
        record["error"] = "killed by SIGKILL (out of memory?)"
    else:
        record["error"] = f"exit code {proc.returncode}: {failure_detail(text)[:400]}"
    record["status"] = "failed"
    progress = dbt_progress(text)
    if progress:
        record["dbt_progress"] = progress
    raise StepFailed(record, stopped=stopped is not None)
