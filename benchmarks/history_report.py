"""The history-growth benchmark's tables (bench_history.py): runs, ratios, slowest nodes."""

from __future__ import annotations

import statistics

from harness import ResultFiles, table

GOAL = 1.3


def fmt_s(seconds: float) -> str:
    return f"{seconds:,.1f}" if seconds < 100 else f"{seconds:,.0f}"


def run_rows(data: dict) -> list[list]:
    rows = []
    for r in data["runs"]:
        full, append, incremental = r["full build"], r["append"], r["incremental"]
        rows.append([
            r["repeat"], f"{r['days']} days", f"{r['source_rows'] - append['rows']:,}",
            f"{append['rows']:,}", fmt_s(full["seconds"]), fmt_s(full["dbt"]["elapsed"]),
            fmt_s(incremental["seconds"]), fmt_s(incremental["dbt"]["elapsed"]),
            f"{incremental['seconds'] / full['seconds']:.2f}", full["dbt"]["nodes"],
            f"{max(full['tree_rss_mb'], incremental['tree_rss_mb']):,}",
            f"{max(full['peak_spill_mb'], incremental['peak_spill_mb']):,}",
            f"{full['load_before']:.1f} / {incremental['load_before']:.1f}",
        ])  # fmt: skip
    return rows


def ratio_rows(data: dict) -> list[list]:
    keys = ["full build", "incremental", "full build (dbt elapsed)", "incremental (dbt elapsed)"]
    rows = [[r["repeat"], *(f"{r[k]:.2f}" for k in keys)] for r in data["ratios"]]
    if len(data["ratios"]) > 1:
        rows.append(["median", *(f"{data['median'][k]:.2f}" for k in keys)])
    return rows


def median_node_seconds(runs: list[dict], days: int) -> dict[str, float]:
    """Per node: the median of its incremental-build seconds over the runs at `days`."""
    per_node: dict[str, list[float]] = {}
    for r in runs:
        if r["days"] == days:
            for node, seconds in r["incremental"]["node_seconds"].items():
                per_node.setdefault(node, []).append(seconds)
    return {node: statistics.median(times) for node, times in per_node.items()}


def node_rows(data: dict, top: int) -> list[list]:
    """The `top` slowest incremental nodes at either history, slowest at the long one first."""
    short, long_ = data["settings"]["days"]
    at_short = median_node_seconds(data["runs"], short)
    at_long = median_node_seconds(data["runs"], long_)
    slowest = set(sorted(at_long, key=lambda n: -at_long[n])[:top])
    slowest |= set(sorted(at_short, key=lambda n: -at_short[n])[:top])
    rows = []
    for node in sorted(slowest, key=lambda n: -at_long.get(n, 0)):
        a, b = at_short.get(node), at_long.get(node)
        growth = f"{b / a:.1f}x" if a and b and a >= 0.01 else "—"
        rows.append([f"`{node}`", "—" if a is None else f"{a:.2f}",
                     "—" if b is None else f"{b:.2f}", growth])  # fmt: skip
    return rows


def verdict(data: dict) -> str:
    if not data["ratios"]:
        return "No complete pair of runs: no ratio."
    median = data["median"]
    met = "**met**" if median["incremental"] <= GOAL else "**not met**"
    runs = len(data["ratios"])
    which = "the one run" if runs == 1 else f"the median of {runs} runs"
    return (
        f"Goal incremental(long) <= {GOAL} x incremental(short): {met} "
        f"({median['incremental']:.2f}, {which}); the full build grew "
        f"{median['full build']:.2f}x."
    )


def markdown(files: ResultFiles, data: dict, top: int) -> str:
    s = data["settings"]
    short, long_ = s["days"]
    out = files.header("History growth (`benchmarks/bench_history.py`)")
    out += [
        f"{s['events_per_day']:,} events a day ({s['faults']} faults, seed {s['seed']}) with "
        f"{short} and {long_} days of history, both ending on {s['end']}; per run, a fresh copy "
        "of each source: full `wecheer build`, `wecheer generate --append --days 1`, "
        f"incremental `wecheer build` (dbt selection: {s['select']}; DuckDB memory limit: "
        f"{s['memory_limit']}). Status: {data['status']}"
        + (f", {data['wall_seconds'] / 60:.0f} min in all." if "wall_seconds" in data else "."),
        "",
    ]
    out += table(
        ["run", "history", "raw rows", "appended rows", "full build s", "full, dbt elapsed s",
         "incremental s", "incremental, dbt elapsed s", "incremental / full", "nodes",
         "peak tree RSS (MB)", "peak spill (MB)", "load (full / incr.)"],
        run_rows(data),
    )  # fmt: skip
    out += [
        "",
        "`s`: wall seconds of the command (dbt's start and parse included); `dbt elapsed`: "
        "dbt's own `elapsed_time` from `run_results.json`. Peak tree RSS: the largest sampled "
        "sum over the build's processes; peak spill: DuckDB's temp folder beside the warehouse.",
        "",
    ]
    out += table(
        ["run", f"full({long_}d) / full({short}d)", f"incremental({long_}d) / "
         f"incremental({short}d)", "the same, full, dbt elapsed",
         "the same, incremental, dbt elapsed"],
        ratio_rows(data),
    )  # fmt: skip
    out += ["", verdict(data), ""]
    out += [
        f"Slowest nodes of the incremental builds (seconds from `run_results.json`, median "
        f"over runs; the {top} slowest at either history):",
        "",
    ]
    out += table(["node", f"{short} days", f"{long_} days", "growth"], node_rows(data, top))
    return "\n".join(out) + "\n"
