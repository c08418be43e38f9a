"""The plan (input) and the schedule (output) as frozen dataclasses.

Standard library only. Date-times in a Plan are naive local wall times in the plan's
timezone; date-times in a Schedule are aware (they carry the UTC offset of that instant).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Protocol, TypeVar

PRIORITIES = ("must", "high", "normal", "low")
SLOT_SIZES = (5, 10, 15, 20, 30, 60)
STATUSES = ("optimal", "feasible", "infeasible", "unknown")
INTERPRETER_AUTO = "auto"
INTERPRETER_NONE = "none"
POSITIONS = ("first", "last")


@dataclass(frozen=True)
class Window:
    """A stretch of local wall time, start included, end excluded."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class DayWindow:
    """The working hours of a day, as local times of day."""

    start: time = time(9, 0)
    end: time = time(18, 0)


@dataclass(frozen=True)
class Lunch:
    """One uninterrupted free block of `minutes` inside [earliest, latest] on every meeting day."""

    earliest: time = time(12, 0)
    latest: time = time(14, 0)
    minutes: int = 60


@dataclass(frozen=True)
class Room:
    id: str
    name: str | None = None
    capacity: int | None = None


@dataclass(frozen=True)
class Venue:
    """A place meetings happen. `rooms` is a count of alike rooms or a tuple of named rooms."""

    id: str
    name: str
    address: str | None = None
    lat: float | None = None
    lon: float | None = None
    rooms: int | tuple[Room, ...] = 1
    capacity: int | None = None


@dataclass(frozen=True)
class Travel:
    """Door-to-door minutes from one venue to another (and back, unless given the other way)."""

    from_: str
    to: str
    minutes: int


@dataclass(frozen=True)
class Host:
    id: str
    name: str
    venue: str
    organisation: str | None = None
    size: int = 1
    languages: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    email: str | None = None
    available: tuple[Window, ...] = ()
    unavailable: tuple[Window, ...] = ()
    max_meetings_per_day: int | None = None


@dataclass(frozen=True)
class Delegation:
    id: str
    name: str
    size: int
    languages: tuple[str, ...]
    arrive: datetime
    depart: datetime
    country: str | None = None
    hotel: str | None = None
    day: DayWindow | None = None
    unavailable: tuple[Window, ...] = ()
    max_meetings_per_day: int | None = None
    interests: tuple[str, ...] = ()
    contact: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Interpreter:
    id: str
    name: str
    languages: tuple[str, ...]
    available: tuple[Window, ...] = ()
    unavailable: tuple[Window, ...] = ()
    max_meetings_per_day: int | None = None
    email: str | None = None


@dataclass(frozen=True)
class Request:
    """A meeting to place. `earliest`/`latest` are a date (whole day) or a local date-time."""

    id: str
    minutes: int
    title: str | None = None
    delegations: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    optional_hosts: tuple[str, ...] = ()
    priority: str = "normal"
    venue: str | None = None
    earliest: date | datetime | None = None
    latest: date | datetime | None = None
    interpreter: str = INTERPRETER_AUTO
    notes: str | None = None
    position: str | None = None
    """"first" (an opening) or "last" (a closing) of each of its delegations' programmes (v1.1)."""
    includes_lunch: bool = False
    """Lunch is served within it: its delegations need no separate lunch block that date (v1.1)."""


@dataclass(frozen=True)
class Fixed:
    """An event with a set time (a conference day, an official dinner)."""

    id: str
    title: str
    start: datetime
    end: datetime
    venue: str | None = None
    delegations: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    interpreters: tuple[str, ...] = ()
    notes: str | None = None
    includes_lunch: bool = False
    """Lunch is served within it (a conference day): its delegations need no lunch block that date."""


@dataclass(frozen=True)
class Order:
    """When both are scheduled, `after` starts at least `min_gap_minutes` after `before` ends (on the same
    local date with `same_day`); with `requires`, `after` is scheduled only if `before` is (v1.1)."""

    before: str
    after: str
    min_gap_minutes: int = 0
    same_day: bool = False
    requires: bool = False


@dataclass(frozen=True)
class Pin:
    request: str
    start: datetime


@dataclass(frozen=True)
class Kept:
    """A meeting of an earlier programme (usually the published one) to leave where it is if it can stay:
    at `start` (naive: wall time in the plan's zone), and in the same room and with the same interpreter
    where it had them. Unlike a pin it may move (see solver.keep). `start` None: the earlier programme
    left the request out, and it makes no kept meeting move."""

    request: str
    start: datetime | None
    room: str | None = None
    interpreter: str | None = None


