"""UK spelling: the seed accepted word for word, planted misspellings found where they are, the tokeniser's
skips, the en_GB → en_US trap, the pure-Python fallback and the edition's dictionary.txt."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model import spelling
from tests.conftest import SAMPLE, SEED

pytestmark = pytest.mark.skipif(not spelling.load_engine("enchant").__class__.__name__.startswith("_Enchant"),
                                reason="needs Debian's libenchant-2-2 and hunspell-en-gb (make spelling-tools)")

# (correct word in the seed, planted misspelling): typos and US spellings a UK edition must flag.
PLANTS = [
    ("neighbourhood", "neighborhood"),
    ("received", "recieved"),
    ("successful", "succesful"),
    ("behaviour", "behavior"),
    ("government", "goverment"),
    ("community", "comunity"),
    ("offences", "offenses"),
    ("partnership", "partnershp"),
    ("recognise", "recognse"),
    ("centres", "centers"),
]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def plant(text: str) -> tuple[str, list[tuple[str, str, int]]]:
    """The seed with each PLANTS word replaced at its first whole-word use: (text, [(bad, good, index)])."""
    planted = []
    for good, bad in PLANTS:
        m = re.search(rf"\b{good}\b", text)
        assert m, f"the seed has no '{good}'"
        text = text[:m.start()] + bad + text[m.end():]
        planted.append((bad, good, m.start()))
    # indices shift as words change length: find each planted word again, in order of position
    out = [(bad, good, text.index(bad)) for bad, good, _ in planted]
    return text, out


def sample_speller() -> spelling.Speller:
    return spelling.Speller(spelling.engine(), spelling.edition_words(SAMPLE))


def test_every_word_of_the_seed_is_accepted_with_the_sample_dictionary() -> None:
    speller = sample_speller()
    assert speller.misspelt(seed_text()) == ()


def test_without_the_sample_dictionary_its_names_are_unknown() -> None:
    # The dictionary is what makes the seed clean: without it the names are flagged (the test can fail).
    bare = spelling.Speller(spelling.engine())
    found = {w.text for w in bare.misspelt(seed_text())}
    assert {"Rickett", "Crimestoppers"} <= found


def test_planted_misspellings_in_the_seed_are_all_found_exactly() -> None:
    text, planted = plant(seed_text())
    found = sample_speller().misspelt(text)
    assert sorted((w.text, w.start) for w in found) == sorted((bad, at) for bad, _good, at in planted)
    for w in found:
        assert text[w.start:w.end] == w.text


@pytest.mark.parametrize(("bad", "good"), [("recieved", "received"), ("succesful", "successful"),
                                           ("behavior", "behaviour"), ("comunity", "community"),
                                           ("neighborhood", "neighbourhood")])
def test_suggestions_offer_the_uk_word(bad: str, good: str) -> None:
    assert good in sample_speller().suggest(bad, 3)


def test_us_spellings_are_flagged_uk_accepted() -> None:
    speller = sample_speller()
    for us in ("color", "behavior", "center", "analyze", "traveling", "neighborhood", "favorite"):
        assert not speller.known(us), us
    for uk in ("colour", "behaviour", "centre", "analyse", "travelling", "neighbourhood", "programme",
               "don't", "don’t", "e-mail", "well-being", "Londoners"):
        assert speller.known(uk), uk


@pytest.mark.parametrize("text", [
    "Call 020 7946 0958 or +44 (0)161 496 0000 or 07700 900123.",
    "Crime fell 6,919 offences, 12.7%, in 2009/10 at a cost of £2.5m.",
    "Visit www.mpa.gov.uk/publications/metforward or https://example.org/a-pge?q=xyzzy",
    "Email kit.malthouse@london.gov.uk or tellmorexx@mpa.gov.uk today.",
    "COVID-19 and the M25 and the MPA and PCSOs and the CPEG's work.",
    "A b c d e f x y z.",
])
def test_skipped_tokens_are_never_reported(text: str) -> None:
    assert sample_speller().misspelt(text) == ()


def test_hyphenated_word_checked_whole_then_by_part() -> None:
    speller = sample_speller()
    assert speller.misspelt("day-to-day and anti-social and pan-London") == ()
    text = "a well-beeing scheme"
    (bad,) = speller.misspelt(text)
    assert (bad.text, text[bad.start:bad.end]) == ("beeing", "beeing")


def test_apostrophes_inside_words_kept_quotes_at_ends_dropped() -> None:
    found = list(spelling.words("'don’t' and ‘Londoners’ and Hamlets' youths"))
    assert [w.text for w in found] == ["don’t", "and", "Londoners", "and", "Hamlets", "youths"]


def test_positions_after_astral_characters_are_code_points() -> None:
    text = "Great 👍 work, recieved"
    (w,) = sample_speller().misspelt(text)
    assert text[w.start:w.end] == "recieved"
    assert spelling.line_and_column("ab\ncd recieved", 6) == (2, 4)


@given(st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Z", "S")), max_size=200))
def test_words_point_into_the_text_and_hold_no_digit(text: str) -> None:
    for w in spelling.words(text):
        assert text[w.start:w.end] == w.text
        assert not any(c.isdigit() for c in w.text)
        assert len(w.text) >= 2


# --- engines --------------------------------------------------------------------------------


def test_en_gb_that_is_really_us_english_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without hunspell-en-gb, Enchant hands out its "en" (US) dictionary for en_GB: never use it.
    class FakeDict:
        tag = "en"
        provider = types.SimpleNamespace(name="hunspell")

    class FakeBroker:
        def set_ordering(self, *_a: object) -> None: ...

        def request_dict(self, _tag: str) -> FakeDict:
            return FakeDict()

    fake = types.SimpleNamespace(dict_exists=lambda _tag: True, Broker=FakeBroker)
    monkeypatch.setitem(sys.modules, "enchant", fake)
    result = spelling.load_engine("enchant")
    assert isinstance(result, spelling.Unavailable)
    assert "'en' dictionary" in result.reason
    fake.dict_exists = lambda _tag: False
    assert "hunspell-en-gb" in spelling.load_engine("enchant").reason  # type: ignore[union-attr]


def test_missing_enchant_library_falls_back_or_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "enchant", None)  # import enchant raises ImportError
    monkeypatch.setattr(spelling, "HUNSPELL_DIRS", (Path("/nonexistent"),))
    result = spelling.load_engine()
    assert isinstance(result, spelling.Unavailable)
    assert "pyenchant" in result.reason and "hunspell-en-gb" in result.reason


@pytest.mark.skipif(spelling.hunspell_files() is None, reason="no en_GB Hunspell files")
def test_spylls_fallback_gives_the_same_verdicts_on_the_planted_seed() -> None:
    pytest.importorskip("spylls")
    eng = spelling.load_engine("spylls")
    assert eng.name.startswith("spylls")
    text, planted = plant(seed_text())
    found = spelling.Speller(eng, spelling.edition_words(SAMPLE)).misspelt(text)
    assert sorted(w.text for w in found) == sorted(bad for bad, _g, _i in planted)


def test_unavailable_engine_accepts_everything_and_says_so() -> None:
    speller = spelling.Speller(spelling.Unavailable("no dictionary"))
    assert not speller.available
    assert speller.misspelt("recieved behavior") == ()


# --- the edition's dictionary.txt ------------------------------------------------------------


def test_add_word_is_atomic_sorted_and_picked_up(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = spelling.atomic_write_bytes
    monkeypatch.setattr(spelling, "atomic_write_bytes", lambda path, data: (calls.append(Path(path)), real(path, data)))
    assert not spelling.speller_for(sample_copy).known("Shadwel")
    assert spelling.add_word(sample_copy, "Shadwel")
    assert not spelling.add_word(sample_copy, "Shadwel")  # already there: not written again
    assert calls == [sample_copy / "dictionary.txt"]
    lines = (sample_copy / "dictionary.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    entries = [ln for ln in lines if not ln.startswith("#")]
    assert entries == sorted(entries, key=str.casefold) and "Shadwel" in entries and "Rickett" in entries
    assert spelling.speller_for(sample_copy).known("Shadwel")
    assert spelling.speller_for(sample_copy).known("Shadwel's")
    with pytest.raises(ValueError, match="one word"):
        spelling.add_word(sample_copy, "two words")


def test_word_list_reading_rules() -> None:
    data = "\ufeff# comment\r\nshadwell\r\n\r\nMcGrath\n  \n".encode()
    speller = spelling.Speller(spelling.engine(), spelling.read_word_list(data))
    assert speller.known("shadwell") and speller.known("Shadwell") and speller.known("SHADWELL")
    assert speller.known("McGrath") and not speller.known("mcgrath")


def test_add_word_creates_the_file_in_a_new_edition(tmp_path: Path) -> None:
    assert spelling.add_word(tmp_path, "Wapping")
    assert "Wapping" in spelling.edition_words(tmp_path)


def test_new_edition_carries_the_word_list_over(tmp_path: Path) -> None:
    from model.new_edition import create_edition

    create_edition(SAMPLE, tmp_path / "2010-11", "2010/11")
    assert spelling.edition_words(tmp_path / "2010-11") == spelling.edition_words(SAMPLE)
    assert "Rickett" in spelling.edition_words(tmp_path / "2010-11")
