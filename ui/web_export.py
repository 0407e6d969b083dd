"""File ▸ Export Web Page (HTML)…: the current borough's accessible web edition, written into a folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from model.edition import slugify

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def export_web_page(window: MainWindow) -> Path | None:
    """Ask for a folder, write `<folder>/<borough-slug>/index.html` with its stylesheet and photos.

    Held back by the web page's errors (figure checks, photos, missing alt text) unless the user
    says to export anyway, as the PDF export is. Returns the page written, or None.
    """
    from export.html import INDEX, write_page

    if window.slug == "":
        QMessageBox.information(window, "Export", "Choose a borough in the list first.")
        return None
    session = window.session
    content, borough = session.content.data, session.boroughs[window.slug].data
    parent = QFileDialog.getExistingDirectory(window, "Export the web page into which folder?", str(Path.home()))
    if not parent:
        return None
    target = Path(parent) / (slugify(borough.borough) or window.slug)
    try:
        result = write_page(content, borough, session.folder, target)
        if result.folder is None:
            first = result.errors[0]
            answer = QMessageBox.question(
                window, "Export with errors?",
                f"The checks report {len(result.errors)} error(s) for the web page, for example:\n\n"
                f"{first.path}: {first.message}\n\nExport anyway?")
            if answer != QMessageBox.StandardButton.Yes:
                return None
            write_page(content, borough, session.folder, target, force=True)
    except OSError as exc:
        QMessageBox.warning(window, "Export failed", f"{target} could not be written: {exc.strerror or exc}")
        return None
    page = target / INDEX
    answer = QMessageBox.question(window, "Exported", f"Saved the web page {page}.\n\nOpen it in your browser now?")
    if answer == QMessageBox.StandardButton.Yes:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(page)))
    return page
