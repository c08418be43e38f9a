"""The sheets of the programme workbook: one programme per delegation and per host, unscheduled, venues.

Each writer fills one worksheet from the programme's commitments; dates and times go in as
Excel values, everything a user typed goes in as text.
"""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.export.excel_style import (
    DATE,
    DATE_FORMAT,
    HEADER_ROWS,
    MINUTES,
    NUMBER,
    TIME,
    WRAP,
    display_width,
    fit_columns,
    prepare_print,
    put,
    put_header,
    row_lines,
    ruled_style,
    set_row_height,
)
from scheduler.export.programme import FIXED, LUNCH, Entry, Programme
from scheduler.languages.calendar_words import calendar_word
from scheduler.languages.print_words import LOCALE_IDS, print_word
from scheduler.languages.visitor import DEFAULT, moment_text, word
from scheduler.model import Delegation, Host

# a delegation's sheet names its hosts first, a host's sheet its delegations; then whoever else attends
DELEGATION_COLUMNS = [
    "Date", "Start", "End", "Meeting", "Hosts", "Other delegations",
    "Venue and address", "Travel to next", "Interpreter", "Notes",
]  # fmt: skip
HOST_COLUMNS = [
    "Date", "Start", "End", "Meeting", "Delegations", "Other hosts",
    "Venue and address", "Travel to next", "Interpreter", "Notes",
]  # fmt: skip
PROGRAMME_STYLES = [DATE, TIME, TIME, WRAP, WRAP, WRAP, WRAP, MINUTES, WRAP, WRAP]
_LUNCH_FONT = Font(italic=True, color="666666")
BOLD = Font(bold=True)
DELEGATION_TAB, HOST_TAB = "2E86C1", "28B463"  # sheet tabs: delegations blue, hosts green


def write_delegation(
    sheet: Worksheet, programme: Programme, delegation: Delegation, language: str = "en"
) -> None:
    """A delegation's programme in `language`: the fixed words as its page and calendar have them,
    dates spelled out in it; names, titles and notes as staff wrote them."""
    hotel = programme.venues.get(delegation.hotel) if delegation.hotel else None
    if language == DEFAULT:
        arrive, depart = f"{delegation.arrive:%d %b %Y %H:%M}", f"{delegation.depart:%d %b %Y %H:%M}"
        spoken, contact = "languages", "contact"
    else:
        arrive, depart = moment_text(language, delegation.arrive), moment_text(language, delegation.depart)
        spoken, contact = word(language, "language"), calendar_word(language, "contact")
    facts = [
        delegation.country,
        print_word(language, "persons", size=delegation.size),
        f"{spoken}: " + ", ".join(delegation.languages) if delegation.languages else None,
        print_word(language, "visit", arrive=arrive, depart=depart),
        print_word(language, "hotel", hotel=hotel.name if hotel else delegation.hotel)
        if delegation.hotel
        else None,
        f"{contact}: {delegation.contact}" if delegation.contact else None,
    ]
    subtitle = " · ".join(fact for fact in facts if fact)
    columns = DELEGATION_COLUMNS if language == DEFAULT else _columns(language)
    _write_programme(sheet, programme, delegation.id, delegation.name, subtitle, columns, language)
    sheet.sheet_properties.tabColor = DELEGATION_TAB


def _columns(language: str) -> list[str]:
    def printed(key: str) -> str:
        return print_word(language, key)

    def calendar(key: str) -> str:
        return calendar_word(language, key)

    return [
        printed("date"), printed("start"), printed("end"), calendar("meeting"), calendar("hosts"),
        calendar("also"), printed("place"), printed("travel_next"), calendar("interpreter"),
        calendar("notes"),
    ]  # fmt: skip


def write_host(sheet: Worksheet, programme: Programme, host: Host) -> None:
    venue = programme.venues.get(host.venue)
    facts = [
        host.organisation,
        f"based at {venue.name if venue else host.venue}",
        host.email,
        "languages: " + ", ".join(host.languages) if host.languages else None,
    ]
    subtitle = " · ".join(fact for fact in facts if fact)
    _write_programme(sheet, programme, host.id, host.name, subtitle, HOST_COLUMNS)
    sheet.sheet_properties.tabColor = HOST_TAB


