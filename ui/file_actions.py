"""The menus and what they do: open, save, save as, export, import, find, preferences, quit."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from model.atomic import atomic_write_bytes
from model.edition import BOROUGHS_DIR, IMAGES_DIR
from model.new_edition import is_image_file
from ui.settings import add_recent, ask_user_name, recent_editions
from ui.web_export import export_web_page

if TYPE_CHECKING:
    from ui.main_window import MainWindow

_SKIP_ON_COPY = shutil.ignore_patterns(".~lock.*", ".backups", ".~save-*")


def build_menus(window: MainWindow) -> None:
    file, edit, view = "&File", "&Edit", "&View"
    window.add_action(file, "&New Edition from This One…", lambda: new_edition(window), QKeySequence.StandardKey.New)
    window.add_action(file, "&Open Edition…", lambda: open_edition(window), QKeySequence.StandardKey.Open)
    recent = window.menu(file).addMenu("Open &Recent")
    recent.aboutToShow.connect(lambda: _fill_recent(window, recent))
    window.menu(file).addSeparator()
    window.add_action(file, "&Save", lambda: save(window), QKeySequence.StandardKey.Save)
    window.add_action(file, "Save Edition &As…", lambda: save_as(window), QKeySequence.StandardKey.SaveAs)
    window.menu(file).addSeparator()
    window.add_action(file, "&Export PDF…", lambda: export_pdf(window, print_pdf=False), "Ctrl+E")
    window.add_action(file, "Export &Print PDF…", lambda: export_pdf(window, print_pdf=True), "Ctrl+Shift+E")
    window.add_action(file, "Export &Web Page (HTML)…", lambda: export_web_page(window))
    window.menu(file).addSeparator()
    window.add_action(file, "Pre&ferences…", lambda: ask_user_name(window), QKeySequence.StandardKey.Preferences)
    window.add_action(file, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    undo = window.undo_group.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.undo_group.createRedoAction(window, "&Redo")
    redo.setShortcuts(redo_keys())
    window.menu(edit).addActions([undo, redo])
    window.menu(edit).addSeparator()
    for text, key, name in (("Cu&t", QKeySequence.StandardKey.Cut, "cut"),
                            ("&Copy", QKeySequence.StandardKey.Copy, "copy"),
                            ("&Paste", QKeySequence.StandardKey.Paste, "paste")):
        window.add_action(edit, text, lambda _c=False, n=name: clipboard_action(n), key)
    window.menu(edit).addSeparator()
    window.add_action(edit, "Select &All", lambda: clipboard_action("selectAll"), QKeySequence.StandardKey.SelectAll)
    window.menu(edit).addSeparator()
    window.add_action(edit, "&Find…", lambda: find(window), QKeySequence.StandardKey.Find)
    window.menu(view).addAction(window.problems_dock.toggleViewAction())
    info = window.add_action(view, "Show &Unverified Figures (info)", lambda on: _toggle_info(window, on))
    info.setCheckable(True)


def redo_keys() -> list[QKeySequence]:
    """The platform's Redo keys plus both that users of other programs try: Ctrl+Y and Ctrl+Shift+Z."""
    keys = list(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
    for extra in ("Ctrl+Y", "Ctrl+Shift+Z"):
        if QKeySequence(extra) not in keys:
            keys.append(QKeySequence(extra))
    return keys


def clipboard_action(name: str) -> None:
    """Edit ▸ Cut/Copy/Paste/Select All on the widget with the keyboard focus.

    Text fields do it themselves; in a table the current cell is copied, or pasted into through the
    model (so it is one undoable edit like typing).
    """
    widget = QApplication.focusWidget()
    if widget is None:
        return
    if isinstance(widget, QAbstractItemView):
        _table_clipboard(widget, name)
    elif hasattr(widget, name):
        getattr(widget, name)()


def _table_clipboard(view: QAbstractItemView, name: str) -> None:
    index = view.currentIndex()
    if name == "selectAll":
        view.selectAll()
        return
    if not index.isValid():
        return
    clipboard = QApplication.clipboard()
    if name in ("copy", "cut"):
        clipboard.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
    if name == "cut":
        view.model().setData(index, "", Qt.ItemDataRole.EditRole)
    elif name == "paste":
        view.model().setData(index, clipboard.text().strip(), Qt.ItemDataRole.EditRole)


def _toggle_info(window: MainWindow, on: bool) -> None:
    window.problems.show_info = on
    window._show_findings()


def _fill_recent(window: MainWindow, menu: QWidget) -> None:
    menu.clear()  # type: ignore[attr-defined]
    for path in recent_editions():
        menu.addAction(path, lambda p=path: open_edition(window, Path(p)))  # type: ignore[attr-defined]


def confirm_discard(window: MainWindow) -> bool:
    """Before closing or replacing the edition: save, discard or cancel. True = go ahead."""
    dirty = window.session.dirty_documents()
    if not dirty:
        return True
    names = ", ".join(sorted({d.path.name if d.path else "untitled" for d in dirty}))
    answer = QMessageBox.question(
        window, "Unsaved changes", f"You have unsaved changes in {names}.\n\nSave them before closing?",
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save)
    if answer == QMessageBox.StandardButton.Save:
        return save(window)
    return answer == QMessageBox.StandardButton.Discard


def save(window: MainWindow) -> bool:
    """Save every changed file of the edition. The bundled sample is never written: Save As."""
    if window.session.bundled:
        return save_as(window)
    ok = all(window.reliability.save(document) for document in window.session.dirty_documents())
    if ok:
        window.statusBar().showMessage("Saved", 4000)
    return ok


def save_as(window: MainWindow, target: Path | None = None) -> bool:
    """Copy the whole edition to the folder the user names, then save the changes there.

    The folder is exactly the one typed or chosen (a new name is created; an empty folder is used);
    the drafts' locks and recovery copies move with them (`Reliability.moved`).
    """
    if target is None:
        period = window.session.content.data.period.replace("/", "-") or "edition"
        target = ask_new_folder(window, "Save the edition as a new folder", f"local-policing-summary-{period}")
        if target is None:
            return False
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        QMessageBox.warning(window, "Folder not empty", f"{target} already exists and is not empty. "
                            "Type the name of a new folder, or choose an empty one.")
        return False
    try:
        shutil.copytree(window.session.folder, target, ignore=_skip_on_copy, dirs_exist_ok=True)
    except OSError as exc:
        QMessageBox.warning(window, "Could not save", f"The edition could not be copied to {target}: "
                            f"{exc.strerror or exc}. Nothing was changed.")
        return False
    before = {id(d): d.path for d in window.session.documents()}
    window.session.rebase(target)
    for document in window.session.documents():
        window.reliability.moved(document, before.get(id(document)))
    add_recent(str(target))
    ok = save(window)
    _title(window)
    if ok:
        window.statusBar().showMessage(f"Saved the edition in {target}", 8000)
    return ok


def ask_new_folder(window: MainWindow, title: str, name: str) -> Path | None:
    """Ask for a folder to create (or an empty one): typing a new name works; Enter on a folder opens it.

    It starts beside the open edition (or in Documents for the bundled sample), with `name` filled in.
    """
    if window.session.bundled:
        start = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                     or Path.home())
    else:
        start = window.session.folder.parent
    chosen, _ = QFileDialog.getSaveFileName(window, title, str(start / name), "Edition folder (*)",
                                            options=QFileDialog.Option.DontConfirmOverwrite)
    return Path(chosen) if chosen else None


