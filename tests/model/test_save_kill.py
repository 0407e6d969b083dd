"""SIGKILL at random moments during saves: the draft is always the old or the new version, loadable."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from model import backups
from model.atomic import TEMP_PREFIX, remove_orphan_temps
from model.storage import load_borough, save, serialize
from tests.conftest import ROOT, SAMPLE_BOROUGH

ITERATIONS = 60
BUDGET_SECONDS = 20.0  # stop early on a slow machine rather than run for minutes

# The child saves two very different versions in turn, as fast as it can, until it is killed.
CHILD = """
import sys
from dataclasses import replace
from model.storage import load_borough, save
doc = load_borough(sys.argv[2]).doc
small = replace(doc, borough="Small", initiatives=())
big = replace(doc, borough="Big", commander=replace(doc.commander, message=doc.commander.message * 5))
print("ready", flush=True)
i = 0
while True:
    save(small if i % 2 else big, sys.argv[1])
    i += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
@pytest.mark.timeout(90)
def test_kill_during_saves_never_leaves_a_damaged_draft(tmp_path: Path) -> None:
    doc = load_borough(SAMPLE_BOROUGH).doc
    versions = {
        serialize(replace(doc, borough="Small", initiatives=())),
        serialize(replace(doc, borough="Big", commander=replace(doc.commander, message=doc.commander.message * 5))),
    }
    target = tmp_path / "draft.yaml"
    save(replace(doc, borough="Small", initiatives=()), target)
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    runs = orphans = 0
    seen = set()
    while runs < ITERATIONS and time.monotonic() - start < BUDGET_SECONDS:
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(target), str(SAMPLE_BOROUGH)],
                                 stdout=subprocess.PIPE, env=env)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        runs += 1
        data = target.read_bytes()
        assert data in versions, f"run {runs}: the draft is neither the old nor the new version"
        seen.add(load_borough(target).doc.borough)
        orphans += len(remove_orphan_temps(tmp_path, min_age=0))
    kept = backups.list_backups(target)
    assert all(b.read_bytes() in versions for b in kept)
    assert list(tmp_path.glob(TEMP_PREFIX + "*")) == []
    print(f"\n{runs} saves killed with SIGKILL: every draft old or new and loadable; "
          f"{orphans} orphan temp file(s) cleaned; versions seen: {sorted(seen)}; {len(kept)} backups valid")
    assert runs >= 20
    assert seen == {"Small", "Big"}  # the kills landed both before and after a replace
