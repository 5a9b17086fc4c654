"""Array helpers of the simulation: contiguous groups, and the events a chunk accumulates."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from wecheer.generator import rng

DAY = 86_400
WEEK = 7 * DAY
US = 1_000_000


def group_starts(sizes: np.ndarray) -> np.ndarray:
    """Index of the first element of each group, for groups of the given sizes laid end to end."""
    return np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)


def exclusive_cumsum(values: np.ndarray, group: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Sum of `values` before each element within its (contiguous) group."""
    total = np.cumsum(values)
    before = total - values
    return before - before[starts][group]


def group_cummax(values: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Running maximum within contiguous groups (int64)."""
    if values.size == 0:
        return values
    low = values.min()
    span = int(values.max() - low) + 1
    shifted = (values - low) + group.astype(np.int64) * span
    return np.maximum.accumulate(shifted) - group.astype(np.int64) * span + low


def regroup(group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For a sorted array of group labels: (dense group number of each element, first index of
    each group)."""
    new = np.ones(group.size, dtype=bool)
    new[1:] = group[1:] != group[:-1]
    return np.cumsum(new) - 1, np.flatnonzero(new)


def micros(key: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """Event time in microseconds: whole seconds plus a sub-second part drawn from the key."""
    return seconds * US + rng.integers(key, 7, 0, US // 2)


_FIELDS = ("key", "code", "user", "adv", "camp", "t", "prop")


@dataclass
class EventArrays:
    """One row per unique message (before delivery faults)."""

    key: list = field(default_factory=list)
    code: list = field(default_factory=list)
    user: list = field(default_factory=list)
    adv: list = field(default_factory=list)
    camp: list = field(default_factory=list)
    t: list = field(default_factory=list)  # seconds
    prop: list = field(default_factory=list)

    def add(self, key, code, user, adv, camp, t, prop=None) -> None:
        n = np.asarray(key).size
        self.key.append(np.asarray(key, dtype=np.uint64))
        self.code.append(np.broadcast_to(np.asarray(code, dtype=np.int16), (n,)))
        self.user.append(np.broadcast_to(np.asarray(user, dtype=np.int64), (n,)))
        self.adv.append(np.broadcast_to(np.asarray(adv, dtype=np.int64), (n,)))
        self.camp.append(np.broadcast_to(np.asarray(camp, dtype=np.int64), (n,)))
        self.t.append(np.asarray(t, dtype=np.int64))
        p = -1 if prop is None else prop
        self.prop.append(np.broadcast_to(np.asarray(p, dtype=np.int64), (n,)))

    def finish(self, t_min: int, t_max: int, lost: tuple[int, int] | None) -> dict[str, np.ndarray]:
        """Concatenate; keep events in [t_min, t_max) and outside the `lost` span (a tracking
        outage); add sub-second precision (microseconds)."""
        if not self.key:
            return empty_events()
        out = {name: np.concatenate(getattr(self, name)) for name in _FIELDS}
        keep = (out["t"] >= t_min) & (out["t"] < t_max)
        if lost is not None:
            keep &= (out["t"] < lost[0]) | (out["t"] >= lost[1])
        out = {name: values[keep] for name, values in out.items()}
        out["t"] = micros(out["key"], out["t"])
        return out


def empty_events() -> dict[str, np.ndarray]:
    return {
        "key": np.zeros(0, np.uint64),
        "code": np.zeros(0, np.int16),
        "user": np.zeros(0, np.int64),
        "adv": np.zeros(0, np.int64),
        "camp": np.zeros(0, np.int64),
        "t": np.zeros(0, np.int64),
        "prop": np.zeros(0, np.int64),
    }


@dataclass
class ChunkSimulation:
    events: dict[str, np.ndarray]
    attempts: dict[str, np.ndarray]
    cards: dict[str, np.ndarray]
    identifies: dict[str, np.ndarray]  # user, key and time (s) of User Data Shared events


def no_identifies() -> dict[str, np.ndarray]:
    return {
        "user": np.zeros(0, np.int64),
        "key": np.zeros(0, np.uint64),
        "t": np.zeros(0, np.int64),
    }
