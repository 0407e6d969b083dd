"""`main.py export`: one borough, a whole edition, held-back boroughs and unreadable input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", "export", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_export_one_borough_screen_and_print(sample_copy: Path, tmp_path: Path) -> None:
    borough = str(sample_copy / "boroughs" / "tower-hamlets.yaml")
    done = _run(borough, "-o", str(tmp_path / "th.pdf"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "th.pdf").read_bytes().startswith(b"%PDF")
    approved = subprocess.run([sys.executable, "main.py", "approve", borough, "--by", "Ch Supt Example"], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
    assert approved.returncode == 0, approved.stderr
    done = _run(borough, "-o", str(tmp_path / "th-print.pdf"), "--print")
    assert done.returncode == 0, done.stderr
    assert b"/TrimBox" in (tmp_path / "th-print.pdf").read_bytes()


def test_export_all_holds_back_errors_unless_forced(sample_copy: Path, tmp_path: Path) -> None:
    text = (sample_copy / "boroughs" / "tower-hamlets.yaml").read_text(encoding="utf-8")
    bad = text.replace("photo: images/commander.jpg", "photo: images/missing.jpg")
    (sample_copy / "boroughs" / "bad.yaml").write_text(bad, encoding="utf-8")
    done = _run(str(sample_copy), "--all", "-o", str(tmp_path / "out"), "--jobs", "2")
    assert done.returncode == 1
    assert "held back bad" in done.stderr and "missing.jpg" in done.stderr
    assert "[2/2]" in done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["tower-hamlets.pdf"]
    done = _run(str(sample_copy), "--all", "-o", str(tmp_path / "out"), "--force")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["bad.pdf", "tower-hamlets.pdf"]


def test_unreadable_input_exits_2_without_traceback(sample_copy: Path, tmp_path: Path) -> None:
    broken = sample_copy / "boroughs" / "tower-hamlets.yaml"
    broken.write_text("format: 1\nborough: [Tower\n", encoding="utf-8")
    done = _run(str(broken), "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "line" in done.stderr
    assert not (tmp_path / "x.pdf").exists()
