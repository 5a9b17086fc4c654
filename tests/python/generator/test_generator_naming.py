"""go-snakecase: the table and column names Segment derives from names as sent."""

import csv
from pathlib import Path

import pytest

from wecheer.catalog import load_catalog
from wecheer.generator.naming import snakecase

# A copy of shared/spec/snakecase_vectors.csv (the vectors published with go-snakecase), kept
# with the tests so they run wherever the repository is cloned.
VECTORS = Path(__file__).resolve().parent / "data" / "snakecase_vectors.csv"


def _vectors():
    with VECTORS.open(newline="", encoding="utf-8") as handle:
        return [(row["input"], row["table_or_column_name"]) for row in csv.DictReader(handle)]


def test_every_published_snakecase_vector_gives_the_documented_name():
    wrong = [(text, want, snakecase(text)) for text, want in _vectors() if snakecase(text) != want]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "table"),
    [
        ("HandshakeQRInValid", "handshake_qrin_valid"),
        ("Handshake QR Invalid", "handshake_qr_invalid"),
        ("UserId", "user_id"),
        ("Café Visited", "caf_visited"),
    ],
)
def test_the_two_spellings_of_one_event_can_land_in_different_tables(text, table):
    assert snakecase(text) == table


def test_catalogue_table_names_are_the_snakecase_of_both_spellings():
    for event in load_catalog():
        assert snakecase(event.event_name) == event.table_from_event_name
        assert snakecase(event.wire_name) == event.table_from_wire_name
