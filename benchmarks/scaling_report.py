"""The scaling benchmark's report (bench_scaling.py): its Markdown tables and its plot."""

from __future__ import annotations

from pathlib import Path

STEPS = ("generate", "floor", "full build", "append", "incremental")


def label(events: int) -> str:
    for unit, factor in (("G", 10**9), ("M", 10**6), ("k", 10**3)):
        if events >= factor and events % factor == 0:
            return f"{events // factor}{unit}"
    return f"{events:,}"


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


def spill_peak(step: dict) -> str:
    return f"{step['peak_spill_mb']:,}" if "peak_spill_mb" in step else "?"


def incremental_rows(results: list[dict]) -> list[str]:
    """The whole project's incremental build over its full build, per size."""
    lines = [
        "| events | full build (s) | incremental (s) | incremental / full |",
        "|---:|---:|---:|---:|",
    ]
    for r in results:
        full, incremental = r["steps"].get("full build"), r["steps"].get("incremental")
        if full and incremental and full["status"] == incremental["status"] == "ok":
            ratio = incremental["seconds"] / full["seconds"]
            lines.append(
                f"| {r['events']:,} | {fmt_s(full['seconds'])} | "
                f"{fmt_s(incremental['seconds'])} | {ratio:.2f} |"
            )
    return lines if len(lines) > 2 else []


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
        "| file (MB) | disk peak (MB) | spill peak (MB) | load |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
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
                    f"{disk_peak(s)} | {spill_peak(s)} | {s['load_before']:.1f} |"
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
                f"{s['file_mb']:,} | {disk_peak(s)} | {spill_peak(s)} | {s['load_before']:.1f} |"
            )
        if r["status"] != "ok":
            out.append(f"| {r['events']:,} | **{r['status']}** |" + " |" * 10)
    out += [
        "",
        "`disk peak`: largest sampled size of the size's work folder during the step (warehouse, "
        "WAL and DuckDB's spill folder); `spill peak`: of DuckDB's spill folder alone "
        "(`<warehouse>.tmp`); `?`: not recorded by that run. `load`: 1-minute load average when "
        "the step started (2 cores).",
        "",
    ]
    incremental = incremental_rows(results)
    if incremental:
        out += [
            "Incremental build (after one more synced day) over the full build, whole project:",
            "",
            *incremental,
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
