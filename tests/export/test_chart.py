"""The results chart: geometry that tells falls from rises without colour, on the results page of both
PDFs after the table, and in the web edition as named SVG with a summary."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, Path, Rect, String

from export.chart import LEGEND, TITLE, chart_layout, direction_label, hatch, results_chart, results_svg, summary
from export.html import build_page
from export.pdf import render_leaflet
from export.styles import palette
from model.types import ResultRow
from tests.conftest import SAMPLE
from tests.export.helpers import sample
from tests.export.test_html import parse

PCT = st.decimals(min_value=Decimal("-99.9"), max_value=Decimal("500"), places=1)
ROWS = st.lists(st.builds(ResultRow, measure=st.text(min_size=0, max_size=60), change_pct=st.one_of(st.none(), PCT),
                          outcome=st.sampled_from([None, "achieved", "missed"])), max_size=12).map(tuple)


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, width=st.floats(min_value=150, max_value=600))
def test_bars_run_from_the_zero_line_in_the_direction_of_the_change(rows: tuple[ResultRow, ...], width: float) -> None:
    layout = chart_layout(rows, width)
    shown = [r for r in rows if r.change_pct is not None]
    if not shown:
        assert layout is None
        return
    assert layout is not None and len(layout.bars) == len(shown)
    scale = None
    for row, bar in zip(shown, layout.bars, strict=True):
        assert row.change_pct is not None
        pct = float(row.change_pct)
        if pct < 0:
            assert abs(bar.x + bar.width - layout.zero_x) < 1e-6 and "down" in bar.label and "▼" in bar.label
        elif pct > 0:
            assert abs(bar.x - layout.zero_x) < 1e-6 and "up" in bar.label and "▲" in bar.label
        else:
            assert bar.width == 0 and bar.label == "no change"
        if pct:
            scale = scale or bar.width / abs(pct)
            assert abs(bar.width - abs(pct) * scale) < 1e-6 * max(1.0, bar.width)  # lengths in proportion
        assert bar.x >= 0 and bar.x + bar.width <= layout.label_x + 1e-6  # the label never covers a bar
        assert bar.y >= 0 and bar.y + bar.height <= layout.height
        assert bar.outcome == (row.outcome or "")
    tops = [b.y for b in layout.bars]
    assert tops == sorted(tops, reverse=True)  # in the table's order, top to bottom
    for upper, lower in zip(layout.bars, layout.bars[1:], strict=False):
        assert lower.y + lower.height < upper.y  # rows never overlap
        assert upper.name_y - (len(upper.lines) - 1) * layout.font_size * 1.2 > lower.name_y


def test_direction_words_carry_the_printed_figure() -> None:
    assert direction_label(Decimal("-12.7")) == "▼ 12.7% down"
    assert direction_label(Decimal("38.5")) == "▲ 38.5% up"
    assert direction_label(Decimal("0")) == "no change"


def test_hatch_lines_stay_inside_their_bar() -> None:
    lines = hatch(10, 20, 30, 8, 2.6)
    assert len(lines) > 10
    for x1, y1, x2, y2 in lines:
        assert min(x1, x2) >= 10 - 1e-9 and max(x1, x2) <= 40 + 1e-9
        assert min(y1, y2) >= 20 - 1e-9 and max(y1, y2) <= 28 + 1e-9
        assert abs((x2 - x1) - (y2 - y1)) < 1e-9  # 45°


def _shapes(drawing: Drawing) -> list[object]:
    out: list[object] = []
    stack = list(drawing.contents)
    while stack:
        shape = stack.pop(0)
        if hasattr(shape, "contents"):
            stack[0:0] = list(shape.contents)
        else:
            out.append(shape)
    return out


def test_outcomes_differ_in_pattern_not_only_colour() -> None:
    _, borough = sample()
    [drawing] = results_chart(borough.results, 250, palette(True))
    shapes = _shapes(drawing)
    strings = [s.text for s in shapes if isinstance(s, String)]
    assert TITLE in strings and all(words in strings for _, words in LEGEND)
    hatching = [s for s in shapes if isinstance(s, Path)]
    rects = [s for s in shapes if isinstance(s, Rect)]
    hollow = [r for r in rects if r.fillColor == palette(True).white and r.strokeColor is not None]
    solid = [r for r in rects if r.fillColor == palette(True).navy]
    missed = sum(1 for r in borough.results if r.outcome == "missed")
    achieved = sum(1 for r in borough.results if r.outcome == "achieved")
    assert len(hollow) == missed + 1 and len(solid) == achieved + 1  # + the legend's swatches
    assert len(hatching) == missed + 1 and all(len(p.points) >= 8 for p in hatching)  # two strokes at least
    # Print colours are CMYK: nothing here can put an RGB colour in the print file.
    assert all(type(s.fillColor).__name__ in ("CMYKColor", "PCMYKColor") for s in rects + [
        s for s in shapes if isinstance(s, String)])


def test_no_chart_without_percentages() -> None:
    rows = (ResultRow(measure="Knife crime", change=5),)
    assert results_chart(rows, 250, palette(False)) == [] and results_svg(rows) == "" and summary(rows) == ""


def _page_text_with_positions(pdf: bytes, page_no: int) -> list[tuple[float, str]]:
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            found.append((tm[5] + cm[5], text.strip()))

    PdfReader(io.BytesIO(pdf)).pages[page_no].extract_text(visitor_text=visit)
    return found


def test_the_chart_follows_the_results_table_in_both_pdfs() -> None:
    content, borough = sample()
    for print_pdf in (False, True):
        rendered = render_leaflet(content, borough, SAMPLE, print_pdf=print_pdf)
        page = rendered.section_pages["results"]
        texts = _page_text_with_positions(rendered.pdf, page)
        joined = " ".join(t for _, t in texts)
        assert TITLE in joined and "▼ 31.5% down" in joined and "▲ 38.5% up" in joined
        title_y = next(y for y, t in texts if TITLE in t)
        last_row_y = min(y for y, t in texts if "Gun crime" in t)
        table_row_y = max(y for y, t in texts if "Gun crime" in t)
        assert table_row_y > title_y > last_row_y  # below the table's last row, above the chart's


def test_the_web_edition_has_the_chart_as_a_named_image_with_its_summary() -> None:
    content, borough = sample()
    html = build_page(content, borough, None)
    page = parse(html)
    assert len([f for f in page.find("figure") if f.attrs.get("class") == "chart"]) == 1
    [svg] = page.find("svg")
    assert svg.attrs["role"] == "img"
    ids = svg.attrs["aria-labelledby"].split()
    assert {e.attrs.get("id") for e in page.elements} >= set(ids)
    assert html.index("</table>") < html.index("<figure class=\"chart\"")  # after the table
    caption = summary(borough.results)
    assert "results table gives the same figures" in caption
    assert "Theft from vehicles (31.5% down)" in caption and "Gun crime (38.5% up)" in caption
    assert caption in re.sub(r"\s+", " ", html)


def test_a_hostile_measure_name_stays_text_in_the_svg() -> None:
    rows = (ResultRow(measure="<script>alert(1)</script> & co", change_pct=Decimal("-3")),)
    svg = results_svg(rows)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert replace(rows[0], measure="x") != rows[0]


def _many_results(n: int) -> tuple[ResultRow, ...]:
    return tuple(ResultRow(measure=f"Measure number {i}", change=i * 3, change_pct=Decimal(f"{(-1) ** i * (i + 0.5):.1f}"),
                           outcome="achieved" if i % 2 else "missed") for i in range(n))


def test_the_chart_gives_way_when_the_page_would_overflow_and_says_so() -> None:
    from export.layout import clear_caches, measure_findings

    content, borough = sample()
    # fits without the chart, not with it, even at the tightest text setting (the layout sets text tighter first)
    crowded = replace(borough, results=_many_results(50))
    rendered = render_leaflet(content, crowded, SAMPLE)
    assert [f.code for f in rendered.findings if f.severity == "error"] == []
    [note] = [f for f in rendered.findings if f.code == "layout.left_out"]
    assert note.path == "results" and note.severity == "warning" and "chart" in note.message
    page = rendered.section_pages["results"]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(rendered.pdf)).pages)
    assert TITLE not in text and "Measure number 49" in text and "Looking forward" in text
    clear_caches()
    assert [f for f in measure_findings(content, crowded, SAMPLE) if f.code == "layout.left_out"] == [note]
    # Room enough: the chart stays and nothing is said.
    roomy = render_leaflet(content, replace(borough, results=_many_results(8)), SAMPLE)
    assert not [f for f in roomy.findings if f.code == "layout.left_out"]
    assert TITLE in PdfReader(io.BytesIO(roomy.pdf)).pages[page].extract_text()


def test_a_percentage_retyped_with_another_decimal_place_prints_as_retyped_on_the_chart() -> None:
    """-31.5 and -31.50 are equal: the cached drawing must still follow what was typed."""
    first = (ResultRow(measure="Theft from vehicles", change=-768, change_pct=Decimal("-31.5")),
             ResultRow(measure="Total robbery", change=-136, change_pct=Decimal("-12.7")))
    again = (replace(first[0], change_pct=Decimal("-31.50")), first[1])
    assert first == again
    pal = palette(False)
    labels = [[s.text for d in results_chart(rows, 300, pal) for s in _shapes(d) if isinstance(s, String)]
              for rows in (first, again)]
    assert any("31.5%" in t for t in labels[0]) and not any("31.50%" in t for t in labels[0])
    assert any("31.50%" in t for t in labels[1]), labels[1]
