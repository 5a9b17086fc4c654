"""What the cross-engine tests compare: the vars of every build and the public marts."""

import json

VARS = json.dumps({"wecheer_qa_as_of": "2026-04-20 00:00:00"})
# Every public mart of the project (a mart missing on either engine is a failure too).
EXPECTED_MARTS = {
    "wecheer__advertisers",
    "wecheer__campaign_cohorts",
    "wecheer__campaign_daily",
    "wecheer__campaign_summary",
    "wecheer__campaigns",
    "wecheer__event_duplicates",
    "wecheer__events",
    "wecheer__funnel_safe_box",
    "wecheer__funnel_scan_to_points",
    "wecheer__games",
    "wecheer__levels",
    "wecheer__lifecycle_funnel",
    "wecheer__manual_verifications",
    "wecheer__punchcard_funnel",
    "wecheer__punchcards",
    "wecheer__qa_findings",
    "wecheer__quarantined_events",
    "wecheer__receipt_funnel",
    "wecheer__receipts",
    "wecheer__safe_boxes",
    "wecheer__source_qa",
    "wecheer__users",
}
