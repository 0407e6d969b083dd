"""`fmt` refuses to overwrite a file that changed on disk while it worked, and says so."""

from __future__ import annotations

import argparse
from pathlib import Path
from unittest import mock

import pytest

from cli import fmt
from model.storage import load


def _messy(path: Path) -> None:
    # Valid but not canonical: fmt would rewrite it.
    path.write_text(path.read_text().replace("status: draft", "status:    draft"))


def test_fmt_refuses_a_file_changed_while_it_worked(sample_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = sample_copy / "boroughs" / "tower-hamlets.yaml"
    _messy(target)
    theirs = target.read_bytes().replace(b"Paul Rickett", b"Paul Rickets")

    def load_then_someone_saves(cls: type, path: Path, root: Path | None = None):  # type: ignore[no-untyped-def]
        loaded = load(cls, path, root)
        if path == target:
            target.write_bytes(theirs)
        return loaded

    with mock.patch.object(fmt, "load", load_then_someone_saves):
        code = fmt.run(argparse.Namespace(path=[str(target)]))
    assert code == fmt.EXIT_CHANGED
    assert target.read_bytes() == theirs
    err = capsys.readouterr().err
    assert "changed on disk while fmt was working" in err
    assert "Run fmt again" in err


def test_fmt_still_formats_an_untouched_file(sample_copy: Path) -> None:
    target = sample_copy / "boroughs" / "tower-hamlets.yaml"
    _messy(target)
    assert fmt.run(argparse.Namespace(path=[str(target)])) == 0
    assert b"status: draft" in target.read_bytes()
    assert fmt.run(argparse.Namespace(path=[str(sample_copy)])) == 0
