"""The benchmarks' shared harness: timing steps, sampling memory, folders and load, reading
dbt's per-node times, and writing dated result files under benchmarks/results/."""

from .arguments import OneLineParser, parse_count, parse_duration, parse_sizes
from .nodes import dbt_options, dbt_progress, node_seconds, slowest_nodes, write_profile
from .results import RESULTS, ResultFiles, latest, table
from .sampling import Sampler, folder_bytes, load, remove_warehouse, spill_folder
from .source import measure_floor, synced_rows
from .steps import (
    BUILD_OK_CODES,
    StepFailed,
    Stopped,
    measured,
    run_step,
    settle,
    stop_on_signals,
    wecheer_command,
)

__all__ = [
    "BUILD_OK_CODES",
    "RESULTS",
    "OneLineParser",
    "ResultFiles",
    "Sampler",
    "StepFailed",
    "Stopped",
    "dbt_options",
    "dbt_progress",
    "folder_bytes",
    "latest",
    "load",
    "measure_floor",
    "measured",
    "node_seconds",
    "parse_count",
    "parse_duration",
    "parse_sizes",
    "remove_warehouse",
    "run_step",
    "settle",
    "slowest_nodes",
    "spill_folder",
    "stop_on_signals",
    "synced_rows",
    "table",
    "wecheer_command",
    "write_profile",
]
