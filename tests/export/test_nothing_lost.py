"""Nothing lost, ever: text that does not fit is named in words, marked on the page, and never exported."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from export.batch import export_one
from export.layout import measure_findings
from export.pdf import render_leaflet
from model.storage import serialize
from tests.conftest import ROOT, SAMPLE
from tests.export.helpers import LONG_MESSAGE, pdf_text, sample, with_message

_CUT = re.compile(r"the last (\d+) words? of (.+?) do not fit (.+?) and are cut, from \u2018(.+?)\u2026\u2019")


def _too_long_message() -> str:
    return LONG_MESSAGE + "\n\n" + LONG_MESSAGE  # ~700 words: more than the box can ever hold


def test_a_cut_names_the_paragraph_and_counts_the_words() -> None:
    content, borough = sample()
    long = with_message(borough, _too_long_message())
    cut = [f for f in measure_findings(content, long, SAMPLE) if f.code == "layout.overflow"]
    assert [f.path for f in cut] == ["commander"]
    found = _CUT.search(cut[0].message)
    assert found, cut[0].message
    words, section, where, start = int(found.group(1)), found.group(2), found.group(3), found.group(4)
    assert section == "the commander's message" and where == "its box"
    # the quoted words are the first that are not printed; everything from there on is counted
    message = long.commander.message
    assert start in message
    rest = message[message.rindex(start):]
    assert words == len(rest.split()) + len(f"{long.commander.name} {long.commander.title}".split())
    rendered = render_leaflet(content, long, SAMPLE)
    printed = pdf_text(rendered.pdf)
    assert start not in printed.split("continues")[0][-2000:] or start in LONG_MESSAGE


def test_the_preview_marks_the_cut_where_the_text_stops() -> None:
    content, borough = sample()
    long = with_message(borough, _too_long_message())
    rendered = render_leaflet(content, long, SAMPLE)
    words = int(_CUT.search(next(f.message for f in rendered.findings if f.code == "layout.overflow")).group(1))
    assert f"continues \u2014 {words} words cut" in pdf_text(rendered.pdf).replace("-", "\u2014")
    assert "words cut" not in pdf_text(render_leaflet(content, borough, SAMPLE).pdf)  # none when all fits


def test_the_main_text_cut_at_the_leaflets_end_is_reported_by_section() -> None:
    content, borough = sample()
    initiative = replace(borough.initiatives[0], text=borough.initiatives[0].text + "\n\n" + LONG_MESSAGE * 6)
    long = replace(borough, initiatives=(initiative,))
    cut = [f for f in measure_findings(content, long, SAMPLE) if f.code == "layout.overflow"]
    assert cut and {f.path for f in cut} <= {"initiatives", "results", "looking_forward", "have_your_say", "cpegs",
                                             "contacts"}
    assert "contacts" in {f.path for f in cut}  # reading order: the leaflet's end is what falls off
    for f in cut:
        assert _CUT.search(f.message) or "part of" in f.message, f.message
        assert "the leaflet's 4 pages" in f.message


def test_export_with_force_never_writes_a_leaflet_with_text_cut(sample_copy: Path, tmp_path: Path) -> None:
    _, borough = sample()
    path = sample_copy / "boroughs" / "long.yaml"
    path.write_bytes(serialize(with_message(borough, _too_long_message())))
    out = tmp_path / "long.pdf"
    for extra in ([], ["--force"], ["--print", "--force", "--by", "Tester", "--reason", "deadline"]):
        done = subprocess.run([sys.executable, "main.py", "export", str(path), "-o", str(out), *extra], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 1, done.stderr
        assert "never exports a leaflet with text cut" in done.stderr
        assert re.search(r"the last \d+ words of the commander's message", done.stderr)
        assert not out.exists()
    assert b"print_overrides" not in path.read_bytes()  # no override recorded for an export that did not happen


def test_the_batch_export_holds_back_cut_text_even_when_forced(sample_copy: Path, tmp_path: Path) -> None:
    _, borough = sample()
    path = sample_copy / "boroughs" / "long.yaml"
    path.write_bytes(serialize(with_message(borough, _too_long_message())))
    slug, output, why = export_one(path, tmp_path, False, True)
    assert (slug, output) == ("long", "") and "text would be cut" in why
    assert not list(tmp_path.glob("*.pdf"))


def test_a_box_too_long_is_cut_without_squeezing_the_rest_of_the_leaflet() -> None:
    from export.layout import choose, load_photos

    content, borough = sample()
    photos, _ = load_photos(borough, SAMPLE, print_pdf=False)
    normal = choose(content, borough, photos, print_pdf=False)[0]
    long = choose(content, with_message(borough, _too_long_message()), photos, print_pdf=False)[0]
    assert "box" in long.overflow and "main" not in long.overflow
    # the columns lose only the room the full-grown box takes from page 2; they are not squeezed to the tightest
    assert 0 < long.level <= normal.level and normal.level - long.level <= 1
