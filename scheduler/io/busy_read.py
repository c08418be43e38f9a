"""Read the busy time in a calendar export (.ics from Outlook, Google Calendar or Thunderbird).

Busy are the events that block time (not transparent, not cancelled, not marked free) and the busy
periods of a VFREEBUSY; recurrences, their exceptions and time zones are the recurrence library's
work (`recurring-ical-events`), so that nothing here expands a rule by hand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar

from scheduler.io.busy_checks import calendar_problems, label, rules
from scheduler.problems import Problem

MOST_BYTES = 20_000_000  # a busy person's year is well under a megabyte
MOST_PER_DAY = 100  # occurrences a day, on average over the dates read; a rule every minute exceeds it
FILE = ("calendar",)
EXPECTED_FILE = (
    "an iCalendar file (.ics) beginning with BEGIN:VCALENDAR, as Outlook, Google or Thunderbird export it"
)
FREE_TYPES = ("FREE",)


@dataclass(frozen=True)
class Busy:
    """A stretch of busy wall time in the plan's zone, and what made it busy."""

    start: datetime
    end: datetime
    what: str


@dataclass(frozen=True)
class Span:
    """The dates a calendar's entries run over; `last` is None when a series recurs without end."""

    first: date | None
    last: date | None
    count: int


def read_calendars(content: bytes, name: str) -> tuple[list[icalendar.Component], list[Problem]]:
    """The VCALENDARs in a file, or a problem saying why the file is not one."""
    if len(content) > MOST_BYTES:
        return [], [
            Problem(FILE, f"{len(content)} bytes", f"a calendar of at most {MOST_BYTES} bytes", where=name)
        ]
    first = _first_line(content)
    if first and first.upper() != "BEGIN:VCALENDAR":
        return [], [Problem(FILE, first, EXPECTED_FILE, where=name)]
    try:
        components = icalendar.Component.from_ical(content, multiple=True)
    except Exception as error:  # the parser's complaint (of many kinds) about a line it cannot read
        expected = "lines of the form NAME;PARAMETER=VALUE:VALUE, as the iCalendar standard writes them"
        return [], [Problem(FILE, str(error), expected, where=name)]
    calendars = [c for c in components if c.name == "VCALENDAR"]
    if not calendars:
        found = ", ".join(sorted({str(c.name) for c in components})) or "nothing"
        return [], [Problem(FILE, f"{found} found", EXPECTED_FILE, where=name)]
    return calendars, calendar_problems(calendars, name)


def _first_line(content: bytes) -> str:
    """The file's first non-blank line, as text ("binary content" for a picture or an archive)."""
    head = content[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    line = head.splitlines()[0] if head else b""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return "binary content"
    return "binary content" if any(ord(c) < 32 and c != "\t" for c in text) else text.strip()


def busy_times(calendars: list[icalendar.Component], zone: str, first: date, last: date) -> Iterator[Busy]:
    """Every busy stretch that may touch [first, last] (in wall time of `zone`; the caller clips)."""
    # loaded on the first calendar read, not by every command; the library ships no type hints
    import recurring_ical_events  # type: ignore[import-untyped]

    plan_zone = ZoneInfo(zone)
    start = datetime.combine(first - timedelta(days=2), time(0))
    stop = datetime.combine(last + timedelta(days=3), time(0))
    most = MOST_PER_DAY * (stop - start).days
    for calendar in calendars:
        # a week at a time on one query (it keeps what it expanded): a year's visits read in a
        # fraction of a second, and a rule recurring every few minutes is stopped after its first week
        query, seen, week = recurring_ical_events.of(calendar), 0, start
        while week < stop:
            events = query.between(week, min(week + timedelta(days=7), stop))
            seen += len(events)
            if seen > most:
                raise TooMany(Counter(label(e).split(" on ")[0] for e in events).most_common(1)[0][0])
            for event in events:
                if is_busy(event):  # an event on the boundary comes twice: the caller merges
                    yield Busy(wall(event.start, plan_zone), wall(event.end, plan_zone), label(event))
            week += timedelta(days=7)
        for free_busy in calendar.walk("VFREEBUSY"):
            yield from _periods(free_busy, plan_zone)


class TooMany(Exception):
    """More occurrences within the visits than any real calendar has: a rule recurring every minute."""


def is_busy(event: icalendar.Component) -> bool:
    """An event blocks time unless it is transparent, cancelled or marked free (Outlook's own flag)."""
    if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
        return False
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return False
    return str(event.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper() != "FREE"


def _periods(free_busy: icalendar.Component, zone: ZoneInfo) -> Iterator[Busy]:
    """The busy periods of a VFREEBUSY: FBTYPE BUSY (the default), BUSY-UNAVAILABLE, BUSY-TENTATIVE."""
    found = free_busy.get("FREEBUSY", [])
    for prop in found if isinstance(found, list) else [found]:
        if str(prop.params.get("FBTYPE", "BUSY")).upper() in FREE_TYPES:
            continue
        periods = prop.dt if isinstance(prop.dt, list) else [prop.dt]
        for begin, end_or_length in periods:
            end = begin + end_or_length if isinstance(end_or_length, timedelta) else end_or_length
            yield Busy(wall(begin, zone), wall(end, zone), "free/busy period")


def wall(moment: date | datetime, zone: ZoneInfo) -> datetime:
    """Plan wall time: an aware time converted, a floating time taken as it is, a date from midnight."""
    if not isinstance(moment, datetime):
        return datetime.combine(moment, time(0))
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(zone).replace(tzinfo=None)


def span(calendars: list[icalendar.Component]) -> Span:
    """The first and last dates of the calendar's entries, to tell a calendar of another year."""
    firsts: list[date] = []
    lasts: list[date] = []
    open_ended = False
    for calendar in calendars:
        for component in calendar.walk():
            if component.name not in ("VEVENT", "VFREEBUSY") or "DTSTART" not in component:
                continue
            firsts.append(_day(component.decoded("DTSTART")))
            series = rules(component)
            open_ended = open_ended or any(not rule.get("UNTIL") for rule in series)
            ends = [*(until for rule in series for until in rule.get("UNTIL", ())), component.get("DTEND")]
            lasts += [_day(e if isinstance(e, (date, datetime)) else e.dt) for e in ends if e is not None]
    last = None if open_ended or not firsts else max([*firsts, *lasts])
    return Span(min(firsts, default=None), last, len(firsts))


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment
