"""Test set-up shared by every package: offscreen Qt, the sample edition, temp copies of it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Without this a GUI test on a machine with no display aborts the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample"
SEED = ROOT / "tests" / "fixtures" / "seed-tower-hamlets-2009-10.txt"
SAMPLE_BOROUGH = SAMPLE / "boroughs" / "tower-hamlets.yaml"


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample edition folder."""
    target = tmp_path / "edition"
    shutil.copytree(SAMPLE, target)
    return target
