"""Event codes: the catalogue in file order, then a few names Wecheer never documented; and the
catalogue's journey columns as code sets (the models read the same columns from the seed)."""

from __future__ import annotations

import numpy as np

from wecheer.catalog import load_catalog
from wecheer.generator.naming import snakecase

CATALOG = load_catalog()
N_CATALOG = len(CATALOG)
E = {event.event_name: index for index, event in enumerate(CATALOG)}

# Events not in the catalogue (the `unplanned` fault): (title spelling, wire spelling).
UNPLANNED = (
    ("Receipt Uploaded", "ReceiptUploaded"),
    ("Coupon Clipped", "CouponClipped"),
    ("App Opened", "AppOpened"),
    ("Test Event", "TestEvent"),
)
TITLE_NAMES = [e.event_name for e in CATALOG] + [u[0] for u in UNPLANNED]
WIRE_NAMES = [e.wire_name for e in CATALOG] + [u[1] for u in UNPLANNED]
TITLE_TABLES = [snakecase(n) for n in TITLE_NAMES]
WIRE_TABLES = [snakecase(n) for n in WIRE_NAMES]
N_CODES = len(TITLE_NAMES)

EXPECTS_USER = np.array([e.expects_user_id for e in CATALOG] + [True] * len(UNPLANNED))
EXPECTS_ADV = np.array([e.expects_advertiser_id for e in CATALOG] + [True] * len(UNPLANNED))
EXPECTS_CAMP = np.array([e.expects_campaign_id for e in CATALOG] + [False] * len(UNPLANNED))
IS_PLANNED = np.arange(N_CODES) < N_CATALOG

# Events outside the receipt, punchcard, verification, reward, safe box, game and level
# journeys: only these may receive faults that change meaning (missing ids, future timestamps).
NON_JOURNEY_NAMES = (
    "Card Received",
    "Card Given",
    "No Campaign Joined",
    "User Data Shared",
    "Data Consumer Sync",
    "Advertiser Consumption Transaction",
    "Consumer Referral Invite Generated",
    "Staff Referral Invite Generated",
    "Init Staff Point Card",
    "Handshake QR Valid",
    "Handshake QR Invalid",
    "Staff Products Given",
    "Products Limit Reached",
    "Birthday Reward Received",
)
NON_JOURNEY = np.zeros(N_CODES, dtype=bool)
NON_JOURNEY[[E[name] for name in NON_JOURNEY_NAMES]] = True
NON_JOURNEY[N_CATALOG:] = True


def _codes(predicate) -> np.ndarray:
    return np.array([i for i, e in enumerate(CATALOG) if predicate(e)], dtype=np.int64)


# The catalogue's receipt steps (`receipt_step`): step -> event codes.
RECEIPT_STEP_CODES = {
    step: _codes(lambda e, step=step: e.receipt_step == step)
    for step in sorted({e.receipt_step for e in CATALOG if e.receipt_step})
}
# Events that make an accepted receipt attempt `rewarded` (`is_receipt_reward`).
REWARD_CODES = _codes(lambda e: e.is_receipt_reward)
# The punchcard journey (`punchcard_step`): step -> event codes; and the events only a campaign
# that runs punchcards sends (`marks_punchcard_campaign`).
PUNCHCARD_STEP_CODES = {
    step: _codes(lambda e, step=step: e.punchcard_step == step)
    for step in sorted({e.punchcard_step for e in CATALOG if e.punchcard_step})
}
MARKS_PUNCHCARD = np.zeros(N_CODES, dtype=bool)
MARKS_PUNCHCARD[_codes(lambda e: e.marks_punchcard_campaign)] = True

# Optional richer properties: (column, Title-case key, wire key) per event.
PROPERTY_OF = {
    E["Points Received"]: "points",
    E["Punchcard Stamps Received"]: "stamps",
    E["Stamps Given"]: "stamps",
    E["Manual Give Stamps"]: "stamps",
    E["Level Unlocked"]: "level",
    E["Level Unlock Reward Received"]: "level",
}
