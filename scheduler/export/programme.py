"""Who does what when: each participant's commitments (meetings, fixed events, lunch breaks) as lines of a
programme in the plan's local wall time, which the Overview and the programme sheets lay out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from scheduler.model import Fixed, Meeting, Plan, Schedule
from scheduler.travel import TravelTimes

MEETING, FIXED, LUNCH = "meeting", "fixed", "lunch"  # the kinds of an entry
FIXED_EVENT = "Fixed event"  # the organisation whose colour fixed events take on the overview
NO_HOST = "No host"

Named = tuple[str, str]  # (participant id, how the programme names it)


@dataclass(frozen=True)
class Entry:
    """One line of a participant's programme, in the plan's local wall time."""

    kind: str
    start: datetime
    end: datetime
    title: str
    delegations: tuple[Named, ...] = ()
    hosts: tuple[Named, ...] = ()
    venue_id: str | None = None
    venue: str = ""
    address: str = ""
    interpreter: str = ""
    notes: str = ""
    organisation: str = ""  # whose colour it takes on the overview


class Programme:
    """Who does what when: the schedule's commitments indexed by participant id."""

    def __init__(self, plan: Plan, schedule: Schedule):
        self.plan, self.schedule = plan, schedule
        self.zone = ZoneInfo(plan.timezone)
        self.venues = {v.id: v for v in plan.venues}
        self.hosts = {h.id: h for h in plan.hosts}
        self.delegations = {d.id: d for d in plan.delegations}
        self.interpreters = {i.id: i for i in plan.interpreters}
        self.requests = {r.id: r for r in plan.requests}
        self.entries: dict[str, list[Entry]] = defaultdict(list)
        self._travel = TravelTimes(plan)
        for meeting in schedule.meetings:
            self._add_meeting(meeting)
        for event in plan.fixed:
            self._add_fixed(event)
        for block in schedule.lunches:
            start, end = self.local(block.start), self.local(block.end)
            self.entries[block.delegation].append(Entry(LUNCH, start, end, "Lunch break"))
        for entries in self.entries.values():
            entries.sort(key=lambda e: (e.start, e.end, e.kind, e.title))

    def local(self, moment: datetime) -> datetime:
        """An aware instant as the naive wall time of the plan's zone (what Excel can hold)."""
        if moment.tzinfo is None:
            return moment
        return moment.astimezone(self.zone).replace(tzinfo=None)

    def _add_meeting(self, meeting: Meeting) -> None:
        request = self.requests.get(meeting.request)
        if request is None:
            return
        hosts = [(h, self._host_label(h)) for h in request.hosts]
        hosts += [(h, self._host_label(h, optional=True)) for h in meeting.optional_hosts]
        first_host = self.hosts.get(request.hosts[0]) if request.hosts else None
        venue = self.venues.get(meeting.venue)
        entry = Entry(
            MEETING,
            self.local(meeting.start),
            self.local(meeting.end),
            request.title or request.id,
            delegations=self.delegations_named(request.delegations),
            hosts=tuple(hosts),
            venue_id=meeting.venue,
            venue=self._venue_label(meeting.venue, meeting.room),
            address=(venue.address or "") if venue else "",
            interpreter=self._interpreter_label(meeting.interpreter),
            notes=request.notes or "",
            organisation=(first_host.organisation or first_host.name) if first_host else NO_HOST,
        )
        for participant in {*request.delegations, *request.hosts, *meeting.optional_hosts}:
            self.entries[participant].append(entry)

    def _add_fixed(self, event: Fixed) -> None:
        venue = self.venues.get(event.venue) if event.venue else None
        entry = Entry(
            FIXED,
            self.local(event.start),
            self.local(event.end),
            event.title,
            delegations=self.delegations_named(event.delegations),
            hosts=tuple((h, self._host_label(h)) for h in event.hosts),
            venue_id=event.venue,
            venue=self._venue_label(event.venue, None),
            address=(venue.address or "") if venue else "",
            interpreter="\n".join(self._interpreter_label(i) for i in event.interpreters),
            notes=event.notes or "",
            organisation=FIXED_EVENT,
        )
        for participant in {*event.delegations, *event.hosts}:
            self.entries[participant].append(entry)

    def _host_label(self, host_id: str, optional: bool = False) -> str:
        host = self.hosts.get(host_id)
        notes = [host.organisation] if host and host.organisation else []
        notes += ["optional"] if optional else []
        name = host.name if host else host_id
        return f"{name} ({', '.join(notes)})" if notes else name

    def delegations_named(self, delegation_ids: tuple[str, ...]) -> tuple[Named, ...]:
        return tuple((d, self.delegations[d].name if d in self.delegations else d) for d in delegation_ids)

    def hosts_named(self, host_ids: tuple[str, ...]) -> tuple[Named, ...]:
        return tuple((h, self.hosts[h].name if h in self.hosts else h) for h in host_ids)

    def listing(self, named: tuple[Named, ...], owner: str | None = None) -> str:
        """Names one a line, without the sheet's owner; all delegations of a larger plan in a few words."""
        if len(named) > 3 and {i for i, _ in named} == set(self.delegations):
            return f"All {len(named)} delegations"
        return "\n".join(name for i, name in named if i != owner)

    def _interpreter_label(self, interpreter_id: str | None) -> str:
        if not interpreter_id:
            return ""
        interpreter = self.interpreters.get(interpreter_id)
        return interpreter.name if interpreter else interpreter_id

    def _venue_label(self, venue_id: str | None, room_id: str | None) -> str:
        venue = self.venues.get(venue_id) if venue_id else None
        if venue is None:
            return venue_id or ""
        if room_id and isinstance(venue.rooms, tuple):
            room = next((r for r in venue.rooms if r.id == room_id), None)
            return f"{venue.name}, {room.name or room.id if room else room_id}"
        return venue.name

    def travel_minutes(self, origin: str, destination: str) -> int:
        """Door-to-door minutes between two venues, by the plan's rule (DESIGN.md `travel`)."""
        return self._travel.minutes(origin, destination)
