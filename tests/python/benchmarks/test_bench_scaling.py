"""The scaling benchmark's smallest path, so the script never rots (`make test` runs it).

20k events, dbt builds limited to `+wecheer__events`: every step runs as in the real benchmark
(generate, floor, full build, append, incremental build) and the results, table and plot are
written. About 30-60 s on 2 shared cores.
"""

from __future__ import annotations

import functools
import json

import pytest

from wecheer.paths import PROJECT_ROOT

STEPS = ("generate", "floor", "full build", "append", "incremental")


@pytest.fixture
def run(bench):
    return functools.partial(bench, "bench_scaling.py")


def test_smallest_path_writes_table_json_and_plot(run, tmp_path):
    out, work = tmp_path / "results", tmp_path / "work"
    done = run(
        "--sizes", "20k", "--select", "+wecheer__events", "--out", str(out), "--workdir", str(work)
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    (result_file,) = out.glob("*-scaling.json")  # dated: YYYY-MM-DD-scaling.json
    data = json.loads(result_file.read_text())
    assert data["meta"]["bench"] == "scaling" and data["meta"]["command"].endswith(
        "--workdir " + str(work)
    )
    (result,) = data["results"]
    assert result["events"] == 20_000 and result["status"] == "ok"
    assert list(result["steps"]) == list(STEPS)
    for step in result["steps"].values():
        assert step["status"] == "ok"
        assert step["seconds"] > 0 and step["rows"] > 0 and step["peak_rss_mb"] > 0
        assert step["peak_folder_mb"] > 0 and step["min_free_disk_gb"] > 0
        assert step["peak_spill_mb"] >= 0 and step["load_before"] >= 0
    generated = result["steps"]["generate"]["rows"]
    assert 15_000 < generated < 25_000
    assert result["steps"]["floor"]["rows"] == generated == result["steps"]["full build"]["rows"]
    appended = result["steps"]["append"]["rows"]
    assert result["steps"]["incremental"]["rows"] == generated + appended
    dbt = result["steps"]["full build"]["dbt"]
    assert dbt["nodes"] > 10 and len(dbt["slowest"]) == 12
    table = result_file.with_suffix(".md").read_text()
    assert "| 20,000 | incremental |" in table and "Slowest dbt nodes" in table
    full, incremental = result["steps"]["full build"], result["steps"]["incremental"]
    ratio = incremental["seconds"] / full["seconds"]
    assert f"{incremental['seconds']:.1f} | {ratio:.2f} |" in table  # incremental / full
    assert table in done.stdout
    assert result_file.with_suffix(".png").read_bytes()[:4] == b"\x89PNG"
    # the warehouse is not kept without --keep; the step logs are
    assert not list(work.rglob("*.duckdb")) and list(work.rglob("full_build.log"))


def test_time_limit_records_where_it_stopped(run, tmp_path):
    out = tmp_path / "results"
    done = run("--sizes", "20k", "--time-limit", "0.5s", "--no-plot", "--out", str(out))
    assert done.returncode == 1
    (result_file,) = out.glob("*-scaling.json")
    (result,) = json.loads(result_file.read_text())["results"]
    assert result["status"].startswith("failed at generate: stopped by --time-limit")
    assert not list(out.glob("*.png"))


def test_report_only_redraws_the_latest_run_and_merge_keeps_other_sizes(run, tmp_path):
    out = tmp_path / "results"
    out.mkdir()
    step = {"status": "ok", "seconds": 10.0, "rows": 1000, "rows_per_s": 100, "peak_rss_mb": 1,
            "tree_rss_mb": 1, "file_mb": 1, "load_before": 0.5}  # fmt: skip
    earlier = {"events": 1000, "status": "ok", "steps": {"generate": step}}
    for name, events in (("2026-01-01-scaling.json", 1000), ("2026-02-01-scaling.json", 2000)):
        data = {
            "meta": {"machine": "m", "command": "c"},
            "results": [{**earlier, "events": events}],
        }
        (out / name).write_text(json.dumps(data))
    measured = (out / "2026-02-01-scaling.json").read_text()
    done = run("--report-only", "--no-plot", "--out", str(out), timeout=60)
    assert done.returncode == 0, done.stderr
    assert (out / "2026-02-01-scaling.json").read_text() == measured  # the numbers untouched
    assert "| 2,000 | generate |" in done.stdout and "| 1,000 | generate |" not in done.stdout
    assert "| 2,000 | generate |" in (out / "2026-02-01-scaling.md").read_text()
    assert not (out / "2026-01-01-scaling.md").exists()
    # a new run (stopped at once here) is a new dated file holding the latest run's other sizes
    done = run("--sizes", "20k", "--merge", "--time-limit", "0.1s", "--no-plot", "--out", str(out))
    assert done.returncode == 1
    (new,) = set(out.glob("*-scaling.json")) - {out / "2026-01-01-scaling.json",
                                                out / "2026-02-01-scaling.json"}  # fmt: skip
    results = json.loads(new.read_text())["results"]
    assert [r["events"] for r in results] == [2000, 20_000]


def test_one_run_per_workdir(run, tmp_path):
    import fcntl

    with open(tmp_path / ".bench_scaling.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        done = run("--sizes", "20k", "--workdir", str(tmp_path), "--out", str(tmp_path / "o"))
    assert done.returncode == 2
    assert "another bench_scaling run" in done.stderr and len(done.stderr.splitlines()) == 1


def test_bad_arguments_give_one_line(run, tmp_path):
    for args in (
        ["--sizes", "ten"],
        ["--sizes", "10"],
        ["--time-limit", "soon"],
        ["--workdir", str(PROJECT_ROOT / "benchmarks" / "scratch")],
        ["--report-only", "--out", str(tmp_path)],
    ):
        done = run(*args, timeout=60)
        assert done.returncode == 2, args
        assert done.stdout == "" and len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert done.stderr.startswith("bench_scaling: error: ")
