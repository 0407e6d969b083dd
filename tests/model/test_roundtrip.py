"""Any document, with any text, saves and loads back equal; saving is deterministic."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings

from model.storage import load, parse_document, save, serialize
from model.types import Borough, EditionContent, ResultRow
from tests.conftest import SAMPLE, SAMPLE_BOROUGH
from tests.model.strategies import documents

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents(Borough))
def test_any_borough_round_trips(doc: Borough) -> None:
    data = serialize(doc)
    again, _ = parse_document(Borough, data, "mem")
    assert again == doc
    assert serialize(again) == data  # deterministic: the same document always gives the same bytes


@SETTINGS
@given(documents(EditionContent))
def test_any_edition_content_round_trips(doc: EditionContent) -> None:
    again, _ = parse_document(EditionContent, serialize(doc), "mem")
    assert again == doc


@settings(max_examples=60, deadline=None)
@given(documents(Borough))
def test_saved_text_reads_back_as_the_same_strings_in_plain_yaml(doc: Borough) -> None:
    """Other tools read our files with yaml.safe_load: strings must stay strings there too."""
    plain = yaml.safe_load(serialize(doc))
    assert plain["borough"] == doc.borough
    for i, contact in enumerate(doc.contacts):
        if contact.phone:
            assert plain["contacts"][i]["phone"] == contact.phone


def test_risky_strings_are_quoted_and_long_text_is_a_block() -> None:
    doc = Borough(borough="no", contacts=(), results=(ResultRow(measure="12:30", change=-6,
                                                                change_pct=Decimal("-0.6")),))
    doc = doc.__class__(**{**doc.__dict__, "commander": doc.commander.__class__(message="one\n\ntwo\n")})
    text = serialize(doc).decode()
    assert "borough: 'no'" in text
    assert "measure: '12:30'" in text
    assert "message: |" in text
    assert "change_pct: -0.6" in text


def test_decimal_places_as_written_survive(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text("format: 1\nborough: X\nresults:\n  - measure: Knife crime\n    change_pct: -10.40\n")
    loaded = load(Borough, path)
    assert str(loaded.doc.results[0].change_pct) == "-10.40"
    assert "change_pct: -10.40" in serialize(loaded.doc).decode()


def test_sample_files_are_in_canonical_form() -> None:
    for cls, path in ((EditionContent, SAMPLE / "edition.yaml"), (Borough, SAMPLE_BOROUGH)):
        assert serialize(load(cls, path).doc) == path.read_bytes(), f"run: python main.py fmt {path}"


def test_save_writes_exactly_the_serialized_bytes(tmp_path: Path) -> None:
    doc = load(Borough, SAMPLE_BOROUGH).doc
    target = tmp_path / "copy.yaml"
    save(doc, target)
    assert target.read_bytes() == serialize(doc)
    assert load(Borough, target).doc == doc
