"""The web edition: every seed sentence and figure, the page's structure, the results table, links, photos."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from export.html import STYLESHEET_SOURCE, build_page, write_page
from export.html_page import page_title
from export.html_photos import WEB_MAX_WIDTH
from model import leaflet
from model.checks import check_borough
from model.text import Paragraph
from model.types import Contact, Initiative
from tests.conftest import SAMPLE, SEED
from tests.export.helpers import normalise, sample, with_message
from tests.export.test_pdf_content import HOSTILE, seed_sentences

# Elements that start a new line of text when the page is read (everything else runs on inline).
BLOCK = {"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "caption",
         "section", "header", "footer", "main", "nav", "div", "html", "body", "head", "title", "br"}
VOID = {"meta", "link", "img", "br", "hr", "input"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


@dataclass
class PageParser(HTMLParser):
    """The page as a reader meets it: its text, its elements (with their own text) in document order."""

    elements: list[Element] = field(default_factory=list)
    chunks: list[str] = field(default_factory=list)
    open: list[Element] = field(default_factory=list)
    in_head: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        self.in_head = self.in_head or tag == "head"
        if tag in BLOCK:
            self.chunks.append("\n")
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if tag in BLOCK:
            self.chunks.append("\n")
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].tag == tag:
                del self.open[i:]
                break

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data
        if not self.in_head:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k) == v for k, v in attrs.items())]


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def page() -> PageParser:
    content, borough = sample()
    return parse(build_page(content, borough, SAMPLE))


def test_every_seed_sentence_and_figure_is_on_the_page(page: PageParser) -> None:
    text = normalise(page.text)
    missing = [s for s in seed_sentences() if s not in text]
    assert missing == []
    figures = re.findall(r"[-+]?\d[\d,./]*%?", SEED.read_text(encoding="utf-8"))
    assert len(figures) > 50
    assert [f for f in figures if f not in text] == []


def test_every_line_of_the_leaflet_text_is_on_the_page_in_order(page: PageParser) -> None:
    content, borough = sample()
    # Headings are checked on their own below (the priorities heading sits after the section's text).
    lines = [normalise(x) for s in leaflet.printed_sections(content, borough) for b in s.blocks
             for x in ([b.text] if isinstance(b, Paragraph) else b.items)]
    # Results rows and contacts print as several cells/lines on the page: compare cell by cell.
    text = " ".join(normalise(x) for x in page.text.split("\n") if x.strip())
    at = 0
    for line in lines:
        for part in re.split(r" (?=tel: |Minicom: |www\.|Target )", line):
            found = text.find(part, at)
            assert found >= 0, f"{part!r} is missing or out of order"
            at = found


def test_document_language_title_and_one_h1(page: PageParser) -> None:
    content, borough = sample()
    assert page.find("html")[0].attrs["lang"] == "en-GB"
    assert page.find("title")[0].text == "Tower Hamlets Local Policing Summary 2009/10" == page_title(content, borough)
    assert [h.text for h in page.find("h1")] == ["Local Policing Summary Tower Hamlets"]
    assert page.find("meta", name="viewport")
    assert page.find("meta", charset="utf-8")


def test_headings_follow_the_leaflet_in_order_without_skipping_levels(page: PageParser) -> None:
    content, borough = sample()
    headings = [e for e in page.elements if re.fullmatch(r"h[1-6]", e.tag)]
    levels = [int(h.tag[1]) for h in headings]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    sections = [s.heading for s in leaflet.printed_sections(content, borough)[1:]]
    assert [h.text for h in headings if h.tag == "h2"] == ["Contents", *sections]
    h3 = [h.text for h in headings if h.tag == "h3"]
    assert leaflet.commander_heading(borough) in h3 and "Operation Fusion" in h3
    assert leaflet.priorities_heading(content) in h3


def test_landmarks_skip_link_and_contents(page: PageParser) -> None:
    body = page.elements.index(page.find("body")[0])
    first = page.elements[body + 1]
    assert (first.tag, first.attrs["href"], first.text) == ("a", "#main", "Skip to main content")
    for tag in ("header", "nav", "main", "footer"):
        assert len(page.find(tag)) == 1, tag
    assert page.find("main")[0].attrs["id"] == "main"
    contents = [e for e in page.find("a") if (e.attrs["href"] or "").startswith("#") and e is not first]
    ids = {e.attrs.get("id") for e in page.elements}
    assert len(contents) >= 11 and all(a.attrs["href"][1:] in ids for a in contents)  # type: ignore[index]
    for section in page.find("section"):  # each section is named by its heading
        assert section.attrs["aria-labelledby"] in ids


def test_results_are_a_data_table_with_caption_scopes_and_outcomes_in_words(page: PageParser) -> None:
    content, borough = sample()
    region = page.find("div", role="region")[0]
    assert region.attrs["tabindex"] == "0" and region.attrs["aria-labelledby"] == "results-caption"
    (caption,) = page.find("caption")
    assert caption.attrs["id"] == "results-caption" and "achieved" in caption.text
    assert [th.text for th in page.find("th", scope="col")] == ["Measure", "Change", "Outcome"]
    rows = page.find("th", scope="row")
    assert [th.text for th in rows] == [r.measure for r in borough.results]
    for tr, row in zip(page.find("tr")[1:], borough.results, strict=True):
        assert leaflet.result_line(row, content.results_wording) in tr.text
        assert leaflet.outcome_label(row) in tr.text  # the outcome in words, not colour alone
    marks = [e for e in page.find("span") if e.attrs.get("aria-hidden") == "true"]
    assert len(marks) == len(borough.results)


def test_lists_are_lists(page: PageParser) -> None:
    _, borough = sample()
    items = [li.text for li in page.find("li")]
    for priority in borough.priorities:
        assert leaflet.priority_text(priority) in items
    assert "feel more confident about policing in London; and" in items  # a bullet of Met Forward


def test_contacts_link_phone_numbers_emails_and_web_addresses() -> None:
    content, borough = sample()
    borough = replace(borough, contacts=(*borough.contacts, Contact(
        name="Safer Neighbourhoods team", phone="020 7275 1234", email="sn.team@met.police.uk")))
    links = {a.attrs["href"]: a.text for a in parse(build_page(content, borough, SAMPLE)).find("a")}
    assert links["tel:02072020202"] == "020 7202 0202"
    assert links["tel:03001231212"] == "0300 123 1212"
    assert links["tel:02072020173"] == "020 7202 0173"  # minicom
    assert links["tel:999"] == "999"
    assert links["tel:02072751234"] == "020 7275 1234"
    assert links["mailto:sn.team@met.police.uk"] == "sn.team@met.police.uk"
    assert links["mailto:kit.malthouse@london.gov.uk"] == "kit.malthouse@london.gov.uk"  # in a message
    assert links["https://www.met.police.uk/towerhamlets"] == "www.met.police.uk/towerhamlets"
    assert "https://www.mpa.gov.uk/publications/metforward" in links


def test_no_script_and_no_event_handlers(page: PageParser) -> None:
    assert not page.find("script")
    assert not [e for e in page.elements for k in e.attrs if k.startswith("on")]


HOSTILE_TAGS = {"b", "i", "img", "font", "script", "and", "iframe"}


def test_hostile_text_is_printed_literally_everywhere() -> None:
    content, borough = sample()
    hostile = [*HOSTILE, "<script>alert(1)</script>", '"><iframe src=x>', "AT&T &lt; &#65;"]
    borough = with_message(borough, "\n\n".join(hostile))
    borough = replace(borough, borough="Fish & <b>Chips</b>",
                      commander=replace(borough.commander, name="<b>Paul Rickett", alt='"><script>x</script>'),
                      initiatives=(Initiative(title="<i>Op</i> & co", text="- <b>bullet</b>\n- www.x.org/<b>"),),
                      results=tuple(replace(r, measure=f"<td>{r.measure}") for r in borough.results))
    text = build_page(content, borough, SAMPLE)
    parsed = parse(text)
    plain = normalise(parsed.text)
    for line in [*hostile, "Fish & <b>Chips</b>", "<b>Paul Rickett", "<i>Op</i> & co", "<b>bullet</b>", "<td>Gun crime"]:
        assert normalise(line) in plain, line
    assert "<script" not in text and "<b>" not in text
    assert not {e.tag for e in parsed.elements} & HOSTILE_TAGS - {"img"}
    assert all(img.attrs["src"].startswith("images/") for img in parsed.find("img"))  # type: ignore[union-attr]
    assert parsed.find("img")[0].attrs["alt"] == '"><script>x</script>'
    assert parsed.find("title")[0].text.startswith("Fish & <b>Chips</b>")


def test_the_bad_input_corpus_markup_file_prints_literally() -> None:
    from model.storage import load_borough

    content, _ = sample()
    borough = load_borough(Path(__file__).parent.parent / "bad_inputs" / "markup-like-text.yaml").doc
    parsed = parse(build_page(content, borough, None))
    plain = normalise(parsed.text)
    assert "<b>Paul Rickett" in plain
    assert '12 suspects <and> seized & charged. <b>unclosed <i>tags' in plain
    assert '<img src="/etc/passwd"/> <a href="javascript:alert(1)">click</a>' in plain
    assert "&amp; &#x41;" in plain
    assert not [a for a in parsed.find("a") if "javascript" in (a.attrs["href"] or "")]
    assert not parsed.find("img") and not parsed.find("font")


def test_folder_holds_page_stylesheet_and_re_encoded_photos(tmp_path: Path) -> None:
    content, borough = sample()
    result = write_page(content, borough, SAMPLE, tmp_path / "out")
    assert result.folder == tmp_path / "out" and result.errors == []
    names = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert names == ["images/commander.jpg", "images/initiative-1.jpg", "index.html", "leaflet.css"]
    parsed = parse((tmp_path / "out" / "index.html").read_text(encoding="utf-8"))
    imgs = {img.attrs["src"]: img.attrs for img in parsed.find("img")}
    assert imgs["images/commander.jpg"]["alt"] == borough.commander.alt
    assert imgs["images/initiative-1.jpg"]["alt"] == borough.initiatives[0].alt
    from PIL import Image

    for src, attrs in imgs.items():
        with Image.open(tmp_path / "out" / str(src)) as img:
            assert img.format == "JPEG" and img.width <= WEB_MAX_WIDTH
            assert (str(img.width), str(img.height)) == (attrs["width"], attrs["height"])


def test_a_large_photo_is_scaled_down_for_the_web(sample_copy: Path, tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (3000, 2000), (40, 90, 160)).save(sample_copy / "images" / "big.jpg")
    content, borough = sample()
    borough = replace(borough, commander=replace(borough.commander, photo="images/big.jpg"))
    write_page(content, borough, sample_copy, tmp_path)
    with Image.open(tmp_path / "images" / "commander.jpg") as img:
        assert img.size == (WEB_MAX_WIDTH, round(2000 * WEB_MAX_WIDTH / 3000))


@pytest.mark.parametrize("photo", ["../../../etc/passwd", "/etc/hostname", "images/missing.jpg"])
def test_a_photo_outside_the_edition_or_missing_holds_the_page_back(photo: str, tmp_path: Path) -> None:
    content, borough = sample()
    borough = replace(borough, commander=replace(borough.commander, photo=photo))
    result = write_page(content, borough, SAMPLE, tmp_path / "out")
    assert result.folder is None and not (tmp_path / "out").exists()
    assert {f.code for f in result.errors} & {"photo.path", "photo.missing"}
    forced = write_page(content, borough, SAMPLE, tmp_path / "out", force=True)
    assert forced.folder is not None
    assert not (tmp_path / "out" / "images" / "commander.jpg").exists()  # nothing read from outside
    assert "images/initiative-1.jpg" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_a_photo_without_alt_text_is_an_error_and_holds_the_page_back(tmp_path: Path) -> None:
    content, borough = sample()
    borough = replace(borough, commander=replace(borough.commander, alt=" "),
                      initiatives=(borough.initiatives[0], replace(borough.initiatives[0], alt="")))
    found = [f for f in check_borough(content, borough) if f.code == "photo.alt_missing"]
    assert [(f.path, f.severity) for f in found] == [("commander.alt", "error"), ("initiatives[1].alt", "error")]
    result = write_page(content, borough, SAMPLE, tmp_path / "out")
    assert result.folder is None and {f.code for f in result.errors} == {"photo.alt_missing"}
    assert write_page(content, borough, SAMPLE, tmp_path / "out", force=True).folder is not None


def test_no_photo_needs_no_alt_text() -> None:
    content, borough = sample()
    borough = replace(borough, commander=replace(borough.commander, photo="", alt=""))
    assert not [f for f in check_borough(content, borough) if f.code.startswith("photo.")]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_stylesheet_colours_contrast_reflow_and_print() -> None:
    css = STYLESHEET_SOURCE.read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    pale, white = colours["pale"], "#ffffff"
    for text in ("ink", "navy", "blue", "achieved", "missed", "muted"):  # text colours on the page's backgrounds
        assert min(contrast(colours[text], white), contrast(colours[text], pale)) >= 4.5, text
    assert contrast(white, colours["navy"]) >= 4.5  # masthead, table head, emergency band
    assert contrast(colours["focus-text"], colours["focus"]) >= 4.5
    assert "@media print" in css and "@media (max-width" in css
    # No fixed widths, so it reflows (the skip link's 1px is how it hides until focused).
    assert not re.search(r"(?<![-\w])(width|min-width):\s*\d{2,}px", css)
    assert "overflow-x: auto" in css  # the table scrolls in its own region if it must
