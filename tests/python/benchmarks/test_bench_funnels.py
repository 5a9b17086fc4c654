"""The funnel benchmark's baseline is only fair if it computes the same thing as the model it is
timed against: its plain self-join must give `wecheer__receipts`' rows, every column (but the
incremental watermark), on every fault profile."""

from __future__ import annotations

import duckdb
import pytest
from bench_funnels import SELF_JOIN_RECEIPTS
from support import PROFILES

# the receipts' columns the benchmark's self-join computes: all but the incremental watermark
RECEIPTS_BUT_WATERMARK = "(select * exclude (last_loaded_at) from main.wecheer__receipts)"


@pytest.mark.parametrize("profile", PROFILES)
def test_benchmark_self_join_gives_the_receipts_rows(generated_warehouse, profile):
    db = generated_warehouse(profile)
    with duckdb.connect(str(db)) as con:
        con.execute(f"create temp table self_join as {SELF_JOIN_RECEIPTS}")
        (rows,) = con.execute("select count(*) from self_join").fetchone()
        differing = [
            con.execute(
                f"select count(*) from (select * from {a} except all select * from {b})"
            ).fetchone()[0]
            for a, b in (
                ("self_join", RECEIPTS_BUT_WATERMARK),
                (RECEIPTS_BUT_WATERMARK, "self_join"),
            )
        ]
    assert rows > 1000
    assert differing == [0, 0]
