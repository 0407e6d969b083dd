"""model/atomic.py's smaller promises, pinned where mutation testing found them unguarded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from model.atomic import TEMP_PREFIX, remove_orphan_temps


def test_an_orphan_temp_that_cannot_be_removed_is_skipped_and_the_others_still_go(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stuck, gone = tmp_path / (TEMP_PREFIX + "a.yaml.1"), tmp_path / (TEMP_PREFIX + "b.yaml.2")
    for p in (stuck, gone):
        p.write_bytes(b"x")
        os.utime(p, (1, 1))
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self.name == stuck.name:
            raise PermissionError(13, "Permission denied", str(self))
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    assert remove_orphan_temps(tmp_path) == [gone]
    assert stuck.exists() and not gone.exists()


def test_a_folder_named_like_a_temp_file_is_left_alone_and_a_link_never_takes_its_target(tmp_path: Path) -> None:
    folder = tmp_path / (TEMP_PREFIX + "dir.1")
    folder.mkdir()
    target = tmp_path / "keep.yaml"
    target.write_bytes(b"x")
    link = tmp_path / (TEMP_PREFIX + "link.2")
    link.symlink_to(target)
    for p in (folder, link):
        os.utime(p, (1, 1), follow_symlinks=False)
    assert remove_orphan_temps(tmp_path) == [link]  # the link itself, never the file it points to
    assert folder.is_dir() and not link.is_symlink() and target.read_bytes() == b"x"


def test_bytes_read_back_wrong_leave_the_original_and_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from model.atomic import atomic_write_bytes

    target = tmp_path / "b.yaml"
    target.write_bytes(b"original")
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # a file system that accepted the bytes but stored others
        return b"garbled" if self.name.startswith(TEMP_PREFIX) else real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(OSError, match=r"^\.~save-b\.yaml\.[0-9a-f]{8}: the bytes read back differ from those written$"):
        atomic_write_bytes(target, b"new")
    assert real_read(target) == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["b.yaml"]
