"""Members and the campaigns they join; and the accounts of the fraud ring.

Members join the programme evenly in activity time (more of them in busy seasons), starting
JOIN_BEFORE_DAYS before the first day, so campaigns that ran before the data have members who
joined before it. A member picks campaigns by popularity, choosing again when the pick launches
much later; a launch brings its members in over about a week. Every draw is keyed by (seed, user,
participation, session, slot): a chunk of users yields the same events whatever else is
generated beside it.
"""

from __future__ import annotations

import numpy as np

from wecheer.generator import rng
from wecheer.generator.arrays import (
    DAY,
    ChunkSimulation,
    EventArrays,
    group_starts,
    no_identifies,
)
from wecheer.generator.config import GeneratorConfig
from wecheer.generator.events import E
from wecheer.generator.incidents import RING_DAYS, RING_SCANS_PER_MEMBER
from wecheer.generator.people import birthday_parts
from wecheer.generator.sessions import Participations, simulate_sessions
from wecheer.generator.world import CONSUMER_ID_BASE, RING_ID_BASE, World

JOIN_BEFORE_DAYS = 120
LAUNCH_RAMP_DAYS = 8  # mean wait of the members a launch brings in
CHOOSE_AGAIN_DAYS = 21  # a campaign launching later than this after the member came
RETENTION_TAIL = 1.15  # sessions per participation: Pareto tail, heavier with retention


def first_join(cfg: GeneratorConfig, world: World) -> float:
    """Activity time at which member 0 joins."""
    return float(world.clock.to_activity(cfg.first_period.start - JOIN_BEFORE_DAYS * DAY))


def members_until(cfg: GeneratorConfig, world: World, rate: float, t: int) -> int:
    """How many members (joining `rate` per activity day) have joined by `t` (epoch s)."""
    return int(np.ceil(rate * (float(world.clock.to_activity(t)) - first_join(cfg, world)) / DAY))


def _choose_campaigns(world: World, start0: int, pk: np.ndarray, wanted: np.ndarray):
    camp = rng.choice(pk, 1, world.popularity)
    for attempt in (1, 2):
        launch = start0 + world.start_day[camp] * DAY
        later = launch > wanted + CHOOSE_AGAIN_DAYS * DAY
        camp = np.where(later, rng.choice(pk, 20 + attempt, world.popularity), camp)
    return camp


