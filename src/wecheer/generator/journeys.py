"""What one receipt session sends, slot by slot: the Scan Receipt, exactly one path, then what
the campaign's mechanic gives for an accepted receipt (points, a punchcard stamp, collected
stamps, a draw, a game, a safe box, a level). Each slot advances the session's clock, so a
session's events are strictly ordered and at least two seconds apart; the decisions (which path,
whether a receipt is rewarded) come from sessions.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wecheer.generator import rng
from wecheer.generator.events import E
from wecheer.generator.traits import (
    FAILED,
    FRAUD,
    INCOMPLETE,
    POINTS_MECHANICS,
    REVIEW_LIMIT,
    SCANNED,
    TRIAGE,
    M,
)


@dataclass
class SessionPlan:
    """Decisions of the sessions to emit (one element per session)."""

    keys: np.ndarray
    mech: np.ndarray
    path: np.ndarray
    approved: np.ndarray
    rejected: np.ndarray
    no_reward: np.ndarray
    rewarded: np.ndarray
    plays: np.ndarray  # a game is triggered (Play & Win)
    game_done: np.ndarray
    first_reward: np.ndarray  # no earlier rewarded session in the participation
    punch: np.ndarray  # a punchcard stamp
    manual: np.ndarray  # ... given by hand at the store
    step_done: np.ndarray
    complete: np.ndarray
    stamp_given: np.ndarray  # collected stamps (Stamp Collector)
    stamps_now: np.ndarray
    limit_reached: np.ndarray
    overflow: np.ndarray
    points: np.ndarray
    level_up: np.ndarray
    level_after: np.ndarray


class Emitter:
    """Appends one event slot at a time to every session in a mask, advancing its clock."""

    def __init__(self, session_keys: np.ndarray) -> None:
        self.keys = session_keys
        self.clock = np.zeros(session_keys.size, dtype=np.int64)
        # (slot, session index, code, offset (s), property, carries the campaign id)
        self.slots: list[tuple[int, np.ndarray, int, np.ndarray, np.ndarray, bool]] = []

    def emit(self, slot, mask, event, low, high, prop=None, campaign=True) -> None:
        index = np.flatnonzero(mask)
        if low:
            self.clock[index] += rng.integers(self.keys[index], 1000 + slot, low, high)
        p = np.full(index.size, -1, np.int64) if prop is None else np.asarray(prop)[index]
        self.slots.append((slot, index, E[event], self.clock[index].copy(), p, campaign))

    def offsets_of(self, codes) -> tuple[np.ndarray, np.ndarray]:
        """Offset (s) and slot of the first event among `codes` in each session (-1: none)."""
        out = np.full(self.keys.size, -1, dtype=np.int64)
        slots = np.full(self.keys.size, -1, dtype=np.int64)
        wanted = set(np.atleast_1d(codes).tolist())
        for slot, index, code, offset, _p, _c in self.slots:
            if code in wanted:
                first = (out[index] < 0) | (offset < out[index])
                out[index[first]] = offset[first]
                slots[index[first]] = slot
        return out, slots


def emit_journeys(s: SessionPlan) -> Emitter:
    """Every session's events, in the order they happen."""
    em = Emitter(s.keys)
    mech = s.mech

    def u(purpose):
        return rng.uniform(s.keys, purpose)

    em.emit(1, np.ones(s.keys.size, bool), "Scan Receipt", 0, 0)
    em.emit(2, s.path == SCANNED, "Receipt Scanned", 5, 120)
    em.emit(3, s.path == TRIAGE, "Receipt Triaged", 10, 300)
    em.emit(4, s.path == TRIAGE, "Manual Verification Requested", 5, 600)
    em.emit(5, s.approved, "Manual Verification Approved", 3600, 30 * 3600)
    em.emit(6, s.rejected, "Manual Verification Rejected", 3600, 30 * 3600)
    em.emit(7, s.path == FAILED, "Receipt Failed", 5, 120)
    em.emit(8, s.path == FRAUD, "Receipt Fraud", 5, 120)
    em.emit(9, s.path == INCOMPLETE, "Receipt Incomplete", 5, 120)
    em.emit(10, s.path == REVIEW_LIMIT, "Receipt Manual Review Limit Exceeded", 5, 120)
    # Play & Win: every accepted receipt plays; only a completed, won game pays out
    em.emit(11, s.plays, "Game Triggered", 5, 600)
    em.emit(12, s.game_done, "Game Completed", 30, 600)
    em.emit(13, s.no_reward, "Receipt No Reward", 2, 60)
    em.emit(14, s.no_reward & POINTS_MECHANICS[mech], "No Point Received", 2, 30)

    r = s.rewarded & (mech == M["receipt_points"])
    em.emit(15, r, "Consumption", 2, 30)
    em.emit(16, r & (u(20) < 0.5), "Consumption Match", 2, 20)
    em.emit(17, r & s.first_reward, "First Consumption", 2, 20)
    em.emit(18, r & s.first_reward, "First Consumption Given", 2, 20)
    em.emit(19, r & ~s.first_reward, "Any Consumption", 2, 20)
    em.emit(20, r & ~s.first_reward, "Any Consumption Given", 2, 20)
    em.emit(21, r, "Points Received", 2, 20, prop=s.points)
    r = s.rewarded & (mech == M["levels"])
    em.emit(22, r, "Consumption", 2, 30)
    em.emit(23, r, "Points Received", 2, 20, prop=s.points)
    em.emit(24, s.level_up, "Level Unlocked", 2, 20, prop=s.level_after)
    em.emit(25, s.level_up, "Level Unlock Reward Received", 2, 20, prop=s.level_after)
    em.emit(26, r & (u(21) < 0.12), "Catalog Redeem", 60, 3600)
    em.emit(27, s.rewarded & (mech == M["game"]), "Points Received", 2, 20, prop=s.points)
    r = s.rewarded & (mech == M["referral"])
    em.emit(28, r, "Points Received", 2, 20, prop=s.points)
    em.emit(29, r & (u(24) < 0.3), "Consumer Referral Invite Generated", 10, 900, campaign=False)
    em.emit(30, s.rewarded & (mech == M["staff_points"]), "Points Received", 2, 20, prop=s.points)

    one = np.ones(s.keys.size, np.int64)
    em.emit(31, s.punch & ~s.manual, "Punchcard Stamps Received", 2, 20, prop=one)
    em.emit(32, s.punch & s.manual, "Manual Give Stamps", 2, 20, prop=one)
    em.emit(33, s.step_done, "Punchcard Step Completed", 2, 10)
    em.emit(34, s.complete, "Punchcard Completed", 2, 10)
    em.emit(35, s.complete, "Reward Received", 2, 30)
    em.emit(36, s.complete & (u(25) < 0.3), "Punchcard Already Completed", 60, 1800)
    em.emit(37, s.complete & (u(26) < 0.75), "Validate Reward", 3600, 12 * 3600)
    em.emit(38, s.stamp_given, "Stamps Given", 2, 20, prop=s.stamps_now)
    em.emit(39, s.stamp_given & (u(27) < 0.12), "Manual Give Stamps", 2, 600, prop=s.stamps_now)
    em.emit(40, s.limit_reached, "Stamps Limit Reached", 2, 10)
    em.emit(41, s.overflow, "Stamps Overflow", 2, 10)
    r = s.rewarded & (mech == M["lucky_draw"])
    em.emit(42, r, "Consumption", 2, 30)
    em.emit(43, r, "Lucky Draw Received", 2, 30)
    r = s.rewarded & (mech == M["safe_box"])
    em.emit(44, r, "Any Consumption", 2, 30)
    em.emit(45, r, "Any Consumption Given", 2, 20)
    em.emit(46, r, "Safe Box Generated", 2, 20)
    read = r & (u(28) < 0.8)
    em.emit(47, read, "Safe Box Read", 3600, 16 * 3600)
    em.emit(48, read & (u(29) < 0.7), "Safe Box Redeemed", 300, 6 * 3600)
    em.emit(49, s.rewarded & (u(30) < 0.25), "Advertiser Consumption Transaction", 2, 30,
            campaign=False)  # fmt: skip
    return em
