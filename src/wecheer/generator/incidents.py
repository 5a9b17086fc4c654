"""Incidents a report should surface, placed inside the first period on whole UTC days:

- a fraud ring: for two weeks (Monday to Sunday twice) a group of new accounts scans receipts
  in one campaign, most of them flagged as fraud;
- an OCR outage: for one day the receipt reader fails most receipts (`Receipt Failed`);
- a tracking outage: for one day nothing reaches Segment. Journeys that touch the day are lost
  whole (the data never shows half a journey); the source QA's volume check finds the day.

They come with the realistic and hostile fault profiles (`--incidents` / `--no-incidents`);
the truth table `incidents` records each one that happened, with its days and campaign.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from wecheer.generator.arrays import DAY, US
from wecheer.generator.config import GeneratorConfig
from wecheer.generator.traits import M

RING_DAYS = 14
RING_SCANS_PER_MEMBER = 7  # on average
RING_VOLUME = 0.8  # the ring's scans against the campaign's own scans in those weeks
SCANS_PER_EVENT = 0.2  # share of a campaign's events that are receipt scans (for sizing)
OCR_FAILURE_SHARE = 0.85  # receipts failed on the OCR outage day
# The volume check compares a day with the same weekday of the 4 weeks before: the tracking
# outage needs that much history before it, and a week after.
TRACKING_HISTORY_DAYS = 35


@dataclass(frozen=True)
class Incidents:
    ring_campaign: int = -1  # campaign index; -1: no fraud ring
    ring_start: int = 0  # epoch s, a Monday 00:00 UTC
    ring_members: int = 0
    ocr_day: int = -1  # epoch s of the UTC day; -1: none
    tracking_day: int = -1

    @property
    def ring_end(self) -> int:
        return self.ring_start + RING_DAYS * DAY

    @property
    def lost_span(self) -> tuple[int, int] | None:
        """[start, end) epoch seconds when nothing was tracked, or None."""
        return None if self.tracking_day < 0 else (self.tracking_day, self.tracking_day + DAY)

    def on_ocr_day(self, t: np.ndarray) -> np.ndarray:
        return (t >= self.ocr_day) & (t < self.ocr_day + DAY) & (self.ocr_day >= 0)


def place_incidents(cfg: GeneratorConfig, start_day, end_day, mechanic, orphan,
                    popularity) -> Incidents:  # fmt: skip
    """Where the incidents of this world happen (none unless `cfg.rates.incidents`)."""
    if not cfg.rates.incidents:
        return Incidents()
    start, days = cfg.first_period.start, cfg.days
    ocr = start + round(0.33 * days) * DAY if days >= 7 else -1
    tracking = start + round(0.72 * days) * DAY if days >= TRACKING_HISTORY_DAYS + 7 else -1
    first_day = start // DAY + round(0.42 * days)
    ring_start = (first_day + (-(first_day + 3)) % 7) * DAY  # 1970-01-01 was a Thursday
    ring_end_day = (ring_start - start) / DAY + RING_DAYS
    running = (start_day <= (ring_start - start) / DAY - 7) & (end_day >= ring_end_day) & ~orphan
    if ring_end_day > days - 1 or not running.any():
        return Incidents(ocr_day=ocr, tracking_day=tracking)
    # the most popular Scan & Earn campaign running all along, else the most popular one
    preferred = running & (mechanic == M["receipt_points"])
    pool = preferred if preferred.any() else running
    ring = int(np.flatnonzero(pool)[np.argmax(popularity[pool])])
    share = popularity[ring] / popularity[running].sum()
    scans = cfg.events / days * RING_DAYS * SCANS_PER_EVENT * share * RING_VOLUME
    members = max(4, round(scans / RING_SCANS_PER_MEMBER))
    return Incidents(ring, ring_start, members, ocr, tracking)


def incidents_table(incidents: Incidents, campaign_id: np.ndarray) -> pa.Table:
    """The truth table `incidents`: one row per incident that happened."""
    rows = []  # (incident, campaign id, starts, ends (epoch s), description)
    if incidents.ring_campaign >= 0:
        members = f"{incidents.ring_members} new accounts scan receipts, most flagged as fraud"
        campaign = str(campaign_id[incidents.ring_campaign])
        rows.append(("fraud_ring", campaign, incidents.ring_start, incidents.ring_end, members))
    if incidents.ocr_day >= 0:
        failed = f"the receipt reader fails about {OCR_FAILURE_SHARE:.0%} of receipts"
        rows.append(("ocr_outage", None, incidents.ocr_day, incidents.ocr_day + DAY, failed))
    if incidents.tracking_day >= 0:
        lost = "no events reach Segment; journeys touching the day are lost"
        day = incidents.tracking_day
        rows.append(("tracking_outage", None, day, day + DAY, lost))
    columns = list(zip(*rows, strict=True)) if rows else [[]] * 5
    return pa.table(
        {
            "incident": pa.array(columns[0], pa.string()),
            "campaign_id": pa.array(columns[1], pa.string()),
            "starts_at": pa.array([t * US for t in columns[2]], pa.timestamp("us")),
            "ends_at": pa.array([t * US for t in columns[3]], pa.timestamp("us")),
            "description": pa.array(columns[4], pa.string()),
        }
    )
