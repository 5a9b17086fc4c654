"""Event codes: the catalogue in file order, then a few names Wecheer never documented."""

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

# Events that make an accepted receipt attempt `rewarded` (see docs/source-contract.md).
REWARD_NAMES = (
    "Points Received",
    "Stamps Given",
    "Punchcard Stamps Received",
    "Lucky Draw Received",
    "Reward Received",
    "First Consumption Given",
    "Any Consumption Given",
)

# Optional richer properties: (column, Title-case key, wire key) per event.
PROPERTY_OF = {
    E["Points Received"]: "points",
    E["Punchcard Stamps Received"]: "stamps",
    E["Stamps Given"]: "stamps",
    E["Manual Give Stamps"]: "stamps",
    E["Level Unlocked"]: "level",
    E["Level Unlock Reward Received"]: "level",
}
