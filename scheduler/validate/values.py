"""Checks of single values: counts above zero, coordinates on the globe, known language codes,
and free text that a calendar or a workbook can hold."""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from scheduler.languages.codes import LANGUAGES, language_code
from scheduler.model import PRIORITIES, SLOT_SIZES, Plan
from scheduler.problems import MISSING, Problem

PERSONS = "at least 1 person"
PER_DAY = "at least 1 meeting a day (leave it empty for no limit)"
LANGUAGE_TEXT = "a two-letter ISO 639-1 language code, such as nl (Dutch), fr (French), uk (Ukrainian) or en"


def check_numbers(plan: Plan) -> list[Problem]:
    problems: list[Problem] = []

    def at_least(path, value, least, expected):
        if value is not None and value < least:
            problems.append(Problem(path, value, expected))

    if plan.slot_minutes not in SLOT_SIZES:
        expected = "one of 5, 10, 15, 20, 30 or 60 minutes"
        problems.append(Problem(("slot_minutes",), plan.slot_minutes, expected))
    at_least(("default_travel_minutes",), plan.default_travel_minutes, 0, "0 minutes or more")
    for i, venue in enumerate(plan.venues):
        at_least(("venues", i, "capacity"), venue.capacity, 1, f"{PERSONS} (leave it empty for no limit)")
        if isinstance(venue.rooms, int):
            at_least(("venues", i, "rooms"), venue.rooms, 1, "at least 1 room")
        elif not venue.rooms:
            problems.append(Problem(("venues", i, "rooms"), "", "at least 1 room"))
        for j, room in enumerate(venue.rooms if isinstance(venue.rooms, tuple) else ()):
            path = ("venues", i, "rooms", j, "capacity")
            at_least(path, room.capacity, 1, f"{PERSONS} (leave it empty for the venue's capacity)")
        problems += _coordinates(venue, ("venues", i))
    for key in ("hosts", "delegations", "interpreters"):
        for i, person in enumerate(getattr(plan, key)):
            if key != "interpreters":
                at_least((key, i, "size"), person.size, 1, PERSONS)
            at_least((key, i, "max_meetings_per_day"), person.max_meetings_per_day, 1, PER_DAY)
    for i, request in enumerate(plan.requests):
        at_least(("requests", i, "minutes"), request.minutes, 1, "a length of at least 1 minute")
        if request.priority not in PRIORITIES:
            expected = "one of must, high, normal or low"
            problems.append(Problem(("requests", i, "priority"), request.priority, expected))
    for i, travel in enumerate(plan.travel):
        if travel.from_ == travel.to:
            at_least(("travel", i, "minutes"), travel.minutes, 0, "0 minutes or more")
        else:
            expected = "at least 1 minute between two different venues"
            at_least(("travel", i, "minutes"), travel.minutes, 1, expected)
    return problems


def _coordinates(venue, path) -> list[Problem]:
    problems = []
    if venue.lat is not None and not -90 <= venue.lat <= 90:
        problems.append(Problem((*path, "lat"), venue.lat, "a latitude between -90 and 90"))
    if venue.lon is not None and not -180 <= venue.lon <= 180:
        problems.append(Problem((*path, "lon"), venue.lon, "a longitude between -180 and 180"))
    if (venue.lat is None) != (venue.lon is None):
        given, missing = ("latitude", "lon") if venue.lon is None else ("longitude", "lat")
        problems.append(Problem((*path, missing), MISSING, f"both coordinates: the {given} is given"))
    return problems


def check_languages(plan: Plan) -> list[Problem]:
    """Languages are compared by code, so a code the table does not know can never match."""
    problems = []
    for key in ("hosts", "delegations", "interpreters"):
        for i, person in enumerate(getattr(plan, key)):
            for j, code in enumerate(person.languages):
                if code in LANGUAGES:
                    continue
                meant = language_code(code)
                if meant is None:
                    expected = LANGUAGE_TEXT
                elif meant == code.strip().lower():
                    expected = f"the code in lower case: {meant}"
                else:
                    expected = f"the language code {meant} for {code.strip()}"
                problems.append(Problem((key, i, "languages", j), code, expected))
            if not person.languages and key != "hosts":
                kind = key[:-1]
                expected = f"at least one language the {kind} speaks, as a code such as uk or nl"
                problems.append(Problem((key, i, "languages"), "", expected))
    return problems


# --- free text ----------------------------------------------------------------------------

IDENTIFIERS = {"id", "venue", "hotel", "delegations", "hosts", "optional_hosts", "interpreter"}
IDENTIFIERS |= {"interpreters", "request", "from", "to", "languages", "timezone"}


def check_text(plan: Plan) -> list[Problem]:
    """Control characters cannot be written into a calendar or a workbook (XML) and break lines."""
    problems = []
    for path, text in _texts(plan, (), ""):
        if not _UNWRITABLE.search(text):
            continue
        bad = sorted({c for c in text if _unwritable(c)})
        shown = "".join(f"[U+{ord(c):04X}]" if _unwritable(c) else c for c in text)
        codes = ", ".join(f"U+{ord(c):04X}" for c in bad)
        expected = f"text without control characters (found {codes}, which calendars cannot hold)"
        problems.append(Problem(path, shown, expected))
    return problems


def _texts(value, path, name: str):
    """Every text of the plan that is not an id, with its path; `name`: the innermost field name."""
    names = field_names(type(value))
    if names is not None:
        for field, key in names:
            yield from _texts(getattr(value, field), (*path, key), key)
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i), name)
    elif isinstance(value, str) and name not in IDENTIFIERS:
        yield path, value


_FIELD_NAMES: dict[type, tuple[tuple[str, str], ...] | None] = {}


def field_names(cls: type) -> tuple[tuple[str, str], ...] | None:
    """A dataclass's (attribute, plan field) names, looked up once per class; None for other types."""
    if cls not in _FIELD_NAMES:
        _FIELD_NAMES[cls] = (
            tuple((f.name, f.name.rstrip("_")) for f in dataclasses.fields(cls))
            if dataclasses.is_dataclass(cls)
            else None
        )
    return _FIELD_NAMES[cls]


# Unicode's Cc (control) and Cs (surrogate) categories and the two non-characters, as `_unwritable`
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _unwritable(char: str) -> bool:
    if char in "\t\n\r":
        return False
    return unicodedata.category(char) in ("Cc", "Cs") or char in "\ufffe\uffff"
