"""The layout check's cache is keyed on `export.sections.inputs`: prove that key misses nothing a builder prints.

Every field of the sample borough and of the edition content is changed in turn (text lengthened so
sections overflow, numbers and choices changed, list items added and dropped). For each change:

- every section whose flowables print differently must have a different inputs key, or the cache
  would answer with the measurement of the old text;
- `measure_findings`, through the cache (primed with the unchanged documents),
  must equal a fresh layout of the whole leaflet as the PDF makes it (`layout.lay_out`).
"""

from __future__ import annotations

import dataclasses
import threading
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from reportlab.graphics.shapes import Drawing, Group
from reportlab.platypus import Flowable, Image, ImageAndFlowables, Paragraph, Spacer, Table

from export import layout, sections
from export.pages import STREAMS
from model.findings import Finding
from model.types import Borough, EditionContent
from tests.conftest import SAMPLE
from tests.export.helpers import sample

LONG = " Extra words" + " and then some more words to make the section overflow its place" * 30


def _changed_scalar(value: Any, hint: Any) -> Any:
    """A different value of the same field type."""
    kinds = [a for a in typing.get_args(hint) if a is not type(None)] if typing.get_origin(hint) in (
        typing.Union, types.UnionType) else [hint]
    kind = kinds[0]
    if typing.get_origin(kind) is typing.Literal:  # a choice: another allowed value
        return next(o for o in typing.get_args(kind) if o != value)
    if value is None:  # an optional field: give it a value of its type
        return _example(kind)
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return 8 if value == 4 else value + 1  # pages: 4 → 8 (the A5 design), else any other number
    if isinstance(value, Decimal):
        return value + Decimal("1.5")
    if isinstance(value, str):
        return value + LONG
    raise TypeError(f"no change defined for {value!r}")


def _example(kind: Any) -> Any:
    if kind is int:
        return 7
    if kind is Decimal:
        return Decimal("2.5")
    if dataclasses.is_dataclass(kind):
        return _filled(kind)
    raise TypeError(f"no example for {kind!r}")


def _filled(cls: type) -> Any:
    """An instance of a document dataclass with every text field filled in."""
    hints = typing.get_type_hints(cls)
    values = {f.name: "Added text" for f in dataclasses.fields(cls) if hints[f.name] is str}
    return cls(**values)


