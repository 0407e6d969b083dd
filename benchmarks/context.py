"""What every benchmark group shares: repetitions, a scratch folder, the sample and a generated edition."""

from __future__ import annotations

import dataclasses
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import ROOT
from model.types import Borough

SAMPLE = ROOT / "resources" / "sample"
SAMPLE_BOROUGH = SAMPLE / "boroughs" / "tower-hamlets.yaml"
PYTHON = sys.executable
FULL_EDITION = 32
QUICK_EDITION = 3  # boroughs in the generated edition in quick mode


@dataclass
class Context:
    """Settings of one benchmark run. `repeat` for in-process timings, `runs` for subprocesses."""

    work: Path
    quick: bool = False
    repeat: int = 15
    runs: int = 5
    boroughs: int = FULL_EDITION
    _edition: Path | None = None
    _copies: int = 0

    @classmethod
    def make(cls, work: Path, *, quick: bool) -> Context:
        if quick:
            return cls(work, quick=True, repeat=1, runs=1, boroughs=QUICK_EDITION)
        return cls(work)

    @property
    def edition(self) -> Path:
        """A generated edition folder of `boroughs` boroughs (made once per run)."""
        if self._edition is None:
            self._edition = make_edition(self.work / "edition", self.boroughs)
        return self._edition


    def fresh_copy(self, source: Path) -> Path:
        """A new copy of an edition folder for one editor run: the editor leaves lock and recovery
        files behind when the probe exits mid-edit, and the next run must not find them."""
        self._copies += 1
        target = self.work / f"copy-{self._copies}-{source.name}"
        shutil.copytree(source, target)
        return target

    def probe_env(self) -> dict[str, str]:
        """A fresh settings/recovery/cache home for one editor run, inside the scratch folder."""
        self._copies += 1
        home = self.work / f"home-{self._copies}"
        return {f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("CONFIG", "DATA", "CACHE", "STATE")}


def make_edition(folder: Path, boroughs: int) -> Path:
    """The realistic generated edition (benchmarks/generate_edition.py), cut down to `boroughs` files."""
    from benchmarks.generate_edition import generate_edition

    generate_edition(folder)
    for extra in sorted((folder / "boroughs").glob("*.yaml"))[boroughs:]:
        extra.unlink()
    return folder


def reworded(borough: Borough, round_number: int) -> Borough:
    """The borough with one more word at the end of the commander's message, different each round.

    Every repetition then checks or exports a document never seen before, as after a keystroke,
    so no cache keyed on the document can answer instead of the code being measured.
    """
    word = "".join(chr(ord("a") + int(d)) for d in str(round_number))
    message = f"{borough.commander.message} Thanks{word}."
    return dataclasses.replace(borough, commander=dataclasses.replace(borough.commander, message=message))
