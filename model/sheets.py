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

from model.safe_read import RefusedRead, read_regular

MAX_SHEET_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000  # 32 boroughs × a few dozen measures is about a thousand
MAX_CELLS = 200_000  # rows × columns of the used range; the real sheet has a few thousand
MAX_UNCOMPRESSED = 64 * 1024 * 1024  # all parts of an .xlsx, unpacked; a real one is well under 1 MB
MAX_SNIFF = 64 * 1024  # the CSV dialect is guessed from this much text at most
_MAX_EXCEL_ROW, _MAX_EXCEL_COLUMN = 1_048_576, 16_384


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
        data = read_regular(p, limit=MAX_SHEET_BYTES, what="spreadsheet")
    except RefusedRead as exc:
        raise SheetError(str(exc)) from None
    except FileNotFoundError:
        raise SheetError(f"{p}: the file does not exist") from None
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
    first_line = text[:MAX_SNIFF].split("\n", 1)[0]  # bounded: the sniffer is slow on long text
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        grid: list[list[str]] = []
        filled = 0
        # Every row is read (blank ones too, to keep row numbers): data after 20,000 blank lines is
        # not silently dropped. The file is at most MAX_SHEET_BYTES, so this is bounded.
        for row in csv.reader(io.StringIO(text), dialect):
            grid.append(row)
            filled += any(cell.strip() for cell in row)
            if filled > MAX_ROWS + 1:
                raise SheetError(f"{path}: more than {MAX_ROWS:,} rows; is it the right file?")
        return grid
    except csv.Error as exc:
        raise SheetError(f"{path}: the CSV could not be read: {exc}") from None


def _xlsx_grid(data: bytes, path: Path) -> list[list[str]]:
    _vet_xlsx(data, path)  # sizes, dimension and XML checked before openpyxl parses anything
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except SheetError:
        raise
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, TypeError...) on damage
        raise SheetError(f"{path}: not a readable Excel workbook ({type(exc).__name__}); "
                         "open it in the spreadsheet program and save it again as .xlsx") from None
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # every row the file holds: data starting at row 25000 is not dropped
        grid: list[list[str]] = []
        cells = 0
        for row in sheet.iter_rows():
            cells += len(row)
            if cells > MAX_CELLS:
                raise SheetError(f"{path}: the sheet has more than {MAX_CELLS:,} cells; is it the right file? "
                                 "Copy the figures into a new sheet and import that")
            grid.append([_cell_text(cell.value, getattr(cell, "number_format", "")) for cell in row])
        return grid
    except SheetError:
        raise
    except Exception as exc:  # a cell reference such as ZZZZZZ2, a damaged part
        raise SheetError(f"{path}: the workbook is damaged ({type(exc).__name__}: {str(exc)[:80]}); "
                         "open it in the spreadsheet program and save it again as .xlsx") from None
    finally:
        book.close()


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,7})(\d{1,8})(?::([A-Z]{1,7})(\d{1,8}))?\"")


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (char - 64)
    return number


def _vet_xlsx(data: bytes, path: Path) -> None:
    """Refuse a workbook that would cost too much or is hostile, before any parser builds anything.

    The zip's own member sizes (zipfile stops reading a member at its stated size) cap what is
    unpacked; the first sheet's `<dimension>` caps rows × columns; every XML part is then parsed
    by defusedxml, which refuses DTDs, entities (billion laughs) and external references.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise SheetError(f"{path}: not a readable Excel workbook (not a zip archive); "
                         "open it in the spreadsheet program and save it again as .xlsx") from None
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED or len(members) > 10_000:
        raise SheetError(f"{path}: the workbook unpacks to over {MAX_UNCOMPRESSED // (1024 * 1024)} MB; "
                         "a sheet of figures is far smaller. Copy the figures into a new workbook")
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    sheets = sorted(m.filename for m in members if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", m.filename))
    for member in members:
        if not member.filename.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(member) as stream:
                if member.filename in sheets[:1]:
                    _vet_dimension(stream.read(4096), path)
                    stream.seek(0)
                for _event, element in iterparse(stream, forbid_dtd=True, forbid_entities=True,
                                                 forbid_external=True):
                    element.clear()
        except DefusedXmlException:
            raise SheetError(f"{path}: the workbook contains XML declarations (DTD or entities) that no "
                             "spreadsheet program writes; it was not read. Save the figures again from "
                             "Excel or LibreOffice") from None
        except SheetError:
            raise
        except Exception as exc:  # a damaged part: bad XML, a CRC error, a truncated stream
            raise SheetError(f"{path}: the workbook is damaged ({member.filename}: {type(exc).__name__}); "
                             "open it in the spreadsheet program and save it again as .xlsx") from None


def _vet_dimension(head: bytes, path: Path) -> None:
    match = _DIMENSION.search(head)
    if not match:
        return  # no dimension written: the cell count is capped while reading instead
    first_col, first_row = _column_number(match.group(1)), int(match.group(2))
    last_col = _column_number(match.group(3)) if match.group(3) else first_col
    last_row = int(match.group(4)) if match.group(4) else first_row
    if last_col > _MAX_EXCEL_COLUMN or last_row > _MAX_EXCEL_ROW:
        raise SheetError(f"{path}: the sheet says it reaches cell {match.group(3 if match.group(3) else 1).decode()}"
                         f"{last_row}, beyond any spreadsheet's last cell; the file is damaged")
    cells = (last_row - first_row + 1) * (last_col - first_col + 1)
    if cells > MAX_CELLS:
        raise SheetError(f"{path}: the sheet's used range is {last_row - first_row + 1:,} rows × "
                         f"{last_col - first_col + 1:,} columns, more than {MAX_CELLS:,} cells; is it the right "
                         "file? Copy the figures into a new sheet and import that")


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
