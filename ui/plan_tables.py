"""The plan's lists as editable tables, with the workbook's sheets and columns.

Staff see in the app the columns they fill in Excel, and an edited table is read back by the
workbook's own reader (`sheets_to_data`), so an invalid cell gets the same located message,
with "table" for "sheet" and the row number the editor shows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import TypedDict

import pandas as pd
import streamlit as st

from scheduler import (
    LANGUAGES,
    Plan,
    Problem,
    SheetRows,
    list_rows,
    plan_from_data,
    plan_to_data,
    sheets_to_data,
    validate,
)
from scheduler import workbook_layout as layout

TABLES = (
    layout.REQUESTS,
    layout.DELEGATIONS,
    layout.HOSTS,
    layout.INTERPRETERS,
    layout.VENUES,
    layout.ROOMS,
    layout.TRAVEL,
    layout.FIXED,
    layout.PINNED,
    layout.ORDER,
)
REFERENCES: dict[tuple[str, ...], str] = {
    ("venue",): "venues",
    ("hotel",): "venues",
    ("from",): "venues",
    ("to",): "venues",
    ("request",): "requests",
    ("before",): "requests",
    ("after",): "requests",
    ("delegations",): "delegations",
    ("hosts",): "hosts",
    ("optional_hosts",): "hosts",
    ("interpreters",): "interpreters",
}


def table(plan: Plan, sheet: layout.Sheet) -> pd.DataFrame:
    """The sheet's rows for `plan`, numbered from 1 as the editor shows them."""
    rows = [[_cell(value, column) for value, column in zip(row, sheet.columns, strict=True)]
            for row in list_rows(sheet, plan)]  # fmt: skip
    frame = pd.DataFrame(rows, columns=[c.label for c in sheet.columns])
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def _cell(value: object, column: layout.Column) -> object:
    if column.kind == layout.LIST:
        items = list(value) if isinstance(value, Iterable) else []
        return items if column.key in REFERENCES or column.key == ("languages",) else ", ".join(items)
    if column.kind in (layout.DATETIME, layout.MOMENT, layout.TIME):
        return shown_moment(value)
    if column.key == ("rooms",) and isinstance(value, tuple):
        return None
    if column.kind == layout.YES_NO:
        return bool(value)
    return value


DATE_FORMAT, CLOCK_FORMAT = "%d/%m/%Y", "%H:%M"
MOMENT_HELP = "Day/month/year, 24-hour time: 23/04/2024 09:00."


def shown_moment(value: object) -> object:
    """A date, date and time or time of day as staff write it: day/month/year and the 24-hour clock.

    Edited as text, never through the browser's date picker: that one follows the browser's country
    (month/day and AM/PM on an American set-up) and fills in today on Enter in an empty cell."""
    if isinstance(value, datetime):
        return value.strftime(f"{DATE_FORMAT} {CLOCK_FORMAT}")
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, time):
        return value.strftime(CLOCK_FORMAT)
    return value


class _Common(TypedDict):
    """What every editor column is told."""

    help: str
    required: bool


def column_config(plan: Plan, sheet: layout.Sheet) -> dict:
    """Editor columns typed as the workbook's: ids to pick from, languages, dates and times."""
    config = {}
    for column in sheet.columns:
        options = _options(plan, column)
        common: _Common = {"help": column.meaning, "required": column.required}
        if column.kind == layout.LIST and options is not None:
            config[column.label] = st.column_config.MultiselectColumn(column.label, options=options, **common)
        elif options is not None or column.choices:
            choices = list(column.choices) + [o for o in (options or []) if o not in column.choices]
            config[column.label] = st.column_config.SelectboxColumn(column.label, options=choices, **common)
        elif column.kind == layout.WHOLE:
            config[column.label] = st.column_config.NumberColumn(column.label, step=1, format="%d", **common)
        elif column.kind == layout.NUMBER:
            config[column.label] = st.column_config.NumberColumn(column.label, format="%.5f", **common)
        elif column.kind in (layout.DATETIME, layout.MOMENT, layout.TIME):
            clock = "A 24-hour time: 09:00." if column.kind == layout.TIME else MOMENT_HELP
            common["help"] = f"{column.meaning.rstrip('.')}. {clock}"
            config[column.label] = st.column_config.TextColumn(column.label, **common)
        elif column.kind == layout.YES_NO:
            config[column.label] = st.column_config.CheckboxColumn(column.label, **common)
        else:
            config[column.label] = st.column_config.TextColumn(column.label, **common)
    return config


