"""`main.py export --html`: one borough, a whole edition with an index page, held back, unreadable input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.export.test_html import parse


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", "export", *args, "--html"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_export_one_borough_as_a_web_page(sample_copy: Path, tmp_path: Path) -> None:
    done = _run(str(sample_copy / "boroughs" / "tower-hamlets.yaml"), "-o", str(tmp_path / "web"))
    assert done.returncode == 0, done.stderr
    files = sorted(str(p.relative_to(tmp_path / "web")) for p in (tmp_path / "web").rglob("*") if p.is_file())
    assert files == ["images/commander.jpg", "images/initiative-1.jpg", "index.html", "leaflet.css"]
    page = parse((tmp_path / "web" / "index.html").read_text(encoding="utf-8"))
    assert page.find("title")[0].text == "Tower Hamlets Local Policing Summary 2009/10"
    assert page.find("link", rel="stylesheet")[0].attrs["href"] == "leaflet.css"


def test_a_photo_without_alt_text_holds_the_page_back_unless_forced(sample_copy: Path, tmp_path: Path) -> None:
    path = sample_copy / "boroughs" / "tower-hamlets.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  alt: Borough Commander Paul Rickett\n", ""), encoding="utf-8")
    done = _run(str(path), "-o", str(tmp_path / "web"))
    assert done.returncode == 1
    assert "photo.alt_missing commander.alt" in done.stderr and "--force" in done.stderr
    assert not (tmp_path / "web").exists()
    done = _run(str(path), "-o", str(tmp_path / "web"), "--force")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "web" / "index.html").is_file()


def test_export_all_writes_a_folder_per_borough_and_an_index(sample_copy: Path, tmp_path: Path) -> None:
    text = (sample_copy / "boroughs" / "tower-hamlets.yaml").read_text(encoding="utf-8")
    (sample_copy / "boroughs" / "kensington.yaml").write_text(
        text.replace("borough: Tower Hamlets", "borough: Kensington and Chelsea"), encoding="utf-8")
    (sample_copy / "boroughs" / "bad.yaml").write_text(
        text.replace("photo: images/commander.jpg", "photo: ../../outside.jpg"), encoding="utf-8")
    out = tmp_path / "site"
    done = _run(str(sample_copy), "--all", "-o", str(out))
    assert done.returncode == 1
    assert "held back bad" in done.stderr and "outside" in done.stderr and "[3/3]" in done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "kensington-and-chelsea", "leaflet.css",
                                                     "tower-hamlets"]
    index = parse((out / "index.html").read_text(encoding="utf-8"))
    assert {a.attrs["href"]: a.text for a in index.find("a") if a.attrs["href"] != "#main"} == {
        "kensington-and-chelsea/index.html": "Kensington and Chelsea", "tower-hamlets/index.html": "Tower Hamlets"}
    assert len(index.find("h1")) == 1 and index.find("html")[0].attrs["lang"] == "en-GB"
    assert (out / "kensington-and-chelsea" / "images" / "commander.jpg").is_file()
    assert (out / "kensington-and-chelsea" / "leaflet.css").is_file()  # each folder stands on its own
    done = _run(str(sample_copy), "--all", "-o", str(out), "--force")
    assert done.returncode == 0, done.stderr
    assert (out / "tower-hamlets-bad" / "index.html").is_file()  # same borough name: kept apart by file name


def test_unreadable_input_exits_2_without_traceback(sample_copy: Path, tmp_path: Path) -> None:
    broken = sample_copy / "boroughs" / "tower-hamlets.yaml"
    broken.write_text("format: 1\nborough: [Tower\n", encoding="utf-8")
    done = _run(str(broken), "-o", str(tmp_path / "web"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "line" in done.stderr
    assert not (tmp_path / "web").exists()
    (sample_copy / "edition.yaml").write_text("period: [\n", encoding="utf-8")
    done = _run(str(sample_copy), "--all", "-o", str(tmp_path / "site"))
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_a_folder_is_not_a_borough_file(tmp_path: Path) -> None:
    done = _run(str(ROOT / "resources" / "sample"), "-o", str(tmp_path / "web"))
    assert done.returncode == 2 and "--all" in done.stderr
