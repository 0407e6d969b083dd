"""Importing the performance sheet: good rows change exactly their fields, bad rows are reported by row number."""

from __future__ import annotations

import csv
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.edition import load_edition
from model.figures_import import (
    ImportFormatError,
    apply_plan,
    map_columns,
    outcome_for,
    parse_count,
    parse_percent,
    percent_change,
    plan_import,
)
from model.new_edition import create_edition
from model.sheets import Sheet, SheetError, SheetRow, read_sheet
from model.storage import save
from tests.conftest import ROOT, SAMPLE

HEADER = ["Borough", "Measure", "Previous", "Current", "Target %"]
GOOD = [
    ["Tower Hamlets", "Total robbery", "1071", "935", "-2.5"],  # row 2: matches the seed's row
    ["Barnet", "Residential burglary", "2,914", "2701", "-2.5"],  # row 3: a new results row
    ["camden ", "knife crime", "402", "371", "-1.0%"],  # row 4: case and spacing differ
]
BAD = [
    ["Tower Hamlet", "Gun crime", "65", "90", "-4.2"],  # row 5: unknown borough
    ["Barnet", "Street crime", "120", "100", "-1"],  # row 6: unknown measure
    ["Barnet", "Gun crime", "n/a", "14", "-4.2"],  # row 7: non-numeric
    ["Tower Hamlets", "Total robbery", "1071", "935", "-2.5"],  # row 8: duplicate of row 2
    ["Camden", "Gun crime", "0", "3", "-1"],  # row 9: no baseline for a percentage
]


@pytest.fixture(scope="module")
def edition_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ed") / "2010-11"
    create_edition(SAMPLE, folder, "2010/11")
    return folder


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        # Numbers as numbers, as the performance team's workbook has them; a target as a % cell.
        cells: list[object] = [parse_count(c) if parse_count(c) is not None else c for c in row]
        sheet.append(cells)
    for cell in sheet["E"][1:]:
        value = parse_percent(str(cell.value))
        if value is not None:
            cell.value = float(value) / 100
            cell.number_format = "0.0%"
    book.save(path)
    return path


