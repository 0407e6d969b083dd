"""Plain English measures and the spelling/plain-English findings of `check` on the sample and planted copies."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from main import main
from model import plain_english as pe
from model import spelling
from model.edition import load_edition
from model.spelling_checks import ACRONYM, LONG_SENTENCE, READING_EASE, UNKNOWN_WORD, check_borough, check_edition
from model.storage import load_edition_content
from tests.conftest import SAMPLE, SAMPLE_BOROUGH

needs_engine = pytest.mark.skipif(isinstance(spelling.load_engine("enchant"), spelling.Unavailable),
                                  reason="needs Debian's libenchant-2-2 and hunspell-en-gb (make spelling-tools)")


def test_syllables_count_short_words_pyphen_undercounts() -> None:
    assert [pe.syllables(w) for w in ("crime", "police", "area", "safer", "neighbourhood", "commissioner")] == \
        [1, 2, 2, 2, 3, 4]


def test_flesch_reading_ease_of_known_texts() -> None:
    easy = "The cat sat on the mat. The dog ran to the park. We like the sun."
    hard = ("Notwithstanding considerable organisational complexity, the implementation of comprehensive "
            "neighbourhood engagement methodologies necessitates interdepartmental collaboration.")
    e, h = pe.readability(easy), pe.readability(hard)
    assert (e.words, e.sentences) == (16, 3)
    assert e.ease is not None and e.ease > 100
    assert h.ease is not None and h.ease < 0
    assert pe.describe(65) == "plain English" and pe.describe(20) == "very difficult"


def test_sentences_end_at_paragraphs_and_bullets_not_at_decimals() -> None:
    text = "Crime fell by 12.7% in 2009/10. Mr Smith said so\n\n- one bullet\n- another bullet\nMore text"
    found = [s.text for s in pe.sentences(text)]
    assert found == ["Crime fell by 12.7% in 2009/10.", "Mr Smith said so", "one bullet", "another bullet\nMore text"]


def test_long_sentence_is_located() -> None:
    long = " ".join(["Word"] * 31) + "."
    text = "Short one. " + long + " Short again."
    (s,) = pe.long_sentences(text, 30)
    assert s.words == 31 and s.start == len("Short one. ")
    assert pe.long_sentences(text, 31) == ()


@pytest.mark.parametrize(("texts", "flagged"), [
    ([("a", "The MPA met the CPEG.")], ["MPA", "CPEG"]),
    ([("a", "The Metropolitan Police Authority (MPA) met. The MPA met again.")], []),
    ([("a", "The MPA (Metropolitan Police Authority) met.")], []),
    ([("a", "Chair of the Metropolitan Police Authority"), ("b", "The MPA met.")], []),
    ([("a", "The MPA met."), ("b", "Metropolitan Police Authority (MPA)")], ["MPA"]),
    ([("a", "The UK and the BBC and OK.")], []),
    ([("a", "HOW DID TOWER HAMLETS PERFORM"), ("b", "The MPA met.")], ["MPA"]),
    ([("a", "Partnership working: CPEGs"), ("b", "Community Police Engagement Groups (CPEGs) meet.")], ["CPEG"]),
])
def test_acronyms_spelt_out_at_first_use(texts: list[tuple[str, str]], flagged: list[str]) -> None:
    assert [use.acronym for _p, use in pe.unexplained_acronyms(texts)] == flagged


@given(st.text(max_size=300))
def test_measures_never_fail_and_positions_point_into_the_text(text: str) -> None:
    r = pe.readability(text)
    assert r.words >= 0 and r.sentences >= 0
    for s in pe.long_sentences(text, 3):
        rest = text[s.start:]  # the sentence starts there, a leading dash (a list item's) kept or dropped
        assert rest.startswith(s.text[:1]) or rest.lstrip(" -").startswith(s.text[:1])
    for _path, use in pe.unexplained_acronyms([("x", text)]):
        assert text[use.start:].startswith(use.acronym)


# --- findings --------------------------------------------------------------------------------


@needs_engine
def test_sample_edition_has_no_spelling_warnings() -> None:
    edition = load_edition(SAMPLE)
    content = edition.content.doc
    found = check_edition(content, SAMPLE, suggest=True)
    for loaded in edition.boroughs.values():
        found += check_borough(content, loaded.doc, SAMPLE, suggest=True)
    assert [f for f in found if f.code.startswith("spelling.")] == []
    # and plain English has something true to say about it: the CPEG heading and the MPS
    assert {f.message.split("'")[1] for f in found if f.code == ACRONYM} == {"MPS", "CPEG"}
    assert any(f.code == LONG_SENTENCE for f in found) and any(f.code == READING_EASE for f in found)


@needs_engine
def test_check_json_reports_planted_misspellings_with_line_column_and_suggestions(
        sample_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    borough = sample_copy / "boroughs" / SAMPLE_BOROUGH.name
    text = borough.read_text(encoding="utf-8")
    text = text.replace("successful", "succesful", 1).replace("residents", "residnets", 1)
    borough.write_text(text, encoding="utf-8")
    assert main(["check", str(borough), "--json"]) == 0  # warnings do not fail the check
    found = [f for f in json.loads(capsys.readouterr().out) if f["code"] == UNKNOWN_WORD]
    assert {f["path"] for f in found} <= {"commander.message", "initiatives[0].text"}
    messages = " ".join(f["message"] for f in found)
    assert "'succesful'" in messages and "'successful'" in messages
    assert "'residnets'" in messages and "'residents'" in messages
    for f in found:
        assert f["severity"] == "warning"
        assert re.search(r"\(line \d+, column \d+\)", f["message"])
        assert f["line"] > 1  # the YAML line of the field


@needs_engine
def test_line_and_column_point_at_the_word(sample_copy: Path) -> None:
    edition = load_edition(sample_copy)
    borough = edition.boroughs["tower-hamlets"].doc
    from dataclasses import replace
    message = borough.commander.message.replace("feedback", "feedbak", 1)
    found = [f for f in check_borough(edition.content.doc, replace(borough, commander=replace(
        borough.commander, message=message)), sample_copy) if f.code == UNKNOWN_WORD]
    (f,) = found
    line, column = map(int, re.search(r"line (\d+), column (\d+)", f.message).groups())  # type: ignore[union-attr]
    assert message.split("\n")[line - 1][column - 1:].startswith("feedbak")


def test_without_a_dictionary_the_check_says_spelling_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spelling, "_engine", spelling.Unavailable("UK spelling is unavailable: test"))
    monkeypatch.setattr(spelling, "_spellers", {})
    content = load_edition_content(SAMPLE / "edition.yaml").doc
    found = check_edition(content, SAMPLE)
    assert [f.code for f in found if f.code.startswith("spelling.")] == ["spelling.unavailable"]


def test_reading_ease_target_comes_from_edition_yaml(sample_copy: Path) -> None:
    path = sample_copy / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "reading_ease_target: 30\nlong_sentence_words: 70\n",
                    encoding="utf-8")
    content = load_edition_content(path).doc
    assert (content.reading_ease_target, content.long_sentence_words) == (30, 70)
    found = check_edition(content, sample_copy)
    eases = [f for f in found if f.code == READING_EASE]
    assert [f.path for f in eases] == ["cpegs.text"]  # 25; every other pan-London section scores 39 or more
    assert "target of 30" in eases[0].message
    assert not [f for f in found if f.code == LONG_SENTENCE]  # the longest sentence has 63 words
