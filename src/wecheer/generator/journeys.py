"""Consumers, their campaign participations and receipt journeys, simulated over arrays.

Every draw is keyed by (seed, user, participation, session, slot), so a chunk of users yields
the same events whatever else is generated beside it. A session is one receipt attempt: a Scan
Receipt followed by exactly one path; sessions of one user in one campaign never overlap, and the
events of one user and campaign are at least two seconds apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from wecheer.generator import rng
from wecheer.generator.config import GeneratorConfig
from wecheer.generator.events import REWARD_NAMES, E
from wecheer.generator.world import (
    CONSUMER_ID_BASE,
    POINTS_MECHANICS,
    STAMPS_LIMIT,
    M,
    World,
)

DAY = 86_400
WEEK = 7 * DAY
US = 1_000_000
LEVEL_POINTS = 400

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

# Receipt paths after a Scan Receipt.
SCANNED, TRIAGE, FAILED, FRAUD, INCOMPLETE, REVIEW_LIMIT, ABANDONED = range(7)
PATH_WEIGHTS = (0.72, 0.08, 0.06, 0.02, 0.05, 0.01, 0.06)


def _week_profile() -> tuple[np.ndarray, np.ndarray]:
    """Cumulative activity over one epoch-aligned week: busy weekends, lunch and evening peaks."""
    hours = np.arange(168)
    weekday = (hours // 24 + 3) % 7  # the epoch week starts on a Thursday; Monday = 0
    local_hour = (hours % 24 + 8) % 24  # UTC+8 markets
    hour_factor = np.array(
        [0.15, 0.08, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.0, 1.2, 1.5,
         1.8, 1.6, 1.2, 1.1, 1.2, 1.4, 1.7, 1.8, 1.6, 1.2, 0.8, 0.4]
    )  # fmt: skip
    weekday_factor = np.array([0.85, 0.85, 0.9, 0.95, 1.1, 1.3, 1.1])
    weight = weekday_factor[weekday] * hour_factor[local_hour]
    weight = weight / weight.mean()
    cumulative = np.concatenate([[0.0], np.cumsum(weight * 3600.0)])
    return np.arange(169) * 3600.0, cumulative


_KNOTS, _CUMULATIVE = _week_profile()


def to_activity(t: np.ndarray) -> np.ndarray:
    weeks = np.floor(t / WEEK)
    return weeks * WEEK + np.interp(t - weeks * WEEK, _KNOTS, _CUMULATIVE)


def from_activity(a: np.ndarray) -> np.ndarray:
    weeks = np.floor(a / WEEK)
    return weeks * WEEK + np.interp(a - weeks * WEEK, _CUMULATIVE, _KNOTS)


def group_starts(sizes: np.ndarray) -> np.ndarray:
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

    def finish(self, t_min: int, t_max: int) -> dict[str, np.ndarray]:
        """Concatenate, keep events in [t_min, t_max), add sub-second precision (microseconds)."""
        if not self.key:
            return empty_events()
        out = {
            name: np.concatenate(getattr(self, name))
            for name in ("key", "code", "user", "adv", "camp", "t", "prop")
        }
        keep = (out["t"] >= t_min) & (out["t"] < t_max)
        out = {name: values[keep] for name, values in out.items()}
        out["t"] = out["t"] * US + rng.integers(out["key"], 7, 0, US // 2)
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


class _Emitter:
    """Appends one event slot at a time to every session in a mask, advancing its clock."""

    def __init__(self, session_keys: np.ndarray) -> None:
        self.keys = session_keys
        self.clock = np.zeros(session_keys.size, dtype=np.int64)
        self.slots: list[tuple[int, np.ndarray, int, np.ndarray, np.ndarray, bool]] = []

    def emit(self, slot, mask, event, low, high, prop=None, campaign=True) -> np.ndarray:
        index = np.flatnonzero(mask)
        if low:
            self.clock[index] += rng.integers(self.keys[index], 1000 + slot, low, high)
        p = np.full(index.size, -1, np.int64) if prop is None else np.asarray(prop)[index]
        self.slots.append((slot, index, E[event], self.clock[index].copy(), p, campaign))
        return index

    def offsets_of(self, event: str) -> tuple[np.ndarray, np.ndarray]:
        """Offset (s) and slot of `event` in each session (-1 if not emitted)."""
        out = np.full(self.keys.size, -1, dtype=np.int64)
        slots = np.full(self.keys.size, -1, dtype=np.int64)
        code = E[event]
        for slot, index, slot_code, offset, _p, _c in self.slots:
            if slot_code == code:
                out[index] = offset
                slots[index] = slot
        return out, slots


@dataclass
class ChunkSimulation:
    events: dict[str, np.ndarray]
    attempts: dict[str, np.ndarray]
    cards: dict[str, np.ndarray]
    identifies: dict[str, np.ndarray]  # user, key and time (s) of User Data Shared events


def simulate_consumers(
    cfg: GeneratorConfig, world: World, lo: int, hi: int, rate: float, horizon: int
) -> ChunkSimulation:
    """Consumers [lo, hi): everything they do from the first day up to `horizon` (epoch s)."""
    seed = cfg.seed
    start0 = cfg.first_period.start
    ev = EventArrays()

    users = np.arange(lo, hi, dtype=np.int64)
    uk = rng.hash_keys(seed, 10, users)
    join = start0 + (users + rng.uniform(uk, 1)) / rate * DAY
    user_speed = 0.6 + 0.8 * rng.uniform(uk, 2)
    n_part = 1 + (rng.uniform(uk, 3) < 0.35) + (rng.uniform(uk, 4) < 0.1)
    p_owner = np.repeat(np.arange(users.size), n_part)
    q = np.arange(p_owner.size) - group_starts(n_part)[p_owner]
    p_user = users[p_owner]
    pk = rng.hash_keys(seed, 11, p_user, q)
    camp = rng.choice(pk, 1, world.popularity)
    delay = np.where(
        q == 0, rng.exponential(pk, 2, 0.5 * DAY), 2 * DAY + rng.exponential(pk, 3, 25 * DAY)
    )
    wanted = join[p_owner] + delay
    camp_start = start0 + world.start_day[camp] * DAY
    camp_end = start0 + world.end_day[camp] * DAY
    p_start = np.maximum(wanted, camp_start + rng.exponential(pk, 4, 12 * DAY)).astype(np.int64)
    combo = p_user * 4096 + camp
    keep = np.zeros(combo.size, dtype=bool)
    keep[np.unique(combo, return_index=True)[1]] = True  # one participation per user+campaign
    adv_id = world.advertiser_id[world.campaign_advertiser[camp]]
    camp_id = world.campaign_id[camp]

    no_join = keep & (p_start > camp_end)
    index = np.flatnonzero(no_join)
    ev.add(
        rng.draw(pk[index], 50),
        E["No Campaign Joined"],
        CONSUMER_ID_BASE + p_user[index],
        adv_id[index],
        -1,
        wanted[index].astype(np.int64),
    )
    valid = keep & ~no_join & (p_start < horizon)
    p = np.flatnonzero(valid)
    pk, p_user, p_owner, camp, q = pk[p], p_user[p], p_owner[p], camp[p], q[p]
    p_start, camp_end, adv_id, camp_id = p_start[p], camp_end[p], adv_id[p], camp_id[p]
    uid = CONSUMER_ID_BASE + p_user

    # Arrival events of a participation: card (given and) received, data shared, data sync.
    given = rng.uniform(pk, 5) < 0.3
    ev.add(rng.draw(pk[given], 51), E["Card Given"], uid[given], adv_id[given], camp_id[given],
           p_start[given])  # fmt: skip
    ev.add(rng.draw(pk, 52), E["Card Received"], uid, adv_id, camp_id,
           p_start + rng.integers(pk, 6, 2, 30))  # fmt: skip
    shared = rng.uniform(pk, 7) < 0.35
    shared_key = rng.draw(pk[shared], 53)
    shared_t = p_start[shared] + rng.integers(pk[shared], 8, 40, 200)
    ev.add(shared_key, E["User Data Shared"], uid[shared], adv_id[shared], -1, shared_t)
    synced = rng.uniform(pk, 9) < 0.2
    ev.add(rng.draw(pk[synced], 54), E["Data Consumer Sync"], uid[synced], adv_id[synced], -1,
           p_start[synced] + rng.integers(pk[synced], 10, DAY, 30 * DAY))  # fmt: skip

    identifies = {"user": uid[shared], "key": shared_key, "t": shared_t}
    if p.size == 0:
        return ChunkSimulation(ev.finish(start0, horizon), {}, {}, identifies)

    # Sessions: heavy-tailed counts (most one or two, a few weekly for months).
    n_sess = np.minimum(80, np.floor((1.0 - rng.uniform(pk, 11)) ** (-1 / 1.15))).astype(np.int64)
    gap_mean = DAY * 12.0 / (1.0 + n_sess / 6.0) * user_speed[p_owner]
    starts = group_starts(n_sess)
    s_part = np.repeat(np.arange(p.size), n_sess)
    j = np.arange(s_part.size) - starts[s_part]
    sk = rng.hash_keys(seed, 12, p_user[s_part], q[s_part], j)
    gaps = rng.exponential(sk, 1, gap_mean[s_part] * 1.06 ** np.minimum(j, 40))
    gaps = np.where(j == 0, 300 + rng.exponential(sk, 2, 0.5 * DAY), gaps)
    activity = to_activity(p_start.astype(np.float64))[s_part] + (
        np.cumsum(gaps) - (np.cumsum(gaps) - gaps)[starts][s_part]
    )
    t_raw = from_activity(activity).astype(np.int64)
    t_raw = np.where(j == 0, np.maximum(t_raw, p_start[s_part] + 300), t_raw)

    mech = world.mechanic[camp[s_part]]
    path = rng.choice(sk, 3, PATH_WEIGHTS)
    verdict = rng.uniform(sk, 4)
    approved = (path == TRIAGE) & (verdict < 0.65)
    rejected = (path == TRIAGE) & (verdict >= 0.65) & (verdict < 0.93)
    accepted = (path == SCANNED) | approved
    decision = rng.uniform(sk, 5)
    no_reward = accepted & (decision < 0.07)
    rewarded = accepted & (decision >= 0.085)
    k = exclusive_cumsum(rewarded.astype(np.int64), s_part, starts)

    n_stamps = np.maximum(world.punch_stamps[camp[s_part]], 1)
    n_steps = np.maximum(world.punch_steps[camp[s_part]], 1)
    position = k % n_stamps + 1
    card = k // n_stamps + 1
    punch = rewarded & (mech == M["punchcard"])
    step_done = punch & (position % (n_stamps // n_steps) == 0) & (position < n_stamps)
    complete = punch & (position == n_stamps)

    is_stamps = rewarded & (mech == M["stamps"])
    stamps_now = 1 + (rng.uniform(sk, 6) < 0.3)
    stamps_before = exclusive_cumsum(np.where(is_stamps, stamps_now, 0), s_part, starts)
    overflow = is_stamps & (stamps_before >= STAMPS_LIMIT)
    stamp_given = is_stamps & ~overflow
    limit_reached = stamp_given & (stamps_before + stamps_now >= STAMPS_LIMIT)

    points = rng.integers(sk, 7, 10, 150)
    earns = rewarded & POINTS_MECHANICS[mech]
    points_before = exclusive_cumsum(np.where(earns, points, 0), s_part, starts)
    level_after = (points_before + points) // LEVEL_POINTS
    level_up = earns & (mech == M["levels"]) & (level_after > points_before // LEVEL_POINTS)

    def u(purpose):
        return rng.uniform(sk, purpose)

    em = _Emitter(sk)
    em.emit(1, np.ones(sk.size, bool), "Scan Receipt", 0, 0)
    em.emit(2, path == SCANNED, "Receipt Scanned", 5, 120)
    em.emit(3, path == TRIAGE, "Receipt Triaged", 10, 300)
    em.emit(4, path == TRIAGE, "Manual Verification Requested", 5, 600)
    em.emit(5, approved, "Manual Verification Approved", 3600, 30 * 3600)
    em.emit(6, rejected, "Manual Verification Rejected", 3600, 30 * 3600)
    em.emit(7, path == FAILED, "Receipt Failed", 5, 120)
    em.emit(8, path == FRAUD, "Receipt Fraud", 5, 120)
    em.emit(9, path == INCOMPLETE, "Receipt Incomplete", 5, 120)
    em.emit(10, path == REVIEW_LIMIT, "Receipt Manual Review Limit Exceeded", 5, 120)
    em.emit(11, no_reward, "Receipt No Reward", 2, 60)
    em.emit(12, no_reward & POINTS_MECHANICS[mech], "No Point Received", 2, 30)

    r = rewarded & (mech == M["receipt_points"])
    em.emit(13, r, "Consumption", 2, 30)
    em.emit(14, r & (u(20) < 0.5), "Consumption Match", 2, 20)
    em.emit(15, r & (k == 0), "First Consumption", 2, 20)
    em.emit(16, r & (k == 0), "First Consumption Given", 2, 20)
    em.emit(17, r & (k > 0), "Any Consumption", 2, 20)
    em.emit(18, r & (k > 0), "Any Consumption Given", 2, 20)
    em.emit(19, r, "Points Received", 2, 20, prop=points)
    r = rewarded & (mech == M["levels"])
    em.emit(20, r, "Consumption", 2, 30)
    em.emit(21, r, "Points Received", 2, 20, prop=points)
    em.emit(22, level_up, "Level Unlocked", 2, 20, prop=level_after)
    em.emit(23, level_up, "Level Unlock Reward Received", 2, 20, prop=level_after)
    em.emit(24, r & (u(21) < 0.12), "Catalog Redeem", 60, 3600)
    r = rewarded & (mech == M["game"])
    em.emit(25, r, "Points Received", 2, 20, prop=points)
    triggered = r & (u(22) < 0.7)
    em.emit(26, triggered, "Game Triggered", 5, 600)
    em.emit(27, triggered & (u(23) < 0.85), "Game Completed", 30, 600)
    r = rewarded & (mech == M["referral"])
    em.emit(28, r, "Points Received", 2, 20, prop=points)
    em.emit(29, r & (u(24) < 0.3), "Consumer Referral Invite Generated", 10, 900, campaign=False)
    em.emit(30, rewarded & (mech == M["staff_points"]), "Points Received", 2, 20, prop=points)
    em.emit(31, punch, "Punchcard Stamps Received", 2, 20, prop=np.ones(sk.size, np.int64))
    em.emit(32, step_done, "Punchcard Step Completed", 2, 10)
    em.emit(33, complete, "Punchcard Completed", 2, 10)
    em.emit(34, complete, "Reward Received", 2, 30)
    em.emit(35, complete & (u(25) < 0.3), "Punchcard Already Completed", 60, 1800)
    em.emit(36, complete & (u(26) < 0.75), "Validate Reward", 3600, 12 * 3600)
    em.emit(37, stamp_given, "Stamps Given", 2, 20, prop=stamps_now)
    em.emit(38, stamp_given & (u(27) < 0.12), "Manual Give Stamps", 2, 600, prop=stamps_now)
    em.emit(39, limit_reached, "Stamps Limit Reached", 2, 10)
    em.emit(40, overflow, "Stamps Overflow", 2, 10)
    r = rewarded & (mech == M["lucky_draw"])
    em.emit(41, r, "Consumption", 2, 30)
    em.emit(42, r, "Lucky Draw Received", 2, 30)
    r = rewarded & (mech == M["safe_box"])
    em.emit(43, r, "Any Consumption", 2, 30)
    em.emit(44, r, "Any Consumption Given", 2, 20)
    em.emit(45, r, "Safe Box Generated", 2, 20)
    read = r & (u(28) < 0.8)
    em.emit(46, read, "Safe Box Read", 3600, 16 * 3600)
    em.emit(47, read & (u(29) < 0.7), "Safe Box Redeemed", 300, 6 * 3600)
    em.emit(48, rewarded & (u(30) < 0.25), "Advertiser Consumption Transaction", 2, 30,
            campaign=False)  # fmt: skip

    # Sessions of a participation never overlap: start_j >= end_{j-1} + 3 minutes.
    block = em.clock + 180
    before = exclusive_cumsum(block, s_part, starts)
    s_start = group_cummax(t_raw - before, s_part) + before
    alive = (s_start < camp_end[s_part]) & (s_start < horizon)

    s_uid = uid[s_part]
    s_adv = adv_id[s_part]
    s_camp = camp_id[s_part]
    for slot, index, code, offset, prop, has_campaign in em.slots:
        live = alive[index]
        index, offset, prop = index[live], offset[live], prop[live]
        ev.add(
            rng.draw(sk[index], slot),
            code,
            s_uid[index],
            s_adv[index],
            s_camp[index] if has_campaign else -1,
            s_start[index] + offset,
            prop,
        )

    # Birthday rewards: the first session in the user's birth month, now and then.
    birth_month = birthday_parts(uk)[1][p_owner][s_part]
    months = s_start.astype("datetime64[s]").astype("datetime64[M]").astype(np.int64)
    first_of_month = (j == 0) | (months != np.roll(months, 1))
    bday = alive & first_of_month & (months % 12 + 1 == birth_month) & (u(31) < 0.6)
    bday_t = s_start + em.clock + rng.integers(sk, 32, 30, 90)
    ev.add(rng.draw(sk[bday], 60), E["Birthday Reward Received"], s_uid[bday], s_adv[bday],
           s_camp[bday], bday_t[bday])  # fmt: skip

    events = ev.finish(start0, horizon)
    attempts = _attempt_truth(em, sk, alive, s_start, s_uid, s_adv, s_camp, horizon)
    cards = _card_truth(em, alive, s_start, s_part, card, punch, s_uid, s_adv, s_camp, horizon)
    return ChunkSimulation(events, attempts, cards, identifies)


def micros(key: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """Event time in microseconds: whole seconds plus a sub-second part drawn from the key."""
    return seconds * US + rng.integers(key, 7, 0, US // 2)


def _slot_time(em: _Emitter, alive, s_start, horizon, event: str) -> np.ndarray:
    """Time (us) of `event` in each session; -1 if not emitted or not happened by `horizon`."""
    offset, slot = em.offsets_of(event)
    t = s_start + offset
    ok = (offset >= 0) & alive & (t < horizon)
    precise = micros(rng.draw(em.keys, np.where(ok, slot, 0)), t)
    return np.where(ok, precise, -1)


def _attempt_truth(em, sk, alive, s_start, s_uid, s_adv, s_camp, horizon):
    times = {
        name: _slot_time(em, alive, s_start, horizon, name)
        for name in (
            "Receipt Scanned",
            "Receipt Triaged",
            "Manual Verification Approved",
            "Manual Verification Rejected",
            "Receipt Failed",
            "Receipt Fraud",
            "Receipt Incomplete",
            "Receipt Manual Review Limit Exceeded",
            "Receipt No Reward",
        )
    }
    reward = np.full(sk.size, np.iinfo(np.int64).max)
    for name in REWARD_NAMES:
        t = _slot_time(em, alive, s_start, horizon, name)
        reward = np.where(t >= 0, np.minimum(reward, t), reward)
    reward = np.where(reward == np.iinfo(np.int64).max, -1, reward)

    outcome = np.full(sk.size, -1, np.int16)
    outcome_t = np.full(sk.size, -1, np.int64)
    accept_t = np.where(
        times["Receipt Scanned"] >= 0, times["Receipt Scanned"],
        times["Manual Verification Approved"],
    )  # fmt: skip
    rules = [  # the first matching rule wins (see docs/source-contract.md)
        ("Receipt Failed", "failed"),
        ("Receipt Fraud", "fraud"),
        ("Receipt Incomplete", "incomplete"),
        ("Receipt Manual Review Limit Exceeded", "review_limit_exceeded"),
        ("Manual Verification Rejected", "rejected"),
    ]
    for name, label in rules:
        hit = (outcome < 0) & (times[name] >= 0)
        outcome[hit], outcome_t[hit] = OUTCOME_CODE[label], times[name][hit]
    accepted = (outcome < 0) & (accept_t >= 0)
    for mask, label, t in (
        (accepted & (times["Receipt No Reward"] >= 0), "no_reward", times["Receipt No Reward"]),
        (accepted & (reward >= 0), "rewarded", reward),
        (accepted, "accepted", accept_t),
        (times["Receipt Triaged"] >= 0, "in_review", times["Receipt Triaged"]),
    ):
        hit = (outcome < 0) & mask
        outcome[hit], outcome_t[hit] = OUTCOME_CODE[label], t[hit]

    live = alive & (s_start < horizon)
    scan_key = rng.draw(sk[live], 1)
    return {
        "key": scan_key,
        "user": s_uid[live],
        "adv": s_adv[live],
        "camp": s_camp[live],
        "scanned_at": micros(scan_key, s_start[live]),
        "outcome": outcome[live],
        "outcome_at": outcome_t[live],
    }


def _card_truth(em, alive, s_start, s_part, card, punch, s_uid, s_adv, s_camp, horizon):
    def at(name):
        return _slot_time(em, alive, s_start, horizon, name)

    stamp = at("Punchcard Stamps Received")
    has = punch & (stamp >= 0)
    index = np.flatnonzero(has)
    if not index.size:
        return {}
    return {
        "part": s_part[index],
        "user": s_uid[index],
        "adv": s_adv[index],
        "camp": s_camp[index],
        "card": card[index],
        "stamp_at": stamp[index],
        "step_at": at("Punchcard Step Completed")[index],
        "completed_at": at("Punchcard Completed")[index],
        "rewarded_at": at("Reward Received")[index],
        "redeemed_at": at("Validate Reward")[index],
    }


_FIRST = np.array(
    ["Wei", "Mei", "Jun", "Hui", "Xin", "Ling", "Kai", "Jia", "Hao", "Yan", "Siti", "Nur",
     "Ahmad", "Priya", "Arjun", "Maria", "Jose", "Anna", "Chloe", "Ethan", "Grace", "Ryan",
     "Sophie", "Daniel", "Emily", "Lucas", "Hana", "Yuki", "Min", "Ji-woo"]
)  # fmt: skip
_LAST = np.array(
    ["Chan", "Wong", "Lee", "Tan", "Lim", "Ng", "Cheung", "Lau", "Ho", "Leung", "Goh", "Teo",
     "Santos", "Reyes", "Cruz", "Nguyen", "Tran", "Kumar", "Singh", "Abdullah", "Rahman",
     "Kim", "Park", "Sato", "Suzuki", "Smith", "Brown", "Garcia", "Lopez", "Chua"]
)  # fmt: skip
_CITIES = np.array(
    ["Hong Kong", "Kowloon", "Singapore", "Kuala Lumpur", "Penang", "Bangkok", "Manila",
     "Taipei", "Jakarta", "Ho Chi Minh City", "Macau", "Shenzhen"]
)  # fmt: skip
_COUNTRIES = np.array(
    ["HK", "HK", "SG", "MY", "MY", "TH", "PH", "TW", "ID", "VN", "MO", "CN"]
)  # fmt: skip
_DIAL = np.array(
    ["+852", "+852", "+65", "+60", "+60", "+66", "+63", "+886", "+62", "+84", "+853", "+86"]
)  # fmt: skip
_DOMAINS = np.array(["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com"])


def birthday_parts(uk: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(year, month, day) of each user's birthday (day <= 28: no leap-day trouble)."""
    year = rng.integers(uk, 40, 1955, 2007)
    month = rng.integers(uk, 41, 1, 12)
    day = rng.integers(uk, 42, 1, 28)
    return year, month, day