def variants(doc: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(field path, `doc` with that one field changed) for every field, nested ones and list items too."""
    hints = typing.get_type_hints(type(doc))
    for f in dataclasses.fields(doc):
        value, hint, path = getattr(doc, f.name), hints[f.name], f"{prefix}{f.name}"

        def put(new: Any, name: str = f.name) -> Any:
            return dataclasses.replace(doc, **{name: new})

        if dataclasses.is_dataclass(value):
            for sub, changed in variants(value, path + "."):
                yield sub, put(changed)
        elif isinstance(value, tuple):
            item_type = typing.get_args(hint)[0]
            for i, item in enumerate(value):
                if isinstance(item, str):  # a list of names (edition.yaml's table_measures)
                    yield f"{path}[{i}]", put((*value[:i], item + " changed", *value[i + 1:]))
                    continue
                for sub, changed in variants(item, f"{path}[{i}]."):
                    yield sub, put((*value[:i], changed, *value[i + 1:]))
            added = "Added text" if item_type is str else value[-1] if value else _filled(item_type)
            yield f"{path}+", put((*value, added))
            if value:
                yield f"{path}-", put(value[:-1])
        else:
            yield path, put(_changed_scalar(value, hint))


CONTENT, BOROUGH = sample()
CASES: list[tuple[str, EditionContent, Borough]] = [
    *((f"edition.{path}", changed, BOROUGH) for path, changed in variants(CONTENT)),
    *((f"borough.{path}", CONTENT, changed) for path, changed in variants(BOROUGH)),
]


def _shapes(group: Group) -> tuple[object, ...]:
    return tuple(_shapes(shape) if isinstance(shape, Group) else
                 (type(shape).__name__, tuple(sorted((k, str(v)) for k, v in shape.getProperties().items())))
                 for shape in group.contents)


def printed(flowables: list[Flowable]) -> tuple[object, ...]:
    """What the flowables print, as comparable data: texts, styles, sizes, photos."""
    out: list[object] = []
    for f in flowables:
        if isinstance(f, Paragraph):
            s = f.style
            out.append(("P", f.text, s.name, s.fontName, s.fontSize, s.leading, str(s.textColor), str(f.bulletText),
                        getattr(f, "_bookmark", None), getattr(f, "_keep_space", None)))
        elif isinstance(f, Table):
            out.append(("T", tuple(printed(list(row)) for row in f._cellvalues), tuple(f._colWidths)))
        elif isinstance(f, sections._Stack):
            out.append(("STACK", printed(f.parts), f.width))
        elif isinstance(f, ImageAndFlowables):
            out.append(("IF", printed([f._I]), printed(f._content)))
        elif isinstance(f, Image):
            out.append(("I", f.drawWidth, f.drawHeight, f._img._photo.digest))
        elif isinstance(f, Spacer):
            out.append(("S", f.width, f.height))
        elif isinstance(f, Drawing):  # the results chart: every shape's properties (texts, places, colours)
            out.append(("D", f.width, f.height, _shapes(f)))
        else:
            raise AssertionError(f"printed() does not know {type(f).__name__}: teach it before trusting the test")
    return tuple(out)


def _context(content: EditionContent, borough: Borough) -> sections.Context:
    photos, _ = layout.load_photos(borough, SAMPLE, print_pdf=False)
    return layout.make_context(content, borough, photos, print_pdf=False)


BASE = _context(CONTENT, BOROUGH)
BASE_PRINTED = {key: printed(sections.build_section(key, BASE)) for key in sections.BUILDERS}


def unkeyed_changes(content: EditionContent, borough: Borough) -> list[str]:
    """Sections that print differently from the sample although their inputs key is the same."""
    ctx = _context(content, borough)
    return [key for key in sections.BUILDERS
            if printed(sections.build_section(key, ctx)) != BASE_PRINTED[key]
            and sections.inputs(key, ctx) == sections.inputs(key, BASE)]


def fresh(content: EditionContent, borough: Borough) -> list[Finding]:
    return layout.lay_out(content, borough, SAMPLE, print_pdf=False)[1]


@pytest.fixture(scope="module")
def primed_cache() -> dict[tuple[object, ...], object]:
    """The cache holding the unchanged sample only, as in the editor before a keystroke."""
    layout._MEASURED.clear()
    layout.measure_findings(CONTENT, BOROUGH, SAMPLE)
    return dict(layout._MEASURED)


@pytest.mark.parametrize(("path", "content", "borough"), CASES, ids=[c[0] for c in CASES])
def test_a_changed_field_changes_the_key_of_every_section_printing_it_and_cached_findings_stay_exact(
        path: str, content: EditionContent, borough: Borough,
        primed_cache: dict[tuple[object, ...], object]) -> None:
    assert unkeyed_changes(content, borough) == []
    layout._MEASURED.clear()
    layout._MEASURED.update(primed_cache)  # type: ignore[arg-type]
    assert layout.measure_findings(content, borough, SAMPLE) == fresh(content, borough)


def test_a_render_leaves_the_checks_answer_for_the_editors_next_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """lay_out (the PDF's placement) fills the cache for the editor's next check: with the right answers."""
    for _path, content, borough in CASES[::6]:
        layout._MEASURED.clear()
        rendered = fresh(content, borough)
        with monkeypatch.context() as m:
            m.setattr(layout, "choose", lambda *a, **k: (_ for _ in ()).throw(AssertionError("measured again")))
            assert layout.measure_findings(content, borough, SAMPLE) == rendered


def test_the_changes_reach_every_section_and_the_layout() -> None:
    """The variants are strong enough to matter: each section is changed by some, long texts overflow."""
    changed_sections: set[str] = set()
    for _path, content, borough in CASES:
        ctx = _context(content, borough)
        changed_sections |= {key for key in sections.BUILDERS
                             if printed(sections.build_section(key, ctx)) != BASE_PRINTED[key]}
    assert changed_sections == set(sections.BUILDERS)
    long_texts = [c for c in CASES if c[0].endswith((".text", ".message")) and "comments" not in c[0]]
    assert len(long_texts) >= 8
    base = layout.choose(CONTENT, BOROUGH, BASE.photos, print_pdf=False)[0]
    for path, content, borough in long_texts:
        placement = layout.choose(content, borough, BASE.photos, print_pdf=False)[0]
        # a long text is set tighter to fit, grows the box, moves the column breaks, or is cut
        assert (placement.level < base.level or not placement.fits or placement.box_heights != base.box_heights
                or [c.empty for c in placement.fill] != [c.empty for c in base.fill]), path


def test_a_field_left_out_of_the_inputs_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: drop the commander's name from the commander section's key."""
    monkeypatch.setitem(sections.INPUTS, "commander", lambda ctx: (ctx.borough.borough, ctx.borough.commander.message))
    renamed = dataclasses.replace(BOROUGH, commander=dataclasses.replace(BOROUGH.commander, name="Someone Else"))
    assert unkeyed_changes(CONTENT, renamed) == ["commander"]


def test_every_section_flows_in_exactly_one_stream() -> None:
    """The layout places each builder's flowables once: in the columns, the commander's box, or the band."""
    keys = [key for stream in STREAMS.values() for key in stream]
    assert sorted(keys) == sorted(sections.BUILDERS)


def test_cached_measurement_is_safe_across_threads() -> None:
    """The preview renders in a worker thread while the editor checks: concurrent use gives the serial answers."""
    cases = CASES[::9]
    expected = [fresh(content, borough) for _path, content, borough in cases]
    layout._MEASURED.clear()
    failures: list[str] = []

    def work(offset: int) -> None:
        for i in range(len(cases)):
            path, content, borough = cases[(i + offset) % len(cases)]
            if layout.measure_findings(content, borough, SAMPLE) != expected[(i + offset) % len(cases)]:
                failures.append(path)

    threads = [threading.Thread(target=work, args=(n * 3,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_inputs_are_hashable_and_name_styles_by_identity() -> None:
    key = sections.inputs("commander", BASE)
    assert hash(key) == hash(sections.inputs("commander", _context(CONTENT, BOROUGH)))
    print_ctx = types.SimpleNamespace(**{**vars(BASE), "styles": layout.styles(True)})
    assert sections.inputs("commander", print_ctx) != key  # type: ignore[arg-type]
