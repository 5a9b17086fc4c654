"""The reference data analysts maintain: advertisers and campaigns (the `orphan` fault leaves
some campaigns out)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from wecheer.generator.config import GeneratorConfig
from wecheer.generator.sink import quote
from wecheer.generator.traits import MECHANICS
from wecheer.generator.world import World


def write_reference(con, cfg: GeneratorConfig, world: World, schema: str) -> None:
    s = quote(schema)
    advertisers = pa.table(
        {
            "advertiser_id": pa.array(world.advertiser_id, pa.int64()),
            "advertiser_name": pa.array(world.advertiser_name),
            "industry": pa.array(world.industry),
        }
    )
    keep = ~world.orphan
    ends = np.where(np.isfinite(world.end_day), world.end_day, 0)
    campaigns = pa.table(
        {
            "campaign_id": pa.array(world.campaign_id[keep], pa.int64()),
            "advertiser_id": pa.array(world.advertiser_id[world.campaign_advertiser][keep]),
            "campaign_name": pa.array(np.array(world.campaign_name)[keep]),
            "mechanic": pa.array(np.array(MECHANICS)[world.mechanic][keep]),
            "start_day": pa.array(np.floor(world.start_day[keep]).astype(np.int32)),
            "end_day": pa.array(
                np.floor(ends[keep]).astype(np.int32), mask=~np.isfinite(world.end_day[keep])
            ),
            "punchcard_stamps": pa.array(
                world.punch_stamps[keep].astype(np.int32), mask=world.punch_stamps[keep] == 0
            ),  # fmt: skip
            "punchcard_steps": pa.array(
                world.punch_steps[keep].astype(np.int32), mask=world.punch_steps[keep] == 0
            ),  # fmt: skip
            "audience": pa.array(np.array(world.audience)[keep]),
        }
    )
    con.register("_adv", advertisers)
    con.register("_camp", campaigns)
    start = cfg.first_period.start
    con.execute(f"create table {s}.advertisers as select * from _adv order by advertiser_id")
    con.execute(
        f"""create table {s}.campaigns as
        select campaign_id, advertiser_id, campaign_name, mechanic,
               (to_timestamp({start})::date + start_day)::date as starts_on,
               (to_timestamp({start})::date + end_day)::date as ends_on,
               punchcard_stamps, punchcard_steps, audience
        from _camp order by campaign_id"""
    )
    con.unregister("_adv")
    con.unregister("_camp")
