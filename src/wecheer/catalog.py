"""The Wecheer event catalogue (seeds/wecheer_event_catalog.csv), read once."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from wecheer.paths import CATALOG_CSV


@dataclass(frozen=True)
class CatalogEvent:
    event_name: str
    wire_name: str
    table_from_event_name: str
    table_from_wire_name: str
    category: str
    description: str
    expects_user_id: bool
    expects_advertiser_id: bool
    expects_campaign_id: bool


@cache
def load_catalog() -> tuple[CatalogEvent, ...]:
    """All 52 catalogue events in file order."""
    with CATALOG_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    flags = ("expects_user_id", "expects_advertiser_id", "expects_campaign_id")
    return tuple(
        CatalogEvent(**{k: (v == "true") if k in flags else v for k, v in row.items()})
        for row in rows
    )


def by_name() -> dict[str, CatalogEvent]:
    return {event.event_name: event for event in load_catalog()}