def _write_programme(
    sheet, programme: Programme, owner: str, name: str, subtitle: str, columns, language: str | None = None
) -> None:
    """Day by day, one row per commitment, with the travel time to the next one that day. A delegation's
    sheet (`language` given) names its hosts first, a host's its delegations."""
    entries = programme.entries.get(owner, [])
    hosts_first = language is not None
    spoken = language or DEFAULT
    rows = []
    for index, entry in enumerate(entries):
        hosts = programme.listing(entry.hosts, None if hosts_first else owner)
        delegations = programme.listing(entry.delegations, owner if hosts_first else None)
        place = "\n".join(part for part in (entry.venue, entry.address) if part)
        travel = _travel_to_next(programme, entries, index)
        attending = [hosts, delegations] if hosts_first else [delegations, hosts]
        title = word(spoken, "lunch") if entry.kind == LUNCH and spoken != DEFAULT else entry.title
        rows.append([entry.start.date(), entry.start.time(), entry.end.time(), title, *attending, place])
        rows[-1] += [travel, entry.interpreter, entry.notes]
    if not entries:
        subtitle += " · nothing scheduled"
    put_header(sheet, print_word(spoken, "programme", name=name), subtitle, columns)
    days = [entry.start.date() for entry in entries]
    new_days = {k for k in range(1, len(days)) if days[k] != days[k - 1]}
    widths = write_rows(sheet, rows, PROGRAMME_STYLES, columns, new_days)
    if spoken in LOCALE_IDS:  # weekday and month in the delegation's language
        for offset in range(len(rows)):
            sheet.cell(
                row=HEADER_ROWS + 1 + offset, column=1
            ).number_format = f"[$-{LOCALE_IDS[spoken]}]{DATE_FORMAT}"
    for offset, entry in enumerate(entries):
        if entry.kind in (LUNCH, FIXED):
            cell = sheet.cell(row=HEADER_ROWS + 1 + offset, column=4)
            cell.font = _LUNCH_FONT if entry.kind == LUNCH else BOLD
    fit_columns(sheet, widths)
    same_name = f" ({owner})"  # the sheet name tells apart two people of one name by their ids: so does this
    prepare_print(sheet, programme.plan.name, name + same_name if sheet.title.endswith(same_name) else name)


def _travel_to_next(programme: Programme, entries: list[Entry], index: int) -> int | None:
    """Minutes from this commitment's venue to the next one's on the same date (lunch has no venue)."""
    here = entries[index]
    if here.kind == LUNCH or not here.venue_id:
        return None
    for following in entries[index + 1 :]:
        if following.start.date() != here.start.date():
            return None
        if following.kind != LUNCH and following.venue_id:
            return programme.travel_minutes(here.venue_id, following.venue_id)
    return None


def write_rows(sheet: Worksheet, rows, styles: list[str], columns: list[str], ruled=frozenset()) -> list[int]:
    """Write a table below the header rows; returns the character widths its columns need.

    `ruled` holds the indexes of the rows that open a new day.
    """
    widths = [max(map(len, name.split())) for name in columns]  # headers wrap between words
    for values in rows:
        for column, value in enumerate(values):
            widths[column] = max(widths[column], display_width(value))
    set_row_height(sheet, HEADER_ROWS, row_lines(columns, widths))
    for offset, values in enumerate(rows):
        row = HEADER_ROWS + 1 + offset
        row_styles = [ruled_style(s) for s in styles] if offset in ruled else styles
        for column, (value, style) in enumerate(zip(values, row_styles, strict=True), start=1):
            put(sheet, row, column, None if value == "" else value, style)
        set_row_height(sheet, row, row_lines(values, widths))
    return widths


def write_unscheduled(sheet: Worksheet, programme: Programme) -> None:
    plan, schedule = programme.plan, programme.schedule
    columns = ["Request", "Meeting", "Priority", "Delegations", "Hosts", "Reasons"]
    rows = []
    for item in schedule.unscheduled:
        request = programme.requests.get(item.request)
        if request is None:
            rows.append([item.request, None, None, None, None])
        else:
            delegations = programme.listing(programme.delegations_named(request.delegations))
            hosts = programme.listing(programme.hosts_named(request.hosts))
            rows.append([item.request, request.title, request.priority, delegations, hosts])
        rows[-1].append("\n".join(f"• {reason}" for reason in item.reasons))
    total = len(schedule.meetings) + len(schedule.unscheduled)
    subtitle = (
        f"{len(rows)} of {total} requested meetings could not be placed"
        if rows
        else "Every requested meeting is in the programme"
    )
    put_header(sheet, f"{plan.name}: meetings not scheduled", subtitle, columns)
    widths = write_rows(sheet, rows, [WRAP] * len(columns), columns)
    fit_columns(sheet, widths)
    prepare_print(sheet, plan.name)


def write_venues(sheet: Worksheet, programme: Programme) -> None:
    plan = programme.plan
    columns = ["Id", "Venue", "Address", "Latitude", "Longitude", "Rooms", "Capacity", "Meetings"]
    counts: dict[str, int] = {}
    for meeting in programme.schedule.meetings:
        counts[meeting.venue] = counts.get(meeting.venue, 0) + 1
    rows = []
    for venue in plan.venues:
        if isinstance(venue.rooms, tuple):
            rooms: object = "\n".join(_room_label(room) for room in venue.rooms)
        else:
            rooms = venue.rooms
        rows.append(
            [
                venue.id,
                venue.name,
                venue.address,
                venue.lat,
                venue.lon,
                rooms,
                venue.capacity,
                counts.get(venue.id, 0),
            ]
        )
    put_header(sheet, f"{plan.name}: venues", f"{len(rows)} venues", columns)
    styles = [WRAP, WRAP, WRAP, NUMBER, NUMBER, WRAP, NUMBER, NUMBER]
    widths = write_rows(sheet, rows, styles, columns)
    for row in range(HEADER_ROWS + 1, HEADER_ROWS + 1 + len(rows)):
        for column in (4, 5):
            sheet.cell(row=row, column=column).number_format = "0.00000"
    fit_columns(sheet, widths)
    prepare_print(sheet, plan.name)


def _room_label(room) -> str:
    label = room.name or room.id
    return f"{label} ({room.capacity} persons)" if room.capacity else label