def _skip_on_copy(folder: str, names: list[str]) -> set[str]:
    """Locks, backups and temps are never copied; in images/ only image files are."""
    skipped = set(_SKIP_ON_COPY(folder, names))
    if Path(folder).name == IMAGES_DIR:
        skipped |= {n for n in names if (Path(folder) / n).is_file() and not is_image_file(Path(n))}
    return skipped


def _title(window: MainWindow) -> bool:
    window._update_title()
    return True


def open_edition(window: MainWindow, folder: Path | None = None) -> None:
    if folder is None:
        chosen = QFileDialog.getExistingDirectory(window, "Open an edition folder")
        if not chosen:
            return
        folder = Path(chosen)
    if not confirm_discard(window):
        return
    from ui.app import open_window

    replacement = open_window(folder, window)
    if replacement is not None:
        window.session.content.undo_stack.setClean()  # the user chose: nothing more to ask
        for document in window.session.boroughs.values():
            document.undo_stack.setClean()
        window.close()


def new_edition(window: MainWindow) -> None:
    from model.new_edition import NewEditionError, create_edition

    period, ok = QInputDialog.getText(window, "New edition", "Period of the new edition (e.g. 2010/11):",
                                      text=window.session.content.data.next_period)
    if not ok or not period.strip():
        return
    target = ask_new_folder(window, "Create the new edition as a new folder",
                            f"local-policing-summary-{period.strip().replace('/', '-')}")
    if target is None:
        return
    try:
        create_edition(window.session.folder, target, period.strip())
    except NewEditionError as exc:
        QMessageBox.warning(window, "New edition", str(exc))
        return
    open_edition(window, target)


