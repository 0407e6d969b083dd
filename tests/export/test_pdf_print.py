"""The print PDF: fonts embedded, CMYK only, 3 mm bleed with art in it, crop marks, Trim/BleedBox."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PageObject, PdfReader

from export.pdf import render_leaflet
from tests.conftest import SAMPLE
from tests.export.helpers import sample

MM = 72 / 25.4


@pytest.fixture(scope="module")
def print_pdf() -> PdfReader:
    content, borough = sample()
    return PdfReader(io.BytesIO(render_leaflet(content, borough, SAMPLE, print_pdf=True).pdf))


@pytest.fixture(scope="module")
def screen_pdf() -> PdfReader:
    content, borough = sample()
    return PdfReader(io.BytesIO(render_leaflet(content, borough, SAMPLE).pdf))


def _fonts(reader: PdfReader) -> list[dict]:
    out = []
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        out += [fonts[name].get_object() for name in fonts]
    return out


@pytest.mark.parametrize("which", ["print_pdf", "screen_pdf"])
def test_every_font_is_an_embedded_truetype(which: str, request: pytest.FixtureRequest) -> None:
    fonts = _fonts(request.getfixturevalue(which))
    assert fonts
    for font in fonts:
        assert "Helvetica" not in str(font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]


def test_boxes_bleed_and_crop_marks(print_pdf: PdfReader) -> None:
    for page in print_pdf.pages:
        trim = [float(x) for x in page.trimbox]
        bleed = [float(x) for x in page.bleedbox]
        media = [float(x) for x in page.mediabox]
        assert trim[2] - trim[0] == pytest.approx(210 * MM, abs=0.5)
        assert trim[3] - trim[1] == pytest.approx(297 * MM, abs=0.5)
        for edge in range(2):
            assert trim[edge] - bleed[edge] == pytest.approx(3 * MM, abs=0.01)
            assert bleed[edge + 2] - trim[edge + 2] == pytest.approx(3 * MM, abs=0.01)
        assert media[0] < bleed[0] and media[2] > bleed[2]  # room for crop marks outside the bleed


def _rects(page: PageObject) -> list[tuple[float, ...]]:
    data = page.get_contents().get_data().decode("latin-1")
    return [tuple(float(v) for v in m.groups()) for m in re.finditer(r"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re", data)]


def test_backgrounds_run_into_the_bleed(print_pdf: PdfReader) -> None:
    title_band = [r for r in _rects(print_pdf.pages[0]) if r[0] <= -3 * MM + 0.01]
    assert title_band and all(r[2] >= (210 + 6) * MM - 0.01 for r in title_band)
    back_band = [r for r in _rects(print_pdf.pages[3]) if r[1] <= -3 * MM + 0.01]
    assert back_band  # the emergency band reaches the bottom bleed


def test_print_is_cmyk_only_and_text_is_pure_black(print_pdf: PdfReader, screen_pdf: PdfReader) -> None:
    for page in print_pdf.pages:
        data = page.get_contents().get_data().decode("latin-1")
        assert not re.search(r"\b(rg|RG)\b", data)
        assert "0 0 0 1 k" in data  # body text: 100% K
        for image in page.images:
            assert image.image.mode == "CMYK"
    screen = screen_pdf.pages[1].get_contents().get_data().decode("latin-1")
    assert re.search(r"\brg\b", screen)


def test_no_links_in_the_print_file(print_pdf: PdfReader) -> None:
    assert all("/Annots" not in page for page in print_pdf.pages)


def test_sample_photos_are_300_dpi_at_their_placed_size() -> None:
    content, borough = sample()
    rendered = render_leaflet(content, borough, SAMPLE, print_pdf=True)
    assert not [f for f in rendered.findings if f.code == "photo.resolution"]
