"""Advertisers, campaigns and staff: the fixed world of a seed (reference data comes from here).

Some campaigns have run since before the data starts, most launch inside the first period, and
some end in it; each has traits (traits.py). The world depends only on the seed, the requested
events and the first period, so every chunk and every later sync (`--append`) sees the same one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wecheer.generator import rng
from wecheer.generator.calendar import Clock, build_clock
from wecheer.generator.config import GeneratorConfig
from wecheer.generator.incidents import Incidents, place_incidents
from wecheer.generator.traits import MECHANICS, REGIONS, CampaignTraits, M, campaign_traits

MECHANIC_WEIGHTS = (0.2, 0.2, 0.1, 0.1, 0.1, 0.08, 0.1, 0.06, 0.06)
_BRANDS = (
    "Golden Harvest Bakery",
    "Pearl Tea House",
    "Harbour Mart",
    "Lotus Beauty",
    "Jade Pharmacy",
    "Sunrise Convenience",
    "Bamboo Noodle Bar",
    "Orchid Fashion",
    "Kowloon Electronics",
    "Lion City Grocers",
    "Peak Coffee Roasters",
    "Maple Dim Sum",
    "Coral Cosmetics",
    "Typhoon Sportswear",
    "Silk Road Spices",
    "Urban Fresh",
    "Lantern Sweets",
    "Red Dragon Snacks",
    "Blue Ocean Seafood",
    "Cherry Blossom Bakery",
    "Metro Mart",
    "Nova Skin Lab",
    "Emerald Health",
    "Harvest Moon Rice",
)
_INDUSTRIES = (
    "food & beverage",
    "food & beverage",
    "grocery",
    "beauty",
    "pharmacy",
    "convenience",
    "food & beverage",
    "fashion",
    "electronics",
    "grocery",
    "food & beverage",
    "food & beverage",
    "beauty",
    "fashion",
    "grocery",
    "grocery",
    "food & beverage",
    "food & beverage",
    "grocery",
    "food & beverage",
    "convenience",
    "beauty",
    "pharmacy",
    "grocery",
)
_AUDIENCES = (
    "all members",
    "new members",
    "vip members",
    "students",
    "families",
    "lapsed members",
)
_MECHANIC_TITLES = {
    "receipt_points": "Scan & Earn",
    "punchcard": "Stamp Card",
    "stamps": "Stamp Collector",
    "lucky_draw": "Lucky Draw",
    "safe_box": "Safe Box",
    "game": "Play & Win",
    "levels": "Member Levels",
    "referral": "Bring a Friend",
    "staff_points": "Staff Point Card",
}
_PUNCH_SHAPES = ((4, 2), (5, 5), (6, 3), (8, 4))
STAMPS_LIMIT = 5
CONSUMER_ID_BASE = 10_000_000
RING_ID_BASE = 80_000_000
STAFF_ID_BASE = 90_000_000
ADVERTISER_ID_BASE = 100
CAMPAIGN_ID_BASE = 5000
# Campaigns other than the established ones (one per mechanic, running since before the data):
# this share started before the data too, the rest launch inside the first period.
EARLY_SHARE = 0.25


@dataclass(frozen=True)
class World:
    advertiser_id: np.ndarray
    advertiser_name: list[str]
    industry: list[str]
    region: np.ndarray  # index into REGIONS, per advertiser
    # campaigns, index = campaign index
    campaign_id: np.ndarray
    campaign_advertiser: np.ndarray  # advertiser index
    mechanic: np.ndarray
    start_day: np.ndarray  # float days relative to the first period's start
    end_day: np.ndarray  # float days, inf = always on
    punch_stamps: np.ndarray
    punch_steps: np.ndarray
    audience: list[str]
    campaign_name: list[str]
    popularity: np.ndarray
    orphan: np.ndarray  # bool: left out of the reference data
    traits: CampaignTraits
    # staff
    staff_campaign: np.ndarray  # campaign index of each staff member
    staff_id: np.ndarray
    clock: Clock
    incidents: Incidents

    @property
    def n_campaigns(self) -> int:
        return self.campaign_id.size

    def region_names(self) -> np.ndarray:
        return np.array(REGIONS)[self.region[self.campaign_advertiser]]


def build_world(cfg: GeneratorConfig) -> World:
    seed = cfg.seed
    n_adv = int(np.clip(round(np.sqrt(cfg.events / 2500)), 4, len(_BRANDS)))
    adv_index = np.arange(n_adv)
    adv_keys = rng.hash_keys(seed, 1, adv_index)
    per_adv = rng.integers(adv_keys, 1, 3, 6)
    region = rng.integers(adv_keys, 2, 0, len(REGIONS) - 1)
    campaign_adv = np.repeat(adv_index, per_adv)
    n_camp = campaign_adv.size
    c_index = np.arange(n_camp)
    c_keys = rng.hash_keys(seed, 2, c_index)

    mechanic = rng.choice(c_keys, 1, MECHANIC_WEIGHTS)
    # Every mechanic exists: the first campaigns (spread over advertisers) take one each.
    order = np.argsort(rng.uniform(c_keys, 2), kind="stable")
    guaranteed = order[: len(MECHANICS)]
    mechanic[guaranteed] = np.arange(len(MECHANICS))

    days = cfg.days
    early = rng.uniform(c_keys, 3) < EARLY_SHARE
    when = rng.uniform(c_keys, 12)
    start_day = np.where(early, -150 + when * 140, 7 + when * 0.65 * days)
    length = 28 + rng.uniform(c_keys, 4) * 120
    end_day = np.where(rng.uniform(c_keys, 5) < 0.45, np.inf, start_day + length)
    # The established campaigns run from well before the first day, always on ...
    start_day[guaranteed] = -120 + rng.uniform(c_keys[guaranteed], 6) * 100
    end_day[guaranteed] = np.inf
    # ... and one more campaign ends mid-period (users who come later get No Campaign Joined).
    ending = order[len(MECHANICS)] if n_camp > len(MECHANICS) else order[-1]
    start_day[ending] = -120.0
    end_day[ending] = 0.4 * days
    shape = rng.integers(c_keys, 7, 0, len(_PUNCH_SHAPES) - 1)
    punch = np.array(_PUNCH_SHAPES)[shape]
    is_punch = mechanic == M["punchcard"]
    punch_stamps = np.where(is_punch, punch[:, 0], 0)
    punch_steps = np.where(is_punch, punch[:, 1], 0)
    popularity = 1.0 / (1.0 + rng.uniform(c_keys, 8) * 4.0)
    popularity[guaranteed] = np.maximum(popularity[guaranteed], 0.5)

    orphan = np.zeros(n_camp, dtype=bool)
    if cfg.rates.orphan_campaigns:
        pick = order[: len(MECHANICS)][np.argsort(rng.uniform(c_keys[guaranteed], 9))]
        orphan[pick[: cfg.rates.orphan_campaigns]] = True

    audience = [_AUDIENCES[i] for i in rng.integers(c_keys, 10, 0, len(_AUDIENCES) - 1)]
    brand_pick = np.argsort(rng.uniform(rng.hash_keys(seed, 3, np.arange(len(_BRANDS))), 1))
    brands = [_BRANDS[i] for i in brand_pick[:n_adv]]
    industries = [_INDUSTRIES[i] for i in brand_pick[:n_adv]]
    names = []
    for i in range(n_camp):
        title = _MECHANIC_TITLES[MECHANICS[mechanic[i]]]
        names.append(f"{brands[campaign_adv[i]]} {title} #{i + 1}")

    staff_campaigns = np.flatnonzero(mechanic == M["staff_points"])
    staff_per = rng.integers(rng.hash_keys(seed, 4, staff_campaigns), 1, 3, 8)
    staff_campaign = np.repeat(staff_campaigns, staff_per)
    traits = campaign_traits(seed, mechanic, campaign_adv, region)
    incidents = place_incidents(cfg, start_day, end_day, mechanic, orphan, popularity)
    return World(
        advertiser_id=ADVERTISER_ID_BASE + adv_index,
        advertiser_name=brands,
        industry=industries,
        region=region,
        campaign_id=CAMPAIGN_ID_BASE + c_index * 7 + rng.integers(c_keys, 11, 0, 6),
        campaign_advertiser=campaign_adv,
        mechanic=mechanic,
        start_day=start_day,
        end_day=end_day,
        punch_stamps=punch_stamps,
        punch_steps=punch_steps,
        audience=audience,
        campaign_name=names,
        popularity=popularity,
        orphan=orphan,
        traits=traits,
        staff_campaign=staff_campaign,
        staff_id=STAFF_ID_BASE + np.arange(staff_campaign.size),
        clock=build_clock(cfg.first_period.start),
        incidents=incidents,
    )
