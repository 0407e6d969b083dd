"""The bundled sample edition holds every sentence and figure of the real Tower Hamlets leaflet."""

from __future__ import annotations

import re

import pytest

from model.edition import load_edition
from model.leaflet import printed_text, result_line
from model.types import ResultRow
from tests.conftest import SAMPLE, SEED

# Lines of the seed that are layout, not content: logo captions and empty bullets.
_NOT_CONTENT = {"MPA", "Met Forward", "-", "*"}


def normalise(text: str) -> str:
    """Whitespace collapsed, list markers and the seed's markdown emphasis removed."""
    text = text.replace("*", "").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip()


def seed_sentences() -> list[str]:
    sentences = []
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = raw.strip().lstrip("-").strip().lstrip("*").strip()
        if not line or line in _NOT_CONTENT:
            continue
        # The results table is tab-separated columns in the seed.
        sentences.extend(normalise(cell) for cell in re.split(r"\t+", line) if cell.strip())
    return sentences


def sample_text() -> str:
    edition = load_edition(SAMPLE)
    return normalise(printed_text(edition.content.doc, edition.boroughs["tower-hamlets"].doc))


def test_seed_is_read() -> None:
    assert len(seed_sentences()) > 100


@pytest.mark.parametrize("sentence", seed_sentences())
def test_every_seed_line_is_in_the_sample(sentence: str) -> None:
    text = sample_text()
    # Contact lines are printed "tel: 020 ..." as in the seed; everything else verbatim.
    assert sentence in text


def test_every_figure_of_the_seed_is_in_the_sample() -> None:
    seed_figures = re.findall(r"[-+]?\d[\d,./]*%?", SEED.read_text(encoding="utf-8"))
    text = sample_text()
    missing = [f for f in seed_figures if f not in text]
    assert not missing


def test_result_line_matches_the_seed_wording() -> None:
    from decimal import Decimal

    # The seed's form is an edition option (the sample edition sets it: results_wording: offences_or).
    seed = "offences_or"
    assert result_line(ResultRow(change=-136, change_pct=Decimal("-12.7")), seed) == "136 offences or -12.7%"
    assert result_line(ResultRow(change=44, change_pct=Decimal("21.4")), seed) == "44 offences or +21.4%"
    assert result_line(ResultRow(change=1, change_pct=Decimal("0.1")), seed) == "1 offence or +0.1%"
