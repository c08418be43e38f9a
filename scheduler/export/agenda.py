"""Everything a calendar shows, as one flat list: meetings, fixed events, lunch and travel blocks.

Each entry carries a key that stays the same across re-solves (the request or fixed-event id;
the delegation and date for a lunch; for travel, the delegation and the commitment it leads to, or
the date for the legs from and back to the hotel), so that its calendar UID and its publication
history survive a new schedule: a journey moves along with the meeting it leads to.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from scheduler.model import Plan, Request, Schedule, Venue
from scheduler.travel import TravelTimes

MEETING, FIXED, LUNCH, TRAVEL = "meeting", "fixed", "lunch", "travel"


@dataclass(frozen=True)
class Entry:
    """One thing in someone's programme; `attendees` are the participant ids whose calendars show it."""

    key: str
    kind: str
    title: str
    start: datetime
    end: datetime
    venue: str | None
    room: str | None
    attendees: tuple[str, ...]
    origin: str | None = None


def entries(plan: Plan, schedule: Schedule) -> list[Entry]:
    """The programme of every participant, sorted by start then key."""
    zone = ZoneInfo(plan.timezone)
    found = [*_meetings(plan, schedule), *_fixed(plan, zone), *_lunches(schedule, zone)]
    found += travel_blocks(plan, found, zone)
    return sorted(found, key=lambda e: (e.start, e.key))


def _meetings(plan: Plan, schedule: Schedule) -> list[Entry]:
    requests = {request.id: request for request in plan.requests}
    found = []
    for meeting in schedule.meetings:
        # a schedule read from a file may name a request the plan has lost: still show the meeting
        request = requests.get(meeting.request) or Request(meeting.request, 0, title=meeting.request)
        people = (*request.delegations, *request.hosts, *meeting.optional_hosts)
        if meeting.interpreter:
            people += (meeting.interpreter,)
        title = request.title or "Meeting"
        found.append(
            Entry(
                meeting.request,
                MEETING,
                title,
                meeting.start,
                meeting.end,
                meeting.venue,
                meeting.room,
                people,
            )
        )
    return found


def _fixed(plan: Plan, zone: ZoneInfo) -> list[Entry]:
    return [
        Entry(
            event.id,
            FIXED,
            event.title,
            _instant(event.start, zone),
            _instant(event.end, zone),
            event.venue,
            None,
            (*event.delegations, *event.hosts, *event.interpreters),
        )
        for event in plan.fixed
    ]


def _instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """A plan's wall time as a real instant: a time skipped by the spring change moves forward by the gap."""
    return wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def _lunches(schedule: Schedule, zone: ZoneInfo) -> list[Entry]:
    found = []
    for block in schedule.lunches:
        key = f"lunch:{block.delegation}:{block.start.astimezone(zone).date().isoformat()}"
        found.append(
            Entry(key, LUNCH, "Lunch break", block.start, block.end, None, None, (block.delegation,))
        )
    return found


def travel_blocks(plan: Plan, programme: list[Entry], zone: ZoneInfo) -> list[Entry]:
    """Each delegation's journeys between commitments at different venues, and to and from its hotel."""
    blocks = []
    travel = TravelTimes(plan)
    for delegation in plan.delegations:
        days: dict = defaultdict(list)
        for entry in programme:
            if entry.kind in (MEETING, FIXED) and entry.venue and delegation.id in entry.attendees:
                days[entry.start.astimezone(zone).date()].append(entry)
        for day, commitments in sorted(days.items()):
            commitments.sort(key=lambda e: (e.start, e.key))
            for leg, origin, destination, start, end in _legs(travel, delegation.hotel, commitments):
                key = f"travel:{delegation.id}:{day.isoformat() if leg in ('out', 'back') else 'to'}:{leg}"
                title = f"Travel to {_venue_name(plan, destination)}"
                blocks.append(
                    Entry(key, TRAVEL, title, start, end, destination, None, (delegation.id,), origin)
                )
    return blocks


def _legs(travel: TravelTimes, hotel: str | None, commitments: list[Entry]):
    """(leg, from, to, start, end) of each journey of one day: leave when a commitment ends. The leg
    is "out" from the hotel, "back" to it, else the key of the commitment it leads to."""
    first, last = commitments[0], commitments[-1]
    if hotel and first.venue != hotel:
        yield "out", hotel, first.venue, first.start - _minutes(travel, hotel, first.venue), first.start
    for before, after in pairwise(commitments):
        if before.venue != after.venue:
            arrival = min(
                before.end + _minutes(travel, before.venue, after.venue), max(after.start, before.end)
            )
            if arrival > before.end:
                yield after.key, before.venue, after.venue, before.end, arrival
    if hotel and last.venue != hotel:
        yield "back", last.venue, hotel, last.end, last.end + _minutes(travel, last.venue, hotel)


def _minutes(travel: TravelTimes, origin: str | None, destination: str | None) -> timedelta:
    return timedelta(minutes=travel.minutes(origin, destination))


def _venue(plan: Plan, venue_id: str | None) -> Venue | None:
    return next((v for v in plan.venues if v.id == venue_id), None)


def _venue_name(plan: Plan, venue_id: str | None) -> str:
    venue = _venue(plan, venue_id)
    return venue.name if venue else (venue_id or "")
