"""`main.py approve`, the `review` findings of `check`, and the print gate of `export --print`, as scripts call them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from model.storage import load_borough
from tests.conftest import ROOT


def _main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def _review(path: Path) -> list[dict[str, object]]:
    done = _main("check", str(path), "--json")
    assert done.returncode in (0, 1), done.stderr
    return [f for f in json.loads(done.stdout) if str(f["path"]).startswith("review")]


def test_approve_check_edit_check(sample_copy: Path) -> None:
    borough = sample_copy / "boroughs" / "tower-hamlets.yaml"
    done = _main("approve", str(borough), "--by", "Ch Supt Example")
    assert done.returncode == 0, done.stderr
    approval = load_borough(borough).doc.approval
    assert approval is not None and approval.by == "Ch Supt Example" and approval.fingerprint.startswith("v1:")
    assert load_borough(borough).doc.status == "approved"
    assert _review(borough) == []
    assert _review(sample_copy) == []

    text = borough.read_text(encoding="utf-8")
    borough.write_text(text.replace("change: -136", "change: -135", 1), encoding="utf-8")
    found = _review(borough)
    assert [(f["severity"], f["code"]) for f in found] == [("warning", "review.approval_stale")]
    assert "results[1].change" in str(found[0]["message"])
    assert found[0]["line"]  # points at the file's approval


def test_a_london_change_reopens_every_approval(sample_copy: Path) -> None:
    borough = sample_copy / "boroughs" / "tower-hamlets.yaml"
    assert _main("approve", str(borough), "--by", "Ch Supt Example").returncode == 0
    edition = sample_copy / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("Met Forward", "Met Onward", 1), encoding="utf-8")
    found = _review(sample_copy)
    assert [f["code"] for f in found] == ["review.approval_stale"]
    assert "london." in str(found[0]["message"])


def test_print_gate_needs_force_and_records_the_reason(sample_copy: Path, tmp_path: Path) -> None:
    borough = sample_copy / "boroughs" / "tower-hamlets.yaml"
    out = tmp_path / "th.pdf"
    done = _main("export", str(borough), "-o", str(out), "--print")
    assert done.returncode == 1 and not out.exists()
    assert "not approved" in done.stderr and "--force" in done.stderr
    assert _main("export", str(borough), "-o", str(out)).returncode == 0  # the screen PDF is no print job

    out.unlink()
    done = _main("export", str(borough), "-o", str(out), "--print", "--force", "--by", "Staff Member",
                 "--reason", "printer deadline")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    overrides = load_borough(borough).doc.print_overrides
    assert [o.by for o in overrides] == ["Staff Member"]
    assert overrides[0].reason.startswith("printer deadline") and "not approved" in overrides[0].reason

    assert _main("approve", str(borough), "--by", "Ch Supt Example").returncode == 0
    out.unlink()
    assert _main("export", str(borough), "-o", str(out), "--print").returncode == 0
    assert len(load_borough(borough).doc.print_overrides) == 1  # no override needed, none recorded


def test_batch_print_export_holds_back_unapproved_boroughs(sample_copy: Path, tmp_path: Path) -> None:
    done = _main("export", str(sample_copy), "--all", "--print", "-o", str(tmp_path / "out"), "--jobs", "1")
    assert done.returncode == 1
    assert "held back tower-hamlets" in done.stderr and "not approved" in done.stderr
    assert _main("approve", str(sample_copy / "boroughs" / "tower-hamlets.yaml"), "--by", "Boss").returncode == 0
    done = _main("export", str(sample_copy), "--all", "--print", "-o", str(tmp_path / "out"), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "tower-hamlets.pdf").is_file()


def test_approve_refuses_bad_input(tmp_path: Path, sample_copy: Path) -> None:
    assert _main("approve", str(tmp_path / "nowhere.yaml"), "--by", "Boss").returncode == 2
    borough = sample_copy / "boroughs" / "tower-hamlets.yaml"
    assert _main("approve", str(borough), "--by", "  ").returncode == 2
    borough.write_text("borough: [unclosed\n", encoding="utf-8")
    done = _main("approve", str(borough), "--by", "Boss")
    assert done.returncode == 2 and "tower-hamlets.yaml" in done.stderr
    assert borough.read_text(encoding="utf-8") == "borough: [unclosed\n"  # nothing written


def test_approve_refuses_a_file_open_in_the_editor(sample_copy: Path) -> None:
    from model.locking import acquire

    borough = sample_copy / "boroughs" / "tower-hamlets.yaml"
    before = borough.read_bytes()
    with acquire(borough):  # this test process is alive, so the lock is live
        done = _main("approve", str(borough), "--by", "Boss")
    assert done.returncode == 1 and "open in the editor" in done.stderr
    assert borough.read_bytes() == before


def test_a_changed_priority_target_holds_the_print_export_back(sample_copy: Path, tmp_path: Path) -> None:
    """Issue 15's planted bug: approve, change a target from -5.5 to -50.5, and the print PDF must wait."""
    borough = sample_copy / "boroughs" / "tower-hamlets.yaml"
    out = tmp_path / "th.pdf"
    assert _main("approve", str(borough), "--by", "Ch Supt Example").returncode == 0
    text = borough.read_text(encoding="utf-8")
    assert text.count("target_pct: -5.5") == 1
    borough.write_text(text.replace("target_pct: -5.5", "target_pct: -50.5"), encoding="utf-8")
    done = _main("export", str(borough), "-o", str(out), "--print")
    assert done.returncode == 1 and not out.exists()
    assert "changed since Ch Supt Example approved" in done.stderr
