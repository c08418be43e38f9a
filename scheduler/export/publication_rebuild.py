"""Rebuilding a damaged or lost publication record from the calendars it was written with.

Without its record, publishing again would start every SEQUENCE at 0 and bring cancelled meetings back
as confirmed: clients that imported the calendars would ignore the changes or believe the revival. The
calendars in the folder hold what the clients have: each event's UID, SEQUENCE, status, times and whose
calendar it is in. A UID is derived from the calendar id (the calendars' X-WR-RELCALID; the plan's
name for calendars written before it) and the event's key, so keys are found by deriving the UIDs of
every key the plan can give and matching them. Over-counting is safe (a SEQUENCE raised once more), so
what the calendars cannot tell exactly (the venue from a LOCATION text) counts as changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from icalendar import Calendar

from scheduler.export.agenda import FIXED, LUNCH, MEETING, TRAVEL
from scheduler.export.ics import ALL, event_uid
from scheduler.export.publication import Publication, Published
from scheduler.languages.calendar_words import room_text
from scheduler.model import Plan
from scheduler.problems import WARNING, Problem

_FULL = " – full programme"


@dataclass
class _Copy:
    """One event as one calendar file has it."""

    reader: str
    uid: str
    sequence: int
    cancelled: bool
    start: datetime
    end: datetime
    summary: str
    location: str


@dataclass
class _Found:
    copies: list[_Copy] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


def rebuild_record(
    plan: Plan, files: Mapping[str, bytes], stems: Mapping[str, str], known_keys: Iterable[str] = ()
) -> tuple[Publication | None, list[Problem]]:
    """The record the calendars in `files` (file name -> .ics content) were published with, as far as
    they tell it; `stems` maps a file's stem to its reader (participant id or "all"). `known_keys`: keys
    beyond the plan's own requests and fixed events (those of the schedule last written, say)."""
    found, problems = _read(files, stems)
    if not found.copies:
        return None, [*problems, Problem(("calendars",), "no events", "calendars written by solve")]
    keys = {r.id for r in plan.requests} | {f.id for f in plan.fixed} | set(known_keys)
    uids = {copy.uid for copy in found.copies}
    best, matched = "", dict[str, str]()
    for calendar_id in dict.fromkeys([*found.ids, plan.name]):
        candidates = _candidates(plan, calendar_id, keys, found.copies)
        hits = {uid: candidates[uid] for uid in uids if uid in candidates}
        if len(hits) > len(matched):
            best, matched = calendar_id, hits
    if not matched:
        expected = "calendars of this plan (none of their events has a UID this plan gives)"
        return None, [*problems, Problem(("calendars",), f"{len(uids)} events", expected)]
    events = {
        matched[uid]: _event(plan, matched[uid], [c for c in found.copies if c.uid == uid]) for uid in matched
    }
    lost = sorted(uids - set(matched))
    if lost:
        what = f"{len(lost)} event{'s' * (len(lost) != 1)}, e.g. UID {lost[0]}"
        why = "events of this plan (requests deleted since?): they are left out of the rebuilt record"
        problems.append(Problem(("calendars",), what, why, WARNING))
    return Publication(plan.name, None, dict(sorted(events.items())), calendar_id=best), problems


def _read(files: Mapping[str, bytes], stems: Mapping[str, str]) -> tuple[_Found, list[Problem]]:
    found, problems = _Found(), []
    for name, content in sorted(files.items()):
        reader = stems.get(name.removesuffix(".ics"))
        if reader is None:
            continue  # the calendar of someone no longer in the plan: its events are in "all" too
        try:
            calendar = Calendar.from_ical(content)
            events = [_copy(reader, event) for event in calendar.walk("VEVENT")]
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            problems.append(
                Problem(("calendars", name), str(error)[:80], "a calendar written by solve", WARNING)
            )
            continue
        if calendar.get("X-WR-RELCALID"):
            found.ids.append(str(calendar["X-WR-RELCALID"]))
        elif reader == ALL and str(calendar.get("X-WR-CALNAME", "")).endswith(_FULL):
            found.ids.append(str(calendar["X-WR-CALNAME"]).removesuffix(_FULL))  # before X-WR-RELCALID
        found.copies += events
    return found, problems


def _copy(reader: str, event) -> _Copy:
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    if not isinstance(start, datetime) or start.tzinfo is None or not isinstance(end, datetime):
        raise ValueError(f"event {event.get('UID')}: not a time with its zone")
    return _Copy(
        reader,
        str(event["UID"]),
        int(event.get("SEQUENCE", 0)),
        str(event.get("STATUS", "")).upper() == "CANCELLED",
        start,
        end,
        str(event.get("SUMMARY", "")),
        str(event.get("LOCATION", "")),
    )


def _candidates(plan: Plan, calendar_id: str, keys: set[str], copies: list[_Copy]) -> dict[str, str]:
    """UID -> key for every key the plan (and the delegations' days in the calendars) can give."""
    delegations = {d.id for d in plan.delegations}
    days: dict[str, set[date]] = {}
    for copy in copies:
        if copy.reader in delegations:
            days.setdefault(copy.reader, set()).add(copy.start.date())
    every = set(keys)
    for delegation, dates in days.items():
        every |= {f"travel:{delegation}:to:{key}" for key in keys}
        for day in dates:
            every |= {
                f"lunch:{delegation}:{day}",
                f"travel:{delegation}:{day}:out",
                f"travel:{delegation}:{day}:back",
            }
    return {event_uid(plan, key, calendar_id): key for key in every}


def _event(plan: Plan, key: str, copies: list[_Copy]) -> Published:
    shown = next((c for c in copies if c.reader == ALL), copies[0])
    live = tuple(dict.fromkeys(c.reader for c in copies if not c.cancelled and c.reader != ALL))
    struck = tuple(dict.fromkeys(c.reader for c in copies if c.cancelled and c.reader != ALL))
    cancelled = all(c.cancelled for c in copies)
    titles = {r.id: r.title for r in plan.requests} | {f.id: f.title for f in plan.fixed}
    venue, room = _place(plan, shown.location)
    return Published(
        key=key,
        kind=_kind(plan, key),
        title=titles.get(key) or shown.summary,
        start=shown.start,
        end=shown.end,
        venue=venue,
        room=room,
        attendees=struck if cancelled else live,
        sequence=max(c.sequence for c in copies),
        cancelled=cancelled,
        former=() if cancelled else tuple(r for r in struck if r not in live),
    )


def _kind(plan: Plan, key: str) -> str:
    if key.startswith("lunch:"):
        return LUNCH
    if key.startswith("travel:"):
        return TRAVEL
    return FIXED if any(f.id == key for f in plan.fixed) else MEETING


def _place(plan: Plan, location: str) -> tuple[str | None, str | None]:
    """The venue (and named room) an English LOCATION names, as the calendars wrote it."""
    named = [v for v in plan.venues if location == v.name or location.startswith(f"{v.name}, ")]
    if not named:
        return None, None
    venue = max(named, key=lambda v: len(v.name))
    rest = location[len(venue.name) + 2 :]
    if isinstance(venue.rooms, int):
        return venue.id, None
    for room in venue.rooms:
        text = room_text(venue, room.id, "en")
        if text and (rest == text or rest.startswith(f"{text}, ")):
            return venue.id, room.id
    return venue.id, None
