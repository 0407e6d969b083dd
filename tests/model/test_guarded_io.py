"""Issue 15: the one guarded reader (model/safe_read.py) and the write-side checks (model/atomic.py, write_guard)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import atomic
from model.atomic import NotRegularTarget, ReadOnlyFileError, atomic_write_bytes, folder_lock
from model.safe_read import RefusedRead, read_regular, stat_regular
from model.storage import SaveError, load_borough, save, serialize
from model.types import Borough, EditionContent
from model.write_guard import WriteRefused, refuse_link_out, refuse_write
from model.yaml_read import comment_lines
from tests.conftest import ROOT, SAMPLE_BOROUGH
from tests.model.strategies import documents

SECRET = "SECRET-4f1c-do-not-print"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    # In a child with a timeout: if the guard regressed, the open would block for ever.
    code = ("import sys; from model.safe_read import read_regular, RefusedRead\n"
            f"try:\n    read_regular({str(fifo)!r}, limit=100)\nexcept RefusedRead as e:\n    print(e)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=20,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "a pipe (FIFO)" in result.stdout


@pytest.mark.parametrize("target", ["/dev/zero", "/proc/self/environ"])
def test_devices_and_system_files_are_refused(tmp_path: Path, target: str) -> None:
    if not Path(target).exists():
        pytest.skip(f"{target} does not exist on this system")
    link = tmp_path / "x.yaml"
    link.symlink_to(target)
    with pytest.raises(RefusedRead) as caught:
        read_regular(link, limit=1_000_000)
    assert "x.yaml" in str(caught.value)


def test_a_folder_is_refused_in_words(tmp_path: Path) -> None:
    with pytest.raises(RefusedRead, match="a folder"):
        read_regular(tmp_path, limit=10)
    with pytest.raises(RefusedRead, match="a folder"):
        stat_regular(tmp_path)


def test_size_is_capped_before_and_while_reading_and_never_echoed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(SECRET * 100)
    with pytest.raises(RefusedRead) as caught:
        read_regular(big, limit=100)
    assert SECRET not in str(caught.value) and "at most 100" in str(caught.value)
    # A file whose size is a lie (it grows, or fstat says 0 as /proc files do) is cut off while reading.
    real_fstat = os.fstat

    def tiny(fd: int) -> os.stat_result:
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    monkeypatch.setattr(os, "fstat", tiny)
    with pytest.raises(RefusedRead) as caught:
        read_regular(big, limit=100)
    assert SECRET not in str(caught.value)


def test_links_leaving_the_root_are_refused_naming_the_link(tmp_path: Path) -> None:
    root = tmp_path / "edition"
    (root / "images").mkdir(parents=True)
    outside = tmp_path / "outside.jpg"
    outside.write_text(SECRET)
    (root / "images" / "in.jpg").write_text("fine")
    (root / "images" / "out.jpg").symlink_to(outside)
    (root / "images" / "inner.jpg").symlink_to(root / "images" / "in.jpg")
    (root / "linked").symlink_to(tmp_path)
    assert read_regular(root / "images" / "inner.jpg", limit=10, root=root) == b"fine"  # a link inside is fine
    with pytest.raises(RefusedRead) as caught:
        read_regular(root / "images" / "out.jpg", limit=100, root=root, what="photo")
    assert "out.jpg" in str(caught.value) and "link" in str(caught.value) and SECRET not in str(caught.value)
    with pytest.raises(RefusedRead) as caught:
        read_regular(root / "linked" / "outside.jpg", limit=100, root=root)
    assert str(caught.value).startswith(str(root / "linked"))  # the folder link is the one named


def test_a_nul_in_a_name_is_refused_not_a_valueerror(tmp_path: Path) -> None:
    with pytest.raises(RefusedRead, match="NUL"):
        read_regular(tmp_path / "a\x00b", limit=10)
    with pytest.raises(NotRegularTarget, match="NUL"):
        atomic_write_bytes(tmp_path / "a\x00b", b"x")


def test_writes_refuse_folders_pipes_and_read_only_files(tmp_path: Path) -> None:
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularTarget):
        atomic_write_bytes(fifo, b"%PDF")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    with pytest.raises(NotRegularTarget, match="folder"):
        atomic_write_bytes(tmp_path, b"%PDF")
    ro = tmp_path / "ro.pdf"
    ro.write_bytes(b"old")
    ro.chmod(0o444)
    with pytest.raises(ReadOnlyFileError):
        atomic_write_bytes(ro, b"new")
    assert ro.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~save-")] == []


def test_a_read_only_draft_gives_a_read_only_save_error(sample_copy: Path) -> None:
    draft = sample_copy / "boroughs" / "tower-hamlets.yaml"
    loaded = load_borough(draft)
    draft.chmod(0o444)
    with pytest.raises(SaveError) as caught:
        save(loaded.doc, draft, expected_fingerprint=loaded.fingerprint)
    assert caught.value.reason == "read_only"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_owner_and_mode_are_kept(sample_copy: Path) -> None:
    draft = sample_copy / "boroughs" / "tower-hamlets.yaml"
    os.chown(draft, 1234, 2345)
    draft.chmod(0o640)
    loaded = load_borough(draft)
    save(loaded.doc, draft, expected_fingerprint=loaded.fingerprint)
    st = draft.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1234, 2345, 0o640)


def test_the_folder_lock_excludes_another_process(tmp_path: Path) -> None:
    log = tmp_path / "log"
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from model.atomic import folder_lock\n"
         f"log = Path({str(log)!r})\n"
         f"with folder_lock(Path({str(tmp_path)!r})):\n"
         "    log.write_text('child-in\\n'); print('held', flush=True); time.sleep(1.0)\n"
         "    log.write_text(log.read_text() + 'child-out\\n')\n"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    with folder_lock(tmp_path):
        log.write_text(log.read_text() + "parent\n")
    child.wait(timeout=20)
    assert log.read_text().split() == ["child-in", "child-out", "parent"]


def test_the_folder_lock_is_reentrant_in_one_thread(tmp_path: Path) -> None:
    with folder_lock(tmp_path), folder_lock(tmp_path):
        atomic_write_bytes(tmp_path / "a", b"1", before_replace=lambda _t: None)
    assert (tmp_path / "a").read_bytes() == b"1"


def test_write_guard_refuses_the_bundled_sample_a_lock_and_read_only(sample_copy: Path) -> None:
    with pytest.raises(WriteRefused) as caught:
        refuse_write(SAMPLE_BOROUGH)
    assert caught.value.reason == "bundled_sample"
    draft = sample_copy / "boroughs" / "tower-hamlets.yaml"
    refuse_write(draft)  # a plain copy is fine
    (draft.parent / ".~lock.tower-hamlets.yaml#").write_text('{"pid": 1e400}')
    with pytest.raises(WriteRefused) as caught:
        refuse_write(draft)
    assert caught.value.reason == "lock_unreadable"
    (draft.parent / ".~lock.tower-hamlets.yaml#").unlink()
    draft.chmod(0o444)
    with pytest.raises(WriteRefused) as caught:
        refuse_write(draft)
    assert caught.value.reason == "read_only"


def test_a_backups_link_leaving_the_edition_stops_the_save(sample_copy: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    draft = sample_copy / "boroughs" / "tower-hamlets.yaml"
    (draft.parent / ".backups").symlink_to(elsewhere)
    loaded = load_borough(draft)
    from dataclasses import replace

    with pytest.raises(SaveError) as caught:
        save(replace(loaded.doc, borough="Changed"), draft, expected_fingerprint=loaded.fingerprint)
    assert caught.value.reason == "outside_edition"
    assert list(elsewhere.iterdir()) == [] and draft.read_bytes() != b""
    inside = sample_copy / "kept"
    inside.mkdir()
    (sample_copy / ".approvals").symlink_to(inside)
    refuse_link_out(sample_copy / ".approvals", sample_copy)  # a link that stays inside is fine


def test_the_lock_sidecar_is_only_made_for_checked_writes(tmp_path: Path) -> None:
    atomic_write_bytes(tmp_path / "a.pdf", b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]
    atomic_write_bytes(tmp_path / "b.yaml", b"x", before_replace=lambda _t: None)
    assert sorted(p.name for p in tmp_path.iterdir()) == [atomic._LOCK_NAME, "a.pdf", "b.yaml"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to run a second user")
def test_the_folder_lock_works_for_a_colleague_who_cannot_write_the_sidecar() -> None:
    import shutil
    import tempfile

    shared = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        shared.chmod(0o777)
        log = shared / "log"
        log.write_text("")
        log.chmod(0o666)
        with folder_lock(shared):
            pass  # root creates the sidecar, 0644 under the usual umask: the colleague can only read it
        assert stat.S_IMODE((shared / atomic._LOCK_NAME).stat().st_mode) & 0o002 == 0
        child = subprocess.Popen(
            [sys.executable, "-c",
             "import os, time; from pathlib import Path; from model.atomic import folder_lock\n"
             "os.setgid(65534); os.setuid(65534)  # from here on an ordinary colleague\n"
             f"log = Path({str(log)!r})\n"
             f"with folder_lock(Path({str(shared)!r})):\n"
             "    log.write_text('child-in\\n'); print('held', flush=True); time.sleep(1.0)\n"
             "    log.write_text(log.read_text() + 'child-out\\n')\n"],
            cwd="/", env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with folder_lock(shared):
            log.write_text(log.read_text() + "parent\n")
        child.wait(timeout=20)
        assert log.read_text().split() == ["child-in", "child-out", "parent"]
    finally:
        shutil.rmtree(shared, ignore_errors=True)



@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents(Borough), documents(EditionContent)))
def test_fmt_never_sees_comments_in_its_own_output(doc: Borough | EditionContent) -> None:
    # A '#' inside any value (quoted, plain or a block) is text, not a comment: fmt must never
    # refuse a file it wrote itself.
    text = serialize(doc).decode("utf-8")
    assert comment_lines(text) == []
    # ...and a real comment added to any line is found on that line.
    lines = text.split("\n")
    index = len(lines) // 2
    if lines[index].strip() and not lines[index].startswith(" "):
        lines[index] += "  # a note"
        assert index + 1 in comment_lines("\n".join(lines))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), limit=st.integers(0, 3000))
def test_read_regular_returns_the_bytes_or_refuses_over_the_limit(tmp_path: Path, data: bytes, limit: int) -> None:
    file = tmp_path / "f"
    file.write_bytes(data)
    if len(data) <= limit:
        assert read_regular(file, limit=limit) == data
    else:
        with pytest.raises(RefusedRead):
            read_regular(file, limit=limit)


def test_a_comment_after_a_block_scalar_header_is_found_and_the_block_text_is_not_one() -> None:
    # hypothesis found fmt would have dropped this one silently: "|-  # a note" put the '#' inside the block's token
    assert comment_lines("a: 1\nnon_emergency: |-  # a note\n  a\n\n  b\n") == [2]
    assert comment_lines("a: |\n  # inside the text\n  more\n") == []


def test_a_refused_write_is_an_oserror_with_its_number_words_and_file(tmp_path: Path) -> None:
    """Handlers that know only OSError (`except OSError` in the command line) read errno, strerror and
    filename: each refusal fills all three, and says what the file is."""
    with pytest.raises(NotRegularTarget) as folder:
        atomic_write_bytes(tmp_path, b"%PDF")
    assert (folder.value.errno, folder.value.filename) == (errno.EINVAL, str(tmp_path))
    assert folder.value.strerror == folder.value.why and "folder" in folder.value.why
    assert str(folder.value) == f"{tmp_path}: {folder.value.why}"
    ro = tmp_path / "ro.pdf"
    ro.write_bytes(b"old")
    ro.chmod(0o444)
    with pytest.raises(ReadOnlyFileError) as read_only:
        atomic_write_bytes(ro, b"new")
    assert (read_only.value.errno, read_only.value.strerror, read_only.value.filename) == (
        errno.EACCES, "the file is marked read-only", str(ro))