def find(window: MainWindow) -> None:
    """Find text in the fields of the borough (or the shared content) being edited."""
    text, ok = QInputDialog.getText(window, "Find", "Find text in this borough's fields:")
    if not ok or not text:
        return
    pages = [window.london] if window.slug == "" else window.borough_pages
    for page in pages:
        page.ensure_built()  # a page not shown yet has no fields to search
        for binding in page.binder.bindings:
            widget = binding.widget
            content = widget.text() if hasattr(widget, "text") else widget.toPlainText()  # type: ignore[union-attr]
            at = content.lower().find(text.lower())
            if at >= 0 and widget.isEnabled():
                if page is not window.london:
                    window.tabs.setCurrentWidget(page)
                widget.setFocus()
                _select(widget, at, len(text))
                return
    window.statusBar().showMessage(f"'{text}' was not found", 5000)


def _select(widget: QWidget, start: int, length: int) -> None:
    if hasattr(widget, "setSelection"):
        widget.setSelection(start, length)  # type: ignore[attr-defined]
    else:
        cursor = widget.textCursor()  # type: ignore[attr-defined]
        cursor.setPosition(start)
        cursor.setPosition(start + length, cursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)  # type: ignore[attr-defined]


class _ExportJob(QThread):
    done = Signal(bytes, str)  # PDF bytes, error message

    def __init__(self, window: MainWindow, print_pdf: bool) -> None:
        super().__init__(window)
        session = window.session
        self.args = (session.content.data, session.boroughs[window.slug].data, session.folder)
        self.print_pdf = print_pdf

    def run(self) -> None:  # Qt override, in the worker thread
        from export.gate import cut_text
        from export.pdf import render_leaflet

        try:
            rendered = render_leaflet(*self.args, print_pdf=self.print_pdf)
            cut = cut_text(rendered.findings)  # never written, whatever the user confirmed
            self.done.emit(b"" if cut else rendered.pdf, "; ".join(cut))
        except Exception as exc:
            self.done.emit(b"", str(exc))


def export_pdf(window: MainWindow, *, print_pdf: bool) -> None:
    """Export the current borough's leaflet, with progress, and offer to open it."""
    if window.slug == "":
        QMessageBox.information(window, "Export", "Choose a borough in the list first.")
        return
    slug = window.slug
    from ui.review_actions import confirm_export  # review_actions imports this module's neighbours

    if not confirm_export(window, print_pdf=print_pdf):
        return
    suffix = "-print" if print_pdf else ""
    default = str(Path.home() / f"{slug}{suffix}.pdf")
    target, _ = QFileDialog.getSaveFileName(window, "Export PDF", default, "PDF (*.pdf)")
    if not target:
        return
    progress = QProgressDialog("Exporting the leaflet…", "", 0, 0, window)
    progress.setCancelButton(None)
    progress.setMinimumDuration(0)
    job = _ExportJob(window, print_pdf)
    job.done.connect(lambda data, error: _exported(window, progress, Path(target), data, error))
    job.start()
    window._export_job = job


def _exported(window: MainWindow, progress: QProgressDialog, target: Path, data: bytes, error: str) -> None:
    progress.close()
    if error:
        QMessageBox.warning(window, "Export failed", f"The leaflet could not be exported: {error}")
        return
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        QMessageBox.warning(window, "Export failed", f"{target} could not be written: {exc.strerror or exc}")
        return
    answer = QMessageBox.question(window, "Exported", f"Saved {target}.\n\nOpen it now?")
    if answer == QMessageBox.StandardButton.Yes and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
        QMessageBox.information(window, "No PDF viewer", f"No program to open PDF files is set up on this "
                                f"computer. The leaflet is saved as:\n\n{target}")


def borough_paths(window: MainWindow) -> list[Path]:
    return sorted((window.session.folder / BOROUGHS_DIR).glob("*.yaml"))


def quit_app() -> None:
    QApplication.quit()
