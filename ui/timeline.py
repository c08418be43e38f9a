"""The Programme's timeline as rows: each meeting, fixed event and lunch in the lane of every delegation,
host or venue it concerns, one row per day it touches (`bars`), drawn by `ui.timeline_chart`.

Every bar is at the plan's local wall time (also across a change of daylight saving time) and carries
what the chart and the printed day view say of it: title, place and room, who, host organisation,
priority, and whether it is new or moved against the programme the delegations were last given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

from scheduler import Delegation, Host, Interpreter, Plan, Schedule, Venue
from ui.timeline_chart import chart as chart  # re-exported: the page draws what this module makes

LANES = ("Delegation", "Host", "Venue")
CLOCK_DATE = date(2000, 1, 3)
COLUMNS = (
    *("kind", "request", "event", "lane", "lane_id", "title", "start", "end", "day", "day_label"),
    *("organisation", "priority", "venue", "room", "with", "attendees", "since"),
)
INTERNAL = "Internal"  # the organisation of a meeting without hosts
NEW, MOVED = "new", "moved"
"""A meeting's `since`: not in the published programme, or there at another time or place."""


def bars(plan: Plan, schedule: Schedule, lane: str, published: Schedule | None = None) -> pd.DataFrame:
    """One row per bar: a meeting, fixed event or lunch (`kind`) in one lane on one day.

    `request` names the meeting of a meeting row and is empty otherwise; `event` names a fixed event;
    `since` says of a meeting that it is NEW or MOVED against `published` (empty otherwise).
    """
    named: tuple[Delegation | Host | Venue | Interpreter, ...] = (
        *plan.delegations,
        *plan.hosts,
        *plan.venues,
        *plan.interpreters,
    )
    names = {x.id: x.name for x in named}
    zone = ZoneInfo(plan.timezone)
    rows = [*_meeting_rows(plan, schedule, lane, names, zone, published), *_fixed_rows(plan, lane, names)]
    if lane == "Delegation":
        served = _lunch_served(plan, schedule, zone)
        for block in schedule.lunches:
            start, end = _wall(block.start, zone), _wall(block.end, zone)
            if (block.delegation, start.date()) in served or _in_fixed(plan, block.delegation, start, end):
                continue  # a programme saved before rule 6 knew of events that serve lunch or take the time
            rows += _spread((block.delegation,), names, start, end, {"kind": "lunch", "title": "Lunch"})
    return pd.DataFrame(rows, columns=list(COLUMNS))


def organisation(host: Host) -> str:
    """The organisation a host's meetings are coloured by (the host's name when none is given)."""
    return host.organisation or host.name


def _in_fixed(plan: Plan, delegation: str, start: datetime, end: datetime) -> bool:
    """Whether [start, end) overlaps a fixed event the delegation attends (an all-day conference)."""
    return any(delegation in e.delegations and e.start < end and start < e.end for e in plan.fixed)


def _lunch_served(plan: Plan, schedule: Schedule, zone: ZoneInfo) -> set[tuple[str, date]]:
    """(delegation, date) where a meeting or fixed event includes lunch: no lunch bar is drawn there."""
    served = set()
    for event in (e for e in plan.fixed if e.includes_lunch):
        first, last = _wall(event.start, zone).date(), _wall(event.end, zone).date()
        days = [first + timedelta(days=k) for k in range((last - first).days + 1)]
        served |= {(who, day) for who in event.delegations for day in days}
    serving = {r.id: r.delegations for r in plan.requests if r.includes_lunch}
    for meeting in (m for m in schedule.meetings if m.request in serving):
        served |= {(who, _wall(meeting.start, zone).date()) for who in serving[meeting.request]}
    return served


