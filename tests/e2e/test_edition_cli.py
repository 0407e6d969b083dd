"""`new-edition` and `import-figures` from the command line: output, exit codes, nothing written when told not to."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from main import main
from tests.conftest import ROOT, SAMPLE

EXAMPLE = ROOT / "tests" / "fixtures" / "performance-figures-2009-10.csv"


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "2010-11"
    result = subprocess.run([sys.executable, "main.py", "new-edition", str(SAMPLE), str(folder), "--period", "2010/11"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "32 borough drafts" in result.stdout
    return folder


def test_check_runs_on_the_new_edition(edition: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(edition), "--json"])
    findings = json.loads(capsys.readouterr().out)
    assert code in (0, 1)
    assert isinstance(findings, list)


def test_new_edition_refuses_existing_folder(edition: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_digest(edition)
    assert main(["new-edition", str(SAMPLE), str(edition), "--period", "2010/11"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert tree_digest(edition) == before


def test_new_edition_unreadable_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new-edition", str(tmp_path), str(tmp_path / "new"), "--period", "2010/11"]) == 2
    assert "not an edition folder" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_import_dry_run_writes_nothing_and_reports_rejected_rows(edition: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "f.csv"
    sheet.write_text(EXAMPLE.read_text() + "Tower Hamlet,Gun crime,65,90,-4.2\n")
    before = tree_digest(edition)
    assert main(["import-figures", str(sheet), str(edition), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert tree_digest(edition) == before
    assert "row 12: unknown borough 'Tower Hamlet'" in out
    assert "Barnet (boroughs/barnet.yaml)" in out
    assert "results[0].change_pct (Residential burglary): (empty) → -7.3" in out
    assert "dry run: nothing written" in out


def test_import_applies_good_rows_and_reports_json(edition: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    folder = tmp_path / "ed"
    shutil.copytree(edition, folder)
    assert main(["import-figures", str(EXAMPLE), str(folder), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rejected"] == [] and report["applied_rows"] == list(range(2, 12))
    assert sorted(Path(p).stem for p in report["written"]) == ["barnet", "camden", "tower-hamlets"]
    assert {"borough": "Camden", "file": "boroughs/camden.yaml", "field": "results[0].change_pct",
            "measure": "Knife crime", "old": None, "new": "-7.7"} in report["changes"]
    assert "change_pct: -7.7" in (folder / "boroughs" / "camden.yaml").read_text()


@pytest.mark.parametrize("content", [b"", b"Name,Count\nBarnet,3\n", b"\x00\x01PK\x03"])
def test_import_unreadable_sheet_exits_2(content: bytes, edition: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_bytes(content)
    assert main(["import-figures", str(sheet), str(edition)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the spreadsheet could not be used:") and "Traceback" not in err
