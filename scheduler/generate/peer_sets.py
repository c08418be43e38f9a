"""The public OptaPlanner/Timefold meeting-scheduling sets as plans, and their own scoring of a schedule.

Persons become hosts at one venue with the sets' five named rooms; required attendees are a
request's `hosts`, preferred ones its `optional_hosts`; every meeting is a `must`. A day is
08:00-12:00 and 13:00-18:00 as the time grains give them. The sets' medium score is computed on our
schedule exactly as they define it, so that it compares with the peer's published figures.

Room capacity: the plan format counts an optional host only when they attend; the sets count every
preferred attendee. With `peer_capacity`, each meeting with preferred attendees also gets a required
placeholder host ("SEATS-M<id>") whose size is their number, so that every one of them takes a seat
whether they attend or not: every schedule then keeps the sets' capacity rule. It is stricter than
that rule in one respect: a preferred attendee who does attend is counted a second time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from scheduler.model import Host, Plan, Request, Room, Schedule, Venue, Window

GRAIN_MINUTES = 15
VENUE = "OFFICE"
YEAR = 2024


class _References:
    """Jackson writes an object in full the first time and as its "@id" string afterwards."""

    def __init__(self, data: dict):
        self.objects: dict[str, dict] = {}
        self._collect(data)

    def _collect(self, value) -> None:
        if isinstance(value, dict):
            if "@id" in value and len(value) > 1:
                self.objects.setdefault(value["@id"], value)
            for item in value.values():
                self._collect(item)
        elif isinstance(value, list):
            for item in value:
                self._collect(item)

    def __call__(self, value) -> dict:
        return self.objects[value] if isinstance(value, str) else value


SEATS = "SEATS-"
"""The id prefix of the placeholder hosts of `peer_capacity`: not persons of the set."""


def timefold_plan(path: str | Path, peer_capacity: bool = False) -> Plan:
    """The set as a plan; `peer_capacity`: every preferred attendee counts towards room capacity."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    resolve = _References(data)
    days: dict[int, list[int]] = {}
    for grain in data["timeGrainList"]:
        grain = resolve(grain)
        days.setdefault(resolve(grain["day"])["dayOfYear"], []).append(grain["startingMinuteOfDay"])
    windows = tuple(w for day, starts in sorted(days.items()) for w in _day_windows(day, sorted(starts)))
    persons = {}
    seats: dict[str, int] = {}
    requests = []
    for meeting in data["meetingList"]:
        meeting = resolve(meeting)
        required = [resolve(resolve(a)["person"]) for a in meeting.get("requiredAttendanceList", [])]
        preferred = [resolve(resolve(a)["person"]) for a in meeting.get("preferredAttendanceList", [])]
        for person in required + preferred:
            persons[person["id"]] = person["fullName"]
        optional = tuple(f"P{p['id']}" for p in preferred if p not in required)
        placeholder: tuple[str, ...] = ()
        if peer_capacity and optional:
            placeholder = (f"{SEATS}M{meeting['id']}",)
            seats[placeholder[0]] = len(optional)
        requests.append(
            Request(
                id=f"M{meeting['id']}",
                title=meeting.get("topic"),
                hosts=tuple(f"P{p['id']}" for p in required) + placeholder,
                optional_hosts=optional,
                minutes=meeting["durationInGrains"] * GRAIN_MINUTES,
                priority="must",
            )
        )
    rooms = tuple(
        Room(id=f"R{resolve(r)['id'] + 1}", name=resolve(r)["name"], capacity=resolve(r)["capacity"])
        for r in data["roomList"]
    )
    hosts = tuple(
        Host(id=f"P{pid}", name=name, venue=VENUE, languages=("en",), available=windows)
        for pid, name in sorted(persons.items())
    ) + tuple(
        Host(id=sid, name=f"{size} seats for preferred attendees", venue=VENUE, size=size, available=windows)
        for sid, size in seats.items()
    )
    return Plan(
        name=f"Meeting scheduling, {len(requests)} meetings",
        slot_minutes=GRAIN_MINUTES,
        lunch=None,
        venues=(Venue(id=VENUE, name="Office", rooms=rooms),),
        hosts=hosts,
        requests=tuple(requests),
    )


