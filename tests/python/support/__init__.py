"""Test-only helpers shared by the test areas: source builders, warehouses, servers."""

PROFILES = ("clean", "realistic", "hostile")
GENERATED_EVENTS = 30_000
GENERATED_DB_NAME = "generated.duckdb"
# The source-QA check names: part of the package's interface (issue 5), spelled out here once.
QA_CHECK_NAMES = frozenset(
    {
        "unplanned_events",
        "event_name_aliases",
        "duplicate_message_ids",
        "missing_ids",
        "future_timestamps",
        "past_timestamps",
        "late_arrivals",
        "clock_skew",
        "tracks_parity",
        "type_drift",
        "orphan_ids",
        "sequence_violations",
        "volume_anomalies",
        "freshness",
    }
)
