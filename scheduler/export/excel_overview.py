"""The overview sheet: delegations down, dates across, each meeting in its host organisation's colour.

What a protocol officer pins on the wall: the whole visit on one page wide, with a legend.
"""

from __future__ import annotations

from datetime import date

from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
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
from scheduler.timeaxis import visit_dates

_DAY_WIDTH = 30


def write_overview(sheet: Worksheet, programme: Programme) -> None:
    """Delegations down, dates across; each meeting its own cell, in its host organisation's colour."""
    plan, schedule = programme.plan, programme.schedule
    days = _overview_dates(programme)
    placed, total = len(schedule.meetings), len(schedule.meetings) + len(schedule.unscheduled)
    span = f" · {days[0]:%d %b %Y} – {days[-1]:%d %b %Y}" if days else ""
    subtitle = f"{placed} of {total} requested meetings scheduled ({schedule.status}){span}"
    put_header(sheet, f"{plan.name}: programme overview", subtitle, ["Delegation"])
    for column, day in enumerate(days, start=2):
        cell = put(sheet, HEADER_ROWS, column, day, HEAD)
        cell.number_format = DATE_FORMAT
        cell.alignment = Alignment(horizontal="center", vertical="top")
    organisations = sorted(
        {e.organisation for d in plan.delegations for e in programme.entries.get(d.id, []) if e.kind != LUNCH}
    )
    colours = organisation_colours([o for o in organisations if o not in (FIXED_EVENT, NO_HOST)])
    colours.update({FIXED_EVENT: "D9D9D9", NO_HOST: "FFFFFF"})
    row = HEADER_ROWS + 1
    for delegation in plan.delegations:
        row = _overview_block(sheet, programme, delegation, days, colours, row)
    name_width = max([display_width(d.name) for d in plan.delegations] + [len("Host organisation"), 12])
    fit_columns(sheet, [name_width] + [_DAY_WIDTH] * len(days))
    _legend(sheet, row + 1, organisations, colours, len(days) + 1)
    prepare_print(sheet, plan.name)


def _overview_dates(programme: Programme) -> list[date]:
    dates = set(visit_dates(programme.plan)) if programme.plan.delegations else set()
    for delegation in programme.plan.delegations:
        dates.update(e.start.date() for e in programme.entries.get(delegation.id, []))
    return sorted(dates)


def _overview_block(
    sheet, programme: Programme, delegation: Delegation, days, colours, first_row: int
) -> int:
    """The rows of one delegation: as many as its busiest day has commitments. Returns the next free row."""
    by_day: dict[date, list[Entry]] = {day: [] for day in days}
    for entry in programme.entries.get(delegation.id, []):
        if entry.kind != LUNCH:
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
        set_row_height(sheet, row, max(3, row_lines(cells, [24] + [_DAY_WIDTH] * len(days))))
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
        cell = put(sheet, row + offset, 1, organisation)
        cell.fill = PatternFill("solid", fgColor=colours[organisation])
        if span > 1:
            sheet.merge_cells(start_row=row + offset, start_column=1, end_row=row + offset, end_column=span)
