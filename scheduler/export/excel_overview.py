"""The overview sheet: delegations down, dates across, each meeting in its host organisation's colour.

What a protocol officer pins on the wall. Separate visits (April, then June) each get a block of their
own days, never the empty weeks between them; a block holds at most five days, so that it prints one
landscape A4 page wide at a readable size, and each block starts on a new page.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.export.excel_sheets import BOLD
from scheduler.export.excel_style import (
    DATE_FORMAT,
    HEAD,
    HEADER_ROWS,
    WRAP,
    display_width,
    fit_columns,
    organisation_colours,
    prepare_print,
    put,
    put_header,
    row_lines,
    ruled_style,
    set_row_height,
)
from scheduler.export.programme import FIXED_EVENT, LUNCH, MEETING, NO_HOST, Entry, Programme
from scheduler.model import Delegation
from scheduler.timeaxis import date_range, visit_dates

_DAY_WIDTH = 23
_NAME_WIDTH = 22  # longer delegation names wrap
MAX_BLOCK_DAYS = 5  # a working week: one landscape A4 page wide at about three quarters of full size


def write_overview(sheet: Worksheet, programme: Programme) -> None:
    """One block per visit (and per five days of a longer one): its delegations down, its dates across;
    each meeting its own cell, in its host organisation's colour; the legend below the last block."""
    plan, schedule = programme.plan, programme.schedule
    blocks = overview_blocks(programme)
    placed, total = len(schedule.meetings), len(schedule.meetings) + len(schedule.unscheduled)
    spans = ", ".join(_span(days) for _, days in blocks)
    subtitle = f"{placed} of {total} requested meetings scheduled ({schedule.status})"
    subtitle += f" · {spans}" if spans else ""
    put_header(sheet, f"{plan.name}: programme overview", subtitle, ["Delegation"])
    organisations = sorted(
        {e.organisation for d in plan.delegations for e in programme.entries.get(d.id, []) if e.kind != LUNCH}
    )
    colours = organisation_colours([o for o in organisations if o not in (FIXED_EVENT, NO_HOST)])
    colours.update({FIXED_EVENT: "D9D9D9", NO_HOST: "FFFFFF"})
    row = HEADER_ROWS
    for number, (delegations, days) in enumerate(blocks):
        if number:
            sheet.row_breaks.append(Break(id=row))  # each block starts a page
            row += 1
        _day_headers(sheet, row, days)
        row += 1
        for delegation in delegations:
            row = _overview_block(sheet, programme, delegation, days, colours, row)
    widest = max([len(days) for _, days in blocks], default=0)
    name_width = min(_NAME_WIDTH, max([display_width(d.name) for d in plan.delegations] + [12]))
    fit_columns(sheet, [name_width] + [_DAY_WIDTH] * widest)
    _legend(sheet, row + 1, organisations, colours, widest + 1)
    prepare_print(sheet, plan.name)
    sheet.print_title_rows = f"1:{HEADER_ROWS - 1}"  # each block has its own row of dates


def overview_blocks(programme: Programme) -> list[tuple[list[Delegation], list[date]]]:
    """The visits as blocks of at most MAX_BLOCK_DAYS consecutive days, each with the delegations
    there on one of them (a stay, or a commitment, on that day)."""
    plan = programme.plan
    present: dict[Delegation, set[date]] = {}
    for delegation in plan.delegations:
        stay = set(date_range(delegation.arrive.date(), delegation.depart.date()))
        present[delegation] = stay | {e.start.date() for e in programme.entries.get(delegation.id, [])}
    days = sorted(set().union(*present.values())) if present else visit_dates(plan)
    blocks = []
    for run in _runs(days):
        pieces = math.ceil(len(run) / MAX_BLOCK_DAYS)
        size = math.ceil(len(run) / pieces)  # balanced: six days print as 3 + 3, not 5 + 1
        for start in range(0, len(run), size):
            block = run[start : start + size]
            there = [d for d in plan.delegations if present[d] & set(block)]
            blocks.append((there, block))
    return blocks


