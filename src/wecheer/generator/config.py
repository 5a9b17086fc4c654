"""Typed configuration of one `wecheer generate` run."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass, field, replace

PROFILES = ("clean", "realistic", "hostile")
NAMINGS = ("title", "wire", "mixed")
FORMATS = ("duckdb", "parquet")


@dataclass(frozen=True)
class FaultRates:
    """Share of eligible events hit by each fault (counts for tables and campaigns)."""

    duplicate_rate: float = 0.0  # events delivered twice or more (same hour or days apart)
    late_rate: float = 0.0  # events received 2-7 days after they happened
    skew_rate: float = 0.0  # sender clock off by 2-48 hours (timestamp still right)
    future_rate: float = 0.0  # original_timestamp a day or more ahead of sent_at
    missing_id_rate: float = 0.0  # user, advertiser or campaign id missing
    unplanned_rate: float = 0.0  # extra events that are not in the catalogue
    tracks_missing_rate: float = 0.0  # event-table rows with no row in `tracks`
    alias_rate: float = 0.0  # events sent under the other spelling of their name
    type_drift_tables: int = 0  # event tables storing advertiser/campaign ids as VARCHAR
    orphan_campaigns: int = 0  # campaigns that send events but are not in the reference data
    incidents: bool = False  # a fraud ring, an OCR outage day, a tracking outage day (incidents.py)

    @classmethod
    def for_profile(cls, profile: str) -> FaultRates:
        if profile == "clean":
            return cls()
        if profile == "realistic":
            return cls(0.01, 0.005, 0.003, 0.002, 0.004, 0.001, 0.002, 0.003, 1, 1, True)
        if profile == "hostile":
            return cls(0.05, 0.03, 0.02, 0.01, 0.03, 0.01, 0.02, 0.03, 3, 2, True)
        raise ValueError(f"unknown fault profile {profile!r}")

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Period:
    """One sync: events that happened in [start, end) (UTC), as epoch seconds."""

    start: int
    end: int


@dataclass(frozen=True)
class GeneratorConfig:
    seed: int = 42
    events: int = 200_000
    start: dt.date = dt.date(2026, 1, 5)
    days: int = 91
    faults: str = "clean"
    rates: FaultRates = field(default_factory=FaultRates)
    naming: str = "title"
    naming_switch: dt.date | None = None
    chunk_size: int = 250_000
    workers: int = 0  # 0: automatic, see auto_workers
    # Filled for --append: the periods of all syncs, the last being the one written now.
    periods: tuple[Period, ...] = ()

    @property
    def first_period(self) -> Period:
        return self.periods[0]

    @property
    def current(self) -> Period:
        return self.periods[-1]

    @property
    def sync_number(self) -> int:
        return len(self.periods)

    @property
    def switch_epoch(self) -> int:
        """Epoch second from which `mixed` naming sends the wire (CamelCase) names."""
        if self.naming_switch is not None:
            return _epoch(self.naming_switch)
        first = self.first_period
        return first.start + ((first.end - first.start) // 2 // 86400) * 86400

    def with_periods(self, periods: tuple[Period, ...]) -> GeneratorConfig:
        return replace(self, periods=periods)


def _epoch(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def epoch_of(day: dt.date) -> int:
    return _epoch(day)


def date_of(epoch: int) -> dt.date:
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date()


# From this many chunks on, worker processes pay for their start-up: measured on a quiet 2-core
# machine (benchmarks/bench_generator.py), 1M events (4 chunks) ran as fast in one process as
# with 2 workers, 3M (12 chunks) about even, 10M (39 chunks) 1.27x faster with 2 workers.
AUTO_WORKERS_MIN_CHUNKS = 16


def auto_workers(chunks: int, cpus: int | None = None) -> int:
    """Worker processes for `--workers 0` (the default): 2 when the run has at least
    AUTO_WORKERS_MIN_CHUNKS chunks and the machine at least 2 cores, else 1. Two, not one per
    core: the parent's DuckDB insert is the other half of the work."""
    cpus = os.cpu_count() if cpus is None else cpus
    return 2 if chunks >= AUTO_WORKERS_MIN_CHUNKS and (cpus or 1) >= 2 else 1
