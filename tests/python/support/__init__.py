"""Test-only helpers shared by the test areas: source builders, warehouses, servers."""

from wecheer.qa_checks import check_names

PROFILES = ("clean", "realistic", "hostile")
GENERATED_EVENTS = 30_000
GENERATED_DB_NAME = "generated.duckdb"
# The source-QA check names: part of the package's interface, listed once in the QA check seed.
QA_CHECK_NAMES = frozenset(check_names())
