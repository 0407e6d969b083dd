"""Lock files beside open drafts: one winner, who has it, owner-only removal, stale locks taken over."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import locking
from model.locking import LockedError, acquire, is_stale, lock_path, read_lock, take_over


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "tower-hamlets.yaml"
    path.write_text("format: 1\n")
    return path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _plant(draft: Path, **fields: object) -> None:
    record = {"user": "jsmith", "host": socket.gethostname(), "pid": os.getpid(),
              "since": "2026-11-24T14:02:00+00:00", "token": "theirs"} | fields
    lock_path(draft).write_text(json.dumps(record))


def test_the_lock_file_sits_beside_the_draft_and_says_who(draft: Path) -> None:
    with acquire(draft) as lock:
        assert lock.lock_file == draft.parent / ".~lock.tower-hamlets.yaml#"
        info = read_lock(draft)
        assert info is not None
        assert (info.host, info.pid) == (socket.gethostname(), os.getpid())
        assert info.since
    assert not lock_path(draft).exists()


def test_a_second_opener_is_told_who_has_it(draft: Path) -> None:
    _plant(draft, host="COMMS-PC-04", pid=4242)
    with pytest.raises(LockedError) as caught:
        acquire(draft)
    assert caught.value.info.user == "jsmith"
    assert not caught.value.stale
    assert "jsmith on COMMS-PC-04 since 24 Nov 2026 14:02" in str(caught.value)


def test_only_the_owner_removes_the_lock(draft: Path) -> None:
    lock = acquire(draft)
    lock_path(draft).unlink()
    _plant(draft, token="someone-else")  # another editor took it over meanwhile
    lock.release()
    assert read_lock(draft) is not None
    assert read_lock(draft).token == "someone-else"  # type: ignore[union-attr]


def test_a_lock_of_a_dead_process_on_this_computer_is_stale(draft: Path) -> None:
    _plant(draft, pid=_dead_pid())
    with pytest.raises(LockedError) as caught:
        acquire(draft)
    assert caught.value.stale
    lock = take_over(draft, caught.value.info)
    assert lock.owned()
    lock.release()
    assert not lock_path(draft).exists()


def test_a_live_process_on_another_computer_is_not_stale_until_old(draft: Path) -> None:
    _plant(draft, host="COMMS-PC-04", pid=1)
    info = read_lock(draft)
    assert info is not None and not is_stale(info)
    old = os.path.getmtime(lock_path(draft)) - locking.STALE_AFTER - 60
    os.utime(lock_path(draft), (old, old))
    info = read_lock(draft)
    assert info is not None and is_stale(info)


def test_refresh_keeps_a_held_lock_fresh(draft: Path) -> None:
    lock = acquire(draft)
    os.utime(lock.lock_file, (1, 1))
    assert lock.refresh()
    info = read_lock(draft)
    assert info is not None and not is_stale(info)
    lock.release()


def test_take_over_refuses_if_the_lock_changed_since_it_was_shown(draft: Path) -> None:
    _plant(draft, pid=_dead_pid())
    shown = read_lock(draft)
    assert shown is not None
    _plant(draft, host="COMMS-PC-04", token="fresh")  # a colleague opened it in between
    with pytest.raises(LockedError):
        take_over(draft, shown)
    assert read_lock(draft).token == "fresh"  # type: ignore[union-attr]


def test_an_unreadable_lock_still_counts_as_locked(draft: Path) -> None:
    lock_path(draft).write_bytes(b"\x00garbage")
    with pytest.raises(LockedError) as caught:
        acquire(draft)
    assert "someone on an unknown computer" in str(caught.value)


def _race(threads: int, attempt: Callable[[], locking.Lock]) -> list[locking.Lock]:
    """Run `attempt` in several threads released at the same instant; the locks won."""
    winners: list[locking.Lock] = []
    barrier = threading.Barrier(threads)

    def one() -> None:
        barrier.wait()
        try:
            winners.append(attempt())
        except LockedError:
            pass

    started = [threading.Thread(target=one) for _ in range(threads)]
    for t in started:
        t.start()
    for t in started:
        t.join()
    return winners


def test_racing_openers_have_exactly_one_winner(draft: Path) -> None:
    for _ in range(20):
        winners = _race(8, lambda: acquire(draft))
        assert len(winners) == 1
        winners[0].release()


def test_racing_takers_of_a_stale_lock_have_exactly_one_winner(draft: Path) -> None:
    for _ in range(10):
        _plant(draft, pid=_dead_pid())
        shown = read_lock(draft)
        assert shown is not None
        winners = _race(6, lambda shown=shown: take_over(draft, shown))
        assert len(winners) == 1
        assert winners[0].owned()
        winners[0].release()


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
def test_any_lock_file_content_reads_as_locked_never_crashes(tmp_path_factory: pytest.TempPathFactory,
                                                             raw: bytes) -> None:
    draft = tmp_path_factory.mktemp("lk") / "d.yaml"
    lock_path(draft).write_bytes(raw)
    info = read_lock(draft)
    assert info is not None
    assert isinstance(info.describe(), str)
    with pytest.raises(LockedError):
        acquire(draft)
