"""The accessibility audit: axe-core in Debian's headless Chromium over the exported sample page, WCAG 2.2 AA.

Node packages come from tests/a11y/package-lock.json (`npm ci`, run by `make a11y-tools` and, if
still missing, here); Chromium from Debian (`make a11y-tools` installs it when run as root, as CI
is). Missing tools fail the test: only BSE_SKIP_BROWSER=1, set on purpose, skips it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from export.html import write_page
from tests.conftest import SAMPLE
from tests.export.helpers import sample

HERE = Path(__file__).resolve().parent
CHROMIUM = Path(os.environ.get("BSE_CHROMIUM", "/usr/bin/chromium"))
HOW = "run `make a11y-tools` (as root it installs Debian's chromium), or set BSE_SKIP_BROWSER=1 to skip this audit"


def _tools() -> str:
    """The node executable, once the audit's packages are installed; fails (never skips) without them."""
    if os.environ.get("BSE_SKIP_BROWSER") == "1":
        pytest.skip("BSE_SKIP_BROWSER=1: the browser accessibility audit was switched off")
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail(f"Node.js (node and npm) is not installed: {HOW}")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is not installed: {HOW}")
    installed = HERE / "node_modules" / ".package-lock.json"
    if not installed.is_file() or installed.stat().st_mtime < (HERE / "package-lock.json").stat().st_mtime:
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE, capture_output=True, text=True,
                              timeout=300)
        if done.returncode != 0:
            pytest.fail(f"npm ci in tests/a11y failed:\n{done.stderr[-3000:]}")
    return node


@pytest.fixture(scope="module")
def audit(tmp_path_factory: pytest.TempPathFactory) -> dict:
    node = _tools()
    content, borough = sample()
    out = tmp_path_factory.mktemp("web") / "tower-hamlets"
    result = write_page(content, borough, SAMPLE, out)
    assert result.folder == out and result.errors == []
    done = subprocess.run([node, str(HERE / "audit.mjs"), str(out / "index.html")], capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, f"the audit could not run:\n{done.stderr[-4000:]}"
    return json.loads(done.stdout)


def test_axe_reports_no_wcag_22_aa_violations_at_desktop_and_320px(audit: dict) -> None:
    assert audit["tags"] == ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    assert [run["width"] for run in audit["runs"]] == [1280, 320]
    for run in audit["runs"]:
        print(f"axe {audit['axe']} in Chromium {audit['browser']} at {run['width']} px: "
              f"{run['passes']} rules passed, needs review: {[r['id'] for r in run['incomplete']]}")
        for violation in run["violations"]:
            print(json.dumps(violation, indent=1))
        assert run["passes"] > 20  # axe really ran over the page
        assert run["violations"] == []


def test_the_page_reflows_at_320px_without_scrolling_sideways(audit: dict) -> None:
    narrow = next(run for run in audit["runs"] if run["width"] == 320)
    assert narrow["scrollWidth"] <= narrow["clientWidth"] == 320


def test_the_first_tab_reaches_a_visible_skip_link(audit: dict) -> None:
    for run in audit["runs"]:
        first = run["firstTab"]
        assert (first["tag"], first["text"], first["href"]) == ("a", "Skip to main content", "#main")
        assert first["width"] > 100 and first["height"] > 20


def test_the_audit_does_catch_violations(tmp_path: Path) -> None:
    """The same audit over a spoiled copy of the page: no language, a photo without alt, grey on white."""
    node = _tools()
    content, borough = sample()
    write_page(content, borough, SAMPLE, tmp_path)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    spoiled = (page.replace('<html lang="en-GB">', "<html>")
               .replace('alt="Borough Commander Paul Rickett" ', "")
               .replace("</head>", "<style>p { color: #bbbbbb; }</style></head>"))
    (tmp_path / "index.html").write_text(spoiled, encoding="utf-8")
    done = subprocess.run([node, str(HERE / "audit.mjs"), str(tmp_path / "index.html")], capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-4000:]
    found = {v["id"] for v in json.loads(done.stdout)["runs"][0]["violations"]}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= found
