"""Issue 15 in the editor: the photo thumbnail reads through the guarded reader, so a pipe never hangs it."""

from __future__ import annotations

import os
from pathlib import Path

from ui.pages import commander


def test_a_fifo_or_a_link_out_as_the_photo_shows_cannot_read(qtbot, sample_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fifo = sample_copy / "images" / "pipe.jpg"
    os.mkfifo(fifo)
    outside = tmp_path / "outside.jpg"
    outside.write_bytes((sample_copy / "images" / "commander.jpg").read_bytes())
    (sample_copy / "images" / "link.jpg").symlink_to(outside)
    page = commander.CommanderPage(lambda: sample_copy)
    qtbot.addWidget(page)
    page.ensure_built()
    page.photo.edit.setText("images/commander.jpg")
    page.photo.update_thumbnail()
    assert not page.photo.thumb.pixmap().isNull()  # a real photo still shows
    page.photo.edit.setText("images/pipe.jpg")  # opening a FIFO for reading would block forever
    page.photo.update_thumbnail()
    assert page.photo.thumb.text() == "Cannot\nread"
    page.photo.edit.setText("images/link.jpg")
    page.photo.update_thumbnail()
    assert page.photo.thumb.pixmap().isNull()
