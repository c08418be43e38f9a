"""How the programme workbook looks and prints, and how user text is kept from becoming a formula.

Every cell is written through `put`: text from users (a host called "=HYPERLINK(...)", a phone
number "+32 2 123 45 67") is stored as a plain string, never as a formula or an error value.
"""

from __future__ import annotations

import colorsys
import itertools
import math
import re
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import TypeAlias, TypedDict

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

HEADER_ROWS = 3  # title, subtitle, column headers: frozen on screen, repeated on every printed page
DATE_FORMAT = "ddd d mmm yyyy"
TIME_FORMAT = "hh:mm"
MINUTES_FORMAT = '0" min"'
LINE_POINTS = 15
MAX_WIDTH = 36
MIN_WIDTH = 6

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # not allowed in XML
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")  # embeddings, overrides, isolates
_SHEET_SLASHES = re.compile(r"[/\\]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?\000-\037]")
_FORMULA_LEAD = ("=", "+", "-", "@")
_RESERVED_SHEET_NAMES = {"history"}  # Excel keeps this name for change tracking
_THIN = Side(style="thin", color="999999")
_DAY_RULE = Side(style="medium", color="444444")

TEXT, WRAP, DATE, TIME, MINUTES, NUMBER, HEAD = "text", "wrap", "date", "time", "minutes", "number", "head"

# what `put` writes (an int is a float to the type checker, a datetime a date)
CellValue: TypeAlias = str | float | date | time | None


class _Look(TypedDict, total=False):
    """The keyword arguments of NamedStyle that the programme's styles set."""

    alignment: Alignment
    border: Border
    number_format: str
    font: Font
    fill: PatternFill


def register_styles(workbook: Workbook) -> None:
    """One named style per kind of cell, so that each cell takes its look in one assignment."""
    top = Alignment(vertical="top")
    left = Alignment(vertical="top", horizontal="left")
    centre = Alignment(vertical="top", horizontal="center")
    wrap = Alignment(vertical="top", wrap_text=True)
    border = Border(bottom=Side(style="hair", color="BBBBBB"))
    looks: dict[str, _Look] = {
        TEXT: dict(alignment=top, border=border),
        WRAP: dict(alignment=wrap, border=border),
        DATE: dict(alignment=left, border=border, number_format=DATE_FORMAT),
        TIME: dict(alignment=left, border=border, number_format=TIME_FORMAT),
        MINUTES: dict(alignment=centre, border=border, number_format=MINUTES_FORMAT),
        NUMBER: dict(alignment=top, border=border, number_format="General"),
        HEAD: dict(
            alignment=wrap,
            font=Font(bold=True, color="FFFFFF"),
            fill=PatternFill("solid", fgColor="34495E"),
            border=Border(bottom=_THIN),
        ),
    }
    for name, look in looks.items():
        workbook.add_named_style(NamedStyle(name=f"programme {name}", **look))
        if name != HEAD:  # the same look under a heavier rule, for the first row of a day or a block
            ruled: _Look = {**look, "border": Border(top=_DAY_RULE, bottom=border.bottom)}
            workbook.add_named_style(NamedStyle(name=f"programme {ruled_style(name)}", **ruled))


def ruled_style(style: str) -> str:
    """The style of a cell that opens a new day (a rule above it, so that a printed week reads day by day).

    Named styles are used rather than a border set cell by cell, which costs openpyxl far more time.
    """
    return f"{style} ruled"


def clean_text(value: object) -> str:
    """User text as a cell holds it: line ends as "\\n", characters XML forbids as spaces, no
    bidirectional overrides (they make a name print backwards), at most 32,767 characters."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub(" ", _BIDI_CONTROLS.sub("", text))[:32767]


def put(sheet: Worksheet, row: int, column: int, value: CellValue, style: str = TEXT) -> Cell:
    """Write one value; strings always stay strings (never a formula, never an error code)."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # not a merged cell's hidden part, whose value cannot be set
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        cell.data_type = "s"
        cell.style = f"programme {style}"
        if text.startswith(_FORMULA_LEAD):
            cell.quotePrefix = True  # stays text even when someone edits the cell in Excel
    else:
        cell.value = value
        cell.style = f"programme {style}"
    return cell


def put_header(sheet: Worksheet, title: str, subtitle: str, columns: list[str]) -> None:
    put(sheet, 1, 1, title).font = Font(bold=True, size=14)
    put(sheet, 2, 1, subtitle).font = Font(italic=True, color="555555")
    sheet.row_dimensions[1].height = 22
    for column, name in enumerate(columns, start=1):
        put(sheet, HEADER_ROWS, column, name, HEAD)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROWS + 1, column=1).coordinate