def user_traits(seed: int, user_index: np.ndarray) -> dict[str, np.ndarray]:
    """Realistic PII for consumers (vectorized over numpy string arrays)."""
    uk = rng.hash_keys(seed, 10, user_index)
    first = _FIRST[rng.integers(uk, 43, 0, _FIRST.size - 1)]
    last = _LAST[rng.integers(uk, 44, 0, _LAST.size - 1)]
    city_index = rng.integers(uk, 45, 0, _CITIES.size - 1)
    number = rng.integers(uk, 46, 1, 999)
    email = np.char.add(
        np.char.add(np.char.add(np.char.lower(first), "."), np.char.lower(last)),
        np.char.add(np.char.add(number.astype(str), "@"), _DOMAINS[rng.integers(uk, 47, 0, 4)]),
    )
    email = np.char.replace(email, "-", "")
    phone = np.char.add(
        np.char.add(_DIAL[city_index], " "),
        rng.integers(uk, 48, 20_000_000, 99_999_999).astype(str),
    )
    year, month, day = birthday_parts(uk)
    birthday = (
        (year - 1970).astype("datetime64[Y]").astype("datetime64[M]")
        + (month - 1).astype("timedelta64[M]")
    ).astype("datetime64[D]") + (day - 1).astype("timedelta64[D]")
    return {
        "email": email,
        "phone": phone,
        "first_name": first,
        "last_name": last,
        "birthday": birthday,
        "city": _CITIES[city_index],
        "country": _COUNTRIES[city_index],
    }


