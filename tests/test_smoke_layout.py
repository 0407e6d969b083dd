"""The package boundaries hold: model and export import without Qt."""

import subprocess
import sys

from tests.conftest import ROOT


def test_model_and_export_do_not_load_qt() -> None:
    code = (
        "import sys, model.storage, model.edition, model.checks, export.checking;"
        "bad = [m for m in sys.modules if m.startswith('PySide6')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
