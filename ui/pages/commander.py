"""The commander's page: name, title, photo with thumbnail and alt text, message with fit meter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from model.edition import IMAGES_DIR, MAX_PHOTO_BYTES, ImagePathError, resolve_image
from model.findings import Finding
from model.safe_read import read_regular
from ui.binding import mark
from ui.overflow import meter_text, overflow_words
from ui.pages.base import Page, heading, line, text_box
from ui.readability import ReadabilityLabel

THUMB = 96


def _stamp(file: Path | None) -> tuple[int, int] | None:
    """The file's modification time and size; None when there is no file or it cannot be read."""
    if file is None:
        return None
    try:
        stat = file.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class PhotoField(QWidget):
    """A photo path with a thumbnail and a Browse button; the path stays inside the edition."""

    def __init__(self, page: Page, path: Any, label: str, folder: Any) -> None:
        super().__init__(page)
        self._folder = folder  # callable returning the edition folder
        self.edit = line(page, path, f"{label} path", f"{IMAGES_DIR}/photo.jpg")
        self.thumb = QLabel(self)
        self.thumb.setFixedSize(THUMB, THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setStyleSheet("border: 1px solid palette(mid);")
        self.thumb.setAccessibleName(f"{label} thumbnail")
        browse = QPushButton("Choose photo…", self)
        browse.setAccessibleName(f"Choose {label.lower()}")
        browse.clicked.connect(self.choose)
        self.edit.textChanged.connect(self.update_thumbnail)
        column = QVBoxLayout()
        column.addWidget(self.edit)
        column.addWidget(browse, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumb)
        layout.addLayout(column, 1)
        self._page = page
        self._path_of = path if callable(path) else (lambda: path)  # follows the selected item
        self._shown: tuple[object, ...] | None = None  # what the thumbnail shows now (see update_thumbnail)

    def update_thumbnail(self) -> None:
        """Show the photo the field names; decoded again only when the path or the file changed."""
        text = self.edit.text().strip()
        file: Path | None = None
        if text:
            try:
                file = resolve_image(Path(self._folder()), text)
            except ImagePathError:
                file = None
        key = (text, file, _stamp(file))
        if key == self._shown:
            return  # the same file, unchanged: reading it again took 1.5-2.5 ms of every keystroke
        self._shown = key
        self.thumb.setText("No photo")
        self.thumb.setPixmap(QPixmap())
        if not text:
            return
        if file is None:
            self.thumb.setText("Outside\nedition")
            return
        try:  # the one guarded reader: a pipe or device named as the photo must not hang the editor
            data = QByteArray(read_regular(file, limit=MAX_PHOTO_BYTES, root=Path(self._folder()), what="photo"))
        except OSError:
            self.thumb.setText("Cannot\nread")
            return
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        size = reader.size()
        if not reader.canRead() or size.width() * size.height() > 60_000_000:
            self.thumb.setText("Cannot\nread")  # a missing file, not an image, or a decompression bomb
            return
        reader.setScaledSize(size.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio))
        self.thumb.setPixmap(QPixmap.fromImage(reader.read()))

    def choose(self) -> None:
        folder = Path(self._folder())
        chosen, _ = QFileDialog.getOpenFileName(self, "Choose a photo", str(folder / IMAGES_DIR),
                                                "Images (*.jpg *.jpeg *.png)")
        if not chosen:
            return
        try:
            relative = Path(chosen).resolve().relative_to(folder.resolve())
        except ValueError:
            relative = self._copy_in(Path(chosen), folder)
        field = self._path_of()
        if self._page.document is not None and relative is not None and field:
            self._page.document.set_field(field, relative.as_posix(), "Choose photo", merge=False)

    def _copy_in(self, source: Path, folder: Path) -> Path | None:
        """A photo from elsewhere is copied into the edition's images/ folder first."""
        import shutil

        target = folder / IMAGES_DIR / source.name
        try:
            target.parent.mkdir(exist_ok=True)
            shutil.copy2(source, target)
        except OSError:
            return None
        return target.relative_to(folder)


class CommanderPage(Page):
    title = "Commander"
    keys = ("commander",)

    def __init__(self, folder: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder = folder
        self._meter_state: int | None = None

    def build(self) -> None:
        self.name = line(self, ("commander", "name"), "Commander's name", "e.g. Paul Rickett")
        self.role = line(self, ("commander", "title"), "Commander's title", "e.g. Borough Commander")
        self.photo = PhotoField(self, ("commander", "photo"), "Commander's photo", self._folder)
        self.alt = line(self, ("commander", "alt"), "Photo description (alt text)",
                        "What the photo shows, for readers who cannot see it")
        self.message = text_box(self, ("commander", "message"), "Commander's message",
                                "Paragraphs separated by a blank line", 150)
        self.quote = line(self, ("commander", "pull_quote"), "Pull quote",
                          "Optional: copy one sentence of the message to print large beside it")
        self.words = QLabel()
        self.meter = QLabel()
        self.meter.setAccessibleName("Fit meter")
        self.message.textChanged.connect(self._count_words)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Title:", self.role)
        form.addRow("Photo:", self.photo)
        form.addRow("&Alt text:", self.alt)
        status = QHBoxLayout()
        status.addWidget(self.words)
        status.addWidget(ReadabilityLabel(self.message, self, with_words=False))
        status.addStretch(1)
        status.addWidget(self.meter)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Borough commander's message",
                                 "Printed in a box that grows with the message, with the photo and pull quote beside it. "
                                 "The meter shows whether it fits."))
        layout.addLayout(form)
        layout.addWidget(QLabel("&Message:", buddy=self.message))
        layout.addWidget(self.message, 1)
        layout.addLayout(status)
        quote = QFormLayout()
        quote.addRow("&Pull quote:", self.quote)
        layout.addLayout(quote)

    def document_shown(self, document: Any) -> None:
        super().document_shown(document)
        self.photo.update_thumbnail()
        self._count_words()

    def _count_words(self, text: str | None = None) -> None:
        count = len((self.message.toPlainText() if text is None else text).split())
        self.words.setText(f"{count} words")

    def findings_shown(self, findings: list[Finding]) -> None:
        super().findings_shown(findings)
        # The checks re-run after every change, a restore or an undo included (whose text reaches the
        # box only after this, so the count is taken from the document).
        if self.document is not None:
            self._count_words(self.document.data.commander.message)
        over = overflow_words(findings, "commander")
        if over:
            mark(self.message, [f for f in findings if f.code == "layout.overflow" and f.path == "commander"])
        if over == self._meter_state:
            return  # restyling the meter on every keystroke cost a repaint of the page
        self._meter_state = over
        self.meter.setText(meter_text(over))
        if over:
            self.meter.setStyleSheet("color: white; background: #c62828; padding: 2px 8px; border-radius: 3px;")
        else:
            self.meter.setStyleSheet("color: white; background: #2e7d32; padding: 2px 8px; border-radius: 3px;")
        self.meter.setProperty("over", over)
