"""The plan workbook's sheets and columns: one table shared by the writer, the reader and the Help sheet.

A column names where its value goes in the v1 JSON object of one row (`key`), the header a person
reads, and how the cell is typed; the Help sheet is generated from the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scheduler.model import POSITIONS

TEXT, LIST, WHOLE, NUMBER, DATETIME, MOMENT, TIME, YES_NO = (
    "text",
    "list",
    "whole",
    "number",
    "datetime",
    "moment",
    "time",
    "yes/no",
)

KIND_WORDS = {
    TEXT: "text",
    LIST: "comma-separated list",
    WHOLE: "whole number",
    NUMBER: "number",
    DATETIME: "date and time (yyyy-mm-dd hh:mm)",
    MOMENT: "date (yyyy-mm-dd), or date and time",
    TIME: "time of day (hh:mm)",
    YES_NO: "yes or no (empty: no)",
}
REQUIRED = "required"
NO_LUNCH = "none"


@dataclass(frozen=True)
class Column:
    key: tuple[str, ...]
    label: str
    kind: str
    meaning: str
    example: str
    default: str = REQUIRED
    choices: tuple[str, ...] = ()
    only_choices: bool = True

    @property
    def required(self) -> bool:
        return self.default == REQUIRED

    @property
    def names(self) -> set[str]:
        """Every header this column answers to: its label, with or without the bracket, its JSON key."""
        return {header_key(self.label), header_key(" ".join(self.key))}


@dataclass(frozen=True)
class Sheet:
    title: str
    section: str
    purpose: str
    columns: tuple[Column, ...]
    quiet_when_missing: bool = False
    """A sheet format v1.1 added: a workbook made before it is read without a warning."""

    def column(self, key: tuple[str, ...]) -> Column:
        return next(c for c in self.columns if c.key == key)


def header_key(text: str) -> str:
    """How headers are compared: case, brackets, underscores and spacing do not matter."""
    text = re.sub(r"\([^)]*\)", " ", text.lower()).replace("_", " ")
    return " ".join(text.split())


_LIST_ITEM = re.compile(r'\s*"((?:[^"]|"")*)"\s*(?=[,;\n]|$)|[^,;\n]+')


def list_cell(items: tuple[str, ...]) -> str:
    """A list as one cell: comma-separated, an item holding a separator or starting with a quote quoted."""
    shown = ['"' + i.replace('"', '""') + '"' if re.search(r'[,;\n]|^"', i) else i for i in items]
    return ", ".join(shown)


def split_list(text: str) -> list[str]:
    """One cell's list back as items: commas, semicolons and line breaks separate, quotes protect."""
    items = []
    for match in _LIST_ITEM.finditer(text):
        item = match.group(1).replace('""', '"') if match.group(1) is not None else match.group().strip()
        if item.strip():
            items.append(item.strip())
    return items


NOTES = "Read by everyone it concerns: on the programme, in calendars, on the delegation's page"


def _col(
    key: str,
    label: str,
    kind: str,
    meaning: str,
    example: str,
    default: str = REQUIRED,
    *,
    choices: tuple[str, ...] = (),
    only_choices: bool = True,
) -> Column:
    return Column(tuple(key.split(".")), label, kind, meaning, example, default, choices, only_choices)


def _id(what: str, example: str) -> Column:
    return _col("id", "Id", TEXT, f"Short code of the {what}, unique in the whole plan", example)


def _name(what: str, example: str) -> Column:
    return _col("name", "Name", TEXT, f"Name of the {what} as people say it", example)


_MAX = _col(
    "max_meetings_per_day", "Max meetings per day", WHOLE, "At most this many meetings a day", "4", "no limit"
)
_LANGUAGES = "Languages spoken, as codes or names; interpretation is planned where none is shared"
_ZONE = "Europe/Brussels"
_DAY = "Working window of every participant on every day"