def _runs(days: list[date]) -> list[list[date]]:
    runs: list[list[date]] = []
    for day in days:
        if runs and day - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _span(days: list[date]) -> str:
    first, last = days[0], days[-1]
    if first == last:
        return f"{first:%d %b %Y}"
    opening = f"{first:%d %b}" if first.year == last.year else f"{first:%d %b %Y}"
    return f"{opening} – {last:%d %b %Y}"


def _day_headers(sheet: Worksheet, row: int, days: list[date]) -> None:
    put(sheet, row, 1, "Delegation", HEAD)
    for column, day in enumerate(days, start=2):
        cell = put(sheet, row, column, day, HEAD)
        cell.number_format = DATE_FORMAT
        cell.alignment = Alignment(horizontal="center", vertical="top")


def _overview_block(
    sheet, programme: Programme, delegation: Delegation, days, colours, first_row: int
) -> int:
    """The rows of one delegation: as many as its busiest day has commitments. Returns the next free row."""
    by_day: dict[date, list[Entry]] = {day: [] for day in days}
    for entry in programme.entries.get(delegation.id, []):
        if entry.kind != LUNCH and entry.start.date() in by_day:
            by_day[entry.start.date()].append(entry)
    depth = max([1] + [len(entries) for entries in by_day.values()])
    put(sheet, first_row, 1, delegation.name, ruled_style(WRAP)).font = BOLD
    for column, day in enumerate(days, start=2):
        if not by_day[day]:
            put(sheet, first_row, column, None, ruled_style(WRAP))
        for offset, entry in enumerate(by_day[day]):
            text = _overview_text(programme, entry)
            cell = put(sheet, first_row + offset, column, text, ruled_style(WRAP) if offset == 0 else WRAP)
            cell.fill = PatternFill("solid", fgColor=colours.get(entry.organisation, "FFFFFF"))
    for row in range(first_row, first_row + depth):
        cells = [sheet.cell(row=row, column=c).value for c in range(1, len(days) + 2)]
        set_row_height(sheet, row, max(3, row_lines(cells, [_NAME_WIDTH] + [_DAY_WIDTH] * len(days))))
    return first_row + depth


def _overview_text(programme: Programme, entry: Entry) -> str:
    """Time and title, then whom (host names only, at most three: the row names the delegation), then where.

    A fixed event names nobody: its sheet rows do, and a conference day would fill the page.
    """
    lines = [f"{entry.start:%H:%M}–{entry.end:%H:%M} {entry.title}"]
    if entry.kind == MEETING and entry.hosts:
        names = [programme.hosts[h].name if h in programme.hosts else h for h, _ in entry.hosts]
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        lines.append(", ".join(names[:3]) + more)
    if entry.venue:
        lines.append(entry.venue)
    return "\n".join(lines)


def _legend(
    sheet: Worksheet, row: int, organisations: list[str], colours: dict[str, str], columns: int
) -> None:
    """One coloured line per organisation, each as wide as the longest name needs (merged across
    columns), so that the colour runs under the whole name, printed or on screen."""
    put(sheet, row, 1, "Host organisation").font = BOLD
    needed = 1.15 * max([display_width(o) for o in organisations], default=0)  # widths are estimates
    widths = [sheet.column_dimensions[get_column_letter(c)].width for c in range(1, columns + 1)]
    span, reach = 1, widths[0]
    while reach < needed and span < columns:
        reach, span = reach + widths[span], span + 1
    for offset, organisation in enumerate(organisations, start=1):
        cell = put(sheet, row + offset, 1, organisation, WRAP)
        cell.fill = PatternFill("solid", fgColor=colours[organisation])
        if span > 1:
            sheet.merge_cells(start_row=row + offset, start_column=1, end_row=row + offset, end_column=span)