@pytest.mark.parametrize("writer", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_good_rows_change_exactly_their_fields_bad_rows_reported(writer, edition_dir: Path, tmp_path: Path) -> None:
    suffix = ".csv" if writer is write_csv else ".xlsx"
    sheet = read_sheet(writer(tmp_path / f"figures{suffix}", [HEADER, *GOOD, *BAD]))
    edition = load_edition(edition_dir)
    plan = plan_import(edition, sheet)

    assert plan.applied_rows == (2, 3, 4)
    assert [r.row for r in plan.rejected] == [5, 6, 7, 8, 9]
    reasons = {r.row: r.reason for r in plan.rejected}
    assert "unknown borough 'Tower Hamlet'; did you mean 'Tower Hamlets'?" in reasons[5]
    assert "unknown measure 'Street crime'" in reasons[6]
    assert "'n/a', not a whole number" in reasons[7]
    assert "duplicate of row 2" in reasons[8]
    assert "is 0" in reasons[9]
    assert set(plan.boroughs) == {"tower-hamlets", "barnet", "camden"}

    before = {slug: loaded.doc for slug, loaded in edition.boroughs.items()}
    barnet = plan.boroughs["barnet"].results[0]
    assert (barnet.measure, barnet.change, barnet.change_pct, barnet.outcome) == (
        "Residential burglary", -213, Decimal("-7.3"), "achieved")
    camden = plan.boroughs["camden"].results[0]
    assert (camden.measure, camden.target_pct, camden.outcome) == ("Knife crime", Decimal("-1.0"), "achieved")
    # Tower Hamlets: one row appended, every other field as it was.
    th_new, th_old = plan.boroughs["tower-hamlets"], before["tower-hamlets"]
    assert th_new.results[:-1] == th_old.results
    assert th_new.results[-1].change_pct == Decimal("-12.7")
    assert replace(th_new, results=th_old.results) == th_old


def test_apply_writes_only_changed_boroughs(edition_dir: Path, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "ed"
    shutil.copytree(edition_dir, folder)
    edition = load_edition(folder)
    untouched = {p.name: p.read_bytes() for p in (folder / "boroughs").glob("*.yaml")}
    plan = plan_import(edition, read_sheet(write_csv(tmp_path / "f.csv", [HEADER, *GOOD, *BAD])))
    result = apply_plan(edition, plan)
    assert sorted(p.stem for p in result.written) == ["barnet", "camden", "tower-hamlets"]
    assert result.failed == ()
    again = load_edition(folder)
    for slug, doc in plan.boroughs.items():
        assert again.boroughs[slug].doc == doc
    for path in (folder / "boroughs").glob("*.yaml"):
        if path.stem not in plan.boroughs:
            assert path.read_bytes() == untouched[path.name]
    # Importing the same sheet again changes nothing.
    assert plan_import(again, read_sheet(tmp_path / "f.csv")).boroughs == {}


def test_apply_refuses_a_file_changed_on_disk(edition_dir: Path, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "ed"
    shutil.copytree(edition_dir, folder)
    edition = load_edition(folder)
    plan = plan_import(edition, read_sheet(write_csv(tmp_path / "f.csv", [HEADER, *GOOD])))
    someone_else = replace(edition.boroughs["barnet"].doc, status="in_review")
    save(someone_else, folder / "boroughs" / "barnet.yaml")
    result = apply_plan(edition, plan)
    assert [f.path.stem for f in result.failed] == ["barnet"]
    assert result.failed[0].reason == "changed_on_disk"
    assert load_edition(folder).boroughs["barnet"].doc == someone_else


def test_the_committed_example_reproduces_the_seed_table() -> None:
    """The published 2009/10 figures follow from the counts: importing them changes no printed figure."""
    edition = load_edition(SAMPLE)
    plan = plan_import(edition, read_sheet(ROOT / "tests" / "fixtures" / "performance-figures-2009-10.csv"))
    printed = {c.path.rsplit(".", 1)[1] for c in plan.changes if c.slug == "tower-hamlets"}
    assert printed <= {"previous", "current", "target_pct"}
    assert [r.row for r in plan.rejected] == [9, 10, 11]  # Barnet and Camden are not in the sample


def test_conflicting_duplicates_are_all_rejected(edition_dir: Path, tmp_path: Path) -> None:
    rows = [HEADER, ["Barnet", "Gun crime", "10", "12", ""], ["Barnet", "gun crime", "10", "13", ""]]
    plan = plan_import(load_edition(edition_dir), read_sheet(write_csv(tmp_path / "d.csv", rows)))
    assert [r.row for r in plan.rejected] == [2, 3]
    assert all("different figures" in r.reason for r in plan.rejected)
    assert plan.boroughs == {}


def test_headers_tolerant_of_case_spacing_and_extra_columns() -> None:
    columns = map_columns(("  BOROUGH", "measure", "Previous_Count", "current count ", "Target (%)", "Notes"))
    assert columns["previous"] == "Previous_Count" and columns["target"] == "Target (%)"
    with pytest.raises(ImportFormatError, match="missing: current"):
        map_columns(("Borough", "Measure", "Previous"))


def test_unreadable_sheets(tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    (tmp_path / "empty.csv").write_bytes(b"\n\n")
    for name, words in (("x.xlsx", "not a readable Excel workbook"), ("x.pdf", "not a spreadsheet"),
                        ("empty.csv", "empty"), ("missing.csv", "does not exist")):
        with pytest.raises(SheetError, match=words):
            read_sheet(tmp_path / name)


def test_windows_code_page_csv_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_bytes("Borough;Measure;Previous;Current;Target %\r\nBarnet;Knife crime;1000;900;−2.5\r\n"
                     .replace("−", "-").encode("cp1252"))
    sheet = read_sheet(path)
    assert sheet.rows == (SheetRow(2, {"Borough": "Barnet", "Measure": "Knife crime", "Previous": "1000",
                                       "Current": "900", "Target %": "-2.5"}),)


@settings(max_examples=200)
@given(st.integers(1, 100_000), st.integers(0, 100_000))
def test_percent_change_matches_decimal_half_up(previous: int, current: int) -> None:
    pct = percent_change(previous, current)
    exact = Decimal(current - previous) / Decimal(previous) * 100
    assert pct == exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert abs(pct - exact) <= Decimal("0.05")
    assert (pct > 0) == (current > previous) or pct == 0


@settings(max_examples=200)
@given(st.integers(0, 10_000_000))
def test_counts_parse_with_and_without_separators(n: int) -> None:
    assert parse_count(str(n)) == n
    assert parse_count(f"{n:,}") == n
    assert parse_count(f"{n}.0") == n


@settings(max_examples=100)
@given(st.text(max_size=12))
def test_parsers_never_raise(text: str) -> None:
    parse_count(text)
    parse_percent(text)


def test_outcome_follows_the_target() -> None:
    assert outcome_for(Decimal("-12.7"), Decimal("-2.5")) == "achieved"
    assert outcome_for(Decimal("21.4"), Decimal("-5.5")) == "missed"
    assert outcome_for(Decimal("-2.5"), Decimal("-2.5")) == "achieved"
    assert outcome_for(Decimal("3.0"), Decimal("5")) == "missed"


def test_plan_accepts_open_documents_instead_of_an_edition(edition_dir: Path) -> None:
    docs = {slug: lo.doc for slug, lo in load_edition(edition_dir).boroughs.items()}
    sheet = Sheet(tuple(HEADER), (SheetRow(2, dict(zip(HEADER, GOOD[1], strict=True))),))
    plan = plan_import(docs, sheet)
    assert list(plan.boroughs) == ["barnet"] and plan.rejected == ()


def test_xlsx_row_numbers_are_the_spreadsheets_own(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B3"], sheet["C3"] = "Borough", "Measure"  # a title area above the header
    sheet["B4"], sheet["C4"] = "Barnet", "Knife crime"
    sheet["B7"], sheet["C7"] = "Camden", "Gun crime"  # blank rows between
    book.save(tmp_path / "t.xlsx")
    read = read_sheet(tmp_path / "t.xlsx")
    assert [r.number for r in read.rows] == [4, 7]
    assert read.rows[1].cells == {"Borough": "Camden", "Measure": "Gun crime"}


_MEASURES = ["Residential burglary", "Total robbery", "Knife crime", "Gun crime"]


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.tuples(st.sampled_from(["barnet", "camden", "tower-hamlets"]), st.sampled_from(_MEASURES)),
                       st.tuples(st.integers(1, 5000), st.integers(0, 5000),
                                 st.decimals(-20, 20, places=1, allow_nan=False)),
                       max_size=12))
def test_every_good_row_lands_consistent_and_reimport_is_a_no_op(edition_dir: Path, figures) -> None:
    from model.boroughs import BY_SLUG

    edition = load_edition(edition_dir)
    rows = tuple(SheetRow(n, dict(zip(HEADER, [BY_SLUG[slug], measure, str(p), str(c), str(t)], strict=True)))
                 for n, ((slug, measure), (p, c, t)) in enumerate(figures.items(), start=2))
    plan = plan_import(edition, Sheet(tuple(HEADER), rows))
    assert plan.rejected == () and len(plan.applied_rows) == len(rows)
    for (slug, measure), (previous, current, target) in figures.items():
        row = next(r for r in plan.boroughs.get(slug, edition.boroughs[slug].doc).results if r.measure == measure)
        assert (row.previous, row.current, row.change) == (previous, current, current - previous)
        assert row.target_pct == target and row.outcome == outcome_for(row.change_pct, target)
    after = {s: lo.doc for s, lo in edition.boroughs.items()} | plan.boroughs
    assert plan_import(after, Sheet(tuple(HEADER), rows)).boroughs == {}
