"""The open edition: its folder, the pan-London Document, one Document per opened borough, findings.

Every Document's `field_changed` re-runs the checks for the boroughs it affects, in the same
keystroke, and announces `findings_changed(slug)`; widgets, the problems list and the edition
list refresh from that. The layout check is the exception: text flows through the whole leaflet,
so measuring it again takes tens of milliseconds. A keystroke uses the measurement of the leaflet
as typed if a render or check made one, else the borough's last one, and the leaflet is measured
again when typing pauses (`LAYOUT_PAUSE_MS`, or at once when the preview's render has measured it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from export.checking import borough_findings, edition_findings, known_layout_findings, layout_findings
from model.edition import EDITION_FILE, borough_files
from model.findings import Finding
from model.storage import load_borough, load_edition_content
from model.types import Borough, EditionContent
from ui.document import Document
from ui.readability import set_target as set_reading_target
from ui.spelling import hub as spelling_hub

CONTENT = ""  # the "slug" of the pan-London content in signals and the edition list
SAMPLE_FOLDER = Path(__file__).resolve().parent.parent / "resources" / "sample"
LAYOUT_PAUSE_MS = 600  # after the preview's 400 ms pause and its render, whose measurement is then reused


def is_bundled(folder: Path) -> bool:
    """The sample edition shipped with the app: never written to."""
    return folder.resolve() == SAMPLE_FOLDER.resolve()


class EditionSession(QObject):
    """One edition folder open in the editor."""

    findings_changed = Signal(str)  # slug ("" = the pan-London content)
    document_opened = Signal(str, object)  # slug, Document

    def __init__(self, folder: Path, parent: QObject | None = None, *, defer_layout: bool = False) -> None:
        super().__init__(parent)
        self.folder = folder
        # At start-up (ui/app.py) the layout check, which needs reportlab and a full layout, waits for
        # the first preview: until `check_layout()`, boroughs get the model checks only.
        self._layout_deferred = defer_layout
        self._layout_pending: set[str] = set()
        self._layout_seen: dict[str, list[Finding]] = {}  # each borough's last layout findings
        self._layout_stale: set[str] = set()  # boroughs shown with those while typing goes on
        self._remeasure = QTimer(self)
        self._remeasure.setSingleShot(True)
        self._remeasure.setInterval(LAYOUT_PAUSE_MS)
        self._remeasure.timeout.connect(self.measure_stale)
        self.bundled = is_bundled(folder)
        loaded = load_edition_content(folder / EDITION_FILE)
        self.content: Document[EditionContent] = Document(loaded.doc, loaded.path, fingerprint=loaded.fingerprint,
                                                          parent=self)
        self.content.field_changed.connect(self._content_changed)
        self.boroughs: dict[str, Document[Borough]] = {}
        self.findings: dict[str, list[Finding]] = {}
        self.slugs = [p.stem for p in borough_files(folder)]
        # The UK dictionary and syllable patterns load in the background once the window's first preview is
        # up (`MainWindow.install_review`); until then spelling and plain English wait. When they are there (or
        # a word is added) the window calls `recheck_all` (its connection ends with the window, not the session).
        spelling_hub().defer()
        self.findings[CONTENT] = edition_findings(self.content.data, self.folder)
        set_reading_target(self.content.data.reading_ease_target, self.content.data.long_sentence_words)

    def path_of(self, slug: str) -> Path:
        return self.folder / "boroughs" / f"{slug}.yaml"

    def open_borough(self, slug: str) -> Document[Borough]:
        """The borough's Document, loading it on first use (LoadError if it cannot be read)."""
        if slug in self.boroughs:
            return self.boroughs[slug]
        loaded = load_borough(self.path_of(slug))
        document: Document[Borough] = Document(loaded.doc, loaded.path, fingerprint=loaded.fingerprint, parent=self)
        self.boroughs[slug] = document
        document.field_changed.connect(lambda _path, s=slug: self.recheck(s))
        self.recheck(slug)
        self.document_opened.emit(slug, document)
        return document

    def recheck(self, slug: str) -> list[Finding]:
        """Re-run every check of one borough (or of the content) and announce the result."""
        if slug == CONTENT:
            found = edition_findings(self.content.data, self.folder)
            set_reading_target(self.content.data.reading_ease_target, self.content.data.long_sentence_words)
        elif self._layout_deferred:
            found = borough_findings(self.content.data, self.boroughs[slug].data, self.folder, layout=[])
            self._layout_pending.add(slug)
        else:
            found = borough_findings(self.content.data, self.boroughs[slug].data, self.folder,
                                     layout=self._layout_now(slug))
        self.findings[slug] = found
        self.findings_changed.emit(slug)
        return found

    def _layout_now(self, slug: str, *, measure: bool = False) -> list[Finding]:
        content, borough = self.content.data, self.boroughs[slug].data
        layout = None if measure else known_layout_findings(content, borough, self.folder)
        if layout is None and not measure and slug in self._layout_seen:
            self._layout_stale.add(slug)
            self._remeasure.start()
            return self._layout_seen[slug]
        if layout is None:
            layout = layout_findings(content, borough, self.folder)
        self._layout_stale.discard(slug)
        self._layout_seen[slug] = layout
        return layout

    def measure_stale(self) -> None:
        """Typing paused (or a render measured the leaflet): bring the layout findings shown up to date."""
        for slug in list(self._layout_stale):
            if slug in self.boroughs and not self._layout_deferred:
                self._layout_now(slug, measure=True)
                self.recheck(slug)
        self._layout_stale.clear()

    def stop_measuring(self) -> None:
        """The window closes: forget the re-measuring that typing left pending."""
        self._remeasure.stop()
        self._layout_stale.clear()

    def check_layout(self) -> None:
        """End the start-up deferral: run the full checks of the boroughs that had only the model's."""
        self._layout_deferred = False
        pending, self._layout_pending = self._layout_pending, set()
        for slug in pending:
            if slug in self.boroughs:
                self.recheck(slug)

    def recheck_all(self) -> None:
        """Re-check the content and every open borough (the dictionary loaded, or a word was added)."""
        self._content_changed("")

    def _content_changed(self, _path: str) -> None:
        # The shared text is printed in every leaflet: re-check every open borough too.
        for slug in (CONTENT, *self.boroughs):
            self.recheck(slug)

    def documents(self) -> list[Document[Any]]:
        return [self.content, *self.boroughs.values()]

    def dirty_documents(self) -> list[Document[Any]]:
        return [d for d in self.documents() if d.dirty]

    def counts(self, slug: str) -> tuple[int, int]:
        found = self.findings.get(slug, [])
        return (sum(f.severity == "error" for f in found), sum(f.severity == "warning" for f in found))

    def rebase(self, folder: Path) -> None:
        """After 'Save As' copied the edition elsewhere: every Document now lives there."""
        self.folder = folder
        self.bundled = is_bundled(folder)
        self.content.set_path(folder / EDITION_FILE)
        for slug, document in self.boroughs.items():
            document.set_path(self.path_of(slug))
