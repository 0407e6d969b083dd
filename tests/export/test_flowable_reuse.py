"""A render reusing the paragraphs of sections an edit left alone (`layout.section_flows`) is byte-identical
to a render that builds and wraps every paragraph anew, on every page size and edition, and from two threads."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

import pytest

from export import layout
from export.pdf import render_leaflet
from model.types import Borough, EditionContent, Section
from tests.conftest import SAMPLE
from tests.export.helpers import sample

Docs = tuple[EditionContent, Borough]


def _more(text: str, n: int) -> str:
    return f"{text} Added words number {n} to move the columns."


def _section(field: str) -> Callable[[Docs, int], Docs]:
    def change(docs: Docs, n: int) -> Docs:
        content, borough = docs
        section: Section = getattr(content, field)
        return replace(content, **{field: replace(section, text=_more(section.text, n))}), borough
    return change


def _deputy(docs: Docs, n: int) -> Docs:
    content, borough = docs
    return replace(content, deputy_mayor=replace(content.deputy_mayor, message=_more(content.deputy_mayor.message, n))), borough


def _commander(docs: Docs, n: int) -> Docs:
    content, borough = docs
    return content, replace(borough, commander=replace(borough.commander, message=_more(borough.commander.message, n)))


def _initiatives(docs: Docs, n: int) -> Docs:
    content, borough = docs
    first, *rest = borough.initiatives
    return content, replace(borough, initiatives=(replace(first, text=_more(first.text, n)), *rest))


def _results(docs: Docs, n: int) -> Docs:
    content, borough = docs
    first, *rest = borough.results
    return content, replace(borough, results=(replace(first, measure=f"{first.measure} {n}"), *rest))


def _priorities(docs: Docs, n: int) -> Docs:
    content, borough = docs
    first, *rest = borough.priorities
    return content, replace(borough, priorities=(replace(first, text=_more(first.text, n)), *rest))


def _contacts(docs: Docs, n: int) -> Docs:
    content, borough = docs
    first, *rest = content.contacts
    return replace(content, contacts=(replace(first, note=_more(first.note, n)), *rest)), borough


def _emergency(docs: Docs, n: int) -> Docs:
    content, borough = docs
    return replace(content, emergency=f"{content.emergency} {n}"), borough


CHANGES: list[Callable[[Docs, int], Docs]] = [
    _deputy, _section("met_forward"), _section("mpa_work"), _section("looking_back"), _commander, _initiatives,
    _results, _section("looking_forward"), _priorities, _section("have_your_say"), _section("cpegs"), _contacts,
    _emergency,
]


def _variants(page_size: str) -> list[Docs]:
    """The sample, then each section changed in turn (twice: longer, then back), every one printing differently."""
    content, borough = sample()
    docs: Docs = (replace(content, layout=replace(content.layout, page_size=page_size)), borough)
    out = [docs]
    for n, change in enumerate(CHANGES):
        out += [change(docs, n), change(change(docs, n), n + 100), docs]
    return out


def _cold(docs: Docs, print_pdf: bool) -> bytes:
    layout.clear_caches()
    return render_leaflet(*docs, SAMPLE, print_pdf=print_pdf, invariant=True, draft=False).pdf


@pytest.mark.parametrize("page_size", ["A4", "A5"])
@pytest.mark.parametrize("print_pdf", [False, True])
def test_a_render_reusing_unchanged_sections_is_byte_identical_to_one_building_all(
        page_size: str, print_pdf: bool) -> None:
    layout.clear_caches()
    warm = [render_leaflet(*docs, SAMPLE, print_pdf=print_pdf, invariant=True, draft=False).pdf
            for docs in _variants(page_size)]
    kept = layout._thread_sections()
    assert len(kept) >= 8  # paragraphs of most sections were kept (so the warm renders reused them)
    cold = [_cold(docs, print_pdf) for docs in _variants(page_size)]
    mismatched = [i for i, (w, c) in enumerate(zip(warm, cold, strict=True)) if w != c]
    assert not mismatched


def test_every_section_change_is_reused_or_rebuilt_as_its_inputs_say() -> None:
    """A section's kept flowables are the very same objects while its inputs are unchanged, new ones after an edit."""
    layout.clear_caches()
    content, borough = sample()
    ctx = layout.make_context(content, borough, {}, print_pdf=False)
    first = layout.section_flows("met_forward", ctx)
    again = layout.section_flows("met_forward", ctx)
    assert first == again and first is not again  # same flowables, a list of its own (placement consumes it)
    edited, _ = _section("met_forward")((content, borough), 1)
    changed = layout.section_flows("met_forward", layout.make_context(edited, borough, {}, print_pdf=False))
    assert not set(map(id, changed)) & set(map(id, first))


def test_no_paragraph_is_shared_between_threads_and_two_threads_render_as_one() -> None:
    variants = _variants("A4")[:10]
    expected = {i: _cold(docs, False) for i, docs in enumerate(variants)}
    layout.clear_caches()
    got: dict[int, list[bytes]] = {0: [], 1: []}
    ids: dict[int, set[int]] = {0: set(), 1: set()}
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(t: int) -> None:
        try:
            start.wait()
            for _ in range(2):
                for docs in variants:
                    got[t].append(render_leaflet(*docs, SAMPLE, invariant=True, draft=False).pdf)
            ids[t] = {id(f) for fs in layout._thread_sections().values() for f in fs}
        except BaseException as exc:  # reported below, in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert ids[0] and ids[1] and not ids[0] & ids[1]
    for t in (0, 1):
        assert got[t] == [expected[i] for i in range(len(variants))] * 2


def test_clearing_the_caches_drops_every_threads_kept_sections() -> None:
    content, borough = sample()
    layout.section_flows("cpegs", layout.make_context(content, borough, {}, print_pdf=False))
    assert layout._thread_sections()
    layout.clear_caches()
    assert not layout._thread_sections()


