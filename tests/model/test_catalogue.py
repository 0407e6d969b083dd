"""The measures catalogue: shipped data, edition overrides, exact and near matches, mentions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from model.catalogue import load_catalogue, near_limit
from model.types import EditionContent, MeasureEntry

ISSUE_MEASURES = (
    "total notifiable offences", "violence with injury", "most serious violence", "serious youth violence",
    "knife crime", "gun crime", "residential burglary", "burglary", "total robbery", "motor vehicle crime",
    "theft from vehicles", "theft or taking of vehicles", "criminal damage", "domestic violence", "rape",
    "theft from the person", "serious acquisitive crime",
)


def test_the_catalogue_holds_every_headline_measure_the_issue_names() -> None:
    cat = load_catalogue()
    for name in ISSUE_MEASURES:
        found = cat.get(name)
        assert found is not None, name
    assert cat.get("Motor vehicle crime").parts == ("Theft from vehicles", "Theft or taking of vehicles")  # type: ignore[union-attr]


def test_synonyms_match_any_case_and_spacing() -> None:
    cat = load_catalogue()
    assert cat.match("Knife-enabled crime").name == "Knife crime"  # type: ignore[union-attr]
    assert cat.match("burglary  dwelling").name == "Residential burglary"  # type: ignore[union-attr]
    assert cat.match("Violent crime").name == "Violence against the person"  # type: ignore[union-attr]
    assert cat.match("Flying saucers") is None


def test_did_you_mean_only_for_a_near_spelling_never_another_crime() -> None:
    cat = load_catalogue()
    assert cat.near("Totl robbery").name == "Total robbery"  # type: ignore[union-attr]
    assert cat.near("gun crme").name == "Gun crime"  # type: ignore[union-attr]
    assert cat.near("Residental burglary").name == "Residential burglary"  # type: ignore[union-attr]
    # The complaint in issue 14: "Violent crime" was offered "Gun crime?".
    near = cat.near("Violent crme")
    assert near is not None and near.name != "Gun crime"
    assert cat.near("Car park crime") is None
    assert cat.near("Fraud") is None


def test_the_edition_overrides_and_adds_measures_and_names_its_table() -> None:
    content = EditionContent(
        period="2012/13",
        measures=(MeasureEntry(name="Knife crime", synonyms=("blade crime",)),
                  MeasureEntry(name="Cycle theft", synonyms=("bike theft",), noun="bicycles")),
        table_measures=("Knife crime", "Cycle theft"),
    )
    cat = load_catalogue(content)
    assert cat.match("blade crime").name == "Knife crime"  # type: ignore[union-attr]
    assert cat.match("knife-enabled crime") is None  # replaced entry: its synonyms are the edition's
    assert cat.match("bike theft").count_noun == "bicycles"  # type: ignore[union-attr]
    assert cat.table == ("Knife crime", "Cycle theft")


def test_the_table_list_is_the_editions_with_the_mets_past_tables_as_suggestions() -> None:
    # A press release quoting three measures is not wrong for leaving out the rest: only an edition
    # that names its table's measures gets "measure absent" warnings.
    assert load_catalogue(EditionContent(period="2009/10")).table == ()
    assert "Gun crime" in load_catalogue(EditionContent(period="2009/10")).suggested_table("2009/10")
    assert load_catalogue().suggested_table("2031/32") == ()


def test_plural_and_singular_of_a_known_name_match() -> None:
    # Cumbria 2011 prints "Serious violent crimes"; the catalogue says "serious violent crime".
    assert load_catalogue().match("Serious violent crimes").name == "Most serious violence"  # type: ignore[union-attr]
    assert load_catalogue().match("Knife offence").name == "Knife crime"  # type: ignore[union-attr]


def test_mentions_in_a_real_sentence_in_order() -> None:
    # Westminster-style sentence quoted in issue 14.
    sentence = "knife crime fell by 17%, youth violence by 4.9% and gun crime by 19.6%"
    assert [m.measure.name for m in load_catalogue().mentions(sentence)] == [
        "Knife crime", "Serious youth violence", "Gun crime"]
    assert [m.phrase for m in load_catalogue().mentions("theft from motor vehicles and vehicle crime")] == [
        "theft from motor vehicles", "vehicle crime"]


@given(st.sampled_from([p for m in load_catalogue().measures for p in m.phrases]), st.data())
def test_one_slip_in_a_known_phrase_is_near_that_phrase_or_another_equally_near(phrase: str, data: st.DataObject) -> None:
    cat = load_catalogue()
    i = data.draw(st.integers(0, len(phrase) - 1))
    slipped = phrase[:i] + phrase[i + 1:]  # one letter dropped
    found = cat.near(slipped)
    if len(slipped.strip()) >= 3 and near_limit(slipped) >= 1:
        assert found is not None
