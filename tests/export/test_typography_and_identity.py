"""Typography applied when rendering (never to the stored text), the results table, and the masthead."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from export import sections
from export.layout import make_context
from export.markup import MINUS, address_breaks, allow_url_breaks, emphasis, plain, typeset
from export.pdf import render_leaflet
from export.styles import MIN_SIZE, styles
from model.pull_quote import pull_quote_findings
from model.review import fingerprint, photo_fields
from model.types import Layout, Logo, ResultRow
from tests.conftest import SAMPLE
from tests.export.helpers import sample


@pytest.mark.parametrize(("typed", "printed"), [
    ("the MPA's 'Community Engagement Commitment'", "the MPA\u2019s \u2018Community Engagement Commitment\u2019"),
    ('he said "yes" - then left', "he said \u201cyes\u201d \u2013 then left"),
    ("136 offences or -12.7%", f"136 offences or {MINUS}12.7%"),
    ("(-6)", f"({MINUS}6)"),
    ("2009-10, 0300-123-1212, anti-social", "2009-10, 0300-123-1212, anti-social"),
    ("+21.4%", "+21.4%"),
])
def test_typeset(typed: str, printed: str) -> None:
    assert typeset(typed) == printed


_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", MINUS: "-"})


@given(st.text(max_size=80))
def test_typeset_changes_only_quotes_dashes_and_minus(text: str) -> None:
    """Folding the typography back gives the typed text (a spaced "--" prints as one dash)."""
    assert typeset(text).translate(_FOLD) == re.sub(r"(?<=\s)--?(?=\s)", "-", text).translate(_FOLD)


def test_addresses_are_never_typeset_and_break_only_after_separators() -> None:
    assert plain("see www.mpa.gov.uk/have-your-say - now") == "see www.mpa.gov.uk/have-your-say \u2013 now"
    assert address_breaks("haveyoursay") is None
    for head, _tail in address_breaks("www.mpa.gov.uk/publications/policingplans/haveyoursay-businesses") or []:
        assert head[-1] in "/.@-"
    allow_url_breaks()
    style = styles(False)["body"]
    url = "www.mpa.gov.uk/publications/policingplans/haveyoursay-businesses"
    para = Paragraph(f"Log on to {url} today", style)
    para.wrap(110, 1000)
    lines = [" ".join(w if isinstance(w, str) else w.text for w in line[1]) for line in para.blPara.lines]
    assert len(lines) >= 3
    pieces = [w for line in lines for w in line.split() if w not in ("Log", "on", "to", "today")]
    assert "".join(pieces) == url
    for piece in pieces[:-1]:
        assert piece[-1] in "/.@-", lines


def test_emphasis_prints_italic_and_a_lone_asterisk_stays() -> None:
    markup = emphasis(plain("a joint '*Community Engagement Commitment*' and 5 * 3"))
    assert "<i>Community Engagement Commitment</i>" in markup and "5 * 3" in markup
    para = Paragraph(markup, styles(False)["body"])
    italic = [f.text for f in para.frags if f.italic]
    assert italic == ["Community Engagement Commitment"]


def test_the_sample_prints_italic_titles_a_true_minus_and_curly_quotes_but_stores_none() -> None:
    content, borough = sample()
    assert "'*Community Engagement Commitment*'" in content.mpa_work.text  # the stored text is as typed
    pdf = render_leaflet(content, borough, SAMPLE).pdf
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert f"{MINUS}12.7%" in text and "-12.7%" not in text
    assert "\u2018Community Engagement Commitment\u2019" in text and "*" not in text
    assert "MPA\u2019s" in text
    fonts = {str(f) for page in PdfReader(io.BytesIO(pdf)).pages
             for f in (page["/Resources"]["/Font"].values())}
    assert fonts  # fonts are embedded (pdffonts-level checks live in test_pdf_print)


@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_nothing_is_printed_under_six_and_a_half_points(page_size: str) -> None:
    content, borough = sample()
    content = replace(content, layout=Layout(page_size, 4 if page_size == "A4" else 8))
    pdf = PdfReader(io.BytesIO(render_leaflet(content, borough, SAMPLE, print_pdf=True).pdf))
    sizes = [float(m) for page in pdf.pages
             for m in re.findall(rb"/F\d+(?:\+\d+)? ([\d.]+) Tf", page.get_contents().get_data())]
    assert sizes and min(sizes) >= MIN_SIZE


def _table(borough_rows: tuple[ResultRow, ...]) -> object:
    content, borough = sample()
    ctx = make_context(content, replace(borough, results=borough_rows), {}, print_pdf=False)
    return sections.results_table(ctx)


def test_results_figures_right_aligned_and_on_one_line_where_the_column_allows() -> None:
    _, borough = sample()
    table = _table(borough.results)
    assert len(table._colWidths) == 3
    change_cells = [row[1] for row in table._cellvalues[1:]]
    assert all(cell.style.alignment == 2 for cell in change_cells)  # TA_RIGHT
    for cell in change_cells:
        cell.wrap(table._colWidths[1] - 6, 1000)
        assert len(cell.blPara.lines) == 1, cell.getPlainText()
    assert all(MINUS in c.getPlainText() or "+" in c.getPlainText() for c in change_cells)


def test_results_without_outcomes_print_without_the_outcome_column_and_percentage_only_rows_print() -> None:
    rows = (ResultRow(measure="Burglary", change=-6, change_pct=Decimal("-0.6")),
            ResultRow(measure="Satisfaction", change_pct=Decimal("2.5")))
    table = _table(rows)
    assert len(table._colWidths) == 2
    assert [c.getPlainText() for c in table._cellvalues[0]] == ["Measure", "Change"]
    assert "+2.5%" in table._cellvalues[2][1].getPlainText()


def test_the_results_heading_has_section_rank() -> None:
    content, borough = sample()
    ctx = make_context(content, borough, {}, print_pdf=False)
    heading = sections.results_block(ctx)[0]
    assert heading.style.fontSize == ctx.styles["h1"].fontSize
    assert heading.style.fontSize > ctx.styles["h2"].fontSize


def test_the_masthead_prints_the_editions_title_strapline_and_logos(sample_copy: Path) -> None:
    content, borough = sample()
    assert len(content.logos) == 2
    custom = replace(content, title="Policing Report", strapline="Your borough, your police")
    pdf = PdfReader(io.BytesIO(render_leaflet(custom, borough, sample_copy).pdf))
    first = pdf.pages[0].extract_text()
    assert "Your borough, your police" in first and "Policing Report" in first
    images = pdf.pages[0]["/Resources"]["/XObject"]
    assert len(images) == 2  # page 1 has no photo: the two logos
    no_logos = PdfReader(io.BytesIO(render_leaflet(replace(content, logos=()), borough, sample_copy).pdf))
    assert len(no_logos.pages[0]["/Resources"].get("/XObject", {})) == len(images) - 2


def test_a_missing_logo_is_an_error_naming_its_field(sample_copy: Path) -> None:
    content, borough = sample()
    missing = replace(content, logos=(Logo("images/nope.png"),))
    found = [f for f in render_leaflet(missing, borough, sample_copy).findings if f.path.startswith("london.logos")]
    assert [(f.path, f.code) for f in found] == [("london.logos[0].file", "photo.missing")]


def test_the_pull_quote_must_be_a_sentence_of_the_message() -> None:
    _, borough = sample()
    c = borough.commander
    assert c.pull_quote and pull_quote_findings(borough) == []
    made_up = replace(borough, commander=replace(c, pull_quote="Crime has vanished from Tower Hamlets."))
    assert [f.code for f in pull_quote_findings(made_up)] == ["quote.not_in_message"]
    part = replace(borough, commander=replace(c, pull_quote="80% of the public say we are getting it right."))
    assert [f.code for f in pull_quote_findings(part)] == ["quote.not_in_message"]  # half a sentence is not one
    whole = replace(borough, commander=replace(c, pull_quote="That's a very gratifying result"))
    assert pull_quote_findings(whole) == []  # the full stop may be left off


def test_the_pull_quote_is_printed_beside_the_message() -> None:
    content, borough = sample()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_leaflet(content, borough, SAMPLE).pdf)).pages)
    assert "\u201cBy coordinating our efforts" in re.sub(r"\s+", " ", text)


def test_masthead_and_pull_quote_are_in_the_approval_fingerprint() -> None:
    content, borough = sample()
    base = fingerprint(content, borough, {})
    assert fingerprint(replace(content, strapline="Other words"), borough, {}) != base
    assert fingerprint(replace(content, logos=()), borough, {}) != base
    quote = replace(borough, commander=replace(borough.commander, pull_quote=""))
    assert fingerprint(content, quote, {}) != base
    assert ("london.logos[0].file", "images/logo-placeholder-1.png") in photo_fields(content, borough)


def test_the_address_break_hook_installs_once_and_answers_as_documented(monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed fresh (not the copy export.layout installed at import): once, and with the right answers.

    Mutation testing showed every test used the hook installed when `export.layout` was imported, so
    nothing held what `allow_url_breaks` itself does.
    """
    from reportlab.platypus import paragraph as rl_paragraph

    asked: list[object] = []

    def reportlab_own(word: object) -> list[tuple[str, str]]:
        asked.append(word)
        return [("own", "answer")]

    monkeypatch.setattr(rl_paragraph, "_uri_split_pairs", reportlab_own)
    allow_url_breaks()
    hook = rl_paragraph._uri_split_pairs
    assert hook is not reportlab_own
    allow_url_breaks()
    assert rl_paragraph._uri_split_pairs is hook, "installed twice: the second copy wraps the first"

    assert hook("haveyoursay") is None and asked == []  # no separator: no break, reportlab not asked
    # An address that does not fit: the breaks after separators, then the whole word on the next line.
    expected = [("www.met.police.", "uk"), ("www.met.", "police.uk"), ("www.", "met.police.uk"),
                ("", "www.met.police.uk")]
    assert hook("www.met.police.uk") == expected
    assert hook(b"www.met.police.uk") == expected  # reportlab passes bytes too
    # The rest of an address broken once breaks again, but never moves whole to the next line.
    rest = rl_paragraph._SplitWord("police.uk/towerhamlets")
    assert hook(rest) == [("police.uk/", "towerhamlets"), ("police.", "uk/towerhamlets")]
    # ... even when the rest alone would not read as an address (a full stop after it).
    assert hook(rl_paragraph._SplitWord("police.uk.")) == [("police.", "uk.")] and asked == []
    # A word with a separator that is no address (a sum) is left to reportlab.
    assert hook("3+4=7.0 points") == [("own", "answer")] and asked == ["3+4=7.0 points"]