SETTINGS = Sheet(
    "Settings",
    "",
    "One row per setting: the plan's name and the rules that hold for every day",
    (
        _col("name", "Name", TEXT, "Title of the plan", "Ukrainian prosecutors, April 2024"),
        _col("timezone", "Time zone", TEXT, "IANA zone of all dates and times", _ZONE, _ZONE),
        _col("slot_minutes", "Slot minutes", WHOLE, "Meetings start at a multiple of this after midnight: "
             "5, 10, 15, 20, 30 or 60", "15", "15"),
        _col("day.start", "Day start", TIME, f"Start of the {_DAY.lower()}", "09:00", "09:00"),
        _col("day.end", "Day end", TIME, f"End of the {_DAY.lower()}", "18:00", "18:00"),
        _col("lunch.earliest", "Lunch earliest", TIME, "Lunch lies inside [earliest, latest]; "
             "'none' in the lunch rows: no lunch rule", "12:00", "12:00"),
        _col("lunch.latest", "Lunch latest", TIME, "Latest end of the lunch block", "14:00", "14:00"),
        _col("lunch.minutes", "Lunch minutes", WHOLE, "Length of the free lunch block", "60", "60"),
        _col("default_travel_minutes", "Default travel minutes", WHOLE,
             "Travel time between venues when neither Travel nor coordinates give one", "30", "30"),
        _col("precedence", "Precedence", LIST, "Delegation ids in order of protocol precedence: where "
             "delegations compete for the same host or room, the earlier one's meeting comes first",
             "UA, NL", "the order of the Delegations sheet"),
    ),
)  # fmt: skip

VENUES = Sheet(
    "Venues",
    "venues",
    "Places where meetings happen",
    (
        _id("venue", "FPS-HA"),
        _name("venue", "FPS Home Affairs"),
        _col("address", "Address", TEXT, "Street address", "Leuvenseweg 1, 1000 Brussel", "empty"),
        _col("lat", "Latitude", NUMBER, "Latitude in degrees, for travel times", "50.8466", "empty"),
        _col("lon", "Longitude", NUMBER, "Longitude in degrees, for travel times", "4.3528", "empty"),
        _col("rooms", "Rooms", WHOLE, "Number of alike rooms; leave empty when the rooms are listed "
             "on the Rooms sheet", "2", "1"),
        _col("capacity", "Capacity", WHOLE, "Persons each room holds", "20", "no limit"),
    ),
)  # fmt: skip

ROOMS = Sheet(
    "Rooms",
    "venues",
    "Named rooms of different sizes; the solver picks one per meeting",
    (
        _col("venue", "Venue (id)", TEXT, "The venue the room belongs to", "FPS-HA"),
        _col("id", "Room (id)", TEXT, "Short code of the room, unique in the whole plan", "FPS-HA-R1"),
        _col("name", "Name", TEXT, "Name of the room", "Salle Rubens", "empty"),
        _col("capacity", "Capacity", WHOLE, "Persons the room holds", "12", "the venue's capacity"),
    ),
)

TRAVEL = Sheet(
    "Travel",
    "travel",
    "Door-to-door travel minutes between two venues (the way back is the same unless given)",
    (
        _col("from", "From (venue id)", TEXT, "Venue left", "FPS-HA"),
        _col("to", "To (venue id)", TEXT, "Venue reached", "PZ-BXL"),
        _col("minutes", "Minutes", WHOLE, "Door-to-door minutes", "25"),
    ),
)

HOSTS = Sheet(
    "Hosts",
    "hosts",
    "The people or teams a delegation meets",
    (
        _id("host", "FAST"),
        _name("host", "Fugitive Active Search Team"),
        _col("organisation", "Organisation", TEXT, "Organisation of the host", "Federal Police", "empty"),
        _col("venue", "Venue (id)", TEXT, "Where the host receives", "FPS-HA"),
        _col("size", "Size", WHOLE, "Persons attending for this host", "2", "1"),
        _col("languages", "Languages", LIST, _LANGUAGES, "nl, fr, en", "empty"),
        _col("topics", "Topics", LIST, "Topics the host can speak about", "fugitives, extradition", "empty"),
        _col("email", "Email", TEXT, "Contact address", "fast@police.example", "empty"),
        _MAX,
    ),
)