def simulate_staff(
    cfg: GeneratorConfig, world: World, events_per_day: float, horizon: int
) -> ChunkSimulation:
    """Staff at points of sale of staff point-card campaigns: a point card, then handshakes."""
    seed = cfg.seed
    start0 = cfg.first_period.start
    ev = EventArrays()
    n = world.staff_id.size
    if n:
        sk = rng.hash_keys(seed, 20, np.arange(n))
        camp = world.staff_campaign
        adv = world.advertiser_id[world.campaign_advertiser[camp]]
        cid = world.campaign_id[camp]
        begin = np.maximum(start0 + world.start_day[camp] * DAY, start0) + rng.exponential(
            sk, 1, 2 * DAY
        )
        begin = begin.astype(np.int64)
        end = np.minimum(start0 + world.end_day[camp] * DAY, horizon)
        ev.add(rng.draw(sk, 1), E["Init Staff Point Card"], world.staff_id, adv, cid, begin)
        # About 4% of all events come from staff; visits at least a minute apart.
        visits_per_day = max(0.04 * events_per_day / 1.8 / n, 0.05)
        days = max((horizon - start0) / DAY, 1.0)
        n_visits = int(np.ceil(visits_per_day * days * 1.3 + 10))
        staff = np.repeat(np.arange(n), n_visits)
        v = np.tile(np.arange(n_visits), n)
        vk = rng.hash_keys(seed, 21, staff, v)
        gaps = 60 + rng.exponential(vk, 1, DAY / visits_per_day)
        starts = group_starts(np.full(n, n_visits))
        t = begin[staff] + 60 + (np.cumsum(gaps) - (np.cumsum(gaps) - gaps)[starts][staff])
        t = t.astype(np.int64)
        live = t < end[staff]
        staff, vk, t = staff[live], vk[live], t[live]
        valid = rng.uniform(vk, 2) < 0.93
        given = valid & (rng.uniform(vk, 3) < 0.7)
        limit = given & (rng.uniform(vk, 4) < 0.05)
        invite = rng.uniform(vk, 5) < 0.02
        sid, a, c = world.staff_id[staff], adv[staff], cid[staff]
        for mask, event, offset, campaign in (
            (valid, "Handshake QR Valid", 0, True),
            (~valid, "Handshake QR Invalid", 0, True),
            (given, "Staff Products Given", 2 + rng.integers(vk, 6, 0, 18), True),
            (limit, "Products Limit Reached", 22 + rng.integers(vk, 7, 0, 18), True),
            (invite, "Staff Referral Invite Generated", 42, False),
        ):
            index = np.flatnonzero(mask)
            off = offset if np.isscalar(offset) else offset[index]
            ev.add(rng.draw(vk[index], 10 + E[event]), E[event], sid[index], a[index],
                   c[index] if campaign else -1, t[index] + off)  # fmt: skip
    events = ev.finish(start0, horizon)
    return ChunkSimulation(events, {}, {}, {"user": np.zeros(0, np.int64),
                                            "key": np.zeros(0, np.uint64),
                                            "t": np.zeros(0, np.int64)})  # fmt: skip