def test_without_reportlabs_hook_nothing_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.platypus import paragraph as rl_paragraph

    monkeypatch.delattr(rl_paragraph, "_uri_split_pairs")
    allow_url_breaks()
    assert not hasattr(rl_paragraph, "_uri_split_pairs")


@pytest.mark.parametrize(("typed", "links", "printed"), [
    # a quote opening the text opens, wherever the text sits
    ("'Safer Streets' week", False, "\u2018Safer Streets\u2019 week"),
    ('"Safer Streets" week', False, "\u201cSafer Streets\u201d week"),
    # a quote just after a web address or email closes it, linked or not
    ('Visit "www.met.police.uk" for more.', False, "Visit \u201cwww.met.police.uk\u201d for more."),
    ('Visit "www.met.police.uk" for more.', True,
     'Visit \u201c<a href="https://www.met.police.uk">www.met.police.uk</a>\u201d for more.'),
    ("write to 'review@mpa.gov.uk' - today", True,
     "write to \u2018<a href=\"mailto:review@mpa.gov.uk\">review@mpa.gov.uk</a>\u2019 \u2013 today"),
])
def test_quotes_open_at_the_start_and_close_after_an_address(typed: str, links: bool, printed: str) -> None:
    from export.markup import linked

    assert linked(typed, links=links) == printed


