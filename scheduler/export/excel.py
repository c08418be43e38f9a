"""The printable programme: a Schedule in, the bytes of an Excel workbook out.

`programme` gathers each participant's commitments (meetings, fixed events, lunch breaks) as local
wall times; `excel_overview` and `excel_sheets` lay them out, `excel_style` makes them print.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.export import excel_sheets
from scheduler.export.excel_overview import write_overview
from scheduler.export.excel_style import clean_text, register_styles, sheet_name
from scheduler.export.programme import Programme
from scheduler.languages.visitor import DEFAULT, languages_for
from scheduler.model import Delegation, Host, Plan, Schedule

# keys of the fixed sheets in `sheet_names`: plan ids never contain a space, so these never clash
OVERVIEW, UNSCHEDULED, VENUES = "sheet Overview", "sheet Unscheduled", "sheet Venues"


def programme_workbook(plan: Plan, schedule: Schedule, english: bool = False) -> bytes:
    """The programme as .xlsx bytes: Overview, one sheet per delegation and per host, Unscheduled, Venues.

    Each delegation's sheet is in the language its page and calendar open in, unless `english`."""
    programme = Programme(plan, schedule)
    names = sheet_names(plan)
    workbook = Workbook()
    register_styles(workbook)
    workbook.properties.title = f"{clean_text(plan.name)} – programme"
    workbook.properties.creator = "Delegation exchange scheduler"
    overview = workbook.active
    assert isinstance(overview, Worksheet)  # a new workbook starts with one worksheet
    overview.title = names[OVERVIEW]
    write_overview(overview, programme)
    for delegation in plan.delegations:
        language = DEFAULT if english else languages_for(delegation.languages)[0]
        excel_sheets.write_delegation(
            workbook.create_sheet(names[delegation.id]), programme, delegation, language
        )
    for host in plan.hosts:
        excel_sheets.write_host(workbook.create_sheet(names[host.id]), programme, host)
    excel_sheets.write_unscheduled(workbook.create_sheet(names[UNSCHEDULED]), programme)
    excel_sheets.write_venues(workbook.create_sheet(names[VENUES]), programme)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_names(plan: Plan) -> dict[str, str]:
    """The sheet of each delegation and host id (and of the fixed sheets), safe and unique.

    The fixed sheets are named first, so a host called "Overview" gets "Overview (its id)".
    """
    taken: set[str] = set()
    names = {key: sheet_name(key.removeprefix("sheet "), taken) for key in (OVERVIEW, UNSCHEDULED, VENUES)}
    participants: tuple[Delegation | Host, ...] = (*plan.delegations, *plan.hosts)
    for participant in participants:
        names[participant.id] = sheet_name(participant.name, taken, participant.id)
    return names