DELEGATIONS = Sheet(
    "Delegations",
    "delegations",
    "The visiting delegations",
    (
        _id("delegation", "UA"),
        _name("delegation", "Prosecutor General's Office of Ukraine"),
        _col("country", "Country", TEXT, "Country of the delegation", "Ukraine", "empty"),
        _col("size", "Size", WHOLE, "Persons in the delegation", "6"),
        _col("languages", "Languages", LIST, _LANGUAGES, "uk, en"),
        _col("arrive", "Arrive", DATETIME, "First moment the delegation is available", "2024-04-22 09:00"),
        _col("depart", "Depart", DATETIME, "Last moment the delegation is available", "2024-04-26 17:00"),
        _col("hotel", "Hotel (venue id)", TEXT, "Venue where it stays, for travel to the first and from "
             "the last meeting of a day", "HOTEL-AMIGO", "none"),
        _col("day.start", "Day start", TIME, "Its own working day start", "08:30", "the Settings day"),
        _col("day.end", "Day end", TIME, "Its own working day end", "17:00", "the Settings day"),
        _MAX,
        _col("interests", "Interests", LIST, "Topics it wants to learn about", "local prosecutors", "empty"),
        _col("contact", "Contact", TEXT, "Contact person or address", "liaison@example.org", "empty"),
        _col("email", "Email", TEXT, "Address the changes of its programme are sent to",
             "liaison@example.org", "empty"),
    ),
)  # fmt: skip

INTERPRETERS = Sheet(
    "Interpreters",
    "interpreters",
    "Interpreters the solver may assign where no language is shared",
    (
        _id("interpreter", "INT-UK"),
        _name("interpreter", "Olena Kovalenko"),
        _col("languages", "Languages", LIST, "Languages interpreted between", "uk, nl, fr"),
        _MAX,
        _col(
            "email",
            "Email",
            TEXT,
            "Address the changes of their programme are sent to",
            "olena@example.org",
            "empty",
        ),
    ),
)

REQUESTS = Sheet(
    "Requests",
    "requests",
    "The meetings to place; the solver finds the time, room and interpreter",
    (
        _id("request", "R-01"),
        _col("title", "Title", TEXT, "What the meeting is about", "Fugitive search in practice", "empty"),
        _col("delegations", "Delegations", LIST, "Ids of the delegations attending", "UA", "empty"),
        _col("hosts", "Hosts", LIST, "Ids of the hosts who must attend", "FAST", "empty"),
        _col("optional_hosts", "Optional hosts", LIST, "Ids of hosts who join if they can", "MAYOR", "empty"),
        _col("minutes", "Minutes", WHOLE, "Length of the meeting", "90"),
        _col("priority", "Priority", TEXT, "must, high, normal or low", "high", "normal",
             choices=("must", "high", "normal", "low")),
        _col("venue", "Venue (id)", TEXT, "Where it takes place", "PZ-BXL", "the first host's venue"),
        _col("earliest", "Earliest", MOMENT, "Not before this date (or date and time)", "2024-04-23", "none"),
        _col("latest", "Latest", MOMENT, "Not after this date (or date and time)", "2024-04-24", "none"),
        _col("interpreter", "Interpreter", TEXT, "auto (the solver picks), none, or an interpreter id",
             "auto", "auto", choices=("auto", "none"), only_choices=False),
        _col("notes", "Notes", TEXT, NOTES, "bring the case files", "empty"),
        _col("position", "Position", TEXT, "first: before every other meeting of its delegations (an "
             "opening); last: after all of them (a closing)", "first", "empty", choices=POSITIONS),
        _col("includes_lunch", "Includes lunch", YES_NO, "yes: lunch is served during the meeting, so its "
             "delegations need no separate lunch break that date", "yes", "no"),
    ),
)  # fmt: skip

_IDS = "Ids of the {} taking part"
FIXED = Sheet(
    "Fixed",
    "fixed",
    "Events with a set time: a conference day, an official dinner",
    (
        _id("event", "CONF"),
        _col("title", "Title", TEXT, "What the event is", "Conference on citizen participation"),
        _col("start", "Start", DATETIME, "When it starts", "2024-05-30 09:00"),
        _col("end", "End", DATETIME, "When it ends", "2024-05-30 17:00"),
        _col("venue", "Venue (id)", TEXT, "Where it takes place", "MUSEUM", "empty"),
        _col("delegations", "Delegations", LIST, _IDS.format("delegations"), "UA", "empty"),
        _col("hosts", "Hosts", LIST, _IDS.format("hosts"), "FAST", "empty"),
        _col("interpreters", "Interpreters", LIST, _IDS.format("interpreters"), "INT-UK", "empty"),
        _col("notes", "Notes", TEXT, NOTES, "dress code: formal", "empty"),
        _col("includes_lunch", "Includes lunch", YES_NO, "yes: lunch is served during the event, so its "
             "delegations need no separate lunch break that date", "yes", "no"),
    ),
)  # fmt: skip

