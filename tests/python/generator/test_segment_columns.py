"""Segment's standard columns are defined once (wecheer.segment) for the generator and the
tests. dbt cannot read a Python module, so the staging side keeps its own list in the macro
`wecheer_event_table_columns` (the columns it reads, ids cast to strings); this checks that the
macro reads every standard column, timestamps as timestamps."""

from __future__ import annotations

import re

from wecheer.paths import PROJECT_ROOT
from wecheer.segment import STANDARD_COLUMNS

MACRO = PROJECT_ROOT / "macros" / "staging" / "wecheer_event_table_columns.sql"


def test_the_staging_macro_reads_every_standard_segment_column():
    text = MACRO.read_text()
    read = dict(re.findall(r"\{'name': '([a-z_]+)', 'type': '([a-z]+)'", text))
    # the load-time column is a var whose default is Segment's uuid_ts
    load_time = re.search(
        r"\{'name': (?:wecheer\.)?wecheer_load_time_column\(\), 'type': '([a-z]+)'", text
    )
    if load_time:
        read["uuid_ts"] = load_time.group(1)
    assert read, "no column found in the macro: has its format changed?"
    for name, kind in STANDARD_COLUMNS:
        assert name in read, name
        assert (read[name] == "timestamp") == (kind == "TIMESTAMP"), name
