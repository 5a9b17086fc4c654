"""What makes campaigns differ: mechanic, brand, region and the quality of the stores.

Each campaign gets the shares its receipts follow (acceptance, fraud, failures, rewards) and how
long its members stay. An analyst comparing campaigns sees these differences, and the truth
table `campaign_traits` records them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wecheer.generator import rng

MECHANICS = (
    "receipt_points",
    "punchcard",
    "stamps",
    "lucky_draw",
    "safe_box",
    "game",
    "levels",
    "referral",
    "staff_points",
)
M = {name: index for index, name in enumerate(MECHANICS)}
# Mechanics whose accepted receipts earn points (and send No Point Received on no reward).
POINTS_MECHANICS = np.array(
    [m in ("receipt_points", "game", "levels", "referral", "staff_points") for m in MECHANICS]
)
# Mechanics where an accepted receipt only wins sometimes (a draw, a game).
LOTTERY_MECHANICS = np.array([m in ("lucky_draw", "game") for m in MECHANICS])
# How long members stay, by mechanic (collecting keeps people coming back; a draw does not).
MECHANIC_RETENTION = np.array([1.0, 1.25, 1.1, 0.8, 0.95, 0.9, 1.2, 0.85, 1.0])

REGIONS = ("Hong Kong", "Singapore", "Malaysia", "Thailand", "Taiwan")
REGION_FRAUD = np.array([1.0, 0.6, 1.5, 1.3, 0.8])  # fraud attempts, relative

# Receipt paths after a Scan Receipt (columns of `path_weights`).
PATHS = ("scanned", "triage", "failed", "fraud", "incomplete", "review_limit", "abandoned")
SCANNED, TRIAGE, FAILED, FRAUD, INCOMPLETE, REVIEW_LIMIT, ABANDONED = range(len(PATHS))
# The accounts of a fraud ring: most receipts flagged, some get through.
RING_PATH_WEIGHTS = (0.25, 0.0, 0.05, 0.65, 0.05, 0.0, 0.0)
SILENT_SHARE = 0.015  # accepted receipts that send no reward and no no-reward event
GAME_COMPLETION = 0.9  # games played to the end


@dataclass(frozen=True)
class CampaignTraits:
    quality: np.ndarray  # store quality, 0 (poor receipts, lax checks) to 1
    path_weights: np.ndarray  # (campaigns, PATHS): share of scans taking each path
    approve_share: np.ndarray  # triaged receipts approved by manual verification
    no_reward_share: np.ndarray  # accepted receipts that earn nothing (minimum spend)
    win_share: np.ndarray  # lucky draw and game: accepted receipts that win (1 elsewhere)
    retention: np.ndarray  # multiplies how often and how long members come back
    manual_stamp_share: np.ndarray  # punchcards: stamps the store gives by hand

    def path_cdf(self) -> np.ndarray:
        """Cumulative path weights per campaign, with the fraud ring's row last."""
        weights = np.vstack([self.path_weights, np.array(RING_PATH_WEIGHTS)])
        return np.cumsum(weights, axis=1) / weights.sum(axis=1, keepdims=True)


def campaign_traits(seed: int, mechanic: np.ndarray, advertiser: np.ndarray,
                    advertiser_region: np.ndarray) -> CampaignTraits:  # fmt: skip
    """Traits of campaigns (index order), from their mechanic, brand and region."""
    n = mechanic.size
    keys = rng.hash_keys(seed, 5, np.arange(n))
    brand = rng.uniform(rng.hash_keys(seed, 6, advertiser), 1)
    quality = np.clip(0.55 * brand + 0.45 * rng.uniform(keys, 1), 0.0, 1.0)
    poor = 1.0 - quality
    weights = np.zeros((n, len(PATHS)))
    weights[:, FRAUD] = (0.004 + 0.028 * poor**2) * REGION_FRAUD[advertiser_region[advertiser]]
    weights[:, FAILED] = 0.015 + 0.09 * poor
    weights[:, INCOMPLETE] = 0.015 + 0.05 * poor
    weights[:, TRIAGE] = 0.04 + 0.08 * poor
    weights[:, REVIEW_LIMIT] = 0.005 + 0.01 * poor
    weights[:, ABANDONED] = 0.03 + 0.06 * rng.uniform(keys, 2)
    weights[:, SCANNED] = 1.0 - weights.sum(axis=1)

    u = rng.uniform(keys, 3)
    no_reward = np.where(mechanic == M["receipt_points"], 0.03 + 0.15 * u, 0.02 + 0.08 * u)
    win = np.ones(n)
    win = np.where(mechanic == M["lucky_draw"], 0.15 + 0.25 * u, win)
    win = np.where(mechanic == M["game"], 0.35 + 0.3 * u, win)
    no_reward = np.where(LOTTERY_MECHANICS[mechanic], 0.0, no_reward)
    retention = MECHANIC_RETENTION[mechanic] * (0.8 + 0.4 * rng.uniform(keys, 4))
    manual = np.where(mechanic == M["punchcard"], 0.05 + 0.25 * rng.uniform(keys, 5), 0.0)
    return CampaignTraits(
        quality=quality,
        path_weights=weights,
        approve_share=0.5 + 0.35 * quality,
        no_reward_share=no_reward,
        win_share=win,
        retention=retention,
        manual_stamp_share=manual,
    )
