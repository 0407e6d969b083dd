"""model/atomic.py's smaller promises, pinned where mutation testing found them unguarded."""

from __future__ import annotations

import errno
import os
import stat
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


def test_a_refused_target_is_named_as_typed_with_the_exact_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What `export -o NAME` prints when NAME cannot be written: the name as the user typed it (not
    resolved to an absolute path), a NUL shown as `\\0`, and the reason in full."""
    from model.atomic import NotRegularTarget, atomic_write_bytes

    monkeypatch.chdir(tmp_path)
    (tmp_path / "out.pdf").mkdir()
    os.mkfifo(tmp_path / "pipe.pdf")
    cases = [("out.pdf", "this is a folder; nothing was written to it"),
             ("pipe.pdf", "this is not a regular file (a device, pipe or socket); nothing was written to it"),
             ("a\x00b.pdf", "the file name contains a NUL character")]
    for typed, why in cases:
        with pytest.raises(NotRegularTarget) as caught:
            atomic_write_bytes(typed, b"%PDF")
        shown = typed.replace("\x00", "\\0")
        assert (caught.value.filename, caught.value.why, str(caught.value)) == (shown, why, f"{shown}: {why}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf", "pipe.pdf"]


def test_a_file_nobody_may_write_is_read_only_whatever_its_other_bits(tmp_path: Path) -> None:
    """Root ignores permission bits, so the mode decides: no write bit for anyone (0444, 0555, 0111) is
    a read-only file, left as it was; any one write bit (0200, 0020, 0002) is a file that may be replaced."""
    from model.atomic import ReadOnlyFileError, atomic_write_bytes

    for mode in (0o444, 0o555, 0o111, 0o4555):
        target = tmp_path / f"ro-{mode:o}.yaml"
        target.write_bytes(b"old")
        target.chmod(mode)
        with pytest.raises(ReadOnlyFileError):
            atomic_write_bytes(target, b"new")
        assert target.read_bytes() == b"old"
    for mode in (0o200, 0o020, 0o002):
        target = tmp_path / f"rw-{mode:o}.yaml"
        target.write_bytes(b"old")
        target.chmod(mode)
        atomic_write_bytes(target, b"new")
        assert target.read_bytes() == b"new"
    assert [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)] == []


def test_the_temp_file_is_private_while_written_and_never_opens_a_file_already_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The half-written temp file is readable by its owner alone (0600) until it is complete and takes the
    draft's permissions; and it is always a new file: a link planted at its name (a colleague's stale temp,
    or a trap) is refused, never written through."""
    from model import atomic

    target = tmp_path / "b.yaml"
    target.write_bytes(b"old")
    target.chmod(0o664)
    seen: list[int] = []
    real_verify = atomic._verify

    def verify(tmp: Path, data: bytes) -> None:
        seen.append(stat.S_IMODE(os.lstat(tmp).st_mode))
        real_verify(tmp, data)

    monkeypatch.setattr(atomic, "_verify", verify)
    atomic.atomic_write_bytes(target, b"new")
    assert seen == [0o600] and stat.S_IMODE(target.stat().st_mode) == 0o664
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep")
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda _n: "0badc0de")
    (tmp_path / (TEMP_PREFIX + "b.yaml.0badc0de")).symlink_to(victim)
    with pytest.raises(FileExistsError):
        atomic.atomic_write_bytes(target, b"newer")
    assert (victim.read_bytes(), target.read_bytes()) == (b"keep", b"new")


def test_a_file_name_that_is_not_utf8_can_be_saved(tmp_path: Path) -> None:
    """A name holding a byte that is not UTF-8 (a Latin-1 "café" from an old share) comes to Python with a
    surrogate in it; its temp file still gets a name and the file is replaced."""
    from model.atomic import atomic_write_bytes

    target = tmp_path / os.fsdecode(b"caf\xe9.yaml")
    target.write_bytes(b"old")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(os.fsencode(tmp_path)) == [b"caf\xe9.yaml"]


def test_writes_that_take_one_byte_at_a_time_complete_and_a_write_that_stalls_is_an_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from model import atomic

    target = tmp_path / "b.yaml"
    target.write_bytes(b"old")
    real_write = os.write
    monkeypatch.setattr(atomic.os, "write", lambda fd, data: real_write(fd, bytes(data[:1])))
    atomic.atomic_write_bytes(target, b"new bytes")
    assert target.read_bytes() == b"new bytes"
    monkeypatch.setattr(atomic.os, "write", lambda _fd, _data: 0)  # a file system that accepts nothing, says no error
    with pytest.raises(OSError, match=r"^write made no progress$"):
        atomic.atomic_write_bytes(target, b"newer")
    assert target.read_bytes() == b"new bytes"
    assert [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)] == []


