"""The benchmarks' harness: what it measures must be what happened (memory of a whole process
tree, the peak of a folder that is emptied again, a failed step's one-line reason) and its
result files must not overwrite an earlier run."""

from __future__ import annotations

import json
import sys
import time

import pytest
from harness import (
    ResultFiles,
    Sampler,
    StepFailed,
    latest,
    measured,
    node_seconds,
    run_step,
    slowest_nodes,
    table,
)

# a child that holds ~200 MB and starts a grandchild holding ~100 MB, both for a while
HOLD = """
import subprocess, sys, time
block = bytearray({mb} * 2**20)
for i in range(0, len(block), 4096):
    block[i] = 1
if {spawn}:
    child = subprocess.Popen([sys.executable, "-c", sys.argv[1]])
time.sleep(1.5)
if {spawn}:
    child.wait()
"""


def test_run_step_samples_the_whole_process_tree(tmp_path):
    grandchild = HOLD.format(mb=100, spawn=False)
    command = [sys.executable, "-c", HOLD.format(mb=200, spawn=True), grandchild]
    record = run_step("hold", command, tmp_path / "hold.log", interval=0.1)
    assert record["status"] == "ok" and record["returncode"] == 0
    assert record["seconds"] >= 1.5
    # ru_maxrss: the largest single process (the fork that starts the grandchild shares the
    # child's pages for a moment, so no upper bound); the sampled tree: both together
    assert record["peak_rss_mb"] >= 200
    assert record["tree_rss_mb"] >= 300
    assert isinstance(record["load_before"], float) and isinstance(record["load_after"], float)


def test_run_step_records_the_peak_of_a_folder_emptied_before_the_end(tmp_path):
    spill = tmp_path / "db.duckdb.tmp"
    script = (
        "import os, time, pathlib\n"
        f"p = pathlib.Path({str(spill)!r}); p.mkdir()\n"
        "(p / 'block').write_bytes(os.urandom(8 * 2**20)); time.sleep(1)\n"
        "(p / 'block').unlink()\n"
    )
    folders = {"folder": tmp_path, "spill": spill}
    record = run_step(
        "spill", [sys.executable, "-c", script], tmp_path / "s.log", folders, interval=0.1
    )
    assert record["peak_spill_mb"] == 8 and record["peak_folder_mb"] >= 8
    assert not any(spill.iterdir()) and record["min_free_disk_gb"] > 0


def test_a_failed_step_says_why_in_one_line(tmp_path):
    command = [sys.executable, "-c", "print('working'); raise SystemExit('IO Error: disk full')"]
    with pytest.raises(StepFailed) as failed:
        run_step("broken", command, tmp_path / "broken.log")
    record = failed.value.record
    assert record["status"] == "failed" and record["returncode"] == 1
    assert record["error"] == "exit code 1: IO Error: disk full"


def test_a_step_past_its_deadline_is_killed(tmp_path):
    command = [sys.executable, "-c", "import time; time.sleep(30)"]
    started = time.perf_counter()
    with pytest.raises(StepFailed) as failed:
        run_step("slow", command, tmp_path / "slow.log", deadline=time.time() + 0.5, interval=0.1)
    assert time.perf_counter() - started < 10
    assert failed.value.record["error"].startswith("stopped by --time-limit after")


def test_measured_times_a_block_in_this_process():
    with measured(interval=0.05) as record:
        block = bytearray(50 * 2**20)
        block[::4096] = b"\x01" * len(block[::4096])
        time.sleep(0.3)
    assert record["seconds"] >= 0.3 and record["tree_rss_mb"] >= 50
    assert "load_before" in record and "load_after" in record


def test_result_files_are_dated_and_never_overwrite_a_run(tmp_path):
    first = ResultFiles("demo", tmp_path, ["--x", "1"])
    first.write("# one\n", {"value": 1})
    second = ResultFiles("demo", tmp_path, [])
    second.write("# two\n", {"value": 2})
    assert first.path(".md").name.endswith("-demo.md")
    assert second.stem == first.stem + "-2"
    data = json.loads(first.path(".json").read_text())
    assert data["value"] == 1 and data["meta"]["bench"] == "demo"
    assert data["meta"]["command"] == "benchmarks/bench_demo.py --x 1"
    assert {"run_utc", "machine", "commit", "load_at_start", "load_at_end"} <= set(data["meta"])
    assert latest(tmp_path, "demo") == second.path(".json")
    assert latest(tmp_path, "other") is None


def test_table_aligns_numbers_right():
    assert table(["node", "seconds"], [["a", "1.0"]]) == [
        "| node | seconds |",
        "|---|---:|",
        "| a | 1.0 |",
    ]


def test_node_times_from_run_results(tmp_path):
    results = tmp_path / "run_results.json"
    results.write_text(json.dumps({
        "elapsed_time": 3.5,
        "results": [
            {"unique_id": "model.p.a", "execution_time": 1.0, "status": "success"},
            {"unique_id": "test.p.b", "execution_time": 2.0, "status": "pass"},
        ],
    }))  # fmt: skip
    assert node_seconds(results) == {"model.p.a": 1.0, "test.p.b": 2.0}
    summary = slowest_nodes(results, top=1)
    assert summary["nodes"] == 2 and summary["elapsed"] == 3.5
    assert summary["sum_node_seconds"] == 3.0
    assert summary["slowest"] == [{"node": "test.p.b", "seconds": 2.0, "status": "pass"}]


def test_sampler_stops_with_its_block():
    with Sampler(interval=0.05) as sampler:
        time.sleep(0.2)
    assert sampler.peak_rss > 0 and sampler.record()["tree_rss_mb"] > 0