def _options(plan: Plan, column: layout.Column) -> list[str] | None:
    if column.key == ("languages",):
        return sorted(LANGUAGES)
    section = REFERENCES.get(column.key)
    if section is None:
        return None
    return [item.id for item in getattr(plan, section)]


def tables_to_plan(plan: Plan, frames: dict[str, pd.DataFrame]) -> tuple[Plan | None, list[Problem]]:
    """The plan with these tables in place of its lists (settings and availability kept), validated.

    Problems are located as `table "Hosts", row 3, column "Venue"`; no plan when any is an error.
    """
    found = {}
    for sheet in (*TABLES, layout.AVAILABILITY):
        frame = frames.get(sheet.title)
        if frame is None:
            frame = availability_table(plan) if sheet is layout.AVAILABILITY else table(plan, sheet)
        found[sheet.title] = _sheet_rows(sheet, frame)
    data, problems, locate = sheets_to_data(found)
    settings = {k: v for k, v in plan_to_data(plan).items() if k not in {s.section for s in layout.LISTS}}
    data.update(settings)
    built, decoded = plan_from_data(data, lenient=True)
    problems = problems + decoded + (validate(built) if built is not None else [])
    located = []
    for problem in problems:
        where = problem.where or locate(problem.path)
        located.append(problem.at(where.replace('sheet "', 'table "', 1)) if where else problem)
    has_errors = any(p.is_error for p in located)
    return (None if has_errors else built), located


def _sheet_rows(sheet: layout.Sheet, frame: pd.DataFrame) -> SheetRows:
    labels = {c.label: c.key for c in sheet.columns}
    found = SheetRows(sheet, sheet.title, headers={key: label for label, key in labels.items()})
    for number, (_, row) in enumerate(frame.iterrows(), start=1):
        values = {labels[label]: _plain(value) for label, value in row.items() if label in labels}
        # An unticked box is the default: a new row with only unticked boxes is blank.
        values = {key: value for key, value in values.items() if value is not None and value is not False}
        values = {key: value for key, value in values.items() if value != ""}
        if all(v == [] for v in values.values()):
            continue
        found.rows.append((number, values))
    return found


def _plain(value: object) -> object:
    """A pandas cell as the workbook reader expects a cell: None for blanks, datetimes, lists."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().replace(tzinfo=None)
    if hasattr(value, "item") and not isinstance(value, (str, date, time)):
        return value.item()
    return value


# --- availability, edited one person at a time ---------------------------------------------


def availability_table(plan: Plan, who: str | None = None) -> pd.DataFrame:
    rows = [row for row in list_rows(layout.AVAILABILITY, plan) if who is None or row[0] == who]
    labels = [c.label for c in layout.AVAILABILITY.columns]
    frame = pd.DataFrame([[*row[:2], *(shown_moment(v) for v in row[2:])] for row in rows], columns=labels)
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def with_windows(plan: Plan, who: str, windows: pd.DataFrame) -> pd.DataFrame:
    """The whole availability table with `who`'s rows replaced by `windows` (Kind, Start, End)."""
    others = availability_table(plan)
    others = others[others[layout.AVAILABILITY.columns[0].label] != who]
    mine = windows.copy()
    mine.insert(0, layout.AVAILABILITY.columns[0].label, who)
    frame = pd.concat([others, mine], ignore_index=True)
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame
