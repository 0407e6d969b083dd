"""Errors while saving: every failing I/O step leaves the old file whole and says why in plain words."""

from __future__ import annotations

import errno
import os
from dataclasses import replace
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import atomic
from model.atomic import TEMP_PREFIX
from model.storage import SaveError, load_borough, save, serialize
from model.types import Borough
from tests.conftest import SAMPLE_BOROUGH

ORIGINAL = b"format: 1\nborough: Old\n"


_SAMPLE = load_borough(SAMPLE_BOROUGH).doc


def _doc(name: str = "New") -> Borough:
    return replace(_SAMPLE, borough=name)


def _draft(tmp_path: Path) -> Path:
    target = tmp_path / "b.yaml"
    target.write_bytes(ORIGINAL)
    return target


def _failing(code: int):  # type: ignore[no-untyped-def]
    def fail(*_args: object, **_kwargs: object) -> int:
        raise OSError(code, os.strerror(code))
    return fail


@pytest.mark.parametrize(("code", "reason", "words"), [
    (errno.ENOSPC, "disk_full", "disk is full"),
    (errno.EACCES, "permission", "permission"),
    (errno.EIO, "io", "could not be written"),
])
def test_a_failing_write_call_leaves_the_draft_as_it_was(tmp_path: Path, code: int, reason: str, words: str) -> None:
    target = _draft(tmp_path)
    with mock.patch.object(atomic.os, "write", _failing(code)), pytest.raises(SaveError) as caught:
        save(_doc(), target)
    assert caught.value.reason == reason
    assert words in str(caught.value)
    assert "unchanged" in str(caught.value)
    assert "Save As" in str(caught.value)
    assert target.read_bytes() == ORIGINAL
    assert list(tmp_path.glob(TEMP_PREFIX + "*")) == []


def test_a_full_disk_after_half_the_bytes_leaves_no_truncated_file(tmp_path: Path) -> None:
    target = _draft(tmp_path)
    real_write = os.write
    calls = []

    def half_then_full(fd: int, data: bytes) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    with mock.patch.object(atomic.os, "write", half_then_full), pytest.raises(SaveError):
        save(_doc(), target)
    assert len(calls) == 2  # the short write was noticed and continued, then the disk was full
    assert target.read_bytes() == ORIGINAL


def test_permission_denied_creating_the_temp_file(tmp_path: Path) -> None:
    target = _draft(tmp_path)
    with mock.patch.object(atomic.os, "open", _failing(errno.EACCES)), pytest.raises(SaveError) as caught:
        save(_doc(), target)
    assert caught.value.reason == "permission"
    assert target.read_bytes() == ORIGINAL


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_folder_really_refuses_and_the_draft_survives(tmp_path: Path) -> None:
    target = _draft(tmp_path)
    os.chmod(tmp_path, 0o555)
    try:
        with pytest.raises(SaveError) as caught:
            save(_doc(), target)
    finally:
        os.chmod(tmp_path, 0o755)
    assert caught.value.reason == "permission"
    assert target.read_bytes() == ORIGINAL


def test_a_folder_that_is_gone(tmp_path: Path) -> None:
    with pytest.raises(SaveError) as caught:
        save(_doc(), tmp_path / "unplugged-share" / "b.yaml")
    assert caught.value.reason == "folder_missing"
    assert "no longer exists" in str(caught.value)


def test_a_name_too_long(tmp_path: Path) -> None:
    with pytest.raises(SaveError) as caught:
        save(_doc(), tmp_path / ("x" * 300 + ".yaml"))
    assert caught.value.reason == "name_too_long"
    assert list(tmp_path.iterdir()) == []


def test_after_a_failed_save_the_user_can_save_elsewhere(tmp_path: Path) -> None:
    target = _draft(tmp_path)
    with mock.patch.object(atomic.os, "write", _failing(errno.ENOSPC)), pytest.raises(SaveError):
        save(_doc(), target)
    elsewhere = tmp_path / "copy.yaml"
    save(_doc(), elsewhere)
    assert load_borough(elsewhere).doc == _doc()


# Each I/O step of a save, failing once: the draft is always old or new, never anything else.
STEPS = [("os", "open"), ("os", "write"), ("os", "fsync"), ("os", "close"), ("os", "chmod"),
         ("os", "replace"), ("Path", "read_bytes")]


@settings(max_examples=60, deadline=None)
@given(step=st.sampled_from(STEPS), nth=st.integers(1, 3), code=st.sampled_from([errno.ENOSPC, errno.EACCES, errno.EIO]))
def test_a_failure_at_any_io_step_leaves_old_or_new(tmp_path_factory: pytest.TempPathFactory,
                                                    step: tuple[str, str], nth: int, code: int) -> None:
    folder = tmp_path_factory.mktemp("step")
    target = folder / "b.yaml"
    target.write_bytes(ORIGINAL)
    owner = atomic.os if step[0] == "os" else Path
    real = getattr(owner, step[1])
    count = [0]

    def sometimes(*args: object, **kwargs: object) -> object:
        count[0] += 1
        if count[0] == nth:
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    new = serialize(_doc())
    with mock.patch.object(owner, step[1], sometimes):
        try:
            save(_doc(), target)
        except SaveError:
            pass
    assert target.read_bytes() in (ORIGINAL, new)
    assert list(folder.glob(TEMP_PREFIX + "*")) == []