def _day_windows(day_of_year: int, starts: list[int]) -> list[Window]:
    """Contiguous runs of grains on one day become availability windows."""
    day = date(YEAR, 1, 1) + timedelta(days=day_of_year - 1)
    windows, run_start, previous = [], starts[0], starts[0]
    for start in [*starts[1:], None]:
        if start is not None and start == previous + GRAIN_MINUTES:
            previous = start
            continue
        windows.append(Window(_at(day, run_start), _at(day, previous + GRAIN_MINUTES)))
        if start is not None:
            run_start = previous = start
    return windows


def _at(day: date, minute_of_day: int) -> datetime:
    return datetime.combine(day, time(0)) + timedelta(minutes=minute_of_day)


@dataclass(frozen=True)
class PeerScore:
    meetings: int
    placed: int
    required_conflicts: int
    preferred_kept: int
    preferred_total: int
    medium: int
    capacity_overflows: int


def peer_score(plan: Plan, schedule: Schedule) -> PeerScore:
    """The sets' own measures of a schedule: placement, required overlaps, kept preferences, medium."""
    grain_of = _grain_index(plan)
    rooms = {
        r.id: r.capacity
        for v in plan.venues
        if not isinstance(v.rooms, int)
        for r in v.rooms
        if r.capacity is not None  # a room without a capacity never overflows
    }
    placed = []
    for meeting in schedule.meetings:
        request = plan.request(meeting.request)
        grains = request.minutes // GRAIN_MINUTES
        placed.append(
            (grain_of[meeting.start.replace(tzinfo=None)], grains, _persons(request), request.optional_hosts)
        )
    required_conflicts, medium = attendance_conflicts(placed)
    overflows = sum(
        1
        for m in schedule.meetings
        if m.room in rooms
        and len(_persons(plan.request(m.request))) + len(plan.request(m.request).optional_hosts)
        > rooms[m.room]
    )
    return PeerScore(
        meetings=len(plan.requests),
        placed=len(placed),
        required_conflicts=required_conflicts,
        preferred_kept=sum(len(m.optional_hosts) for m in schedule.meetings),
        preferred_total=sum(len(r.optional_hosts) for r in plan.requests),
        medium=medium,
        capacity_overflows=overflows,
    )


def _persons(request: Request) -> tuple[str, ...]:
    """The required attendees of a converted meeting: its hosts but a placeholder of `peer_capacity`."""
    return tuple(h for h in request.hosts if not h.startswith(SEATS))


def attendance_conflicts(placed: list[tuple[int, int, tuple[str, ...], tuple[str, ...]]]) -> tuple[int, int]:
    """(required overlaps, medium score) of meetings given as (first grain, grains, required, preferred).

    Medium: for each person, the grains of overlap between two meetings where they are required in
    one and preferred in the other, or preferred in both; 0 is perfect, the score is negative.
    """
    required_conflicts, medium = 0, 0
    for index, (start, length, required, preferred) in enumerate(placed):
        for other_start, other_length, other_required, other_preferred in placed[index + 1 :]:
            overlap = min(start + length, other_start + other_length) - max(start, other_start)
            if overlap <= 0:
                continue
            shared = set(required + preferred) & set(other_required + other_preferred)
            for person in shared:
                if person in required and person in other_required:
                    required_conflicts += 1
                else:
                    medium -= overlap
    return required_conflicts, medium


def _grain_index(plan: Plan) -> dict[datetime, int]:
    """The sets number their grains over all days; hosts' windows are exactly those grains."""
    starts = sorted(
        {
            window.start + timedelta(minutes=k)
            for window in plan.hosts[0].available
            for k in range(0, int((window.end - window.start).total_seconds() // 60), GRAIN_MINUTES)
        }
    )
    return {start: index for index, start in enumerate(starts)}
