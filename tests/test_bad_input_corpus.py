"""The bad-input corpus (tests/bad_inputs/) through load, `check` and `export`: clear errors, no harm.

For every input: nothing crashes (no exception escapes a command), the expected clear message
appears, no file outside the edition folder is opened, no file is created or changed (except the
PDF an export that succeeds was asked for), and each step is cut off if it runs past a bound.
The run prints the count of inputs and how each was handled.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
import traceback
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import main
from model.storage import load_borough, load_edition_content
from model.yaml_read import LoadError
from tests.conftest import ROOT, SAMPLE

CORPUS = ROOT / "tests" / "bad_inputs"
STEP_BOUND_SECONDS = 30  # a hang guard, not a speed test: a step this slow is a bug


@dataclass(frozen=True)
class Expect:
    """How an input must be handled. `unreadable`: load, check and export refuse it (exit 2) with
    `words`; `content`: it loads, and check or export report `words` (exit 0 or 1); `literal`:
    the export prints `words` as typed if it exports at all."""

    kind: str
    words: tuple[str, ...]


U, C, L = "unreadable", "content", "literal"
EXPECTED: dict[str, Expect] = {
    "malformed-yaml.yaml": Expect(U, ("line 5", "not valid YAML")),
    "unclosed-quote.yaml": Expect(U, ("not valid YAML",)),
    "tabs.yaml": Expect(U, ("line 3", "tab")),
    "wrong-types.yaml": Expect(U, ("results[0].change", "whole number", "results[0].outcome")),
    "list-for-map.yaml": Expect(U, ("commander", "expected a map")),
    "map-for-list.yaml": Expect(U, ("initiatives", "expected a list")),
    "text-for-map.yaml": Expect(U, ("commander", "expected a map")),
    "map-for-text.yaml": Expect(U, ("commander.name", "single value")),
    "empty.yaml": Expect(U, ("empty",)),
    "only-whitespace.yaml": Expect(U, ("empty",)),
    "top-level-list.yaml": Expect(U, ("expected a map",)),
    "binary-garbage.yaml": Expect(U, ("not UTF-8",)),
    "non-utf8.yaml": Expect(U, ("line 4", "not UTF-8")),
    "utf16.yaml": Expect(U, ("not UTF-8",)),
    "python-object-tag.yaml": Expect(U, ("python/object/apply", "not allowed")),
    "python-name-tag.yaml": Expect(U, ("python/name", "not allowed")),
    "alias-bomb.yaml": Expect(U, ("anchors", "not allowed")),
    "deep-nesting.yaml": Expect(U, ("nested",)),
    "deep-nesting-maps.yaml": Expect(U, ("nested",)),
    "duplicate-keys.yaml": Expect(U, ("appears twice", "line 4")),
    "unknown-key.yaml": Expect(U, ("did you mean 'commander'",)),
    "control-characters.yaml": Expect(U, ("control character",)),
    "future-format.yaml": Expect(U, ("newer version",)),
    "superscript-format.yaml": Expect(U, ("'format' must be a whole number",)),
    "number-5000-digits.yaml": Expect(U, ("results[0].change", "5001 characters long")),
    "edition-malformed.yaml": Expect(U, ("edition.yaml", "not valid YAML")),
    "edition-wrong-layout.yaml": Expect(U, ("edition.yaml", "layout.page_size", "layout.pages")),
    "generated-over-1mb.yaml": Expect(U, ("bytes", "at most")),
    "markup-like-text.yaml": Expect(L, ("12 suspects <and> seized & charged", "<b>unclosed")),
    "long-words.yaml": Expect(C, ("commander", "too long")),
    "characters-outside-fonts.yaml": Expect(C, ("\U0001F693",)),
    "generated-huge-text.yaml": Expect(C, ("commander", "too long")),
    "image-not-an-image.yaml": Expect(C, ("not-an-image.jpg",)),
    "image-truncated-jpeg.yaml": Expect(C, ("truncated.jpg",)),
    "image-decompression-bomb.yaml": Expect(C, ("bomb.png",)),
    "image-parent-path.yaml": Expect(C, ("outside the edition folder",)),
    "image-absolute-path.yaml": Expect(C, ("absolute path",)),
    "image-outside-sentinel.yaml": Expect(C, ("outside the edition folder",)),
    "image-symlink-out.yaml": Expect(C, ("outside the edition folder",)),
    "image-missing.yaml": Expect(C, ("nowhere.jpg",)),
    "image-is-a-folder.yaml": Expect(C, ("images",)),
}


# --- watching every file opened -------------------------------------------------------------

_WATCH: dict[str, object] = {"on": False, "allowed": (), "opened": []}


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event != "open" or not _WATCH["on"] or not args or not isinstance(args[0], str | bytes | os.PathLike):
        return
    raw = os.fsdecode(args[0])  # type: ignore[arg-type]
    _WATCH["opened"].append(os.path.realpath(raw))  # type: ignore[union-attr]


sys.addaudithook(_audit)


@contextlib.contextmanager
def _watching() -> Iterator[list[str]]:
    opened: list[str] = []
    _WATCH.update(on=True, opened=opened)
    try:
        yield opened
    finally:
        _WATCH["on"] = False


# --- helpers --------------------------------------------------------------------------------


class _TooSlow(Exception):
    pass


@contextlib.contextmanager
def _bounded(seconds: int) -> Iterator[None]:
    """Cut a step off after `seconds`, then give pytest-timeout's own alarm back what is left of it."""
    def stop(_sig: int, _frame: object) -> None:
        raise _TooSlow(f"did not finish within {seconds} s")

    outer_left = signal.getitimer(signal.ITIMER_REAL)[0]
    started = time.monotonic()
    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if outer_left:
            signal.setitimer(signal.ITIMER_REAL, max(0.01, outer_left - (time.monotonic() - started)))


