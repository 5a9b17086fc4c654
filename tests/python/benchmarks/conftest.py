"""The benchmark scripts import their harness as `harness` (benchmarks/ is their folder)."""

from __future__ import annotations

import sys

from wecheer.paths import PROJECT_ROOT

BENCHMARKS = str(PROJECT_ROOT / "benchmarks")
if BENCHMARKS not in sys.path:
    sys.path.insert(0, BENCHMARKS)