@pytest.mark.parametrize(("word", "tail", "breaks"), [
    ("www.mpa.gov.uk", False, [("www.mpa.gov.", "uk"), ("www.mpa.", "gov.uk"), ("www.", "mpa.gov.uk")]),
    ("review@mpa.gov.uk", False, [("review@mpa.gov.", "uk"), ("review@mpa.", "gov.uk"), ("review@", "mpa.gov.uk")]),
    # every separator, up to the one just before the last character; never after the last
    ("www.london.gov.uk/a-z", False, [("www.london.gov.uk/a-", "z"), ("www.london.gov.uk/", "a-z"),
                                      ("www.london.gov.", "uk/a-z"), ("www.london.", "gov.uk/a-z"),
                                      ("www.", "london.gov.uk/a-z")]),
    ("www.mpa.gov.uk/", False, [("www.mpa.gov.", "uk/"), ("www.mpa.", "gov.uk/"), ("www.", "mpa.gov.uk/")]),
    ("anti-social", False, [("anti-", "social")]),
    ("haveyoursay", False, None),  # not an address: reportlab decides
    ("12.5", False, None),  # a figure is not an address
    ("gov.uk/x", True, [("gov.uk/", "x"), ("gov.", "uk/x")]),  # the rest of an address already broken
    ("a b", True, None),
])
def test_an_address_breaks_after_each_separator_longest_head_first(
        word: str, tail: bool, breaks: list[tuple[str, str]] | None) -> None:
    assert address_breaks(word, tail=tail) == breaks


def test_a_text_with_every_kind_of_mark_is_typeset_in_full() -> None:
    """Apostrophe, double quotes and a spaced hyphen in one sentence: each is printed, none left straight."""
    typed = "the MPA's \"Safer Neighbourhoods\" teams - 630 of them - and a -3.5% change"
    assert typeset(typed) == (
        f"the MPA\u2019s \u201cSafer Neighbourhoods\u201d teams \u2013 630 of them \u2013 and a {MINUS}3.5% change")