def _cli(argv: list[str]) -> tuple[int, str]:
    """Run a command in this process; (exit code, stdout + stderr). An escaping exception is a crash."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out), _bounded(STEP_BOUND_SECONDS):
        try:
            code = main.main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return int(code), out.getvalue()


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def _bomb_png(width: int = 12_000, height: int = 12_000) -> bytes:
    """A valid PNG of 144 million black pixels in about 140 KB: small on disk, 430 MB decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    squeeze = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * (width * 3)
    body = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def _corpus() -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in sorted(CORPUS.glob("*.yaml"))}
    head = b"format: 1\nborough: Bad Input\ncommander:\n  name: Paul Rickett\n  message: |\n"
    files["generated-over-1mb.yaml"] = head + b"    " + b"x" * 1_100_000 + b"\n"
    paragraph = b"    " + b"the quick brown fox jumps over the lazy dog " * 20 + b"\n\n"
    files["generated-huge-text.yaml"] = head + paragraph * 400
    return files


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sample edition with the bad images in images/, a secret file beside it, an output folder."""
    root = tmp_path_factory.mktemp("corpus")
    edition = root / "edition"
    shutil.copytree(SAMPLE, edition)
    images = edition / "images"
    for image in (CORPUS / "images").iterdir():
        shutil.copy(image, images / image.name)
    (images / "bomb.png").write_bytes(_bomb_png())
    (root / "secret.png").write_bytes(b"SECRET: a file outside the edition folder")
    (images / "link-out.png").symlink_to(root / "secret.png")
    (root / "out").mkdir()
    return root


def _place(world: Path, name: str, data: bytes) -> tuple[Path, Path]:
    """Put the input where it belongs; returns (the file to load, the path to check and export)."""
    edition = world / "edition"
    if name.startswith("edition-"):
        target = edition / "edition.yaml"
        target.write_bytes(data)
        return target, edition / "boroughs" / "tower-hamlets.yaml"
    target = edition / "boroughs" / name
    target.write_bytes(data)
    return target, target


@contextlib.contextmanager
def _placed(world: Path, name: str, data: bytes) -> Iterator[tuple[Path, Path]]:
    edition_yaml = (world / "edition" / "edition.yaml").read_bytes()
    placed = _place(world, name, data)
    try:
        yield placed
    finally:
        (world / "edition" / "edition.yaml").write_bytes(edition_yaml)
        with contextlib.suppress(FileNotFoundError):
            (world / "edition" / "boroughs" / name).unlink()
        for pdf in (world / "out").iterdir():
            pdf.unlink()


# --- the three steps for one input ----------------------------------------------------------


def _run_one(world: Path, name: str, data: bytes, *, export: bool) -> tuple[str, list[str]]:
    """Load and check one input, and export it when `export`; (how it was handled, what went wrong)."""
    expect = EXPECTED[name]
    wrong: list[str] = []
    with _placed(world, name, data) as (loaded_file, target):
        before = _snapshot(world)
        pdf = world / "out" / "leaflet.pdf"
        with _watching() as opened:
            load_text = _load(loaded_file, name)
            check_code, check_out = _step(wrong, "check", ["check", str(target)])
            export_code, export_out = (
                _step(wrong, "export", ["export", str(target), "-o", str(pdf)]) if export else (None, ""))
            forced = world / "out" / "forced.pdf"
            if export and expect.kind != U:
                # --force goes past the checks into layout and images: still no crash, no stray read
                forced_code, _ = _step(wrong, "export --force", ["export", str(target), "-o", str(forced), "--force"])
                if forced_code not in (0, 1):
                    wrong.append(f"export --force exit code {forced_code}, expected 0 or 1")
        wrong += _outside_reads(world, opened)
        after = _snapshot(world)
        after.pop("out/forced.pdf", None)
        if export_code == 0 and pdf.is_file():
            after.pop("out/leaflet.pdf", None)
            if expect.kind == L:
                wrong += _literal(pdf, expect.words)
        if after != before:
            wrong.append(f"files created or changed: {sorted(set(after.items()) ^ set(before.items()))}")
    wrong += _judge(expect, load_text, (check_code, check_out), (export_code, export_out))
    handled = {U: "refused", C: "reported", L: "printed literally" if export_code == 0 else "reported"}[expect.kind]
    if not export and expect.kind != U:
        handled = "loaded and checked"
    return f"{handled} (check {check_code}, export {export_code if export else '-'})", wrong


def _judge(expect: Expect, load_text: str, check: tuple[int, str], export: tuple[int | None, str]) -> list[str]:
    """Exit codes and messages against the expectation; content words only once export has run."""
    wrong = []
    codes = (check[0], export[0]) if export[0] is not None else (check[0],)
    if expect.kind == U:
        if load_text == "":
            wrong.append("load accepted it")
        if set(codes) != {2}:
            wrong.append(f"exit codes (check, export) {codes}, expected 2")
    elif not set(codes) <= {0, 1}:
        wrong.append(f"exit codes (check, export) {codes}, expected 0 or 1")
    said = "\n".join((load_text, check[1], export[1]))
    if expect.kind == U or (expect.kind == C and export[0] is not None):
        wrong += [f"message lacks {w!r}" for w in expect.words if w not in said]
    return wrong


def _load(path: Path, name: str) -> str:
    try:
        with _bounded(STEP_BOUND_SECONDS):
            (load_edition_content if name.startswith("edition-") else load_borough)(path)
    except LoadError as exc:
        return str(exc)
    return ""


def _step(wrong: list[str], label: str, argv: list[str]) -> tuple[int, str]:
    try:
        code, said = _cli(argv)
    except Exception:
        last = traceback.format_exc().strip().splitlines()[-3:]
        wrong.append(f"{label} crashed: " + " | ".join(line.strip() for line in last))
        return -1, ""
    if "Traceback" in said:
        wrong.append(f"{label} printed a traceback:\n{said}")
    return code, said


def _outside_reads(world: Path, opened: list[str]) -> list[str]:
    edition = os.path.realpath(world / "edition")
    forbidden = [p for p in opened if p == "/etc/passwd" or p == os.path.realpath(world / "secret.png")
                 or (p.startswith(os.path.realpath(world)) and not p.startswith(edition)
                     and not p.startswith(os.path.realpath(world / "out")))]
    return [f"opened a file outside the edition folder: {p}" for p in sorted(set(forbidden))]


def _literal(pdf: Path, words: tuple[str, ...]) -> list[str]:
    from pypdf import PdfReader

    text = " ".join((page.extract_text() or "") for page in PdfReader(pdf).pages)
    text = " ".join(text.split())
    return [f"the PDF does not show {w!r} as typed" for w in words if w not in text]


# --- the tests ------------------------------------------------------------------------------


def test_every_corpus_file_has_an_expectation() -> None:
    assert set(_corpus()) == set(EXPECTED)
    assert {p.name for p in (CORPUS / "images").iterdir()} == {"not-an-image.jpg", "truncated.jpg"}


def _run_corpus(world: Path, capsys: pytest.CaptureFixture[str], *, export: bool) -> None:
    corpus = _corpus()
    rows, failures = [], {}
    for name, data in corpus.items():
        start = time.monotonic()
        handled, wrong = _run_one(world, name, data, export=export)
        rows.append(f"  {name:34} {handled:40} {time.monotonic() - start:5.1f} s")
        if wrong:
            failures[name] = wrong
    steps = "load, check and export" if export else "load and check"
    with capsys.disabled():
        print(f"\nbad-input corpus: {len(corpus)} inputs through {steps}; "
              f"{len(corpus) - len(failures)} handled as expected, {len(failures)} not")
        print("\n".join(rows))
    assert not Path("/tmp/pwned-bse").exists()
    assert not failures, "\n".join(f"{name}: " + "; ".join(w) for name, w in failures.items())


@pytest.mark.timeout(600)
def test_bad_input_corpus_load_and_check(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run_corpus(world, capsys, export=False)


@pytest.mark.timeout(600)
def test_bad_input_corpus_export(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same corpus through export as well: clear messages for content and images, literal text."""
    _run_corpus(world, capsys, export=True)


@pytest.mark.parametrize("name", ["malformed-yaml.yaml", "python-object-tag.yaml", "image-parent-path.yaml"])
def test_a_real_process_never_shows_a_traceback(world: Path, name: str) -> None:
    with _placed(world, name, _corpus()[name]) as (_, target):
        for argv in (["check", str(target)], ["export", str(target), "-o", str(world / "out" / "x.pdf")]):
            result = subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], capture_output=True,
                                    text=True, timeout=120, cwd=world, env={**os.environ, "PYTHONPATH": str(ROOT)})
            assert result.returncode in (0, 1, 2)
            assert "Traceback" not in result.stderr, result.stderr


def test_the_open_watch_would_catch_a_stray_read(world: Path) -> None:
    """The audit hook is the proof of "no read outside the folder": show that it sees one."""
    with _watching() as opened:
        (world / "secret.png").read_bytes()
        with contextlib.suppress(OSError):
            open("/etc/passwd", "rb").close()
    found = _outside_reads(world, opened)
    assert any("secret.png" in f for f in found)
    assert any("/etc/passwd" in f for f in found)
