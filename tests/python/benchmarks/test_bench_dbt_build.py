"""The dbt core benchmark's smallest path, so the script never rots (`make test` runs it).

20k events, two kinds of build (the goal's complete `dbt build` and models only), each from its
own copy of the generated source: generate, floor, full build, append, incremental build. About
30-45 s on 2 shared cores.
"""

from __future__ import annotations

import json

import pytest

from wecheer.dbt import run_dbt, tagged_nodes


@pytest.mark.slow
def test_two_kinds_of_build_from_the_same_source(bench, tmp_path):
    out = tmp_path / "result.json"
    keep = tmp_path / "keep"
    done = bench("bench_dbt_build.py", "--events", "20000", "--builds", "complete", "models",
                 "--json", str(out), "--keep", str(keep), "--out", str(tmp_path / "results"),
                 timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    (result,) = json.loads(out.read_text())
    assert result["events"] == 20_000 and 15_000 < result["raw_event_rows"] < 25_000
    assert 0 < result["unique_events"] <= result["raw_event_rows"] and result["floor_s"] > 0
    complete, models = result["builds"]
    assert (complete["build"], models["build"]) == ("complete", "models")
    # models only: the core's models and its seed, none of their tests
    core_nodes = len(tagged_nodes(run_dbt(["parse"], db=tmp_path / "parse.duckdb").result))
    assert models["nodes"] == core_nodes < complete["nodes"]
    assert not any(name.startswith(("not_null_", "unique_", "test_")) for name, _ in
                   models["slowest_full"] + models["slowest_incremental"])  # fmt: skip
    for build in (complete, models):
        assert build["full_build_s"] > 0 and build["incremental_build_s"] > 0
        ratio = build["incremental_build_s"] / build["full_build_s"]
        assert build["incremental_over_full"] == pytest.approx(ratio, abs=0.01)
    table = done.stdout
    assert "| 20,000 |" in table and "| complete | " in table
    assert f"| models | {core_nodes} |" in table
    # the dated result files hold the same table and numbers, with the load of each build
    (result_file,) = (tmp_path / "results").glob("*-dbt_build.json")
    assert result_file.with_suffix(".md").read_text() in table
    (saved,) = json.loads(result_file.read_text())["results"]
    assert saved["builds"][0]["full_build_s"] == complete["full_build_s"]
    assert saved["builds"][0]["incremental_build"]["load_before"] >= 0
    # the copy of the generated source made for the second build is removed; the warehouse kept
    folder = keep / "events_20000"
    assert (folder / "warehouse.duckdb").exists()
    assert not (folder / "generated" / "warehouse.duckdb").exists()
