"""At start-up the layout check waits for the first preview; the findings are complete once it is there."""

from __future__ import annotations

from pathlib import Path

from model.storage import load_borough, save
from tests.export.helpers import with_message
from ui.app import open_window
from ui.session import EditionSession


def _overflowing(edition: Path) -> Path:
    path = edition / "boroughs" / "tower-hamlets.yaml"
    borough = load_borough(path).doc
    save(with_message(borough, borough.commander.message * 3), path)
    return path


def _codes(session: EditionSession, slug: str) -> set[str]:
    return {f.code for f in session.findings[slug]}


def test_deferred_session_has_model_findings_first_and_layout_findings_after_check_layout(qtbot, sample_copy: Path) -> None:  # type: ignore[no-untyped-def]
    _overflowing(sample_copy)
    session = EditionSession(sample_copy, defer_layout=True)
    session.open_borough("tower-hamlets")
    assert "layout.overflow" not in _codes(session, "tower-hamlets")
    with qtbot.waitSignal(session.findings_changed, timeout=5000):
        session.check_layout()
    assert "layout.overflow" in _codes(session, "tower-hamlets")
    document = session.boroughs["tower-hamlets"]
    document.undo_stack.setClean()


def test_the_editor_window_has_the_layout_findings_once_the_first_preview_is_shown(qtbot, sample_copy: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(_overflowing(sample_copy))
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.preview.pdf.pageCount() > 0, timeout=20_000)
    # at once, not after the LAYOUT_WAIT_MS fallback
    qtbot.waitUntil(lambda: "layout.overflow" in _codes(window.session, "tower-hamlets"), timeout=1000)
    window.preview.wait_idle()
    window.session.check_layout()  # idempotent: nothing pending any more
    assert "layout.overflow" in _codes(window.session, "tower-hamlets")