def simulate_consumers(
    cfg: GeneratorConfig, world: World, lo: int, hi: int, rate: float, horizon: int
) -> ChunkSimulation:
    """Members [lo, hi): everything the data shows of them up to `horizon` (epoch s)."""
    seed = cfg.seed
    start0 = cfg.first_period.start
    ev = EventArrays()

    users = np.arange(lo, hi, dtype=np.int64)
    uk = rng.hash_keys(seed, 10, users)
    joined = first_join(cfg, world) + (users + rng.uniform(uk, 1)) / rate * DAY
    join = world.clock.from_activity(joined)
    user_speed = 0.6 + 0.8 * rng.uniform(uk, 2)
    n_part = 1 + (rng.uniform(uk, 3) < 0.35) + (rng.uniform(uk, 4) < 0.1)
    p_owner = np.repeat(np.arange(users.size), n_part)
    q = np.arange(p_owner.size) - group_starts(n_part)[p_owner]
    p_user = users[p_owner]
    pk = rng.hash_keys(seed, 11, p_user, q)
    delay = np.where(
        q == 0, rng.exponential(pk, 2, 0.5 * DAY), 2 * DAY + rng.exponential(pk, 3, 25 * DAY)
    )
    wanted = join[p_owner] + delay
    camp = _choose_campaigns(world, start0, pk, wanted)
    camp_start = start0 + world.start_day[camp] * DAY
    camp_end = start0 + world.end_day[camp] * DAY
    ramp = rng.exponential(pk, 4, LAUNCH_RAMP_DAYS * DAY)
    p_start = np.maximum(wanted, camp_start + ramp).astype(np.int64)
    combo = p_user * 4096 + camp
    keep = np.zeros(combo.size, dtype=bool)
    keep[np.unique(combo, return_index=True)[1]] = True  # one participation per user+campaign
    adv_id = world.advertiser_id[world.campaign_advertiser[camp]]
    camp_id = world.campaign_id[camp]

    no_join = keep & (p_start > camp_end)
    index = np.flatnonzero(no_join)
    ev.add(rng.draw(pk[index], 50), E["No Campaign Joined"], CONSUMER_ID_BASE + p_user[index],
           adv_id[index], -1, wanted[index].astype(np.int64))  # fmt: skip
    p = np.flatnonzero(keep & ~no_join & (p_start < horizon))
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
    lost = world.incidents.lost_span
    sent = (shared_t >= start0) & (shared_t < horizon)
    if lost is not None:
        sent &= (shared_t < lost[0]) | (shared_t >= lost[1])
    identifies = {"user": uid[shared][sent], "key": shared_key[sent], "t": shared_t[sent]}

    # Sessions: heavy-tailed counts (most one or two, a few weekly for months), more and closer
    # together in campaigns that keep their members.
    retention = world.traits.retention[camp]
    tail = (1.0 - rng.uniform(pk, 11)) ** (-retention / RETENTION_TAIL)
    n_sess = np.minimum(80, np.floor(tail)).astype(np.int64)
    parts = Participations(
        key=pk,
        user=uid,
        q=q,
        camp=camp,
        adv_id=adv_id,
        camp_id=camp_id,
        start=p_start,
        end=camp_end,
        n_sess=n_sess,
        gap_mean=DAY * 12.0 / (1.0 + n_sess / 6.0) * user_speed[p_owner] / retention,
        first_gap=np.full(p.size, 0.5 * DAY),
        birth_month=birthday_parts(uk)[1][p_owner],
        ring=np.zeros(p.size, dtype=bool),
    )
    attempts, cards = simulate_sessions(cfg, world, parts, horizon, ev)
    events = ev.finish(start0, horizon, lost)
    return ChunkSimulation(events, attempts, cards, identifies)


def simulate_ring(cfg: GeneratorConfig, world: World, horizon: int) -> ChunkSimulation:
    """The fraud ring: new accounts that join one campaign during its two weeks and scan
    receipts every day or so until the ring is stopped."""
    incidents = world.incidents
    ev = EventArrays()
    n = incidents.ring_members
    members = np.arange(n, dtype=np.int64)
    rk = rng.hash_keys(cfg.seed, 30, members)
    camp = np.full(n, incidents.ring_campaign)
    uid = RING_ID_BASE + members
    start = incidents.ring_start + (rng.uniform(rk, 1) * (RING_DAYS - 5) * DAY).astype(np.int64)
    adv_id = world.advertiser_id[world.campaign_advertiser[camp]]
    camp_id = world.campaign_id[camp]
    ev.add(rng.draw(rk, 52), E["Card Received"], uid, adv_id, camp_id,
           start + rng.integers(rk, 6, 2, 30))  # fmt: skip
    parts = Participations(
        key=rk,
        user=uid,
        q=np.zeros(n, np.int64),
        camp=camp,
        adv_id=adv_id,
        camp_id=camp_id,
        start=start,
        end=np.full(n, float(incidents.ring_end)),
        n_sess=rng.integers(rk, 2, RING_SCANS_PER_MEMBER - 3, RING_SCANS_PER_MEMBER + 3),
        gap_mean=np.full(n, 0.6 * DAY),
        first_gap=np.full(n, 0.1 * DAY),
        birth_month=np.zeros(n, np.int64),
        ring=np.ones(n, dtype=bool),
    )
    attempts, cards = simulate_sessions(cfg, world, parts, horizon, ev)
    events = ev.finish(cfg.first_period.start, horizon, incidents.lost_span)
    return ChunkSimulation(events, attempts, cards, no_identifies())
