"""The truth of one chunk's sessions, from what the data shows: receipt attempts and punchcards.

Both follow the rules of docs/source-contract.md (the rules `wecheer__receipts` and
`wecheer__punchcards` implement), applied to the sessions the data shows. Which events are
which step comes from the event catalogue's journey columns (events.py).
"""

from __future__ import annotations

import numpy as np

from wecheer.generator import rng
from wecheer.generator.arrays import micros, regroup
from wecheer.generator.events import PUNCHCARD_STEP_CODES, RECEIPT_STEP_CODES, REWARD_CODES
from wecheer.generator.journeys import Emitter

# Outcome codes of a receipt attempt (names in OUTCOMES); -1: no outcome event delivered.
OUTCOMES = (
    "rewarded",
    "no_reward",
    "failed",
    "fraud",
    "incomplete",
    "rejected",
    "review_limit_exceeded",
    "in_review",
    "accepted",
    "abandoned",
    "pending",
)
OUTCOME_CODE = {name: code for code, name in enumerate(OUTCOMES)}
# Outcomes decided by a step alone, in rule order: the first that happened wins.
STEP_OUTCOMES = ("failed", "fraud", "incomplete", "review_limit_exceeded", "rejected")


def slot_times(em: Emitter, shown, s_start, horizon, codes) -> np.ndarray:
    """Time (us) of the first event among `codes` in each session; -1 if the session sent none
    by `horizon` or is not shown."""
    offset, slot = em.offsets_of(codes)
    t = s_start + offset
    index = np.flatnonzero((offset >= 0) & shown & (t < horizon))
    out = np.full(em.keys.size, -1, dtype=np.int64)
    out[index] = micros(rng.draw(em.keys[index], slot[index]), t[index])
    return out


def attempt_truth(em: Emitter, shown, s_start, ids, horizon) -> dict[str, np.ndarray]:
    """One attempt per shown session (each starts with its Scan Receipt)."""
    times = {
        step: slot_times(em, shown, s_start, horizon, codes)
        for step, codes in RECEIPT_STEP_CODES.items()
        if step not in ("scan", "verification_requested")
    }
    reward = slot_times(em, shown, s_start, horizon, REWARD_CODES)
    outcome = np.full(em.keys.size, -1, np.int16)
    outcome_t = np.full(em.keys.size, -1, np.int64)
    for label in STEP_OUTCOMES:
        hit = (outcome < 0) & (times[label] >= 0)
        outcome[hit], outcome_t[hit] = OUTCOME_CODE[label], times[label][hit]
    accepted = (outcome < 0) & (times["accepted"] >= 0)
    for mask, label, t in (
        (accepted & (times["no_reward"] >= 0), "no_reward", times["no_reward"]),
        (accepted & (reward >= 0), "rewarded", reward),
        (accepted, "accepted", times["accepted"]),
        (times["triaged"] >= 0, "in_review", times["triaged"]),
    ):
        hit = (outcome < 0) & mask
        outcome[hit], outcome_t[hit] = OUTCOME_CODE[label], t[hit]

    index = np.flatnonzero(shown)
    scan_key = rng.draw(em.keys[index], 1)
    user, adv, camp = ids
    return {
        "key": scan_key,
        "user": user[index],
        "adv": adv[index],
        "camp": camp[index],
        "scanned_at": micros(scan_key, s_start[index]),
        "outcome": outcome[index],
        "outcome_at": outcome_t[index],
    }


def card_truth(em: Emitter, stamped, s_start, part, ids, horizon) -> dict[str, np.ndarray]:
    """One row per shown punchcard stamp with its card: a card starts with a participation's
    first shown stamp (of either kind), and again with the first stamp after a completion."""

    def at(step: str) -> np.ndarray:
        return slot_times(em, stamped, s_start, horizon, PUNCHCARD_STEP_CODES[step])

    stamp = at("stamp")
    index = np.flatnonzero(stamp >= 0)
    if not index.size:
        return {}
    completed = at("completed")[index]
    group, first = regroup(part[index])
    starts_card = np.zeros(index.size, dtype=bool)
    starts_card[1:] = completed[:-1] >= 0
    starts_card[first] = True
    number = np.cumsum(starts_card)
    user, adv, camp = ids
    return {
        "part": part[index],
        "user": user[index],
        "adv": adv[index],
        "camp": camp[index],
        "card": number - number[first][group] + 1,
        "stamp_at": stamp[index],
        "step_at": at("step_completed")[index],
        "completed_at": completed,
        "rewarded_at": at("rewarded")[index],
        "redeemed_at": at("redeemed")[index],
    }
