"""Every malformed input gives exit 2 and a short message naming file and line, and touches nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE

ALIAS_BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8)
)

# name → (file bytes, words the message must contain)
CASES: dict[str, tuple[bytes, list[str]]] = {
    "broken-syntax": (b"format: 1\nborough: [Tower\n", ["line", "not valid YAML"]),
    "tabs": (b"format: 1\ncommander:\n\tname: x\n", ["line 3", "tab"]),
    "wrong-type": (b"format: 1\nborough: X\nresults:\n  - measure: A\n    change: lots\n", ["line 5", "results[0].change", "whole number"]),
    "thousands-separator": (b"format: 1\nborough: X\nresults:\n  - {measure: A, previous: '1,070'}\n", ["without thousands separators"]),
    "list-for-map": (b"format: 1\ncommander:\n  - name\n", ["line 3", "commander", "map"]),
    "map-for-list": (b"format: 1\ninitiatives:\n  title: x\n", ["initiatives", "list"]),
    "scalar-document": (b"just some words\n", ["map"]),
    "empty": (b"", ["empty"]),
    "only-comment": (b"# nothing here\n", ["empty"]),
    "binary": (bytes(range(256)) * 4, ["UTF-8"]),
    "nul-bytes": (b"format: 1\nborough: \x00\x01\x02\n", ["line 2"]),
    "latin-1": ("format: 1\nborough: Caf\u00e9\n".encode("latin-1"), ["line 2", "UTF-8"]),
    "python-tag": (b"format: 1\nborough: !!python/object/apply:os.system ['touch /tmp/pwned']\n", ["tag", "not allowed"]),
    "custom-tag": (b"format: 1\nborough: !secret x\n", ["tag"]),
    "alias-bomb": (b"format: 1\n" + ALIAS_BOMB.encode(), ["anchors"]),
    "deep-nesting": (b"format: 1\nborough: " + b"[" * 5000 + b"]" * 5000 + b"\n", ["nested"]),
    "huge-file": (b"format: 1\nborough: " + b"x" * 1_200_000 + b"\n", ["bytes", "at most"]),
    "duplicate-keys": (b"format: 1\nborough: A\nborough: B\n", ["line 3", "appears twice", "line 2"]),
    "unknown-key": (b"format: 1\nborough: A\ncomander:\n  name: x\n", ["comander", "did you mean 'commander'"]),
    "bad-outcome": (b"format: 1\nborough: A\nresults:\n  - {measure: A, outcome: yes}\n", ["achieved, missed"]),
    "no-format": (b"borough: A\n", ["format"]),
    "future-format": (b"format: 99\nborough: A\n", ["newer version"]),
}


def _run(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, capture_output=True,
                            text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return result, time.monotonic() - start


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", ["check", "fmt"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_unreadable_borough_file_exit_2_clear_message_nothing_written(
    name: str, command: str, sample_copy: Path
) -> None:
    data, words = CASES[name]
    path = sample_copy / "boroughs" / f"{name}.yaml"
    path.write_bytes(data)
    before = _snapshot(sample_copy)
    result, seconds = _run([command, str(path)], sample_copy)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
    for word in words:
        assert word in result.stderr, f"{word!r} missing from: {result.stderr}"
    assert len(result.stderr.splitlines()) <= 6, result.stderr  # one short paragraph, not a dump
    assert seconds < 20
    assert _snapshot(sample_copy) == before
    assert not Path("/tmp/pwned").exists()


def test_edition_folder_reports_problems_of_every_file(sample_copy: Path) -> None:
    (sample_copy / "boroughs" / "a.yaml").write_bytes(b"format: 1\nborough: [\n")
    (sample_copy / "boroughs" / "b.yaml").write_bytes(b"format: 1\nborugh: B\n")
    result, _ = _run(["check", str(sample_copy)], sample_copy)
    assert result.returncode == 2
    assert "a.yaml" in result.stderr and "b.yaml" in result.stderr


def test_missing_file_and_folder_without_edition(tmp_path: Path) -> None:
    result, _ = _run(["check", str(tmp_path / "nope.yaml")], tmp_path)
    assert result.returncode == 2 and "does not exist" in result.stderr
    result, _ = _run(["check", str(tmp_path)], tmp_path)
    assert result.returncode == 2 and "edition.yaml" in result.stderr


def test_fmt_twice_changes_nothing_the_second_time(sample_copy: Path) -> None:
    path = sample_copy / "boroughs" / "tower-hamlets.yaml"
    path.write_text(path.read_text().replace("  - measure: Total robbery\n", "  - measure:    Total robbery   \n"))
    first, _ = _run(["fmt", str(sample_copy)], sample_copy)
    assert first.returncode == 0, first.stderr
    after_first = _snapshot(sample_copy)
    second, _ = _run(["fmt", str(sample_copy)], sample_copy)
    assert second.returncode == 0
    assert _snapshot(sample_copy) == after_first
    assert "0 of" in second.stderr


def test_check_json_shape_on_sample() -> None:
    import json

    result, _ = _run(["check", str(SAMPLE), "--json"], ROOT)
    assert result.returncode in (0, 1), result.stderr
    findings = json.loads(result.stdout)
    assert isinstance(findings, list)
    for finding in findings:
        assert {"file", "path", "severity", "code", "message"} <= finding.keys()
        assert finding["severity"] in {"error", "warning", "info"}
