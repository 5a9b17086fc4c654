"""Counter-based randomness: every draw is a hash of (seed, entity, purpose).

No sequential generator state exists, so a value never depends on how the work was chunked or
how many workers ran it. All functions take and return numpy arrays.
"""

from __future__ import annotations

import numpy as np

_U64 = np.uint64
_GOLDEN = _U64(0x9E3779B97F4A7C15)
_M1 = _U64(0xBF58476D1CE4E5B9)
_M2 = _U64(0x94D049BB133111EB)
_INV_2_53 = 1.0 / float(1 << 53)


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64's finalizer: a bijection on uint64 with good avalanche."""
    return _mix_in_place(np.array(x, dtype=_U64))


def _mix_in_place(z: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        z ^= z >> _U64(30)
        z *= _M1
        z ^= z >> _U64(27)
        z *= _M2
        z ^= z >> _U64(31)
    return z


def hash_keys(*parts) -> np.ndarray:
    """Combine integer parts (scalars or equally shaped arrays) into one uint64 key."""
    h = np.zeros(np.broadcast(*[np.asarray(p) for p in parts]).shape, dtype=_U64)
    for index, part in enumerate(parts):
        value = np.asarray(part).astype(np.int64).astype(_U64)
        with np.errstate(over="ignore"):
            h = mix64(h ^ mix64(value + _GOLDEN * _U64(index + 1)))
    return h


def draw(key: np.ndarray, purpose: int) -> np.ndarray:
    """A uint64 draw for `purpose` from entity keys."""
    with np.errstate(over="ignore"):
        salt = mix64(np.asarray(purpose, dtype=np.int64).astype(_U64) * _GOLDEN + _U64(0x632BE5AB))
    return _mix_in_place(np.asarray(key, dtype=_U64) ^ salt)


def uniform(key: np.ndarray, purpose: int) -> np.ndarray:
    """Uniform floats in [0, 1)."""
    return (draw(key, purpose) >> _U64(11)).astype(np.float64) * _INV_2_53


def integers(key: np.ndarray, purpose: int, low, high) -> np.ndarray:
    """Integers in [low, high] (inclusive; low/high may be arrays)."""
    low = np.asarray(low, dtype=np.int64)
    span = np.asarray(high, dtype=np.int64) - low + 1
    return low + (uniform(key, purpose) * span).astype(np.int64)


_BITS = 21


def split_integers(key: np.ndarray, purpose: int, ranges) -> list[np.ndarray]:
    """Up to three integer draws from one: [low, high] ranges (inclusive), 21 bits each."""
    bits = draw(key, purpose)
    mask = _U64((1 << _BITS) - 1)
    out = []
    for i, (low, high) in enumerate(ranges):
        part = ((bits >> _U64(_BITS * i)) & mask).astype(np.int64)
        out.append(low + ((part * (high - low + 1)) >> _BITS))
    return out


def exponential(key: np.ndarray, purpose: int, mean) -> np.ndarray:
    return -np.log1p(-uniform(key, purpose)) * mean


def choice(key: np.ndarray, purpose: int, weights) -> np.ndarray:
    """Index into `weights` (need not sum to 1) for every key."""
    cdf = np.cumsum(np.asarray(weights, dtype=np.float64))
    cdf /= cdf[-1]
    return np.minimum(np.searchsorted(cdf, uniform(key, purpose), side="right"), len(cdf) - 1)


_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
# Each 16-bit value as its four hex digits (one uint32 of ASCII bytes).
_WORDS = np.arange(1 << 16)
_HEX4 = (
    np.ascontiguousarray(
        np.stack([_HEX[(_WORDS >> shift) & 15] for shift in (12, 8, 4, 0)], axis=1)
    )
    .view(np.uint32)
    .ravel()
)
# Where the 8-4-4-4-12 groups of the 32 hex digits go in the 36-character string.
_GROUPS = ((0, 8, 0), (8, 12, 9), (12, 16, 14), (16, 20, 19), (20, 32, 24))


def uuid_bytes(key: np.ndarray) -> np.ndarray:
    """Version-4-shaped UUID strings as an (n, 36) uint8 array, derived from the keys."""
    key = np.asarray(key, dtype=_U64)
    raw = np.empty((key.size, 2), dtype=">u8")
    raw[:, 0] = draw(key, 0xA1)
    raw[:, 1] = draw(key, 0xB2)
    octets = raw.view(np.uint8).reshape(key.size, 16)
    octets[:, 6] = (octets[:, 6] & 0x0F) | 0x40
    octets[:, 8] = (octets[:, 8] & 0x3F) | 0x80
    digits = _HEX4[raw.view(">u2").reshape(key.size, 8)].view(np.uint8).reshape(key.size, 32)
    out = np.empty((key.size, 36), dtype=np.uint8)
    out[:, [8, 13, 18, 23]] = ord("-")
    for lo, hi, at in _GROUPS:
        out[:, at : at + hi - lo] = digits[:, lo:hi]
    return out
