"""Receipt sessions of campaign participations: when they happen, what each one decides, and
which of them the data shows.

A participation is one member in one campaign. Its sessions are spaced in activity time
(calendar.py), more of them and closer together in campaigns that keep their members. Every
session is decided in order (path, reward, stamps, points), also those before the data starts, so
a member who joined before the first day arrives with the stamps and points collected so far. A
session is shown whole or not at all: only sessions that start on or after the first day are
sent, and one that touches the tracking outage is lost; events after the horizon are not sent yet.
Sessions of one participation never overlap (each starts at least 3 minutes after the previous
one's last event).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wecheer.generator import rng
from wecheer.generator.arrays import (
    EventArrays,
    exclusive_cumsum,
    group_cummax,
    group_starts,
    regroup,
)
from wecheer.generator.chunk_truth import attempt_truth, card_truth
from wecheer.generator.config import GeneratorConfig
from wecheer.generator.events import E
from wecheer.generator.incidents import OCR_FAILURE_SHARE
from wecheer.generator.journeys import SessionPlan, emit_journeys
from wecheer.generator.traits import (
    FAILED,
    GAME_COMPLETION,
    LOTTERY_MECHANICS,
    POINTS_MECHANICS,
    SCANNED,
    SILENT_SHARE,
    TRIAGE,
    M,
)
from wecheer.generator.world import STAMPS_LIMIT, World

LEVEL_POINTS = 400
SESSION_PAUSE = 180  # seconds between a session's last event and the next session


@dataclass
class Participations:
    """One member in one campaign (one element per participation)."""

    key: np.ndarray  # uint64
    user: np.ndarray  # user id
    q: np.ndarray  # the member's participation number (keys the sessions)
    camp: np.ndarray  # campaign index
    adv_id: np.ndarray
    camp_id: np.ndarray
    start: np.ndarray  # epoch s: the first session comes at least 5 minutes later
    end: np.ndarray  # epoch s (float, inf = open): no session starts after it
    n_sess: np.ndarray
    gap_mean: np.ndarray  # mean gap between sessions, activity seconds
    first_gap: np.ndarray  # mean wait before the first session, activity seconds
    birth_month: np.ndarray  # 1-12; 0: no birthday rewards
    ring: np.ndarray  # bool: an account of the fraud ring


def _timing(cfg: GeneratorConfig, world: World, parts: Participations):
    starts = group_starts(parts.n_sess)
    s_part = np.repeat(np.arange(parts.key.size), parts.n_sess)
    j = np.arange(s_part.size) - starts[s_part]
    sk = rng.hash_keys(cfg.seed, 12, parts.user[s_part], parts.q[s_part], j)
    gaps = rng.exponential(sk, 1, parts.gap_mean[s_part] * 1.06 ** np.minimum(j, 40))
    gaps = np.where(j == 0, 300 + rng.exponential(sk, 2, parts.first_gap[s_part]), gaps)
    total = np.cumsum(gaps)
    activity = world.clock.to_activity(parts.start)[s_part] + total - (total - gaps)[starts][s_part]
    t_raw = world.clock.from_activity(activity).astype(np.int64)
    t_raw = np.where(j == 0, np.maximum(t_raw, parts.start[s_part] + 300), t_raw)
    return starts, s_part, sk, t_raw


def _decide(world: World, parts: Participations, s_part, starts, sk, t_raw) -> SessionPlan:
    """Path, reward and what it earns, for every session of the participations in order."""
    traits = world.traits
    camp = parts.camp[s_part]
    mech = world.mechanic[camp]
    profile = np.where(parts.ring[s_part], world.n_campaigns, camp)
    cdf = traits.path_cdf()[profile]
    path = (rng.uniform(sk, 3)[:, None] >= cdf[:, :-1]).sum(axis=1)
    ocr = world.incidents.on_ocr_day(t_raw) & (rng.uniform(sk, 13) < OCR_FAILURE_SHARE)
    path = np.where(ocr, FAILED, path)
    verdict = rng.uniform(sk, 4)
    approve = traits.approve_share[camp]
    approved = (path == TRIAGE) & (verdict < approve)
    rejected = (path == TRIAGE) & (verdict >= approve) & (verdict < approve + 0.8 * (1 - approve))
    decided = ((path == SCANNED) | approved) & (rng.uniform(sk, 5) >= SILENT_SHARE)
    plays = decided & (mech == M["game"])
    game_done = plays & (rng.uniform(sk, 15) < GAME_COMPLETION)
    wins = rng.uniform(sk, 14) < traits.win_share[camp]
    wins = np.where(mech == M["game"], game_done & wins, wins)
    unrewarded = rng.uniform(sk, 16) < traits.no_reward_share[camp]
    no_reward = decided & np.where(LOTTERY_MECHANICS[mech], ~wins, unrewarded)
    rewarded = decided & ~no_reward
    k = exclusive_cumsum(rewarded.astype(np.int64), s_part, starts)

    n_stamps = np.maximum(world.punch_stamps[camp], 1)
    n_steps = np.maximum(world.punch_steps[camp], 1)
    position = k % n_stamps + 1
    punch = rewarded & (mech == M["punchcard"])

    is_stamps = rewarded & (mech == M["stamps"])
    stamps_now = 1 + (rng.uniform(sk, 6) < 0.3)
    stamps_before = exclusive_cumsum(np.where(is_stamps, stamps_now, 0), s_part, starts)
    overflow = is_stamps & (stamps_before >= STAMPS_LIMIT)
    stamp_given = is_stamps & ~overflow

    points = rng.integers(sk, 7, 10, 150)
    earns = rewarded & POINTS_MECHANICS[mech]
    points_before = exclusive_cumsum(np.where(earns, points, 0), s_part, starts)
    level_after = (points_before + points) // LEVEL_POINTS
    return SessionPlan(
        keys=sk,
        mech=mech,
        path=path,
        approved=approved,
        rejected=rejected,
        no_reward=no_reward,
        rewarded=rewarded,
        plays=plays,
        game_done=game_done,
        first_reward=k == 0,
        punch=punch,
        manual=punch & (rng.uniform(sk, 17) < traits.manual_stamp_share[camp]),
        step_done=punch & (position % (n_stamps // n_steps) == 0) & (position < n_stamps),
        complete=punch & (position == n_stamps),
        stamp_given=stamp_given,
        stamps_now=stamps_now,
        limit_reached=stamp_given & (stamps_before + stamps_now >= STAMPS_LIMIT),
        overflow=overflow,
        points=points,
        level_up=earns & (mech == M["levels"]) & (level_after > points_before // LEVEL_POINTS),
        level_after=level_after,
    )


def simulate_sessions(cfg: GeneratorConfig, world: World, parts: Participations, horizon: int,
                      ev: EventArrays) -> tuple[dict, dict]:  # fmt: skip
    """Add the shown sessions' events to `ev`; returns their receipt and punchcard truth."""
    if parts.key.size == 0:
        return {}, {}
    starts, s_part, sk, t_raw = _timing(cfg, world, parts)
    plan = _decide(world, parts, s_part, starts, sk, t_raw)
    end = np.minimum(parts.end[s_part], horizon)
    shown = np.flatnonzero((t_raw >= cfg.first_period.start) & (t_raw < end))
    plan = SessionPlan(**{name: values[shown] for name, values in vars(plan).items()})
    em = emit_journeys(plan)

    part = s_part[shown]
    group, first = regroup(part)
    before = exclusive_cumsum(em.clock + SESSION_PAUSE, group, first)
    s_start = group_cummax(t_raw[shown] - before, group) + before
    visible = s_start < end[shown]
    lost = world.incidents.lost_span
    if lost is not None:
        visible &= (s_start + em.clock < lost[0]) | (s_start >= lost[1])

    uid, adv, cid = parts.user[part], parts.adv_id[part], parts.camp_id[part]
    for slot, index, code, offset, prop, has_campaign in em.slots:
        live = visible[index]
        index, offset, prop = index[live], offset[live], prop[live]
        ev.add(rng.draw(em.keys[index], slot), code, uid[index], adv[index],
               cid[index] if has_campaign else -1, s_start[index] + offset, prop)  # fmt: skip

    # Birthday rewards: the first shown session in the member's birth month, now and then.
    months = s_start.astype("datetime64[s]").astype("datetime64[M]").astype(np.int64)
    first_of_month = np.ones(part.size, dtype=bool)
    first_of_month[1:] = (months[1:] != months[:-1]) | (part[1:] != part[:-1])
    bday = visible & first_of_month & (months % 12 + 1 == parts.birth_month[part])
    bday &= rng.uniform(em.keys, 31) < 0.6
    bday_t = s_start + em.clock + rng.integers(em.keys, 32, 30, 90)
    ev.add(rng.draw(em.keys[bday], 60), E["Birthday Reward Received"], uid[bday], adv[bday],
           cid[bday], bday_t[bday])  # fmt: skip

    ids = (uid, adv, cid)
    attempts = attempt_truth(em, visible, s_start, ids, horizon)
    cards = card_truth(em, visible & plan.punch, s_start, part, ids, horizon)
    return attempts, cards
