"""The leaflet flows and fills its pages: no column but the last more than 20% empty, nothing cut, no widows.

On the sample (A4 and the A5 booklet) and on the sample with a 350-word commander's message, measured
with the same placement the PDF is drawn from (`export.layout`), and printed by `python -m export.fill`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from export import layout
from export.fill import MAX_EMPTY, too_empty
from export.layout import Placed, choose, column_fill, load_photos, measure_findings
from model.storage import serialize
from model.types import Borough, EditionContent, Layout
from tests.conftest import ROOT, SAMPLE
from tests.export.helpers import LONG_MESSAGE, long_borough, sample

A5 = Layout("A5", 8)


def _cases() -> list[tuple[str, EditionContent, Borough]]:
    content, borough = sample()
    a5 = replace(content, layout=A5)
    return [("sample A4", content, borough), ("sample A5", a5, borough),
            ("350 words A4", content, long_borough(borough)), ("350 words A5", a5, long_borough(borough))]


CASES = _cases()
IDS = [c[0] for c in CASES]


def test_the_long_message_is_350_words() -> None:
    assert 340 <= len(LONG_MESSAGE.split()) <= 360


@pytest.mark.parametrize(("name", "content", "borough"), CASES, ids=IDS)
def test_no_column_but_the_last_is_more_than_a_fifth_empty_and_nothing_is_cut(
        name: str, content: EditionContent, borough: Borough) -> None:
    fill = column_fill(content, borough, SAMPLE)
    assert len(fill) >= 7
    assert [(c.label, round(c.empty, 3)) for c in too_empty(fill)] == []
    assert [f.message for f in measure_findings(content, borough, SAMPLE) if f.code == "layout.overflow"] == []


def test_the_empty_share_is_measured_where_the_pdf_places_text() -> None:
    """The columns the fill report calls full hold text in the PDF; the planted empty page is reported empty."""
    content, borough = sample()
    photos, _ = load_photos(borough, SAMPLE, print_pdf=False)
    placement, _ = choose(content, borough, photos, print_pdf=False)
    for c in placement.fill:
        placed = placement.pages[c.page][c.frame]
        used = sum(f.size[1] for f in placed)
        assert used <= c.height * (1 - c.empty) + 1  # what was placed fits in the share reported used
        assert used >= c.height * (1 - c.empty) * 0.8
    # the check can fail: a leaflet with almost nothing in it leaves columns empty
    bare = replace(borough, initiatives=(), results=(), priorities=())
    empty_content = replace(content, met_forward=replace(content.met_forward, text=""),
                            mpa_work=replace(content.mpa_work, text=""), cpegs=replace(content.cpegs, text=""))
    assert too_empty(column_fill(empty_content, bare, SAMPLE))


SPLITS: dict[str, int] = {}


@pytest.mark.parametrize(("name", "content", "borough"), CASES, ids=IDS)
def test_no_widows_or_orphans_or_lone_words_at_a_column_top(name: str, content: EditionContent,
                                                            borough: Borough) -> None:
    photos, _ = load_photos(borough, SAMPLE, print_pdf=False)
    placement, _ = choose(content, borough, photos, print_pdf=False)
    split_parts = 0
    for page in placement.pages:
        for frame, placed in page.items():
            for i, f in enumerate(placed):
                inner = f.inner if isinstance(f, Placed) else f
                if isinstance(inner, Paragraph) and getattr(inner, "_split_part", False):
                    split_parts += 1
                    assert len(inner.blPara.lines) >= 2, (frame, inner.getPlainText())
                if i == 0 and isinstance(inner, Paragraph) and getattr(inner, "_split_part", False):
                    assert len(layout.paragraph_text(inner).split()) > 1
    SPLITS[name] = split_parts


def test_paragraphs_do_cross_columns_so_the_widow_rule_is_exercised() -> None:
    if len(SPLITS) < len(CASES):
        for name, content, borough in CASES:
            test_no_widows_or_orphans_or_lone_words_at_a_column_top(name, content, borough)
    assert sum(SPLITS.values()) >= 4


def test_the_fill_script_prints_the_same_measurement(sample_copy: Path) -> None:
    path = sample_copy / "boroughs" / "long.yaml"
    content, borough = sample()
    path.write_bytes(serialize(long_borough(borough)))
    done = subprocess.run([sys.executable, "-m", "export.fill", str(path), "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    expected = column_fill(content, long_borough(borough), sample_copy)
    assert [round(c["empty"], 4) for c in report["columns"]] == [round(c.empty, 4) for c in expected]
    assert report["columns"][-1]["last"] and report["cut"] == []
    table = subprocess.run([sys.executable, "-m", "export.fill", str(path)], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert "page 1 left column" in table.stdout and "(the leaflet's last column)" in table.stdout


def test_the_fill_script_fails_a_leaflet_with_empty_columns(sample_copy: Path) -> None:
    _, borough = sample()
    path = sample_copy / "boroughs" / "bare.yaml"
    path.write_bytes(serialize(replace(borough, initiatives=(), results=(), priorities=(),
                                       commander=replace(borough.commander, message="Short.", pull_quote=""))))
    edition = (sample_copy / "edition.yaml").read_text(encoding="utf-8")
    cut = re.sub(r"(?ms)^(met_forward|mpa_work|cpegs):.*?(?=^\w)", "", edition)
    (sample_copy / "edition.yaml").write_text(cut, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "export.fill", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "more than 20% empty" in done.stdout, done.stdout + done.stderr


def test_a_short_leaflet_is_set_looser_and_a_long_one_tighter() -> None:
    content, borough = sample()
    photos, _ = load_photos(borough, SAMPLE, print_pdf=False)
    layout.clear_caches()
    normal = choose(content, borough, photos, print_pdf=False)[0]
    longer = choose(content, long_borough(borough), photos, print_pdf=False)[0]
    assert longer.level <= normal.level and longer.box_heights[1] > normal.box_heights[1]  # the box grew
    bare = choose(content, replace(borough, initiatives=()), photos, print_pdf=False)[0]
    assert bare.level > normal.level  # less text: set more generously
    assert MAX_EMPTY == 0.20


def test_the_level_a_leaflet_gets_does_not_depend_on_a_longer_text_laid_out_before() -> None:
    """A looser setting that failed is not tried again while the text is no shorter (typing adds words);
    a shorter text is tried looser again, so it gets what a fresh process gives it."""
    content, borough = sample()
    photos, _ = load_photos(borough, SAMPLE, print_pdf=False)
    for shorter in (borough, replace(borough, initiatives=())):
        layout.clear_caches()
        fresh = choose(content, shorter, photos, print_pdf=False)[0].level
        layout.clear_caches()
        choose(content, long_borough(borough), photos, print_pdf=False)
        assert choose(content, shorter, photos, print_pdf=False)[0].level == fresh
