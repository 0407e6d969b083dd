"""A new edition from the sample: 32 loadable drafts, period rolled, priorities offered, target never overwritten."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from export.checking import borough_findings
from model.boroughs import BOROUGHS, BY_SLUG, borough_slug, suggest_borough
from model.edition import load_edition, slugify
from model.new_edition import (
    NewEditionError,
    create_edition,
    format_period,
    parse_period,
    roll_labels,
)
from tests.conftest import SAMPLE


@pytest.fixture
def new_edition(tmp_path: Path) -> Path:
    create_edition(SAMPLE, tmp_path / "2010-11", "2010/11")
    return tmp_path / "2010-11"


def test_32_boroughs_with_unique_slugs() -> None:
    assert len(BOROUGHS) == 32
    assert len(BY_SLUG) == 32
    assert "tower-hamlets" in BY_SLUG and "kensington-and-chelsea" in BY_SLUG


def test_new_edition_has_32_valid_borough_files_that_check_runs_on(new_edition: Path) -> None:
    edition = load_edition(new_edition)
    assert sorted(edition.boroughs) == sorted(slugify(b) for b in BOROUGHS)
    for slug, loaded in edition.boroughs.items():
        assert loaded.doc.borough == BY_SLUG[slug]
        assert loaded.doc.status == "draft"
        assert loaded.doc.commander.message == "" and loaded.doc.initiatives == ()
        assert loaded.doc.approval is None and loaded.doc.comments == ()
        findings = borough_findings(edition.content.doc, loaded.doc, new_edition)
        assert isinstance(findings, list)


def test_period_and_heading_labels_rolled_forward_body_text_kept(new_edition: Path) -> None:
    content = load_edition(new_edition).content.doc
    assert (content.period, content.next_period) == ("2010/11", "2011/12")
    assert content.looking_back.heading == "Looking back on 2010/11"
    # Not a period label (a three-year plan): left alone.
    assert content.mpa_work.subheading == "Policing London Business Plan 2010/2013"
    previous = load_edition(SAMPLE).content.doc
    assert content.looking_back.text == previous.looking_back.text
    assert content.deputy_mayor == previous.deputy_mayor


def test_last_years_priorities_offered_as_results_rows(new_edition: Path) -> None:
    borough = load_edition(new_edition).boroughs["tower-hamlets"].doc
    offered = [(r.measure, r.target_pct, r.outcome, r.change) for r in borough.results]
    assert offered == [
        ("Serious acquisitive crime", Decimal("-1.0"), None, None),
        ("Most serious violence", Decimal("-2.0"), None, None),
        ("Serious youth violence", Decimal("-5.5"), None, None),
        ("Gun crime", Decimal("-1.0"), None, None),
        ("Knife crime", Decimal("-1.0"), None, None),
    ]
    assert borough.priorities == ()
    assert borough.commander.name == "Paul Rickett"
    assert borough.contacts[0].name == "Tower Hamlets police stations"


def test_images_copied(tmp_path: Path) -> None:
    source = tmp_path / "old"
    create_edition(SAMPLE, source, "2009/10")
    (source / "images" / "commander.jpg").write_bytes(b"jpeg bytes")
    (source / "images" / "outside.jpg").symlink_to("/etc/hostname")
    create_edition(source, tmp_path / "new", "2010/11")
    assert (tmp_path / "new" / "images" / "commander.jpg").read_bytes() == b"jpeg bytes"
    assert not (tmp_path / "new" / "images" / "outside.jpg").exists()


def test_refuses_a_target_with_content_and_leaves_it_alone(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    with pytest.raises(NewEditionError, match="not empty"):
        create_edition(SAMPLE, target, "2010/11")
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]  # no staging folder left behind


def test_an_empty_target_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    create_edition(SAMPLE, tmp_path / "empty", "2010/11")
    assert len(list((tmp_path / "empty" / "boroughs").glob("*.yaml"))) == 32


@pytest.mark.parametrize("text", ["2010", "2010/12", "10/11", "next year", ""])
def test_bad_period_refused(text: str, tmp_path: Path) -> None:
    with pytest.raises(NewEditionError, match="not a period"):
        create_edition(SAMPLE, tmp_path / "x", text)
    assert not (tmp_path / "x").exists()


@settings(max_examples=100)
@given(st.integers(1990, 2090))
def test_period_round_trip_and_labels_do_not_chain(start: int) -> None:
    assert parse_period(format_period(start)) == start
    text = f"Looking back on {format_period(start)}; priorities for {format_period(start + 1)}"
    rolled = roll_labels(text, {start: start + 1, start + 1: start + 2})
    assert rolled == f"Looking back on {format_period(start + 1)}; priorities for {format_period(start + 2)}"


def test_borough_names_tolerant_matching() -> None:
    assert borough_slug("  barking & dagenham ") == "barking-and-dagenham"
    assert borough_slug("KENSINGTON AND CHELSEA") == "kensington-and-chelsea"
    assert borough_slug("City of Westminster") == "westminster"
    assert borough_slug("Tower Hamlet") is None
    assert suggest_borough("Tower Hamlet") == "Tower Hamlets"
    assert borough_slug("City of London") is None  # policed by the City of London Police, not the Met


def test_generated_edition_is_deterministic_and_loads(tmp_path: Path) -> None:
    from benchmarks.generate_edition import generate_edition

    first, second = generate_edition(tmp_path / "a", seed=7), generate_edition(tmp_path / "b", seed=7)
    edition = load_edition(first)
    assert len(edition.boroughs) == 32
    for path in (first / "boroughs").glob("*.yaml"):
        assert path.read_bytes() == (second / "boroughs" / path.name).read_bytes()
    lengths = sorted(len(lo.doc.commander.message) for lo in edition.boroughs.values())
    assert lengths[-1] > 2 * lengths[0]  # varied, not 32 copies
    assert len({lo.doc.results[0].change for lo in edition.boroughs.values()}) > 20