PINNED = Sheet(
    "Pinned",
    "pinned",
    "Requests that must take place at exactly this start",
    (
        _col("request", "Request (id)", TEXT, "Id of the request", "R-01"),
        _col("start", "Start", DATETIME, "Its start", "2024-04-23 10:00"),
    ),
)

ORDER = Sheet(
    "Order",
    "order",
    "Meetings that must follow one another: the second starts after the first ends",
    (
        _col("before", "Before (request id)", TEXT, "The meeting that comes first", "R-01"),
        _col("after", "After (request id)", TEXT, "The meeting that comes after it", "R-02"),
        _col("min_gap_minutes", "Min gap minutes", WHOLE, "At least this many minutes between the end "
             "of the first and the start of the second", "30", "0"),
        _col("same_day", "Same day", YES_NO, "Both on the same date", "yes", "no"),
        _col("requires", "Requires", YES_NO, "The second takes place only if the first does", "yes", "no"),
    ),
    quiet_when_missing=True,
)  # fmt: skip

AVAILABLE, UNAVAILABLE = "available", "unavailable"
AVAILABILITY = Sheet(
    "Availability",
    "",
    "When hosts and interpreters are available or not, and when delegations are not",
    (
        _col("who", "Who (id)", TEXT, "Id of a host, delegation or interpreter", "FAST"),
        _col("kind", "Kind", TEXT, "available: only then (hosts, interpreters); unavailable: never then",
             "unavailable", choices=(AVAILABLE, UNAVAILABLE)),
        _col("start", "Start", DATETIME, "Start of the window", "2024-04-23 12:00"),
        _col("end", "End", DATETIME, "End of the window (not included)", "2024-04-23 14:00"),
    ),
)  # fmt: skip

HELP_TITLE = "Help"
LISTS = (
    VENUES,
    ROOMS,
    TRAVEL,
    HOSTS,
    DELEGATIONS,
    INTERPRETERS,
    REQUESTS,
    FIXED,
    PINNED,
    ORDER,
    AVAILABILITY,
)
SHEETS = (SETTINGS, *LISTS)
SHEET_TITLES = (*(s.title for s in SHEETS), HELP_TITLE)

HELP_HEADER = ("Sheet", "Column", "Meaning", "Type", "Default", "Example")
GENERAL_HELP = (
    ("Rows", "One row per item below the header row; blank rows are skipped; headers match in any case."),
    ("Ids", "Short codes (letters, digits, - _ .), unique across the whole plan: a host never shares an id "
     "with a venue or a delegation."),
    ("Lists", 'Several values in one cell, separated by commas: nl, fr, en. A value holding a comma goes '
     'in double quotes: "youth, crime", fugitives.'),
    ("Dates and times", "Excel dates and times, or text such as 2024-04-23 09:00 or 23/04/2024 09:00; "
     "local wall time in the plan's time zone."),
    ("Empty cells", "An optional cell may stay empty: the Default column says what then holds."),
    ("Help", "This sheet is not read; change it freely."),
)  # fmt: skip


def help_rows() -> list[list[str]]:
    """The Help sheet below its header: the general rules, then every sheet and each of its columns."""
    rows = [["All sheets", topic, text, "", "", ""] for topic, text in GENERAL_HELP]
    for sheet in SHEETS:
        rows.append([sheet.title, "", sheet.purpose, "", "", ""])
        for column in sheet.columns:
            kind = KIND_WORDS[column.kind]
            if column.choices:
                kind += ": " + ", ".join(column.choices) + (" or an id" if not column.only_choices else "")
            rows.append([sheet.title, column.label, column.meaning, kind, column.default, column.example])
    return rows
