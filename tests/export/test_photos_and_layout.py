"""Bad photos give findings, not crashes; overflow is measured the same way by the check and the PDF."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.platypus import Paragraph

from export.fonts import missing_glyphs
from export.layout import measure_findings
from export.markup import plain, typeset
from export.pdf import render_leaflet
from export.styles import styles
from tests.export.helpers import sample, with_message


def _with_photo(folder: Path, name: str, data: bytes | None) -> tuple:
    content, borough = sample()
    if data is not None:
        (folder / "images").mkdir(exist_ok=True)
        (folder / "images" / name).write_bytes(data)
    return content, replace(borough, commander=replace(borough.commander, photo=f"images/{name}"))


def _codes(findings: list) -> dict[str, str]:
    return {f.code: f.message for f in findings if f.path == "commander.photo"}


def test_missing_photo_is_a_clear_error(sample_copy: Path) -> None:
    content, borough = _with_photo(sample_copy, "nobody.jpg", None)
    rendered = render_leaflet(content, borough, sample_copy)
    assert "nobody.jpg" in _codes(rendered.findings)["photo.missing"]
    assert rendered.pdf.startswith(b"%PDF")


def test_corrupt_photo_is_a_clear_error(sample_copy: Path) -> None:
    good = (sample_copy / "images" / "commander.jpg").read_bytes()
    content, borough = _with_photo(sample_copy, "half.jpg", good[: len(good) // 2])
    assert "half.jpg" in _codes(render_leaflet(content, borough, sample_copy).findings)["photo.unreadable"]
    content, borough = _with_photo(sample_copy, "text.jpg", b"not an image at all")
    assert "photo.unreadable" in _codes(measure_findings(content, borough, sample_copy))


def test_decompression_bomb_is_refused_without_decoding(sample_copy: Path) -> None:
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")
    content, borough = _with_photo(sample_copy, "bomb.png", buffer.getvalue())
    message = _codes(render_leaflet(content, borough, sample_copy).findings)["photo.unreadable"]
    assert "pixels" in message and "resize it" in message


def test_photo_outside_the_edition_is_refused(sample_copy: Path) -> None:
    content, borough = sample()
    borough = replace(borough, commander=replace(borough.commander, photo="../../../etc/passwd"))
    assert "photo.path" in _codes(measure_findings(content, borough, sample_copy))


def test_low_resolution_photo_warns_in_print_only(sample_copy: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 150), "grey").save(buffer, "JPEG")
    content, borough = _with_photo(sample_copy, "small.jpg", buffer.getvalue())
    printed = _codes(render_leaflet(content, borough, sample_copy, print_pdf=True).findings)
    assert "dpi" in printed["photo.resolution"]
    assert "photo.resolution" not in _codes(render_leaflet(content, borough, sample_copy).findings)


def _words_cut(message: str) -> int:
    found = re.search(r"the last (\d+) words? of", message)
    assert found, message
    return int(found.group(1))


def test_three_times_the_commander_message_is_cut_and_reported_in_words(sample_copy: Path) -> None:
    content, borough = sample()
    long = with_message(borough, "\n\n".join([borough.commander.message] * 3))
    found = [f for f in measure_findings(content, long, sample_copy) if f.code == "layout.overflow"]
    assert [f.path for f in found] == ["commander"]
    assert found[0].severity == "error"
    words = _words_cut(found[0].message)
    total = len(long.commander.message.split())
    assert 50 < words < total - 250  # the box grows to most of its page, then the rest is cut
    # the quoted words are where the printed text stops; from there on, the message and signature are cut
    start = re.search(r"from \u2018(.*)\u2026\u2019", found[0].message)
    assert start and start.group(1) in long.commander.message
    after = long.commander.message[long.commander.message.rindex(start.group(1)):]
    assert words == len(after.split()) + len(f"{long.commander.name} {long.commander.title}".split())
    rendered = render_leaflet(content, long, sample_copy)
    assert [f for f in rendered.findings if f.code == "layout.overflow"] == found  # check and PDF agree
    assert len(rendered.pdf) > 0 and rendered.section_pages["commander"] == 1


def test_sample_has_no_layout_findings() -> None:
    from tests.conftest import SAMPLE

    content, borough = sample()
    assert measure_findings(content, borough, SAMPLE) == []


def test_overflow_grows_with_the_text(sample_copy: Path) -> None:
    content, borough = sample()
    counts = []
    for copies in (3, 4, 5):
        doc = with_message(borough, "\n\n".join([borough.commander.message] * copies))
        found = [f for f in measure_findings(content, doc, sample_copy) if f.code == "layout.overflow"]
        counts.append(_words_cut(found[0].message))
    assert counts[0] < counts[1] < counts[2]


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_text_is_literal_markup(text: str) -> None:
    printable = "".join(ch for ch in text if ch not in missing_glyphs(text))
    para = Paragraph(plain(text), styles(False)["body"])
    assert re.sub(r"\s+", "", para.getPlainText()) == re.sub(r"\s+", "", typeset(printable))
