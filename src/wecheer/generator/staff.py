"""Staff at the points of sale of staff point-card campaigns: a point card when they join,
then handshakes with members at every visit."""

from __future__ import annotations

import numpy as np

from wecheer.generator import rng
from wecheer.generator.arrays import DAY, ChunkSimulation, EventArrays, group_starts, no_identifies
from wecheer.generator.config import GeneratorConfig
from wecheer.generator.events import E
from wecheer.generator.world import World

STAFF_SHARE = 0.04  # of all events
# Staff join a campaign over its first STAFF_JOIN_DAYS (or, for a campaign that started long
# before the data, over that many days from STAFF_BEFORE_DAYS before the first day).
STAFF_BEFORE_DAYS = 30
STAFF_JOIN_DAYS = 60


def simulate_staff(
    cfg: GeneratorConfig, world: World, events_per_day: float, horizon: int
) -> ChunkSimulation:
    seed = cfg.seed
    start0 = cfg.first_period.start
    ev = EventArrays()
    n = world.staff_id.size
    if n:
        sk = rng.hash_keys(seed, 20, np.arange(n))
        camp = world.staff_campaign
        adv = world.advertiser_id[world.campaign_advertiser[camp]]
        cid = world.campaign_id[camp]
        opens = np.maximum(start0 + world.start_day[camp] * DAY, start0 - STAFF_BEFORE_DAYS * DAY)
        begin = (opens + rng.uniform(sk, 1) * STAFF_JOIN_DAYS * DAY).astype(np.int64)
        end = np.minimum(start0 + world.end_day[camp] * DAY, horizon)
        ev.add(rng.draw(sk, 1), E["Init Staff Point Card"], world.staff_id, adv, cid, begin)
        # Visits at least a minute apart, busier when members are (the activity clock).
        visits_per_day = max(STAFF_SHARE * events_per_day / 1.8 / n, 0.05)
        days = max((horizon - begin.min()) / DAY, 1.0)
        n_visits = int(np.ceil(visits_per_day * days * 1.3 + 10))
        staff = np.repeat(np.arange(n), n_visits)
        vk = rng.hash_keys(seed, 21, staff, np.tile(np.arange(n_visits), n))
        gaps = 60 + rng.exponential(vk, 1, DAY / visits_per_day)
        starts = group_starts(np.full(n, n_visits))
        total = np.cumsum(gaps)
        activity = world.clock.to_activity(begin + 60)[staff] + total
        activity -= (total - gaps)[starts][staff]
        t = world.clock.from_activity(activity).astype(np.int64)
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
    events = ev.finish(start0, horizon, world.incidents.lost_span)
    return ChunkSimulation(events, {}, {}, no_identifies())