def _meeting_rows(
    plan: Plan, schedule: Schedule, lane: str, names: dict, zone: ZoneInfo, published: Schedule | None
) -> Iterator[dict]:
    requests = {r.id: r for r in plan.requests}
    changed = since_publication(published, schedule) if published is not None else {}
    organisations = {h.id: organisation(h) for h in plan.hosts}
    for meeting in schedule.meetings:
        request = requests.get(meeting.request)
        if request is None:
            continue
        if lane == "Delegation":
            lanes = request.delegations
        elif lane == "Host":
            lanes = (*request.hosts, *meeting.optional_hosts)
        else:
            lanes = (meeting.venue,)
        first_host = request.hosts[0] if request.hosts else None
        details = {
            "kind": "meeting",
            "request": meeting.request,
            "title": request.title or request.id,
            "organisation": organisations.get(first_host, INTERNAL) if first_host else INTERNAL,
            "priority": request.priority,
            "venue": names.get(meeting.venue, meeting.venue),
            "room": _room(plan, meeting.venue, meeting.room),
            "with": ", ".join(names.get(p, p) for p in (*request.delegations, *request.hosts)),
            "attendees": len(request.delegations) + len(request.hosts),
            "since": changed.get(meeting.request, ""),
        }
        yield from _spread(lanes, names, _wall(meeting.start, zone), _wall(meeting.end, zone), details)


def _room(plan: Plan, venue_id: str, room: str | None) -> str:
    if not room:
        return ""
    venue = next((v for v in plan.venues if v.id == venue_id), None)
    rooms = (
        {} if venue is None or isinstance(venue.rooms, int) else {r.id: r.name or r.id for r in venue.rooms}
    )
    return rooms.get(room, room)


def since_publication(published: Schedule, schedule: Schedule) -> dict[str, str]:
    """NEW or MOVED (in time or place) for each meeting of `schedule` that differs from `published`."""
    before = {m.request: m for m in published.meetings}
    changed = {}
    for meeting in schedule.meetings:
        was = before.get(meeting.request)
        if was is None:
            changed[meeting.request] = NEW
        elif (was.start, was.end, was.venue, was.room) != (
            meeting.start,
            meeting.end,
            meeting.venue,
            meeting.room,
        ):
            changed[meeting.request] = MOVED
    return changed


def _fixed_rows(plan: Plan, lane: str, names: dict) -> Iterator[dict]:
    """A fixed event in the lane of every delegation, host or venue it concerns (at its wall times)."""
    for event in plan.fixed:
        if lane == "Delegation":
            lanes = event.delegations
        elif lane == "Host":
            lanes = event.hosts
        else:
            lanes = (event.venue,) if event.venue else ()
        details = {
            "kind": "fixed",
            "event": event.id,
            "title": event.title,
            "venue": names.get(event.venue, event.venue) if event.venue else "",
            "with": ", ".join(
                names.get(p, p) for p in (*event.delegations, *event.hosts, *event.interpreters)
            ),
            "attendees": len(event.delegations) + len(event.hosts) + len(event.interpreters),
        }
        yield from _spread(lanes, names, event.start, event.end, details)


def _spread(
    lanes: Iterable[str], names: dict, start: datetime, end: datetime, details: dict
) -> Iterator[dict]:
    """The bars of one thing from `start` to `end` (naive wall times): per lane, one per day it touches."""
    for who in lanes:
        for day, begins, ends in split_at_midnight(start, end):
            yield {
                **details,
                "lane": names.get(who, who),
                "lane_id": who,
                "start": _clock(begins, day),
                "end": _clock(ends, day),
                "day": day,
                "day_label": f"{day:%a %d %b}",
            }


def split_at_midnight(start: datetime, end: datetime) -> Iterator[tuple[date, datetime, datetime]]:
    """[start, end) cut at midnight: an evening event that ends past midnight shows on both days."""
    day = start.date()
    while True:
        midnight = datetime.combine(day + timedelta(days=1), time(0))
        if end <= midnight:
            yield day, start, end
            return
        yield day, start, midnight
        day, start = day + timedelta(days=1), midnight


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    """The plan's naive wall time of an aware moment (a naive one is taken as a wall time already)."""
    return moment.astimezone(zone).replace(tzinfo=None) if moment.tzinfo else moment


def _clock(moment: datetime, day: date) -> datetime:
    """The wall time of `moment` on `day`, moved to the common date (midnight after `day` stays 24:00)."""
    return datetime.combine(CLOCK_DATE, time(0)) + (moment - datetime.combine(day, time(0)))
