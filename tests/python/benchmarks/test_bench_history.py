"""The history-growth benchmark's smallest path, so the script never rots (`make test` runs it).

2 and 6 days of history at 1,000 events a day, builds limited to the core's models and seed (no
tests): every step runs as in the real benchmark (generate each history, full build, append a
day, incremental build) and the ratios, per-node table and result files are written.
"""

from __future__ import annotations

import functools
import json

import pytest

from wecheer.paths import PROJECT_ROOT

SELECT = "tag:wecheer_core"


@pytest.fixture
def run(bench):
    return functools.partial(bench, "bench_history.py")


@pytest.mark.slow
def test_short_and_long_history_give_both_ratios_and_the_slowest_nodes(run, tmp_path):
    out, work = tmp_path / "results", tmp_path / "work"
    done = run("--days", "2", "6", "--events-per-day", "1000", "--select", SELECT,
               "--models-only", "--settle", "0", "--top", "3",
               "--out", str(out), "--workdir", str(work))  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    (result,) = out.glob("*-history.json")
    data = json.loads(result.read_text())
    assert data["status"] == "ok" and data["settings"]["days"] == [2, 6]
    assert set(data["generate"]) == {"2", "6"}
    # the same daily volume: the long history has about three times the rows
    rows = {days: data["generate"][days]["rows"] for days in ("2", "6")}
    assert 1500 < rows["2"] < 3000 and 2.5 < rows["6"] / rows["2"] < 3.5
    assert [(r["days"], r["repeat"]) for r in data["runs"]] == [(2, 1), (6, 1)]
    for r in data["runs"]:
        assert r["append"]["rows"] > 0
        assert r["source_rows"] == data["generate"][str(r["days"])]["rows"] + r["append"]["rows"]
        for build in ("full build", "incremental"):
            step = r[build]
            assert step["status"] == "ok" and step["seconds"] > step["dbt"]["elapsed"] > 0
            assert all(node.startswith(("model.", "seed.")) for node in step["node_seconds"])
    (ratios,) = data["ratios"]
    by_days = {r["days"]: r for r in data["runs"]}
    expected = by_days[6]["incremental"]["seconds"] / by_days[2]["incremental"]["seconds"]
    assert ratios["incremental"] == pytest.approx(expected, abs=0.01)
    assert data["median"]["incremental"] == ratios["incremental"]
    table = done.stdout
    assert table == (out / result.name.replace(".json", ".md")).read_text() + "\n"
    assert "| 1 | 6 days |" in table and "incremental(6d) / incremental(2d)" in table
    assert "Goal incremental(long) <= 1.3 x incremental(short)" in table
    assert "`model.wecheer." in table
    # the warehouses are removed without --keep; the step logs stay in --workdir
    assert not list(work.rglob("*.duckdb")) and list(work.rglob("*incremental.log"))


def test_bad_arguments_are_refused(run, tmp_path):
    for args in (["--days", "60"], ["--days", "600", "60"], ["--repeat", "0"],
                 ["--workdir", str(PROJECT_ROOT / "benchmarks" / "scratch")]):  # fmt: skip
        done = run(*args, "--out", str(tmp_path), timeout=60)
        assert done.returncode == 2, args
        assert done.stdout == "" and len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert done.stderr.startswith("bench_history: error: ")
    assert not list(tmp_path.iterdir())