def test_a_saver_who_may_not_give_the_file_away_keeps_its_group_or_saves_anyway(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A colleague's shared draft (owner 1234, group 2345, 0664) saved by someone who is not root: the
    kernel refuses to give the new file to the colleague, so the saver owns it, but the group stays, so the
    team can still write it. Where even the group is refused, the save still goes ahead."""
    from model import atomic

    if not hasattr(os, "chown") or os.geteuid() != 0:
        pytest.skip("needs root to make a file owned by someone else")
    real_chown = os.chown
    group_allowed = [True]

    def chown(path: object, uid: int, gid: int) -> None:  # the kernel's rule for a user who is not root
        if uid not in (-1, os.geteuid()) or not group_allowed[0]:
            raise PermissionError(errno.EPERM, "Operation not permitted", str(path))
        real_chown(path, uid, gid)  # type: ignore[arg-type]

    target = tmp_path / "shared.yaml"
    target.write_bytes(b"old")
    real_chown(target, 1234, 2345)
    target.chmod(0o664)
    monkeypatch.setattr(atomic.os, "chown", chown)
    atomic.atomic_write_bytes(target, b"new")
    st = target.stat()
    assert (target.read_bytes(), st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (b"new", os.geteuid(), 2345, 0o664)
    real_chown(target, 1234, 2345)
    group_allowed[0] = False
    atomic.atomic_write_bytes(target, b"newer")
    assert target.read_bytes() == b"newer"


def test_a_folder_lock_held_by_another_saver_is_waited_for_then_given_up_in_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program holding the folder's lock (here: the sidecar locked through a second open file) is
    waited for while it saves; one that never lets go is given up on after the wait, with an error the
    command line prints as it is."""
    import fcntl
    import threading

    from model import atomic

    monkeypatch.setattr(atomic, "_LOCK_WAIT_SECONDS", 1.0)
    sidecar = str(tmp_path / atomic._LOCK_NAME)
    events: list[str] = []

    def hold() -> int:
        fd = os.open(sidecar, os.O_RDWR | os.O_CREAT, 0o666)
        fcntl.flock(fd, fcntl.LOCK_EX)
        return fd

    def release(fd: int) -> None:
        events.append("released")
        os.close(fd)

    timer = threading.Timer(0.3, release, (hold(),))
    timer.start()
    with atomic.folder_lock(tmp_path):
        events.append("locked")
    timer.join()
    assert events == ["released", "locked"]
    held = hold()
    try:
        with pytest.raises(TimeoutError) as caught, atomic.folder_lock(tmp_path):
            events.append("locked while held")
    finally:
        os.close(held)
    assert (caught.value.errno, caught.value.strerror) == (
        errno.ETIMEDOUT, "another program has been saving in this folder for over 1 s; try again")
    assert events == ["released", "locked"]


def test_a_share_without_locks_is_written_unlocked_and_a_busy_answer_is_waited_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Some network shares answer a lock request with an error that means "no locks here" (ENOLCK, EINVAL):
    the save goes on as before locks existed. EACCES and EAGAIN mean "held by someone": asked again."""
    from model import atomic

    monkeypatch.setattr(atomic, "_LOCK_WAIT_SECONDS", 1.0)
    answers = [errno.EACCES, errno.EAGAIN, errno.EDEADLK, None]
    calls: list[int] = []

    def busy_then_free(fd: int, _op: int) -> None:
        calls.append(fd)
        code = answers[len(calls) - 1]
        if code is not None:
            raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.fcntl, "flock", busy_then_free)
    atomic.atomic_write_bytes(tmp_path / "a.yaml", b"1", before_replace=lambda _t: None)
    assert len(calls) == 4 and (tmp_path / "a.yaml").read_bytes() == b"1"

    def no_locks(_fd: int, _op: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(atomic.fcntl, "flock", no_locks)
    atomic.atomic_write_bytes(tmp_path / "a.yaml", b"2", before_replace=lambda _t: None)
    assert (tmp_path / "a.yaml").read_bytes() == b"2"


def test_the_lock_sidecar_is_lockable_by_the_whole_team_and_a_missing_one_leaves_the_write_unlocked(
        tmp_path: Path) -> None:
    """The sidecar is made read-write for everyone the umask allows (0644 under umask 022), as any new file
    in a shared folder, and never executable. Where it cannot be opened at all (here: a link into a folder
    that is gone), the write goes on unlocked and closes no file it did not open."""
    from model import atomic

    old = os.umask(0o022)
    try:
        atomic.atomic_write_bytes(tmp_path / "a.yaml", b"1", before_replace=lambda _t: None)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / atomic._LOCK_NAME).st_mode) == 0o644
    other = tmp_path / "other"
    other.mkdir()
    (other / atomic._LOCK_NAME).symlink_to(tmp_path / "gone" / "lock")
    stdout = os.fstat(1)
    atomic.atomic_write_bytes(other / "b.yaml", b"2", before_replace=lambda _t: None)
    assert (other / "b.yaml").read_bytes() == b"2"
    assert os.path.samestat(os.fstat(1), stdout)  # the standard output is still open


def test_a_caller_check_that_refuses_just_before_the_replace_leaves_everything_as_it_was(tmp_path: Path) -> None:
    """`before_replace` (the save's changed-on-disk check) raising: its own error comes out unchanged, the
    draft keeps its bytes, the temp file is gone, and no file the write did not open is closed."""
    from model.atomic import atomic_write_bytes

    target = tmp_path / "b.yaml"
    target.write_bytes(b"theirs")

    class ChangedOnDisk(Exception):
        pass

    def refuse(seen: Path) -> None:
        assert seen == target and seen.read_bytes() == b"theirs"
        raise ChangedOnDisk("changed since it was opened")

    stdout = os.fstat(1)
    with pytest.raises(ChangedOnDisk, match=r"^changed since it was opened$"):
        atomic_write_bytes(target, b"mine", before_replace=refuse)
    assert target.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".~write-lock", "b.yaml"]
    assert os.path.samestat(os.fstat(1), stdout)  # the standard output is still open


@pytest.mark.parametrize("step", ["close", "unlink"])
def test_a_failing_clean_up_never_hides_the_error_that_stopped_the_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    """The write fails (disk full while writing; the replace refused), then tidying up fails too (an NFS close
    reporting a late write-back error; the temp file already gone): the user is told the first error, in its
    own words, and the draft is as it was."""
    from model import atomic

    target = tmp_path / "b.yaml"
    target.write_bytes(b"old")
    first = OSError(errno.ENOSPC, "No space left on device") if step == "close" else OSError(errno.EIO, "I/O error")

    def fail(*_args: object, **_kwargs: object) -> None:
        raise first

    def cleanup_fails(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    real_close = os.close

    def close_reporting_eio(fd: int) -> None:  # closed, then the error reported
        real_close(fd)
        cleanup_fails()

    if step == "close":
        monkeypatch.setattr(atomic.os, "write", fail)
        monkeypatch.setattr(atomic.os, "close", close_reporting_eio)
    else:
        monkeypatch.setattr(atomic.os, "replace", fail)
        monkeypatch.setattr(atomic.os, "unlink", cleanup_fails)
    with pytest.raises(OSError) as caught:
        atomic.atomic_write_bytes(target, b"new")
    assert caught.value is first
    assert target.read_bytes() == b"old"


def test_a_failed_write_closes_its_temp_file_even_as_descriptor_0(tmp_path: Path) -> None:
    """A program started with its standard input closed (some launchers and services) gets descriptor 0 for
    the first file it opens: a failed write must close that one too, or the removed temp file keeps its disk
    space until the program ends."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("import errno, os\nfrom pathlib import Path\nfrom model import atomic\n"
            "def full(fd, data): raise OSError(errno.ENOSPC, 'No space left on device')\n"
            "atomic.os.write = full\n"
            f"target = Path({str(tmp_path / 'b.yaml')!r}); target.write_bytes(b'old')\n"
            "try:\n    atomic.atomic_write_bytes(target, b'new')\nexcept OSError as exc:\n    print(exc.errno)\n"
            "try:\n    os.fstat(0)\n    print('fd 0 still open')\nexcept OSError:\n    print('fd 0 closed')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=20, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.DEVNULL,
                            preexec_fn=lambda: os.close(0))
    assert result.stdout.split("\n")[:2] == [str(errno.ENOSPC), "fd 0 closed"], result.stderr
    assert (tmp_path / "b.yaml").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml"]
