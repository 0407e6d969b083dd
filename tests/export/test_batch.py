"""export_many: one PDF per borough in worker processes; boroughs with errors are held back."""

from __future__ import annotations

import threading
from pathlib import Path

from export.batch import export_many
from model.edition import borough_files


def _add_overflowing_borough(edition: Path) -> None:
    text = (edition / "boroughs" / "tower-hamlets.yaml").read_text(encoding="utf-8")
    long = text.replace("  message: |\n", "  message: |\n" + "    Far too long. " * 400 + "\n\n", 1)
    (edition / "boroughs" / "long-borough.yaml").write_text(long, encoding="utf-8")


def test_exports_good_boroughs_and_holds_back_errors(sample_copy: Path, tmp_path: Path) -> None:
    _add_overflowing_borough(sample_copy)
    seen: list[tuple[int, int, str]] = []
    result = export_many(borough_files(sample_copy), tmp_path / "out", workers=2,
                         progress=lambda d, t, n: seen.append((d, t, n)))
    assert [e.slug for e in result.exported] == ["tower-hamlets"]
    assert (tmp_path / "out" / "tower-hamlets.pdf").read_bytes().startswith(b"%PDF")
    assert [slug for slug, _ in result.held_back] == ["long-borough"]
    assert "layout.overflow" not in result.held_back[0][1] and "too long" in result.held_back[0][1]
    assert sorted(d for d, _, _ in seen) == [1, 2] and {t for _, t, _ in seen} == {2}
    assert not (tmp_path / "out" / "long-borough.pdf").exists()


def test_force_exports_everything_but_never_cut_text(sample_copy: Path, tmp_path: Path) -> None:
    _add_overflowing_borough(sample_copy)
    text = (sample_copy / "boroughs" / "tower-hamlets.yaml").read_text(encoding="utf-8")
    (sample_copy / "boroughs" / "no-photo.yaml").write_text(
        text.replace("photo: images/commander.jpg", "photo: images/missing.jpg"), encoding="utf-8")
    result = export_many(borough_files(sample_copy), tmp_path, print_pdf=True, workers=1, force=True)
    assert sorted(e.slug for e in result.exported) == ["no-photo", "tower-hamlets"]
    assert [slug for slug, _ in result.held_back] == ["long-borough"]
    assert "text would be cut" in result.held_back[0][1] and "--force never exports" in result.held_back[0][1]
    assert not (tmp_path / "long-borough.pdf").exists()


def test_cancel_before_start_exports_nothing_more(sample_copy: Path, tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    result = export_many(borough_files(sample_copy) * 6, tmp_path, workers=1, cancel=cancel)
    assert result.cancelled
    assert len(result.exported) < 6
