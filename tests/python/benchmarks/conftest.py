"""Benchmark tests: the scripts import their harness as `harness` (benchmarks/ is their folder),
and `bench` runs a script as a user would."""

from __future__ import annotations

import subprocess
import sys

import pytest

from wecheer.paths import PROJECT_ROOT

BENCHMARKS = PROJECT_ROOT / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))


@pytest.fixture
def bench():
    """bench("bench_x.py", *args, timeout=300): the script's completed process (text output)."""

    def run(script: str, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(BENCHMARKS / script), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=PROJECT_ROOT,
        )

    return run
