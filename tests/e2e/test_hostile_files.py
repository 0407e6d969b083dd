"""Issue 15: hostile files and careless commands, each through `main.py` as a user runs it.

Every hostile file is made here, in a temporary folder. Each command runs in a subprocess with a
short timeout, so a hang (a FIFO read, /dev/zero, an XML bomb) fails the test instead of stalling
the suite. "No traceback" is asserted on every run.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE

BOROUGH = Path("boroughs") / "tower-hamlets.yaml"
SECRET = "TOP-SECRET-CONTENT-4f1c"


def run(args: list[str], cwd: Path, *, timeout: float = 60, env: dict[str, str] | None = None,
        hook: str = "") -> subprocess.CompletedProcess[str]:
    """`python main.py ARGS` in `cwd`; `hook` is Python run at start-up (a sitecustomize) to widen a race."""
    path = str(ROOT)
    if hook:
        hooks = cwd / ".hook"
        hooks.mkdir(exist_ok=True)
        (hooks / "sitecustomize.py").write_text(hook)
        path = f"{hooks}{os.pathsep}{path}"
    full_env = {**os.environ, "PYTHONPATH": path, **(env or {})}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, capture_output=True,
                            text=True, timeout=timeout, env=full_env, errors="replace")
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    target = tmp_path / "edition"
    shutil.copytree(SAMPLE, target)
    return target


def _tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under `folder` with its bytes (or what it is), links not followed."""
    out: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            out[rel] = "link -> " + os.readlink(path)
        elif path.is_file():
            out[rel] = path.read_bytes()
        else:
            out[rel] = "folder"
    return out


def _set_line(path: Path, key: str, value: str) -> None:
    lines = path.read_text().split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[index] = f"{key}: {value}"
    path.write_text("\n".join(lines))


# --- data lost ---------------------------------------------------------------------------------

_SLOW_BACKUP = """
import time
import model.storage as storage
_keep = storage.keep_backup
def _slow(*args, **kwargs):
    time.sleep(0.4)  # widens the gap between the changed-on-disk check and the replace
    return _keep(*args, **kwargs)
storage.keep_backup = _slow
"""


