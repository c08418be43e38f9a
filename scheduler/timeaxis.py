"""Local wall time <-> the solver's integer minutes, exact across daylight-saving changes.

The solver counts real elapsed minutes from local midnight of the plan's first date, so a
meeting's length is its true duration even on a 23- or 25-hour day, while the slot grid and
the day windows are laid out in wall time and converted one instant at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from scheduler.model import DayWindow, Host, Interpreter, Plan, Window

Interval = tuple[int, int]


class TimeAxis:
    def __init__(self, timezone: str, origin: date):
        self.zone = ZoneInfo(timezone)
        self.origin = origin
        self._epoch = datetime.combine(origin, time(0), self.zone).astimezone(UTC)

    def minute(self, moment: datetime) -> int:
        """Minutes from the origin to `moment` (naive = wall time in the plan's zone)."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.zone)
        seconds = (moment.astimezone(UTC) - self._epoch).total_seconds()
        return int(seconds // 60)

    def at(self, day: date, clock: time) -> int:
        return self.minute(datetime.combine(day, clock))

    def local(self, minute: int) -> datetime:
        """The aware local date-time of a solver minute."""
        return (self._epoch + timedelta(minutes=minute)).astimezone(self.zone)

    def wall(self, minute: int) -> datetime:
        """The naive local wall time of a solver minute (as a plan writes it)."""
        return self.local(minute).replace(tzinfo=None)

    def date_of(self, minute: int) -> date:
        return self.local(minute).date()

    def exists(self, wall: datetime) -> bool:
        """False for a wall time skipped when the clocks go forward (02:30 on a spring-forward day)."""
        return self.wall(self.minute(wall)) == wall

    def slot_starts(self, day: date, slot_minutes: int) -> list[int]:
        """The grid of one date: local midnight + k * slot_minutes of wall time, as solver minutes."""
        midnight = datetime.combine(day, time(0))
        walls = (midnight + timedelta(minutes=k) for k in range(0, 24 * 60, slot_minutes))
        return [self.minute(wall) for wall in walls if self.exists(wall)]

    def on_grid(self, minute: int, slot_minutes: int) -> bool:
        wall = self.wall(minute)
        return (wall.hour * 60 + wall.minute) % slot_minutes == 0 and wall.second == 0

    def window(self, window: Window) -> Interval:
        return self.minute(window.start), self.minute(window.end)


# --- the plan's dates ---------------------------------------------------------------------


def visit_dates(plan: Plan) -> list[date]:
    """The dates hosts and interpreters are assumed to work without windows of their own (rule 2).

    From the first delegation's arrival to the last one's departure; in a plan without
    delegations, the dates that the plan's windows, fixed events and pins span.
    """
    if plan.delegations:
        first = min(d.arrive.date() for d in plan.delegations)
        last = max(d.depart.date() for d in plan.delegations)
    else:
        moments = list(_plan_moments(plan))
        if not moments:
            return []
        first, last = min(moments).date(), max(moments).date()
    return date_range(first, last)


def plan_axis(plan: Plan) -> TimeAxis:
    """A time axis whose origin is the earliest date anything in the plan happens."""
    moments = [d.arrive for d in plan.delegations] + list(_plan_moments(plan))
    origin = min(moments).date() if moments else date(2000, 1, 1)
    return TimeAxis(plan.timezone, origin)


def _plan_moments(plan: Plan) -> Iterator[datetime]:
    people: tuple[Host | Interpreter, ...] = (*plan.hosts, *plan.interpreters)
    for person in people:
        for window in (*person.available, *person.unavailable):
            yield window.start
            yield window.end
    for event in plan.fixed:
        yield event.start
        yield event.end
    for pin in plan.pinned:
        yield pin.start


def date_range(first: date, last: date) -> list[date]:
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


# --- availability as integer intervals ----------------------------------------------------


def day_windows(axis: TimeAxis, dates: list[date], day: DayWindow) -> list[Interval]:
    return [(axis.at(d, day.start), axis.at(d, day.end)) for d in dates if day.end > day.start]


def delegation_availability(plan: Plan, axis: TimeAxis, delegation_id: str) -> list[Interval]:
    """Inside [arrive, depart], inside its day window on each date, outside `unavailable`."""
    delegation = plan.delegation(delegation_id)
    dates = date_range(delegation.arrive.date(), delegation.depart.date())
    days = day_windows(axis, dates, delegation.day or plan.day)
    stay = [(axis.minute(delegation.arrive), axis.minute(delegation.depart))]
    busy = [axis.window(w) for w in delegation.unavailable]
    return subtract(intersect(days, stay), busy)


def person_availability(
    plan: Plan, axis: TimeAxis, person_id: str, dates: list[date] | None = None
) -> list[Interval]:
    """A host or interpreter: its `available` windows if any, else the plan's day on every visit date.

    `dates`: `visit_dates(plan)` when the caller has it already (it looks at every delegation)."""
    person = _host_or_interpreter(plan, person_id)
    if person.available:
        free = normalise([axis.window(w) for w in person.available])
    else:
        free = day_windows(axis, visit_dates(plan) if dates is None else dates, plan.day)
    return subtract(free, [axis.window(w) for w in person.unavailable])


def availability(
    plan: Plan, axis: TimeAxis, participant_id: str, dates: list[date] | None = None
) -> list[Interval]:
    """The free time of any participant (delegation, host or interpreter) as sorted intervals."""
    try:
        plan.delegation(participant_id)
    except KeyError:
        return person_availability(plan, axis, participant_id, dates)
    return delegation_availability(plan, axis, participant_id)


def _host_or_interpreter(plan: Plan, person_id: str) -> Host | Interpreter:
    try:
        return plan.host(person_id)
    except KeyError:
        return plan.interpreter(person_id)


# --- interval arithmetic on sorted, disjoint lists ----------------------------------------


def normalise(intervals: list[Interval]) -> list[Interval]:
    """Sorted, disjoint, non-empty; touching intervals are merged."""
    merged: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def intersect(first: list[Interval], second: list[Interval]) -> list[Interval]:
    """The time in both: one merge of the two normalised lists, linear after the sort."""
    a, b = _normalised(first), _normalised(second)
    result: list[Interval] = []
    if not a or not b:
        return result
    i = j = 0
    (a_start, a_end), (b_start, b_end) = a[0], b[0]
    while True:
        start = a_start if a_start > b_start else b_start
        if a_end <= b_end:
            if a_end > start:
                result.append((start, a_end))
            i += 1
            if i == len(a):
                return result
            a_start, a_end = a[i]
        else:
            if b_end > start:
                result.append((start, b_end))
            j += 1
            if j == len(b):
                return result
            b_start, b_end = b[j]


def _normalised(intervals: list[Interval]) -> list[Interval]:
    """`normalise`, skipping the sort for a list that already is (as every computed one is)."""
    previous = None
    for start, end in intervals:
        if end <= start or (previous is not None and start <= previous):
            return normalise(intervals)
        previous = end
    return intervals


def subtract(base: list[Interval], removed: list[Interval]) -> list[Interval]:
    """The time in `base` and not in `removed`: one sweep over both normalised lists."""
    cuts = _normalised(removed)
    result: list[Interval] = []
    j = 0
    for start, end in _normalised(base):
        while j < len(cuts) and cuts[j][1] <= start:
            j += 1  # cuts ending before this interval cannot touch any later one either
        k = j
        while k < len(cuts) and cuts[k][0] < end:
            if cuts[k][0] > start:
                result.append((start, cuts[k][0]))
            start = max(start, cuts[k][1])
            k += 1
        if end > start:
            result.append((start, end))
    return result


def covers(intervals: list[Interval], start: int, end: int) -> bool:
    """True when [start, end) lies inside one of the intervals."""
    return any(s <= start and end <= e for s, e in intervals)