@dataclass(frozen=True)
class Plan:
    name: str
    timezone: str = "Europe/Brussels"
    slot_minutes: int = 15
    day: DayWindow = field(default_factory=DayWindow)
    lunch: Lunch | None = field(default_factory=Lunch)
    default_travel_minutes: int = 30
    venues: tuple[Venue, ...] = ()
    travel: tuple[Travel, ...] = ()
    hosts: tuple[Host, ...] = ()
    delegations: tuple[Delegation, ...] = ()
    interpreters: tuple[Interpreter, ...] = ()
    requests: tuple[Request, ...] = ()
    fixed: tuple[Fixed, ...] = ()
    pinned: tuple[Pin, ...] = ()
    order: tuple[Order, ...] = ()
    precedence: tuple[str, ...] = ()
    """Delegation ids in order of protocol precedence; those not listed follow in `delegations` order."""

    def venue(self, venue_id: str) -> Venue:
        return _by_id(self.venues, venue_id)

    def host(self, host_id: str) -> Host:
        return _by_id(self.hosts, host_id)

    def delegation(self, delegation_id: str) -> Delegation:
        return _by_id(self.delegations, delegation_id)

    def interpreter(self, interpreter_id: str) -> Interpreter:
        return _by_id(self.interpreters, interpreter_id)

    def request(self, request_id: str) -> Request:
        return _by_id(self.requests, request_id)

    def request_venue(self, request: Request) -> str | None:
        """Where a request takes place: its own venue, else its first host's (rule 1)."""
        if request.venue:
            return request.venue
        if request.hosts:
            return self.host(request.hosts[0]).venue
        return None


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_Identified)


def _by_id(items: Iterable[_Item], wanted: str) -> _Item:
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(wanted)


# --- The schedule (solver output) -------------------------------------------------------


@dataclass(frozen=True)
class Meeting:
    """A scheduled request. `start`/`end` are aware date-times."""

    request: str
    start: datetime
    end: datetime
    venue: str
    room: str | None = None
    interpreter: str | None = None
    optional_hosts: tuple[str, ...] = ()


@dataclass(frozen=True)
class LunchBlock:
    delegation: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Unscheduled:
    request: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Criterion:
    """How far the solver got on one criterion of the objective, in that criterion's own units.

    `name`: priorities (the weighted score of solver.objective), optional hosts (attendances), travel,
    compact days (idle minutes), earlier starts (minutes after the first possible start). `proven`: no
    better value exists among schedules as good on the criteria before it; `seconds`: since the solve began;
    `stalled`: not proven, and its stage ended at the stall limit (solver.progress.STALL_SECONDS without a
    better schedule) rather than at the time limit.
    """

    name: str
    value: float
    bound: float
    proven: bool
    seconds: float
    stalled: bool = False


@dataclass(frozen=True)
class Objective:
    scheduled: dict[str, int]
    requested: dict[str, int]
    travel_minutes: int = 0
    bound: float | None = None
    criteria: tuple[Criterion, ...] = ()


@dataclass(frozen=True)
class Schedule:
    plan: str
    status: str
    solve_seconds: float
    objective: Objective
    meetings: tuple[Meeting, ...] = ()
    lunches: tuple[LunchBlock, ...] = ()
    unscheduled: tuple[Unscheduled, ...] = ()

    def meeting(self, request_id: str) -> Meeting | None:
        for meeting in self.meetings:
            if meeting.request == request_id:
                return meeting
        return None

    def to_keep(self) -> tuple[Kept, ...]:
        """Its meetings and the requests it leaves out, to re-plan close to it (SolveOptions.keep)."""
        meetings = [
            Kept(m.request, m.start.replace(tzinfo=None), m.room, m.interpreter) for m in self.meetings
        ]
        return (*meetings, *(Kept(u.request, None) for u in self.unscheduled))


@dataclass(frozen=True)
class Moves:
    """How a schedule differs from an earlier one, meeting by meeting (by time; rooms aside)."""

    kept: int
    moved: int
    dropped: int
    added: int

    @classmethod
    def between(cls, earlier: Schedule, now: Schedule) -> Moves:
        starts = {m.request: m.start for m in now.meetings}
        kept = sum(1 for m in earlier.meetings if starts.get(m.request) == m.start)
        dropped = sum(1 for m in earlier.meetings if m.request not in starts)
        added = len(set(starts) - {m.request for m in earlier.meetings})
        return cls(kept, len(earlier.meetings) - kept - dropped, dropped, added)
