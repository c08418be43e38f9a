"""What in a calendar file keeps its busy time from being read: a time or rule that cannot be read,
one that is missing or given twice, a rule recurring every few seconds. Each is named by the entry a
user finds in their calendar (its title and start), and nothing is expanded before they pass."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from scheduler.problems import MISSING, Problem

MOMENT = "a date (20240423) or date-time (20240423T093000, 20240423T073000Z)"
OFFSET = "a UTC offset (+0200)"
# properties whose damage would change the busy time read; damage elsewhere (an attendee) is ignored
TIMING = {
    "DTSTART": MOMENT,
    "DTEND": MOMENT,
    "RECURRENCE-ID": MOMENT,
    "EXDATE": MOMENT,
    "RDATE": MOMENT,
    "DURATION": "a duration (PT1H30M)",
    "RRULE": "a recurrence rule (FREQ=WEEKLY;BYDAY=MO,WE)",
    "FREEBUSY": "periods (20240422T080000Z/20240422T100000Z or 20240422T080000Z/PT1H)",
    "TZOFFSETFROM": OFFSET,
    "TZOFFSETTO": OFFSET,
}
ONCE = (
    "UID",
    "DTSTART",
    "DTEND",
    "DURATION",
    "RECURRENCE-ID",
    "STATUS",
    "TRANSP",
    "TZOFFSETFROM",
    "TZOFFSETTO",
)
REQUIRED = {
    "VEVENT": ("DTSTART",),
    "STANDARD": ("DTSTART", "TZOFFSETTO"),
    "DAYLIGHT": ("DTSTART", "TZOFFSETTO"),
}
TOO_OFTEN = ("SECONDLY", "MINUTELY")


def calendar_problems(calendars: list[icalendar.Component], name: str) -> list[Problem]:
    """The first kind of damage found, each place of it named (checks further on assume the earlier)."""
    entries = [
        (component, f"{name}: {where}") for calendar in calendars for component, where in located(calendar)
    ]
    unreadable = [
        Problem((prop,), str(c.get(prop, "")), TIMING[prop], where=f"{where}, {prop}")
        for c, where in entries
        for prop, _ in c.errors
        if prop in TIMING
    ]
    missing = [
        Problem((prop,), MISSING, f"a {prop} in every {kind(c)}", where=where)
        for c, where in entries
        for prop in REQUIRED.get(str(c.name), ())
        if prop not in c
    ]
    doubled = [
        Problem((prop,), f"{len(found)} times", f"one {prop} per {kind(c)}", where=f"{where}, {prop}")
        for c, where in entries
        for prop in ONCE
        if isinstance(found := c.get(prop), list)
    ]
    scales = [
        Problem(
            ("CALSCALE",),
            str(scale),
            "GREGORIAN, the calendar scale every program writes",
            where=f"{name}: CALSCALE",
        )
        for calendar in calendars
        if str(scale := calendar.get("CALSCALE", "GREGORIAN")).upper() != "GREGORIAN"
    ]
    zones = [
        Problem(
            ("X-WR-TIMEZONE",),
            _text(zone),
            "one IANA time zone (Europe/Brussels)",
            where=f"{name}: X-WR-TIMEZONE",
        )
        for calendar in calendars
        if (zone := calendar.get("X-WR-TIMEZONE")) is not None and not _known_zone(zone)
    ]
    return scales or zones or unreadable or missing or doubled or _wrong_kind(entries) or _too_often(entries)


def _wrong_kind(entries: list[tuple[icalendar.Component, str]]) -> list[Problem]:
    """A value read as the wrong kind: "DTEND:202404" is a time of day (20:24:04) to the parser."""
    return [
        Problem((prop,), _text(value), TIMING[prop], where=f"{where}, {prop}")
        for c, where in entries
        for prop in ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "DURATION")
        for value in _values(c.get(prop))
        if not isinstance(getattr(value, "dt", None), timedelta if prop == "DURATION" else date)
    ]


def _known_zone(zone) -> bool:
    if isinstance(zone, list):
        return False
    try:
        ZoneInfo(str(zone))
    except (ValueError, ZoneInfoNotFoundError):
        return False
    return True


def _text(value) -> str:
    text = value.to_ical() if hasattr(value, "to_ical") else value
    return text.decode(errors="replace") if isinstance(text, bytes) else str(text)


def _values(found) -> list:
    """The single values of a property: EXDATE holds lists of dates, and may come more than once."""
    if found is None:
        return []
    found = found if isinstance(found, list) else [found]
    return [value for item in found for value in (item.dts if hasattr(item, "dts") else [item])]


def _too_often(entries: list[tuple[icalendar.Component, str]]) -> list[Problem]:
    """Rules recurring every few seconds or minutes (a timer, not appointments, and a flood to expand),
    and rules with a part out of range, which the recurrence library would stumble over or loop on."""
    return [
        Problem(("RRULE",), _text(rule), expected, where=f"{where}, RRULE")
        for c, where in entries
        if c.name == "VEVENT"
        for rule in rules(c)
        if (expected := _rule_fault(rule))
    ]


# the range of each numeric part of a rule (RFC 5545, 3.3.10); a negative number counts from the end
RANGES = {"COUNT": (1, 10**6), "INTERVAL": (1, 10**4), "BYSECOND": (0, 60), "BYMINUTE": (0, 59),
          "BYHOUR": (0, 23), "BYMONTHDAY": (-31, 31), "BYYEARDAY": (-366, 366), "BYWEEKNO": (-53, 53),
          "BYMONTH": (1, 12), "BYSETPOS": (-366, 366), "BYDAY": (-53, 53)}  # fmt: skip


def _rule_fault(rule) -> str:
    """What a rule should be instead, or "" when it is sound."""
    if str((rule.get("FREQ") or [""])[0]).upper() in TOO_OFTEN:
        return "a rule recurring at most hourly"
    for part, (low, high) in RANGES.items():
        for value in rule.get(part, ()):
            text = re.sub(r"[A-Za-z]+$", "", str(value))  # BYDAY=-1SU: the ordinal; BYMONTH=5L (leap)
            try:
                number = int(text) if text not in ("", "+", "-") else 1
            except ValueError:
                return f"a recurrence rule with {part} a number from {low} to {high}"
            if not (low <= number <= high) or (
                number == 0 and part not in ("BYSECOND", "BYMINUTE", "BYHOUR")
            ):
                return f"a recurrence rule with {part} from {low} to {high}" + (", not 0" if low < 0 else "")
    return ""


def located(calendar: icalendar.Component) -> Iterator[tuple[icalendar.Component, str]]:
    """The events, free/busy entries and time zone rules of a calendar, each with how a user finds it."""
    for component in calendar.walk():
        if component.name in ("VEVENT", "VFREEBUSY"):
            yield component, label(component)
        elif component.name == "VTIMEZONE":
            zone = str(component.get("TZID", "")) or "unnamed"
            for rule in component.subcomponents:
                yield rule, f'time zone "{zone[:60]}" ({kind(rule)} time)'


def rules(component: icalendar.Component) -> list:
    """The RRULEs of an event (one, as a rule, though the standard allows several)."""
    found = component.get("RRULE", [])
    return found if isinstance(found, list) else [found]


def label(component: icalendar.Component) -> str:
    """How a user finds the entry in their calendar: its title and start."""
    title = str(component.get("SUMMARY", "")).strip() or "untitled"
    start = component.get("DTSTART")
    readable = start is not None and not isinstance(start, list) and "DTSTART" not in dict(component.errors)
    when = f" on {_text(start)}" if readable else ""
    return f'{kind(component)} "{title[:60]}"{when}'


def kind(component: icalendar.Component) -> str:
    return str(component.name).lower().removeprefix("v")