def display_width(value: object) -> int:
    """How many character widths a value needs on screen (its longest line)."""
    if value is None:
        return 0
    if isinstance(value, datetime | date):
        return 15
    if isinstance(value, time):
        return 5
    if isinstance(value, float):
        return len(f"{value:.5f}")
    return max((len(line) for line in str(value).split("\n")), default=0)


def fit_columns(sheet: Worksheet, widths: list[int]) -> None:
    for column, width in enumerate(widths, start=1):
        fitted = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
        sheet.column_dimensions[get_column_letter(column)].width = fitted


def row_lines(values: Sequence[object], widths: list[int]) -> int:
    """How many text lines the tallest cell of a row wraps to, given the fitted column widths."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str) and value:
            # a column of width w holds about 1.1 w characters of text (the width unit is a digit)
            room = max(1, int(min(MAX_WIDTH, max(MIN_WIDTH, width + 2)) * 1.1) - 1)
            lines = max(lines, sum(max(1, math.ceil(len(part) / room)) for part in value.split("\n")))
    return lines


def set_row_height(sheet: Worksheet, row: int, lines: int) -> None:
    if lines > 1:
        sheet.row_dimensions[row].height = LINE_POINTS * lines


def prepare_print(sheet: Worksheet, plan_name: str, subject: str | None = None) -> None:
    """Landscape A4, one page wide, title rows on every page; in header and footer the plan, whose
    programme the sheet is (`subject`, in full: a sheet name is cut at 31 characters) or else the
    sheet's name, and the page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    # openpyxl creates these parts with every sheet, though its stubs allow them to be None
    page_setup, header, footer = sheet.sheet_properties.pageSetUpPr, sheet.oddHeader, sheet.oddFooter
    assert page_setup is not None and header is not None and footer is not None
    page_setup.fitToPage = True
    sheet.print_title_rows = f"1:{HEADER_ROWS}"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    header.left.text = _header_text(plan_name)
    header.right.text = footer.left.text = _header_text(subject) if subject else "&A"
    footer.right.text = "Page &P of &N"
    _wrap_titles(sheet)


def _wrap_titles(sheet: Worksheet) -> None:
    """Title and subtitle wrap within the printed width: a 500-character plan name left to run on to
    the right made the page as wide as the name, and every letter on it tiny."""
    last = max(1, sheet.max_column)
    width = sum(sheet.column_dimensions[get_column_letter(c)].width or 13 for c in range(1, last + 1))
    for row, points, size in ((1, 22, 14), (2, LINE_POINTS, 11)):
        cell = sheet.cell(row=row, column=1)
        if not isinstance(cell.value, str):
            continue
        if last > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        room = max(1, int(width * 1.1 * 11 / size))  # characters per line (the width unit is a digit)
        lines = sum(max(1, math.ceil(len(part) / room)) for part in cell.value.split("\n"))
        sheet.row_dimensions[row].height = points * lines


def _header_text(text: str) -> str:
    """Header/footer text: "&" starts a field code there, so a literal one is doubled."""
    return clean_text(text)[:100].replace("&", "&&")


def organisation_colours(organisations: list[str]) -> dict[str, str]:
    """A light, distinct fill per organisation (golden-ratio hue steps), stable for a sorted list."""
    colours = {}
    for index, organisation in enumerate(organisations):
        hue = (0.08 + index * 0.618034) % 1.0
        red, green, blue = colorsys.hls_to_rgb(hue, 0.84, 0.6)
        colours[organisation] = f"{round(red * 255):02X}{round(green * 255):02X}{round(blue * 255):02X}"
    return colours


def sheet_name(wanted: str, taken: set[str], alternative: str = "") -> str:
    """A sheet name Excel accepts and no other sheet has (compared without case).

    At most 31 characters, none of []:*?/\\, no apostrophe at either end. On a clash the
    alternative (an id) is added in brackets, then a number.
    """
    base = _SHEET_FORBIDDEN.sub(" ", _SHEET_SLASHES.sub("-", clean_text(wanted)))
    base = " ".join(base.split()).strip("'").strip() or "Sheet"
    given = [f" ({alternative})"] if alternative and len(alternative) <= 20 else []
    for suffix in itertools.chain([""], given, (f" ({n})" for n in itertools.count(2))):
        name = (_cut(base, 31 - len(suffix)).rstrip().rstrip("'").rstrip() or "Sheet") + suffix
        key = name.casefold()
        if key not in taken and key not in _RESERVED_SHEET_NAMES:
            taken.add(key)
            return name
    raise AssertionError("unreachable: the numbered names never run out")


def _cut(text: str, limit: int) -> str:
    """At most `limit` UTF-16 units, as Excel counts them (an emoji takes two)."""
    text = text[:limit]
    while len(text.encode("utf-16-le")) // 2 > limit:
        text = text[:-1]
    return text
