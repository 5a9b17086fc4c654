"""The Wecheer event catalogue (seeds/wecheer_event_catalog.csv), read once.

The same file is the dbt seed the models read: which ids an event carries, and its place in the
receipt and punchcard journeys (docs/source-contract.md).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, fields
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
    receipt_step: str | None  # the event's step in a receipt attempt (None: not a step)
    receipt_step_rank: int | None  # its rank among events of the same second
    is_receipt_reward: bool  # rewards an accepted receipt
    punchcard_step: str | None  # the event's step on a punchcard (`stamp`, `completed`, ...)
    punchcard_step_rank: int | None
    marks_punchcard_campaign: bool  # only a campaign that runs punchcards sends it
    campaign_measure: str | None  # `rewards` or `redemptions` in wecheer__campaign_daily


_TYPES = {f.name: f.type for f in fields(CatalogEvent)}


def _value(column: str, text: str):
    kind = _TYPES[column]
    if kind == "bool":
        return text == "true"
    if text == "" and "None" in kind:
        return None
    return int(text) if kind.startswith("int") else text


@cache
def load_catalog() -> tuple[CatalogEvent, ...]:
    """All 52 catalogue events in file order."""
    with CATALOG_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(CatalogEvent(**{k: _value(k, v) for k, v in row.items()}) for row in rows)


def by_name() -> dict[str, CatalogEvent]:
    return {event.event_name: event for event in load_catalog()}
