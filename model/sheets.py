"""Reading a spreadsheet (CSV or XLSX) as rows of text cells keyed by column header, with row numbers.

Every cell comes back as the text a person would see, so the importer parses one kind of value
whatever the file type. openpyxl is imported only when an XLSX file is read: it is the one
dependency of `model/` beyond PyYAML, and only this module has it.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

MAX_SHEET_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000  # 32 boroughs × a few dozen measures is about a thousand


class SheetError(Exception):
    """The spreadsheet could not be read at all (exit 2); the message says why and what to do."""


@dataclass(frozen=True)
class SheetRow:
    """One data row: `number` is the row number the spreadsheet program shows (the header is 1)."""

    number: int
    cells: dict[str, str]  # header as written → cell text, stripped


@dataclass(frozen=True)
class Sheet:
    """The header row's cells and the data rows under it; entirely blank rows are left out."""

    headers: tuple[str, ...]
    rows: tuple[SheetRow, ...]


def read_sheet(path: str | os.PathLike[str]) -> Sheet:
    """Read a .csv, .xlsx or .xlsm file; SheetError for anything that is not a readable sheet."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx", ".xlsm"):
        raise SheetError(f"{p}: not a spreadsheet this app reads; save it as CSV (.csv) or Excel workbook (.xlsx)")
    try:
        if p.stat().st_size > MAX_SHEET_BYTES:
            raise SheetError(f"{p}: the file is larger than {MAX_SHEET_BYTES // (1024 * 1024)} MB; is it the right file?")
        data = p.read_bytes()
    except FileNotFoundError:
        raise SheetError(f"{p}: the file does not exist") from None
    except IsADirectoryError:
        raise SheetError(f"{p}: this is a folder, not a spreadsheet") from None
    except OSError as exc:
        raise SheetError(f"{p}: the file could not be read: {exc.strerror or exc}") from None
    grid = _xlsx_grid(data, p) if suffix in (".xlsx", ".xlsm") else _csv_grid(data, p)
    return _to_sheet(grid, p)


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel on Windows saves "CSV" in the Windows code page unless told otherwise.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise SheetError(f"{path}: the text is neither UTF-8 nor Windows-1252; "
                         "save it from the spreadsheet program as 'CSV UTF-8'") from None


def _csv_grid(data: bytes, path: Path) -> list[list[str]]:
    text = _decode(data, path)
    if "\x00" in text:
        raise SheetError(f"{path}: this is not a text file; save the sheet as CSV or .xlsx")
    first_line = text.split("\n", 1)[0]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [row for _, row in zip(range(MAX_ROWS + 2), csv.reader(io.StringIO(text), dialect), strict=False)]
    except csv.Error as exc:
        raise SheetError(f"{path}: the CSV could not be read: {exc}") from None


def _xlsx_grid(data: bytes, path: Path) -> list[list[str]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SheetError(f"{path}: not a readable Excel workbook ({exc}); "
                         "open it in the spreadsheet program and save it again as .xlsx") from None
    try:
        sheet = book.worksheets[0]
        grid = []
        for row in sheet.iter_rows(max_row=MAX_ROWS + 1):
            grid.append([_cell_text(cell.value, getattr(cell, "number_format", "")) for cell in row])
        return grid
    finally:
        book.close()


def _cell_text(value: object, number_format: str | None) -> str:
    """A cell as the text it shows: 0.025 in a percentage cell is "2.5", 1234.0 is "1234"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in (number_format or ""):
            # At least the format's decimals (a "0.0%" cell holding -0.01 reads "-1.0"), never
            # fewer than the value has: a "0%" cell holding -0.025 is still -2.5, not -3.
            decimals = len(m.group(1)) if (m := re.search(r"\.(0+)", number_format or "")) else 0
            exact = (number * 100).normalize()
            decimals = max(decimals, -int(exact.as_tuple().exponent))
            return format(exact.quantize(Decimal(1).scaleb(-decimals)), "f")
        if number == number.to_integral_value():
            return str(number.quantize(Decimal(1)))
        return format(number.normalize(), "f")
    return str(value)


def _to_sheet(grid: list[list[str]], path: Path) -> Sheet:
    numbered = [(i + 1, [c.strip() for c in row]) for i, row in enumerate(grid)]
    numbered = [(n, row) for n, row in numbered if any(row)]
    if not numbered:
        raise SheetError(f"{path}: the sheet is empty")
    header = numbered[0][1]
    if len(numbered) > MAX_ROWS:
        raise SheetError(f"{path}: more than {MAX_ROWS:,} rows; is it the right file?")
    rows = []
    for number, cells in numbered[1:]:
        rows.append(SheetRow(number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}))
    return Sheet(tuple(header), tuple(rows))
