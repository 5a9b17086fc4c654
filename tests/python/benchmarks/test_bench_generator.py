"""The generator benchmark's smallest path, so the script never rots: 20k events, two runs, the
table and the dated result files (a few seconds)."""

from __future__ import annotations

import json
import statistics


def test_two_runs_give_rates_memory_and_the_median_ratio(bench, tmp_path):
    out = tmp_path / "results"
    done = bench("bench_generator.py", "--sizes", "20000", "--repeat", "2",
                 "--out", str(out), "--dir", str(tmp_path / "scratch"))  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    (result_file,) = out.glob("*-generator.json")
    runs = json.loads(result_file.read_text())["results"]
    assert len(runs) == 2
    for run in runs:
        assert 15_000 < run["events"] < 25_000 and run["rows"] >= run["events"]
        assert run["seconds"] > 0 and run["copy_seconds"] > 0 and run["peak_rss_mb"] > 50
        assert run["load_before"] >= 0
    median = statistics.median(r["copy_seconds"] / r["seconds"] for r in runs)
    assert f"median ratio of 2 runs at {runs[0]['events']:,} events: {median:.2f}" in done.stdout
    assert result_file.with_suffix(".md").read_text() in done.stdout
    # each run's scratch warehouses are removed
    assert not list((tmp_path / "scratch").glob("*.duckdb"))
