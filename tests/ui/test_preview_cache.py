"""The last preview kept on disk (ui/preview_cache.py): shown while the first render runs, never instead of it."""

from __future__ import annotations

import dataclasses
import os
import threading
from pathlib import Path

import pytest

import export.pdf
from model.storage import load_borough, load_edition_content
from ui import preview_cache
from ui.preview import PreviewPane
from ui.preview_cache import PreviewCache

ONE_PAGE = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _documents(edition: Path):  # type: ignore[no-untyped-def]
    content = load_edition_content(edition / "edition.yaml").doc
    borough = load_borough(edition / "boroughs" / "tower-hamlets.yaml").doc
    return content, borough


def test_the_key_follows_the_content_the_photos_and_nothing_else(sample_copy: Path, tmp_path: Path) -> None:
    content, borough = _documents(sample_copy)
    key = preview_cache.key(content, borough, sample_copy)
    assert preview_cache.key(*_documents(sample_copy), sample_copy) == key  # loaded again: same key
    reworded = dataclasses.replace(borough, commander=dataclasses.replace(borough.commander, message="Other."))
    assert preview_cache.key(content, reworded, sample_copy) != key
    assert preview_cache.key(dataclasses.replace(content, period="2010/11"), borough, sample_copy) != key
    photo = sample_copy / "images" / "commander.jpg"
    photo.write_bytes(photo.read_bytes() + b"\0")
    assert preview_cache.key(content, borough, sample_copy) != key


def test_put_get_refuses_what_is_not_a_whole_pdf_and_keeps_the_newest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = PreviewCache(tmp_path / "preview")
    assert cache.get("a") is None
    assert cache.put("a", ONE_PAGE) and cache.get("a") == ONE_PAGE
    (tmp_path / "preview" / "cut.pdf").write_bytes(ONE_PAGE[:40])
    assert cache.get("cut") is None
    monkeypatch.setattr(preview_cache, "KEEP", 3)
    for age, name in enumerate(("cut", "a")):  # older than what comes next (file times can be coarse)
        os.utime(tmp_path / "preview" / f"{name}.pdf", (1_000_000 + age, 1_000_000 + age))
    for name in "bcd":
        cache.put(name, ONE_PAGE)
    assert sorted(p.stem for p in (tmp_path / "preview").glob("*.pdf")) == ["b", "c", "d"]


@pytest.fixture
def held_render(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The real render waits for the returned event, so a test can look at the pane in between."""
    go = threading.Event()
    render = export.pdf.render_leaflet

    def waiting(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert go.wait(20)
        return render(*args, **kwargs)

    monkeypatch.setattr(export.pdf, "render_leaflet", waiting)
    return go


def test_a_kept_pdf_is_shown_until_the_render_replaces_it(qtbot, sample_copy: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          held_render: threading.Event) -> None:
    content, borough = _documents(sample_copy)
    cache = PreviewCache(tmp_path / "preview")
    cache.put(preview_cache.key(content, borough, sample_copy), ONE_PAGE)
    pane = PreviewPane(cache=cache)
    qtbot.addWidget(pane)
    ready: list[int] = []
    pane.ready.connect(ready.append)
    pane.request(content, borough, sample_copy)
    pane._start()
    qtbot.waitUntil(lambda: pane.view.document() is not pane.pdf, timeout=5000)
    assert pane.view.document().pageCount() == 1 and "last seen" in pane.status.text()
    assert (pane.pdf.pageCount(), ready, pane.section_pages) == (0, [], {})  # the render's alone
    held_render.set()
    qtbot.waitUntil(lambda: ready == [pane.pdf.pageCount()] and ready[0] > 1, timeout=20_000)
    assert pane.view.document() is pane.pdf and pane.section_pages
    pane.wait_idle()


def test_keep_writes_the_shown_render_under_its_key_and_a_miss_renders_as_before(qtbot, sample_copy: Path,  # type: ignore[no-untyped-def]
                                                                                 tmp_path: Path) -> None:
    content, borough = _documents(sample_copy)
    cache = PreviewCache(tmp_path / "preview")
    pane = PreviewPane(cache=cache)
    qtbot.addWidget(pane)
    assert not pane.keep()  # nothing rendered yet
    pane.request(content, borough, sample_copy)
    pane._start()
    qtbot.waitUntil(lambda: pane.pdf.pageCount() > 0, timeout=20_000)
    assert pane.view.document() is pane.pdf  # nothing kept: the render straight away
    assert pane.keep()
    kept = cache.get(preview_cache.key(content, borough, sample_copy))
    assert kept is not None and kept.startswith(b"%PDF-") and pane.pdf.pageCount() == 4
    pane.wait_idle()
