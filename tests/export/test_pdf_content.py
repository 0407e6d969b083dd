"""The exported leaflet prints every sentence and figure of the seed, literally, in four pages."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from export.pdf import render_leaflet
from tests.conftest import SAMPLE, SEED
from tests.export.helpers import normalise, pdf_text, sample, with_message


def seed_sentences() -> list[str]:
    out = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        for cell in line.split("\t"):
            out += [normalise(s) for s in re.split(r"(?<=[.;:?])\s+", cell) if normalise(s)]
    return out


@pytest.mark.parametrize("print_pdf", [False, True])
def test_every_seed_sentence_and_figure_is_printed(print_pdf: bool) -> None:
    content, borough = sample()
    rendered = render_leaflet(content, borough, SAMPLE, print_pdf=print_pdf)
    text = pdf_text(rendered.pdf)
    missing = [s for s in seed_sentences() if s not in text]
    assert missing == []
    assert len(seed_sentences()) > 150  # the seed really was read
    assert rendered.findings == []


def test_sample_fits_four_a4_pages_with_sections_mapped() -> None:
    content, borough = sample()
    rendered = render_leaflet(content, borough, SAMPLE)
    pages = PdfReader(io.BytesIO(rendered.pdf)).pages
    assert len(pages) == 4
    assert [round(float(x)) for x in pages[0].mediabox[2:]] == [595, 842]
    assert rendered.section_pages["deputy_mayor"] == 0
    assert rendered.section_pages["commander"] == 1
    assert rendered.section_pages["results"] == 2
    assert rendered.section_pages["contacts"] == 3


def test_invariant_output_is_reproducible() -> None:
    content, borough = sample()
    first = render_leaflet(content, borough, SAMPLE, invariant=True).pdf
    assert render_leaflet(content, borough, SAMPLE, invariant=True).pdf == first


def test_metadata_bookmarks_and_links() -> None:
    content, borough = sample()
    reader = PdfReader(io.BytesIO(render_leaflet(content, borough, SAMPLE).pdf))
    assert reader.metadata.title == "Local Policing Summary Tower Hamlets"
    assert "2009/10" in reader.metadata.subject
    assert reader.metadata.author
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    titles = [item.title for item in reader.outline]
    assert "Tower Hamlets: local information" in titles
    assert "How did Tower Hamlets perform during 2009/10?" in titles
    uris = [a.get_object()["/A"]["/URI"] for p in reader.pages for a in p.get("/Annots", [])]
    assert "mailto:kit.malthouse@london.gov.uk" in uris
    assert "https://www.mpa.gov.uk/partnerships" in uris


HOSTILE = ['12 suspects <and> seized', '<b>unclosed', '<img src="/etc/passwd"/>', 'Fish & Chips &amp; more',
           '<a href="javascript:alert(1)">click</a>', '<font color=red>x</font>']


def test_hostile_text_is_printed_literally() -> None:
    content, borough = sample()
    borough = with_message(borough, "\n\n".join(HOSTILE))
    pdf = render_leaflet(content, borough, SAMPLE).pdf
    text = pdf_text(pdf)
    for hostile in HOSTILE:
        assert normalise(hostile) in text
    assert b"javascript" not in pdf.lower().replace(b"javascript:alert(1)", b"")  # text only, never an action
    reader = PdfReader(io.BytesIO(pdf))
    uris = [a.get_object()["/A"].get("/URI", "") for p in reader.pages for a in p.get("/Annots", [])]
    assert not [u for u in uris if "javascript" in u]


def test_characters_the_font_lacks_are_reported_not_boxed() -> None:
    content, borough = sample()
    borough = with_message(borough, "Zażółć Łódź — 世界 😀 done.")
    rendered = render_leaflet(content, borough, SAMPLE)
    glyphs = [f for f in rendered.findings if f.code == "layout.missing_glyph"]
    assert len(glyphs) == 1 and glyphs[0].path == "commander"
    assert "U+4E16" in glyphs[0].message and "U+1F600" in glyphs[0].message
    text = pdf_text(rendered.pdf)
    assert "Zażółć Łódź — done." in text.replace("  ", " ")
    assert "😀" not in text


def test_a5_booklet_is_eight_a5_pages_and_fits() -> None:
    from dataclasses import replace

    from model.types import Layout

    content, borough = sample()
    content = replace(content, layout=Layout("A5", 8))
    rendered = render_leaflet(content, borough, SAMPLE)
    pages = PdfReader(io.BytesIO(rendered.pdf)).pages
    assert len(pages) == 8
    assert [round(float(x)) for x in pages[0].mediabox[2:]] == [420, 595]
    assert rendered.findings == []
    # Narrow A5 columns break one long web address across lines, so compare without spaces here.
    text = pdf_text(rendered.pdf).replace(" ", "")
    assert [s for s in seed_sentences() if s.replace(" ", "") not in text] == []


def test_a5_in_four_pages_reports_overflow_instead_of_adding_pages() -> None:
    from dataclasses import replace

    from model.types import Layout

    content, borough = sample()
    rendered = render_leaflet(replace(content, layout=Layout("A5", 4)), borough, SAMPLE)
    assert len(PdfReader(io.BytesIO(rendered.pdf)).pages) == 4
    overflow = {f.path for f in rendered.findings if f.code == "layout.overflow"}
    assert "contacts" in overflow  # the text flows in reading order: what does not fit is the leaflet's end
