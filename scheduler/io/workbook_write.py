"""A Plan as the workbook protocol staff fill in, and the empty template with its Help sheet.

Dates and times become real Excel values; text from users always stays text, never a formula.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.io import workbook_layout as layout
from scheduler.model import Delegation, Host, Interpreter, Plan
from scheduler.problems import quote

UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
LAST_ROW = 1048576
CELL_LIMIT = 32767  # characters Excel keeps in one cell
WIDTH_OF_KIND = {layout.DATETIME: 17, layout.MOMENT: 17, layout.LIST: 16, layout.TEXT: 12}


def plan_to_workbook(plan: Plan) -> bytes:
    """The plan as .xlsx bytes; ValueError when some text holds a character a workbook cannot store."""
    return _save(_book(plan))


def template_workbook() -> bytes:
    """The empty workbook: headers, default settings, drop-downs and the Help sheet."""
    return _save(_book(None))


def _book(plan: Plan | None) -> Workbook:
    book = Workbook()
    first = book.active
    assert isinstance(first, Worksheet)  # a new workbook starts with one worksheet
    book.remove(first)
    _fill(book.create_sheet(layout.SETTINGS.title), ("Setting", "Value"), _settings_rows(plan))
    for sheet in layout.LISTS:
        rows = list_rows(sheet, plan) if plan is not None else []
        worksheet = book.create_sheet(sheet.title)
        _fill(worksheet, [c.label for c in sheet.columns], _typed(sheet.columns, rows))
        _add_choices(worksheet, sheet)
        _widen(worksheet, sheet)
    help_rows = [[(text, layout.TEXT) for text in row] for row in layout.help_rows()]
    help_sheet = book.create_sheet(layout.HELP_TITLE)
    _fill(help_sheet, layout.HELP_HEADER, help_rows)
    for cell in help_sheet["C"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return book


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _settings_rows(plan: Plan | None) -> list[list[tuple[object, str]]]:
    rows: list[list[tuple[object, str]]] = []
    for column in layout.SETTINGS.columns:
        value: object
        if plan is None:
            value = _setting_default(column, None if column.required else column.default)
        elif column.key[0] == "lunch" and plan.lunch is None:
            value = layout.NO_LUNCH
        else:
            value = _attribute(plan, column.key)
        kind = layout.TEXT if isinstance(value, str) else column.kind
        rows.append([(column.label, layout.TEXT), (value, kind)])
    return rows


def _setting_default(column: layout.Column, value: str | None) -> object:
    if column.kind == layout.LIST:
        return None
    if value is None or column.kind == layout.TEXT:
        return value
    if column.kind == layout.TIME:
        return time.fromisoformat(value)
    return int(value)


def list_rows(sheet: layout.Sheet, plan: Plan) -> list[list[object]]:
    if sheet is layout.ROOMS:
        return [
            [venue.id, room.id, room.name, room.capacity]
            for venue in plan.venues
            if not isinstance(venue.rooms, int)
            for room in venue.rooms
        ]
    if sheet is layout.AVAILABILITY:
        return list(_availability_rows(plan))
    rows = []
    for entity in getattr(plan, sheet.section):
        row = [_attribute(entity, column.key) for column in sheet.columns]
        if sheet is layout.VENUES and not isinstance(entity.rooms, int):
            row[[c.key for c in sheet.columns].index(("rooms",))] = None
        rows.append(row)
    return rows


def _availability_rows(plan: Plan) -> Iterator[list[object]]:
    people: tuple[Host | Delegation | Interpreter, ...] = (*plan.hosts, *plan.delegations, *plan.interpreters)
    for who in people:
        for kind in (layout.AVAILABLE, layout.UNAVAILABLE):
            for window in getattr(who, kind, ()):
                yield [who.id, kind, window.start, window.end]


def _attribute(entity: object, key: tuple[str, ...]) -> object:
    value = entity
    for part in key:
        if value is None:
            return None
        value = getattr(value, part) if hasattr(value, part) else getattr(value, part + "_")
    return value


def _typed(columns: Iterable[layout.Column], rows: list[list[object]]) -> list[list[tuple[object, str]]]:
    kinds = [c.kind for c in columns]
    return [list(zip(row, kinds, strict=True)) for row in rows]


def _fill(worksheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[tuple[object, str]]]) -> None:
    """A bold, frozen header row, the typed rows below it, and widths fitted to what is shown."""
    widths: dict[int, int] = {}
    for number, label in enumerate(header, 1):
        cell = worksheet.cell(1, number)
        _put(cell, label, layout.TEXT)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        widths[number] = len(label)
    worksheet.freeze_panes = "A2"
    for row_number, row in enumerate(rows, 2):
        for number, (value, kind) in enumerate(row, 1):
            cell = worksheet.cell(row_number, number)
            try:
                _put(cell, value, kind)
            except ValueError as error:
                place = f'sheet "{worksheet.title}", row {row_number}, column "{header[number - 1]}"'
                raise ValueError(f"{place}: {error}") from None
            widths[number] = max(widths.get(number, 0), _shown_width(value))
    for number, width in widths.items():
        worksheet.column_dimensions[get_column_letter(number)].width = min(max(width + 2, 8), 60)


def _widen(worksheet: Worksheet, sheet: layout.Sheet) -> None:
    """Room for what a column will hold, also in the empty template: a date and time, a few ids."""
    for number, column in enumerate(sheet.columns, 1):
        dimension = worksheet.column_dimensions[get_column_letter(number)]
        dimension.width = max(dimension.width or 0, WIDTH_OF_KIND.get(column.kind, 0))


def _put(cell, value: object, kind: str) -> None:
    """One value into one cell, typed by its column; text is stored as text even when it starts with =."""
    if value is None or value == () or value is False:
        return  # an empty yes/no cell reads as no
    if value is True:
        value = "yes"
    if isinstance(value, tuple):
        value = layout.list_cell(value)
    if isinstance(value, str):
        bad = UNWRITABLE.search(value)
        if bad:
            code = f"U+{ord(bad.group()):04X}"
            raise ValueError(
                f"the text {quote(value)} holds a character ({code}) that a workbook cannot store"
            )
        if len(value) > CELL_LIMIT:
            raise ValueError(
                f"the text {quote(value)} has {len(value)} characters; a cell holds {CELL_LIMIT}"
            )
        cell.value = value
        cell.data_type = "s"
        return
    cell.value = value
    if isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm" + (":ss" if value.second else "")
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, time):
        cell.number_format = "hh:mm" + (":ss" if value.second else "")


def _shown_width(value: object) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, (date, time)):
        return 10
    if isinstance(value, tuple):
        value = layout.list_cell(value)
    return len(str(value)) if value is not None else 0


def _add_choices(worksheet: Worksheet, sheet: layout.Sheet) -> None:
    """Drop-downs for columns with a few fixed values; where an id is allowed too, they only suggest."""
    for number, column in enumerate(sheet.columns, 1):
        if not column.choices:
            continue
        letter = get_column_letter(number)
        rule = DataValidation(
            type="list",
            formula1='"' + ",".join(column.choices) + '"',
            allow_blank=True,
            showErrorMessage=column.only_choices,
            errorTitle=column.label,
            error=f"{column.label}: one of {', '.join(column.choices)}",
            showInputMessage=True,
            prompt=column.meaning,
        )
        rule.add(f"{letter}2:{letter}{LAST_ROW}")
        worksheet.add_data_validation(rule)
