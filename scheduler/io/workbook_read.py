"""The cells of a plan workbook: which sheet is which, which column is which, the values of each row.

Nothing here knows what the plan means; every problem with the workbook's shape (an unknown sheet or
column, a missing one, a file that is no workbook) is reported with the place a person can find.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from scheduler.io import workbook_layout as layout
from scheduler.io.plan_json import MAX_BYTES
from scheduler.io.workbook_limits import TooLarge, check_limits
from scheduler.problems import MISSING, WARNING, Problem

Key = tuple[str, ...]


@dataclass
class SheetRows:
    """One known sheet as found: its spelling, the header of each column, and its non-blank rows."""

    sheet: layout.Sheet
    title: str
    headers: dict[Key, str] = field(default_factory=dict)
    rows: list[tuple[int, dict[Key, object]]] = field(default_factory=list)

    def where(self, row: int | None = None, key: Key | None = None) -> str:
        place = f'sheet "{self.title}"'
        if row is not None:
            place += f", row {row}"
        if key is not None:
            place += f', column "{self.headers.get(key) or self.sheet.column(key).label}"'
        return place


def read_workbook(content: bytes) -> tuple[dict[str, SheetRows] | None, list[Problem]]:
    """The known sheets of the workbook by their layout title; None when the file cannot be read."""
    refusal = _refusal(content)
    if refusal:
        return None, [refusal]
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:
        return None, [_not_a_workbook(f"an unreadable workbook ({type(error).__name__})")]
    try:
        return _sheets(book)
    except Exception as error:
        return None, [_not_a_workbook(f"a damaged workbook ({type(error).__name__})")]
    finally:
        book.close()


def _refusal(content: bytes) -> Problem | None:
    if len(content) > MAX_BYTES:
        size = f"{len(content) / 1024 / 1024:.1f} MB"
        return Problem(("file",), size, f"a file of at most {MAX_BYTES // 1024 // 1024} MB", where="file")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except Exception:
        return _not_a_workbook("not an Excel workbook")
    try:
        check_limits(archive)
    except TooLarge as refused:
        expected = f"{refused.expected}; a real plan stays far below"
        return Problem(("file",), refused.found, expected, where=refused.where)
    except Exception as error:
        return _not_a_workbook(f"a damaged workbook ({type(error).__name__})")
    finally:
        archive.close()
    return None


def _not_a_workbook(found: str) -> Problem:
    expected = "an Excel workbook (.xlsx) saved by Excel, LibreOffice or this program"
    return Problem(("file",), found, expected, where="file")


def _sheets(book) -> tuple[dict[str, SheetRows], list[Problem]]:
    known = {sheet.title.lower(): sheet for sheet in layout.SHEETS}
    found: dict[str, SheetRows] = {}
    problems: list[Problem] = []
    suggested: set[str] = set()
    for title in book.sheetnames:
        sheet = known.get(title.strip().lower())
        if title.strip().lower() == layout.HELP_TITLE.lower():
            continue
        if sheet is None:
            guess = closest(title, layout.SHEET_TITLES)
            suggested.update([guess] if guess else [])
            listed = ", ".join(layout.SHEET_TITLES)
            expected = f"one of the sheets {listed}{did_you_mean(guess)}"
            problems.append(Problem(("workbook",), title, expected, where=f'sheet "{title}"'))
        elif sheet.title in found:
            expected = f'each sheet once; "{found[sheet.title].title}" is the same sheet'
            problems.append(Problem(("workbook",), title, expected, where=f'sheet "{title}"'))
        else:
            found[sheet.title] = _read(book[title], sheet, title, problems)
    for sheet in layout.SHEETS:
        if sheet.title not in found and sheet.title not in suggested and not sheet.quiet_when_missing:
            problems.append(_missing_sheet(sheet))
    return found, problems


def _missing_sheet(sheet: layout.Sheet) -> Problem:
    if sheet is layout.SETTINGS:
        return Problem(("workbook",), MISSING, 'a sheet "Settings" with the plan\'s name', where="workbook")
    expected = f'a sheet "{sheet.title}" ({sheet.purpose.lower()}); without it there are none'
    return Problem(("workbook",), MISSING, expected, WARNING, where="workbook")


def _read(worksheet, sheet: layout.Sheet, title: str, problems: list[Problem]) -> SheetRows:
    found = SheetRows(sheet, title)
    if not hasattr(worksheet, "iter_rows"):
        problems.append(Problem(("workbook",), title, "a sheet of cells, not a chart", where=found.where()))
        return found
    worksheet.reset_dimensions()
    rows = _numbered_rows(worksheet, title, problems)
    if sheet is layout.SETTINGS:
        _read_settings(rows, found, problems)
        return found
    columns = _header(next(rows, (1, ()))[1], found, problems)
    unnamed: set[int] = set()
    for number, cells in rows:
        values = {}
        for index, cell in enumerate(cells):
            value = cell_value(cell)
            if value is None or (index in columns and columns[index] is None):
                continue
            if index not in columns:
                if index not in unnamed:
                    unnamed.add(index)
                    where = f'sheet "{title}", row {number}, column {_letter(index)}'
                    expected = "a header in row 1 naming the column, or no values below it"
                    problems.append(Problem(("workbook",), value, expected, where=where))
                continue
            column = columns[index]
            assert column is not None  # skipped above
            values[column.key] = value
        if values:
            found.rows.append((number, values))
    for column in sheet.columns:
        if column.required and column.key not in found.headers and found.rows:
            expected = f'a column "{column.label}": it is required'
            problems.append(Problem(("workbook",), MISSING, expected, where=found.where()))
    return found


def _numbered_rows(worksheet, title: str, problems: list[Problem]):
    """(row number, cells) from row 1; a value openpyxl cannot convert ends the sheet, located."""
    rows = worksheet.iter_rows()
    number = 0
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except (ValueError, OverflowError):  # a number of thousands of digits, a date beyond 9999
            expected = "numbers of at most 15 digits and dates up to 31 December 9999"
            where = f'sheet "{title}", row {number + 1}'
            problems.append(Problem(("workbook",), "a value that cannot be read", expected, where=where))
            return
        number += 1
        yield number, cells


def _header(cells, found: SheetRows, problems: list[Problem]) -> dict[int, layout.Column | None]:
    """Column index -> layout column (None for an unknown or repeated header, already reported)."""
    columns: dict[int, layout.Column | None] = {}
    labels = [c.label for c in found.sheet.columns]
    for index, cell in enumerate(cells):
        text = cell_value(cell)
        if text is None:
            continue
        text = str(text)
        column = next((c for c in found.sheet.columns if layout.header_key(text) in c.names), None)
        where = f'sheet "{found.title}", column {_letter(index)}'
        columns[index] = None
        if column is None:
            expected = f"one of the columns {', '.join(labels)}{did_you_mean(closest(text, labels))}"
            problems.append(Problem(("workbook",), text, expected, where=where))
        elif column.key in found.headers:
            expected = f'each column once; "{found.headers[column.key]}" is the same column'
            problems.append(Problem(("workbook",), text, expected, where=where))
        else:
            columns[index] = column
            found.headers[column.key] = text
    return columns


def _read_settings(rows, found: SheetRows, problems: list[Problem]) -> None:
    """Column A names the setting, column B holds its value; a header row "Setting" is skipped."""
    labels = [c.label for c in found.sheet.columns]
    rows_of: dict[Key, int] = {}
    for number, cells in rows:
        name = cell_value(cells[0]) if cells else None
        value = cell_value(cells[1]) if len(cells) > 1 else None
        if name is None or (number == 1 and layout.header_key(str(name)) == "setting"):
            continue
        column = next((c for c in found.sheet.columns if layout.header_key(str(name)) in c.names), None)
        where = f'sheet "{found.title}", row {number}, column A'
        if column is None:
            expected = f"one of the settings {', '.join(labels)}{did_you_mean(closest(str(name), labels))}"
            problems.append(Problem(("workbook",), name, expected, where=where))
        elif column.key in rows_of:
            expected = f"each setting once; it is also in row {rows_of[column.key]}"
            problems.append(Problem(("workbook",), name, expected, where=where))
        else:
            rows_of[column.key] = number
            found.headers[column.key] = "Value"
            found.rows.append((number, {column.key: value}))


def cell_value(cell) -> object:
    """The cell's value: text stripped (blank is None); a date-formatted cell without a time a date."""
    value = getattr(cell, "value", None)
    if isinstance(value, str):
        return value.strip() or None
    if (
        isinstance(value, datetime)
        and value.time() == datetime.min.time()  # midnight
        and not _shows_time(getattr(cell, "number_format", None) or "")
    ):
        return date(value.year, value.month, value.day)
    return value


def _shows_time(number_format: str) -> bool:
    shown = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format.lower())
    return "h" in shown or "s" in shown or "am/pm" in shown


def closest(text: str, choices: tuple[str, ...] | list[str]) -> str | None:
    lowered = {choice.lower(): choice for choice in choices}
    match = difflib.get_close_matches(text.strip().lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def did_you_mean(guess: str | None) -> str:
    return f' (did you mean "{guess}"?)' if guess else ""


def _letter(index: int) -> str:
    return get_column_letter(index + 1)
