"""Atomic saves: exact bytes, permissions and links kept, rolling backups, changed-on-disk refusal."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from model import backups
from model.atomic import TEMP_PREFIX, atomic_write_bytes, remove_orphan_temps, temp_name
from model.storage import ChangedOnDiskError, fingerprint_bytes, load_borough, save, serialize
from model.types import Borough
from tests.conftest import SAMPLE_BOROUGH


def _doc(name: str = "Tower Hamlets") -> Borough:
    return replace(load_borough(SAMPLE_BOROUGH).doc, borough=name)


def _temps(folder: Path) -> list[Path]:
    return list(folder.glob(TEMP_PREFIX + "*"))


def test_save_replaces_the_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "b.yaml"
    target.write_bytes(b"old")
    fingerprint = save(_doc(), target)
    assert target.read_bytes() == serialize(_doc())
    assert fingerprint == fingerprint_bytes(target.read_bytes())
    assert _temps(tmp_path) == []


def test_permissions_of_a_shared_draft_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "b.yaml"
    target.write_bytes(b"old")
    os.chmod(target, 0o664)
    save(_doc(), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_a_new_file_gets_the_umask_permissions_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write_bytes(tmp_path / "new.yaml", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644


def test_a_symlinked_draft_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes(b"old")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_temp_names_fit_a_file_system_even_for_a_255_byte_name() -> None:
    name = "é" * 127 + ".yaml"  # 259 bytes in UTF-8: longer than any temp name may be
    tmp = temp_name(name)
    assert len(tmp.encode()) <= 255
    assert tmp.startswith(TEMP_PREFIX)
    assert temp_name(name) != tmp


def test_previous_versions_are_kept_as_the_last_five_backups(tmp_path: Path) -> None:
    target = tmp_path / "b.yaml"
    written = []
    for i in range(8):
        save(_doc(f"Version {i}"), target)
        written.append(target.read_bytes())
    kept = backups.list_backups(target)
    assert len(kept) == 5
    # the newest backup is the version before the current one, and the order is by time
    assert [k.read_bytes() for k in kept] == written[2:7]
    assert all(load_borough(k).doc.borough.startswith("Version") for k in kept)


def test_saving_identical_bytes_adds_no_backup(tmp_path: Path) -> None:
    target = tmp_path / "b.yaml"
    save(_doc(), target)
    save(_doc(), target)
    save(_doc(), target)
    assert backups.list_backups(target) == []


def test_backups_can_be_switched_off(tmp_path: Path) -> None:
    target = tmp_path / "b.yaml"
    save(_doc("A"), target)
    save(_doc("B"), target, backups=False)
    assert not (tmp_path / backups.BACKUP_DIR).exists()


def test_a_failing_backup_does_not_stop_the_save(tmp_path: Path) -> None:
    target = tmp_path / "b.yaml"
    save(_doc("A"), target)
    (tmp_path / backups.BACKUP_DIR).write_text("a file where the folder should be")
    save(_doc("B"), target)
    assert load_borough(target).doc.borough == "B"


def test_save_refuses_when_the_file_changed_on_disk(tmp_path: Path) -> None:
    target = tmp_path / "b.yaml"
    save(_doc("Mine"), target)
    loaded = load_borough(target)
    # someone else saves a same-size change: size and mtime checks would miss it, a hash does not
    theirs = target.read_bytes().replace(b"borough: Mine", b"borough: Them")
    target.write_bytes(theirs)
    with pytest.raises(ChangedOnDiskError) as caught:
        save(_doc("Mine again"), target, expected_fingerprint=loaded.fingerprint)
    assert target.read_bytes() == theirs
    assert caught.value.actual == fingerprint_bytes(theirs)
    assert caught.value.reason == "changed_on_disk"
    assert "not overwritten" in str(caught.value)
    assert _temps(tmp_path) == []


def test_save_refuses_when_the_file_was_deleted_since_it_was_opened(tmp_path: Path) -> None:
    target = tmp_path / "b.yaml"
    fingerprint = save(_doc(), target)
    target.unlink()
    with pytest.raises(ChangedOnDiskError) as caught:
        save(_doc(), target, expected_fingerprint=fingerprint)
    assert caught.value.actual is None
    assert not target.exists()


def test_save_with_the_current_fingerprint_succeeds_and_chains(tmp_path: Path) -> None:
    target = tmp_path / "b.yaml"
    first = save(_doc("A"), target)
    second = save(_doc("B"), target, expected_fingerprint=first)
    save(_doc("C"), target, expected_fingerprint=second)
    assert load_borough(target).doc.borough == "C"


def test_orphan_temps_are_removed_only_when_old(tmp_path: Path) -> None:
    old = tmp_path / (TEMP_PREFIX + "b.yaml.dead")
    fresh = tmp_path / (TEMP_PREFIX + "b.yaml.live")
    other = tmp_path / "b.yaml"
    for p in (old, fresh, other):
        p.write_bytes(b"x")
    os.utime(old, (1, 1))
    assert remove_orphan_temps(tmp_path) == [old]
    assert fresh.exists()
    assert other.exists()
