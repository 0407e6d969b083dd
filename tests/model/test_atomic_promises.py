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
