"""Crash recovery: unsaved edits written to the recovery folder come back on the next start."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.docdiff import changed_fields
from model.recovery import SUFFIX, RecoveryStore
from model.storage import load_borough, save
from model.types import Borough
from tests.conftest import ROOT, SAMPLE_BOROUGH
from tests.model.strategies import documents

SAMPLE = load_borough(SAMPLE_BOROUGH).doc


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "edition" / "tower-hamlets.yaml"
    path.parent.mkdir()
    save(SAMPLE, path)
    return path


def _edited() -> Borough:
    rows = list(SAMPLE.results)
    rows[1] = replace(rows[1], change=-99)
    return replace(SAMPLE, commander=replace(SAMPLE.commander, name="New Commander"), results=tuple(rows))


def _crashed_session(store: Path, draft: Path) -> None:
    """A separate process writes a recovery copy and dies without saving, as a crash would."""
    script = ("import sys; from dataclasses import replace; from model.recovery import RecoveryStore; "
              "from model.storage import load_borough; from pathlib import Path; "
              "d = load_borough(sys.argv[2]); "
              "doc = replace(d.doc, commander=replace(d.doc.commander, name='Crashed Edit')); "
              "RecoveryStore(sys.argv[1]).write(doc, Path(sys.argv[2]), d.fingerprint)")
    subprocess.run([sys.executable, "-c", script, str(store), str(draft)], check=True, cwd=ROOT,
                   env={"PYTHONPATH": str(ROOT), "PATH": ""})


def test_edits_of_a_crashed_session_are_offered_with_what_changed(tmp_path: Path, draft: Path) -> None:
    store = tmp_path / "recovery"
    _crashed_session(store, draft)
    [entry] = RecoveryStore(store).pending()
    assert entry.original == draft.resolve()
    assert entry.document().commander.name == "Crashed Edit"
    summary = entry.summary()
    assert summary.fields == ("commander.name",)
    assert "1 field changed (commander.name)" in summary.describe()
    assert not entry.original_changed()
    assert entry.saved_at


def test_a_recovery_copy_is_discarded_after_saving(tmp_path: Path, draft: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    store.write(_edited(), draft, load_borough(draft).fingerprint)
    assert len(list(store.folder.glob("*" + SUFFIX))) == 1
    store.discard(draft)
    assert store.pending() == []


def test_copies_of_an_editor_still_running_are_not_offered(tmp_path: Path, draft: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    written = store.write(_edited(), draft)
    assert written is not None
    record = json.loads(written.read_text())
    other_editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    record["pid"] = other_editor.pid
    try:
        written.write_text(json.dumps(record))
        assert store.pending() == []
    finally:
        other_editor.kill()
        other_editor.wait()
    assert len(store.pending()) == 1  # once that editor is gone, its edits are offered


def test_summary_notices_the_draft_changed_on_disk_too(tmp_path: Path, draft: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    store.write(_edited(), draft, load_borough(draft).fingerprint)
    save(replace(SAMPLE, borough="Changed by someone"), draft)
    [entry] = store.pending()
    assert entry.original_changed()
    assert set(entry.summary().fields) >= {"borough", "commander.name", "results[1].change"}


def test_a_never_saved_document_can_be_recovered(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    store.write(_edited(), None, untitled_id="window-1")
    [entry] = store.pending()
    assert entry.original is None
    assert entry.document() == _edited()
    assert "commander.name" in entry.summary().fields


def test_damaged_recovery_files_are_skipped_not_fatal(tmp_path: Path, draft: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    store.write(_edited(), draft)
    (store.folder / ("junk" + SUFFIX)).write_bytes(b"\xff\x00not json")
    (store.folder / ("wrong" + SUFFIX)).write_text(json.dumps({"kind": "spreadsheet"}))
    assert len(store.pending()) == 1


def test_changed_fields_names_each_differing_field() -> None:
    assert changed_fields(SAMPLE, _edited()) == ["commander.name", "results[1].change"]
    assert changed_fields(SAMPLE, SAMPLE) == []


@settings(max_examples=60, deadline=None)
@given(doc=documents(Borough))
def test_any_document_comes_back_exactly(tmp_path_factory: pytest.TempPathFactory, doc: Borough) -> None:
    store = RecoveryStore(tmp_path_factory.mktemp("rec"))
    assert store.write(doc, None, untitled_id="x") is not None
    [entry] = store.pending()
    assert entry.document() == doc


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=300) | st.dictionaries(st.sampled_from(["kind", "text", "saved_at", "pid", "original"]),
                                                    st.text(max_size=20) | st.integers()).map(
                                                        lambda d: json.dumps(d).encode()))
def test_any_recovery_file_content_is_skipped_or_read_never_crashes(tmp_path_factory: pytest.TempPathFactory,
                                                                    raw: bytes) -> None:
    store = RecoveryStore(tmp_path_factory.mktemp("rec"))
    (store.folder / ("x" + SUFFIX)).write_bytes(raw)
    for entry in store.pending():
        assert entry.kind in ("borough", "edition")