def test_two_import_figures_at_once_never_lose_a_change(edition: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    header = "Borough,Measure,Previous,Current,Target %\n"
    a.write_text(header + "Tower Hamlets,Residential burglary,1006,1111,-2.5\n")
    b.write_text(header + "Tower Hamlets,Total robbery,1071,2222,-2.5\n")
    env = {**os.environ, "PYTHONPATH": f"{tmp_path / '.hook'}{os.pathsep}{ROOT}"}
    (tmp_path / ".hook").mkdir()
    (tmp_path / ".hook" / "sitecustomize.py").write_text(_SLOW_BACKUP)
    outcomes = []
    for round_ in range(4):
        value_a, value_b = 1111 + round_, 2222 + round_
        a.write_text(header + f"Tower Hamlets,Residential burglary,1006,{value_a},-2.5\n")
        b.write_text(header + f"Tower Hamlets,Total robbery,1071,{value_b},-2.5\n")
        procs = [subprocess.Popen([sys.executable, str(ROOT / "main.py"), "import-figures", str(sheet),
                                   str(edition)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for sheet in (a, b)]
        results = [(*p.communicate(timeout=60)[1:], p.returncode) for p in procs]
        text = (edition / BOROUGH).read_text()
        for (err, code), value in zip(results, (value_a, value_b), strict=True):
            assert "Traceback" not in err
            assert code in (0, 1), err
            if code == 0:  # a run that says it changed the file really did
                assert f"current: {value}" in text, f"round {round_}: a change that exited 0 was lost"
            else:
                assert "changed" in err
            outcomes.append(code)
    print(f"\n2 import-figures at once, 4 rounds: exit codes {outcomes}")
    assert 1 in outcomes, "the race window was never hit: the test proves nothing"


def test_export_onto_its_own_input_is_refused(edition: Path) -> None:
    before = (edition / BOROUGH).read_bytes()
    result = run(["export", str(BOROUGH), "-o", str(BOROUGH)], edition)
    assert result.returncode == 2
    assert "reads" in result.stderr and "nothing was written" in result.stderr
    assert (edition / BOROUGH).read_bytes() == before
    result = run(["export", str(BOROUGH), "-o", "edition.yaml"], edition)
    assert result.returncode == 2


def test_export_onto_a_device_is_refused_and_the_device_stays(edition: Path) -> None:
    result = run(["export", str(BOROUGH), "-o", "/dev/null"], edition)
    assert result.returncode == 2
    assert "not a file" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_html_export_into_the_edition_folder_is_refused(edition: Path) -> None:
    before = _tree(edition)
    result = run(["export", str(BOROUGH), "--html", "-o", str(edition)], edition)
    assert result.returncode == 2
    assert "edition folder" in result.stderr
    result = run(["export", str(BOROUGH), "--html", "-o", str(edition / "images")], edition)
    assert result.returncode == 2
    assert _tree(edition) == before


@pytest.mark.parametrize("command", ["fmt", "approve", "import-figures", "export-force"])
def test_read_only_draft_is_refused_by_every_writer(edition: Path, tmp_path: Path, command: str) -> None:
    draft = edition / BOROUGH
    draft.write_text(draft.read_text().replace("status: draft", "status:    draft") + "\n")  # fmt would rewrite it
    draft.chmod(0o444)
    before = draft.read_bytes()
    sheet = tmp_path / "s.csv"
    sheet.write_text("Borough,Measure,Previous,Current,Target %\nTower Hamlets,Residential burglary,1006,1234,-2.5\n")
    args = {"fmt": ["fmt", str(draft)], "approve": ["approve", str(draft), "--by", "Cdr X"],
            "import-figures": ["import-figures", str(sheet), str(edition)],
            "export-force": ["export", str(draft), "--print", "--force", "-o", str(tmp_path / "x.pdf")]}[command]
    result = run(args, edition)
    assert result.returncode == 1, result.stderr
    assert "read-only" in result.stderr
    assert draft.read_bytes() == before
    assert stat.S_IMODE(draft.stat().st_mode) == 0o444
    assert not (tmp_path / "x.pdf").exists()


def _lock_by_live_editor(draft: Path) -> subprocess.Popen[bytes]:
    """A real lock held by a running process on this computer (a stand-in for the editor)."""
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    (draft.parent / f".~lock.{draft.name}#").write_text(json.dumps(
        {"user": "jsmith", "host": os.uname().nodename, "pid": holder.pid, "since": "2026-11-24T14:02:00+00:00",
         "token": "abc"}))
    return holder


@pytest.mark.parametrize("command", ["fmt", "approve", "import-figures", "export-force"])
def test_a_file_open_in_the_editor_is_left_alone_by_every_writer(edition: Path, tmp_path: Path, command: str) -> None:
    draft = edition / BOROUGH
    draft.write_text(draft.read_text().replace("status: draft", "status:    draft") + "\n")
    before = draft.read_bytes()
    holder = _lock_by_live_editor(draft)
    sheet = tmp_path / "s.csv"
    sheet.write_text("Borough,Measure,Previous,Current,Target %\nTower Hamlets,Residential burglary,1006,1234,-2.5\n")
    args = {"fmt": ["fmt", str(draft)], "approve": ["approve", str(draft), "--by", "Cdr X"],
            "import-figures": ["import-figures", str(sheet), str(edition)],
            "export-force": ["export", str(draft), "--print", "--force", "-o", str(tmp_path / "x.pdf")]}[command]
    try:
        result = run(args, edition)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1, result.stderr
    assert "open in the editor" in result.stderr and "jsmith" in result.stderr
    assert draft.read_bytes() == before
    assert not (edition / ".approvals").exists()


# --- outside the edition ---------------------------------------------------------------------


def test_a_borough_file_linked_outside_is_refused_without_echoing_it(edition: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(f"root:x:0:0:{SECRET}:/root:/bin/bash\n")
    link = edition / "boroughs" / "camden.yaml"
    link.symlink_to(secret)
    for args in (["check", str(edition)], ["check", str(link)], ["fmt", str(edition)],
                 ["check", "--json", str(link)]):
        result = run(args, edition)
        assert result.returncode == 2, (args, result.stderr)
        assert SECRET not in result.stderr + result.stdout
    assert "camden.yaml" in result.stderr and "link" in result.stderr
    link.unlink()
    link.symlink_to("/proc/self/environ")
    os.environ["BSE_CANARY"] = SECRET
    try:
        result = run(["check", str(edition)], edition)
    finally:
        del os.environ["BSE_CANARY"]
    assert result.returncode == 2
    assert SECRET not in result.stderr + result.stdout


@pytest.mark.parametrize("which", [".backups", ".approvals"])
def test_backups_and_approvals_linked_elsewhere_are_refused(edition: Path, tmp_path: Path, which: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    draft = edition / BOROUGH
    if which == ".backups":
        (edition / "boroughs" / ".backups").symlink_to(elsewhere)
        draft.write_text(draft.read_text().replace("status: draft", "status:    draft"))
        result = run(["fmt", str(draft)], edition)
    else:
        (edition / ".approvals").symlink_to(elsewhere)
        result = run(["approve", str(draft), "--by", "Cdr X"], edition)
    assert result.returncode == 2, result.stderr
    assert "outside the edition" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_new_edition_does_not_follow_a_linked_images_folder(edition: Path, tmp_path: Path) -> None:
    private = tmp_path / "private"
    private.mkdir()
    (private / "payroll.jpg").write_bytes(b"secret")
    shutil.rmtree(edition / "images")
    (edition / "images").symlink_to(private)
    result = run(["new-edition", str(edition), str(tmp_path / "next"), "--period", "2010/11"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert not list((tmp_path / "next" / "images").rglob("*"))
    assert "a link" in result.stdout


def test_a_rerun_of_new_edition_cleans_what_a_killed_run_left(edition: Path, tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f".next.partial-{dead.pid}-0badc0de"  # as a run killed with kill -9 leaves it
    (left / "boroughs").mkdir(parents=True)
    (left / "edition.yaml").write_text("format: 1\n")
    alive = tmp_path / f".next.partial-{os.getpid()}-11111111"  # a run still going: not ours to remove
    alive.mkdir()
    result = run(["new-edition", str(edition), str(tmp_path / "next"), "--period", "2010/11"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert not left.exists()
    assert alive.exists()
    assert (tmp_path / "next" / "edition.yaml").is_file()


def test_kill_9_of_new_edition_then_a_rerun_leaves_no_partial_folder(edition: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": f"{tmp_path / '.hook'}{os.pathsep}{ROOT}"}
    (tmp_path / ".hook").mkdir()
    # Slow each save down so the kill lands mid-run, with the staging folder half written.
    (tmp_path / ".hook" / "sitecustomize.py").write_text(
        "import time\nimport model.new_edition as n\n_save = n.save\n"
        "def _slow(*a, **k):\n    time.sleep(0.1)\n    return _save(*a, **k)\nn.save = _slow\n")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "new-edition", str(edition),
                             str(tmp_path / "next"), "--period", "2010/11"], env=env, cwd=tmp_path)
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".next.partial-*/boroughs/*.yaml")) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert list(tmp_path.glob(".next.partial-*")), "the kill came too late to test anything"
    result = run(["new-edition", str(edition), str(tmp_path / "next"), "--period", "2010/11"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob(".next.partial-*"))


# --- hangs and unbounded memory ----------------------------------------------------------------


def test_a_fifo_as_photo_borough_or_lock_never_hangs(edition: Path) -> None:
    photo = edition / "images" / "commander.jpg"
    photo.unlink()
    os.mkfifo(photo)
    result = run(["check", str(BOROUGH)], edition, timeout=30)
    assert result.returncode == 1
    assert "commander.jpg" in result.stdout and "pipe" in result.stdout
    result = run(["approve", str(BOROUGH), "--by", "Cdr X"], edition, timeout=30)
    assert result.returncode == 0, result.stderr  # approving is the commander's call; the photo is an error
    lock = edition / "boroughs" / ".~lock.tower-hamlets.yaml#"
    os.mkfifo(lock)
    result = run(["approve", str(BOROUGH), "--by", "Cdr X"], edition, timeout=30)
    assert result.returncode == 2
    assert "lock file" in result.stderr and "pipe" in result.stderr
    lock.unlink()
    os.mkfifo(edition / "boroughs" / "camden.yaml")
    result = run(["check", str(edition)], edition, timeout=30)
    assert result.returncode == 2
    assert "camden.yaml" in result.stderr and "pipe" in result.stderr


def test_dev_zero_as_borough_or_lock_file_is_refused_at_once(edition: Path) -> None:
    (edition / "boroughs" / "camden.yaml").symlink_to("/dev/zero")
    result = run(["check", str(edition)], edition, timeout=30)
    assert result.returncode == 2
    assert "camden.yaml" in result.stderr
    (edition / "boroughs" / "camden.yaml").unlink()
    (edition / "boroughs" / ".~lock.tower-hamlets.yaml#").symlink_to("/dev/zero")
    result = run(["approve", str(BOROUGH), "--by", "Cdr X"], edition, timeout=30)
    assert result.returncode == 2
    assert "lock file" in result.stderr


def _xlsx(path: Path, sheet_xml: str, shared: str | None = None, *, compress_level: int = 6) -> Path:
    """A minimal .xlsx with one sheet (and shared strings if given)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if shared is not None else "")
        + "</Types>",
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook {ns} {rel}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared is not None else "")
        + "</Relationships>",
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    if shared is not None:
        files["xl/sharedStrings.xml"] = shared
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compress_level) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _sheet(rows: str, dimension: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0"?><worksheet {_NS}>{dim}<sheetData>{rows}</sheetData></worksheet>'


def _inline_row(number: int, *cells: str) -> str:
    return f'<row r="{number}">' + "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{c}</t></is></c>' for i, c in enumerate(cells)) + "</row>"


def test_xlsx_shared_strings_bomb_is_refused_before_unpacking(edition: Path, tmp_path: Path) -> None:
    shared = f'<?xml version="1.0"?><sst {_NS}>' + "<si><t>" + "A" * (80 * 1024 * 1024) + "</t></si></sst>"
    bomb = _xlsx(tmp_path / "bomb.xlsx", _sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), shared,
                 compress_level=9)
    assert bomb.stat().st_size < 1_000_000
    start = time.monotonic()
    result = run(["import-figures", str(bomb), str(edition)], edition, timeout=30)
    assert result.returncode == 2
    assert "unpacks to over" in result.stderr
    print(f"\nshared-strings bomb ({bomb.stat().st_size:,} bytes → 80 MB) refused in {time.monotonic() - start:.1f} s")


def test_xlsx_used_range_too_large_is_refused_before_parsing(edition: Path, tmp_path: Path) -> None:
    rows = _inline_row(1, "Borough", "Measure") + '<row r="20000"><c r="BXH20000"><v>1</v></c></row>'
    big = _xlsx(tmp_path / "big.xlsx", _sheet(rows, "A1:BXH20000"))
    result = run(["import-figures", str(big), str(edition)], edition, timeout=30)
    assert result.returncode == 2
    assert "20,000 rows" in result.stderr and "cells" in result.stderr
    # A sheet that hides its size (no <dimension>) is cut off while reading.
    columns = [_col(i) for i in range(1, 16_001)]
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in columns) + "</row>"
                   for r in range(1, 14))
    wide = _xlsx(tmp_path / "wide.xlsx", _sheet(rows))
    result = run(["import-figures", str(wide), str(edition)], edition, timeout=60)
    assert result.returncode == 2
    assert "more than 200,000 cells" in result.stderr


def _col(n: int) -> str:
    letters = ""
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def test_csv_with_a_huge_first_line_is_not_sniffed_in_full(edition: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "long.csv"
    sheet.write_text("Borough," + "x" * 18_000_000 + "\nTower Hamlets,1\n")
    start = time.monotonic()
    result = run(["import-figures", str(sheet), str(edition)], edition, timeout=60)
    assert result.returncode == 2
    print(f"\n18 MB first line: exit {result.returncode} in {time.monotonic() - start:.1f} s")


# --- tracebacks become exit 2 with a message ---------------------------------------------------


def test_a_lock_file_with_an_infinite_pid_or_a_folder_is_exit_2(edition: Path) -> None:
    lock = edition / "boroughs" / ".~lock.tower-hamlets.yaml#"
    lock.write_text('{"pid": 1e400, "user": "x"}')
    result = run(["approve", str(BOROUGH), "--by", "Cdr X"], edition)
    assert result.returncode == 2
    assert "lock file" in result.stderr and "delete" in result.stderr
    lock.unlink()
    lock.mkdir()
    result = run(["approve", str(BOROUGH), "--by", "Cdr X"], edition)
    assert result.returncode == 2
    assert "folder" in result.stderr


def test_the_editor_still_opens_a_file_whose_lock_has_an_infinite_pid(edition: Path) -> None:
    from model.locking import is_stale, read_lock

    (edition / "boroughs" / ".~lock.tower-hamlets.yaml#").write_text('{"pid": 1e400}')
    info = read_lock(edition / BOROUGH)
    assert info is not None and info.damaged  # read as "someone holds it", offered read-only / take over
    assert not is_stale(info)
    (edition / "boroughs" / ".~lock.tower-hamlets.yaml#").unlink()
    (edition / "boroughs" / ".~lock.tower-hamlets.yaml#").mkdir()
    info = read_lock(edition / BOROUGH)
    assert info is not None and "folder" in info.damaged


def test_a_nul_in_a_photo_path_is_a_finding_not_a_traceback(edition: Path, tmp_path: Path) -> None:
    _set_line(edition / BOROUGH, "borough", '"Tower Hamlets"')
    text = (edition / BOROUGH).read_text().replace("photo: images/commander.jpg", 'photo: "images/comm\\0ander.jpg"')
    (edition / BOROUGH).write_text(text)
    result = run(["check", str(BOROUGH)], edition)
    assert result.returncode == 1
    assert "NUL" in result.stdout
    for args in (["export", str(BOROUGH), "-o", str(tmp_path / "x.pdf")],
                 ["export", str(BOROUGH), "--html", "-o", str(tmp_path / "web")],
                 ["approve", str(BOROUGH), "--by", "Cdr X"]):
        result = run(args, edition)
        assert result.returncode in (0, 1), result.stderr


def test_a_lone_surrogate_in_a_name_is_exit_2(edition: Path, tmp_path: Path) -> None:
    _set_line(edition / BOROUGH, "borough", '"Tower \\ud800 Hamlets"')
    for args in (["approve", str(BOROUGH), "--by", "Cdr X"], ["export", str(BOROUGH), "--html", "-o", "web"],
                 ["check", str(BOROUGH)]):
        result = run(args, edition)
        assert result.returncode == 2, result.stderr
        assert "lone surrogate" in result.stderr and "line 2" in result.stderr
    _set_line(edition / BOROUGH, "borough", "Tower Hamlets")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "approve", str(BOROUGH), "--by", b"Cdr \xff".decode(
        "utf-8", "surrogateescape")], cwd=edition, capture_output=True, text=True, errors="replace",
        env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "not UTF-8" in result.stderr


_XXE = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<worksheet {_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>'
        "</sheetData></worksheet>")
_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
           + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9))
           + f']><worksheet {_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&j;</t></is></c></row>'
           "</sheetData></worksheet>")


@pytest.mark.parametrize("name, sheet_xml, words", [
    ("external-entity", _XXE, "DTD or entities"),
    ("billion-laughs", _LAUGHS, "DTD or entities"),
    ("cell-ZZZZZZ2", _sheet(_inline_row(1, "Borough", "Measure")
                            + '<row r="2"><c r="ZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>'), "damaged"),
])
def test_hostile_xlsx_is_exit_2_with_a_message(edition: Path, tmp_path: Path, name: str, sheet_xml: str,
                                               words: str) -> None:
    book = _xlsx(tmp_path / f"{name}.xlsx", sheet_xml)
    result = run(["import-figures", str(book), str(edition)], edition, timeout=30)
    assert result.returncode == 2
    assert words in result.stderr
    assert "root:" not in result.stdout + result.stderr
    result = run(["import-figures", "--json", str(book), str(edition)], edition, timeout=30)
    assert result.returncode == 2
    assert words in json.loads(result.stdout)["error"]["message"]


def test_export_into_a_missing_folder_or_onto_a_folder_is_exit_2(edition: Path, tmp_path: Path) -> None:
    result = run(["export", str(BOROUGH), "-o", str(tmp_path / "no" / "such" / "x.pdf")], edition)
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    result = run(["export", str(BOROUGH), "-o", str(tmp_path)], edition)
    assert result.returncode == 2
    assert "is a folder" in result.stderr
    (tmp_path / "file").write_text("x")
    result = run(["export", str(edition), "--all", "-o", str(tmp_path / "file")], edition)
    assert result.returncode == 2
    assert "not a folder" in result.stderr


_DISK_FULL = """
import errno
import model.atomic as atomic
def _full(fd, data):
    raise OSError(errno.ENOSPC, "No space left on device")
atomic._write_all = _full
"""


@pytest.mark.parametrize("all_boroughs", [False, True])
def test_a_full_disk_during_pdf_export_is_exit_2_not_held_back(edition: Path, tmp_path: Path,
                                                               all_boroughs: bool) -> None:
    _approve_sample(edition)
    args = (["export", str(edition), "--all", "-o", str(tmp_path / "out"), "--jobs", "1"] if all_boroughs
            else ["export", str(BOROUGH), "-o", str(tmp_path / "x.pdf")])
    result = run([*args, "--force"], edition, hook=_DISK_FULL)
    assert result.returncode == 2, result.stderr
    assert "disk is full" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def _approve_sample(edition: Path) -> None:
    assert run(["approve", str(BOROUGH), "--by", "Cdr X"], edition).returncode == 0


def test_non_utf8_file_names_print_with_pythonioencoding_utf8(edition: Path) -> None:
    odd = os.fsencode(edition / "boroughs") + b"/caf\xe9.yaml"
    with open(odd, "wb") as handle:
        handle.write((edition / BOROUGH).read_bytes())
    env = {"PYTHONIOENCODING": "utf-8"}
    printed = ""
    for args in (["check", str(edition)], ["check", "--json", str(edition)], ["fmt", str(edition)]):
        result = run(args, edition, env=env)
        assert result.returncode in (0, 1), result.stderr
        printed += result.stdout + result.stderr
    assert "caf\\udce9.yaml" in printed  # the undecodable byte, shown as an escape


# --- silently wrong ----------------------------------------------------------------------------


def test_xlsx_data_starting_at_row_25000_is_imported(edition: Path, tmp_path: Path) -> None:
    rows = (_inline_row(25000, "Borough", "Measure", "Previous", "Current", "Target %")
            + _inline_row(25001, "Tower Hamlets", "Residential burglary", "1006", "1007", "-2.5"))
    book = _xlsx(tmp_path / "late.xlsx", _sheet(rows, "A25000:E25001"))
    result = run(["import-figures", "--json", str(book), str(edition)], edition)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["applied_rows"] == [25001]
    assert "current: 1007" in (edition / BOROUGH).read_text()


def test_a_29_digit_count_is_refused_when_planning(edition: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("Borough,Measure,Previous,Current,Target %\n"
                     "Tower Hamlets,Residential burglary,1006,12345678901234567890123456789,-2.5\n")
    before = (edition / BOROUGH).read_bytes()
    result = run(["import-figures", str(sheet), str(edition)], edition)
    assert result.returncode == 1
    assert "more than 12 digits" in result.stdout
    assert "changed 0 field(s)" in result.stdout
    assert (edition / BOROUGH).read_bytes() == before


def test_check_without_reportlab_refuses_and_says_how_to_install(edition: Path) -> None:
    hide = ("import sys\nclass _Hide:\n    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] == 'reportlab':\n            raise ModuleNotFoundError(name=name)\n"
            "sys.meta_path.insert(0, _Hide())\n")
    result = run(["check", str(BOROUGH)], edition, hook=hide)
    assert result.returncode == 2
    assert "reportlab" in result.stderr and "pip install" in result.stderr
    result = run(["check", "--json", str(BOROUGH)], edition, hook=hide)
    assert result.returncode == 2
    assert "reportlab" in json.loads(result.stdout)["error"]["message"]


def test_the_console_entry_point_names_the_real_main() -> None:
    import tomllib

    import main

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, _, function = scripts["borough-summary"].partition(":")
    assert module == "main" and getattr(main, function) is main.main
    assert "borough-summary check" in (ROOT / "README.md").read_text()


def test_smoke_without_a_display_runs_offscreen_and_says_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--smoke"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "offscreen" in result.stderr
    result = subprocess.run([sys.executable, str(ROOT / "main.py")], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "no display" in result.stderr
    # A DISPLAY naming an X server that is not running (Qt would abort with 134) is no display either.
    result = subprocess.run([sys.executable, str(ROOT / "main.py")], cwd=tmp_path, env={**env, "DISPLAY": ":987"},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "DISPLAY=:987" in result.stderr


def test_check_json_prints_json_on_unreadable_input(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("format: 1\nborough: [x\n")
    result = run(["check", "--json", "bad.yaml"], tmp_path)
    assert result.returncode == 2
    error = json.loads(result.stdout)["error"]
    assert error["problems"][0]["file"] == "bad.yaml"
    for args in (["check", "--json", "missing.yaml"], ["check", "--json", "--bogus", "bad.yaml"],
                 ["import-figures", "--json", "missing.csv", str(tmp_path)]):
        result = run(args, tmp_path)
        assert result.returncode == 2
        assert "message" in json.loads(result.stdout)["error"]


def test_the_command_line_never_writes_into_the_bundled_sample(tmp_path: Path) -> None:
    before = _tree(SAMPLE)
    borough = SAMPLE / BOROUGH
    result = run(["approve", str(borough), "--by", "Cdr X"], tmp_path)
    assert result.returncode == 1
    assert "copy the edition folder first" in result.stderr
    result = run(["export", str(borough), "--print", "--force", "--by", "X", "--reason", "y",
                  "-o", str(tmp_path / "x.pdf")], tmp_path)
    assert result.returncode == 1
    assert "copy the edition folder first" in result.stderr
    assert _tree(SAMPLE) == before
    assert not (SAMPLE / ".approvals").exists() and not (SAMPLE / "boroughs" / ".backups").exists()


def test_fmt_refuses_to_drop_comments_unless_forced(edition: Path) -> None:
    draft = edition / BOROUGH
    text = draft.read_text().replace("status: draft", "status:    draft  # ask Paul before printing")
    draft.write_text(text)
    result = run(["fmt", str(draft)], edition)
    assert result.returncode == 1
    line = next(i for i, t in enumerate(text.split("\n"), 1) if "ask Paul" in t)
    assert f"line {line}" in result.stderr and "--force" in result.stderr
    assert draft.read_text() == text
    result = run(["fmt", "--force", str(draft)], edition)
    assert result.returncode == 0
    assert "ask Paul" not in draft.read_text()


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker processes")
def test_kill_9_of_export_all_leaves_no_worker_running(edition: Path, tmp_path: Path) -> None:
    for name in ("camden", "hackney", "islington", "lambeth", "southwark", "barnet", "brent", "ealing"):
        shutil.copy(edition / BOROUGH, edition / "boroughs" / f"{name}.yaml")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "export", str(edition), "--all", "-o",
                             str(tmp_path / "out"), "--jobs", "2", "--force"],
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert workers, "no worker started"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() and _alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if Path(f"/proc/{w}").exists() and _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, f"{len(left)} worker(s) outlived the killed export"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_messages_never_print_a_files_contents(edition: Path) -> None:
    (edition / "boroughs" / "camden.yaml").write_text(f"root:x:0:0:{SECRET}:/root:/bin/bash\ndaemon:x:1:1\n")
    result = run(["check", str(edition)], edition)
    assert result.returncode == 2
    assert SECRET not in result.stderr and "characters of plain text" in result.stderr
    long_value = "x" * 5000
    (edition / "boroughs" / "camden.yaml").write_text(f"format: 1\nborough: Camden\ncommander: {long_value}\n")
    result = run(["check", str(edition)], edition)
    assert result.returncode == 2
    assert long_value[:41] not in result.stderr and "5,000 characters" in result.stderr


def test_csv_data_after_many_blank_lines_is_imported(edition: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "late.csv"
    sheet.write_text("\n" * 24_999 + "Borough,Measure,Previous,Current,Target %\n"
                     "Tower Hamlets,Residential burglary,1006,1008,-2.5\n")
    result = run(["import-figures", "--json", str(sheet), str(edition)], edition)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["applied_rows"] == [25001]
    assert "current: 1008" in (edition / BOROUGH).read_text()


def test_new_edition_never_writes_inside_the_edition_it_starts_from(edition: Path) -> None:
    before = _tree(edition)
    for target in (edition / "next", edition / "images" / "next", SAMPLE / "next"):
        result = run(["new-edition", str(edition), str(target), "--period", "2010/11"], edition)
        assert result.returncode == 2
        assert "nothing was written" in result.stderr
    assert _tree(edition) == before
    assert not (SAMPLE / "next").exists()
