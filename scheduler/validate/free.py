"""Checks that need everyone's free time (DESIGN rule 2, on the DST-safe time axis): a meeting
longer than a participant is ever free, a meeting its participants can never attend together,
a host or interpreter never available while the delegations are here. All are warnings: such a
request is left unscheduled with its reason, and the rest of the plan is solved."""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, datetime, time, timedelta

from scheduler.model import INTERPRETER_AUTO, INTERPRETER_NONE, Plan, Request, Window
from scheduler.problems import WARNING, Problem
from scheduler.timeaxis import Interval, TimeAxis, availability, intersect, subtract, visit_dates
from scheduler.validate.words import as_moment, say_dates, say_moment, say_visits, say_window, visits


def check_free_time(plan: Plan, axis: TimeAxis, sound: set[int], quiet: set[tuple]) -> list[Problem]:
    """`sound`: requests clean enough to look at; `quiet`: (collection, index) pairs already reported."""
    free = FreeTime(plan, axis)
    problems = _idle_people(plan, free, quiet)
    pins: dict[str, datetime] = {}
    for pin in plan.pinned:
        pins.setdefault(pin.request, pin.start)
    reported = {
        getattr(plan, key)[i].id for key, i in quiet if key in ("hosts", "delegations", "interpreters")
    }
    for i in sorted(sound):
        request = plan.requests[i]
        if request.minutes > 0 and not reported & {person for _, person in required(request)}:
            problems += _request(plan, free, i, request, pins.get(request.id))
    return problems


class FreeTime:
    """Each participant's free time, computed once."""

    def __init__(self, plan: Plan, axis: TimeAxis):
        self.plan, self.axis = plan, axis
        self._free: dict[str, list[Interval]] = {}
        self._during: dict[str, list[Interval]] = {}
        self._grid: dict[date, list[int]] = {}
        self._dates = visit_dates(plan)
        midnight = time(0)
        self._visit_days = [
            (axis.at(first, midnight), axis.at(last + timedelta(days=1), midnight))
            for first, last in visits(plan)
        ]
        self._fixed: dict[str, list[Interval]] = {}
        for event in plan.fixed:
            interval = (axis.minute(event.start), axis.minute(event.end))
            for person in {*event.delegations, *event.hosts, *event.interpreters}:
                self._fixed.setdefault(person, []).append(interval)

    def of(self, participant: str) -> list[Interval]:
        if participant not in self._free:
            self._free[participant] = availability(self.plan, self.axis, participant, self._dates)
        return self._free[participant]

    def during_visits(self, participant: str) -> list[Interval]:
        """Free time on the dates of the visits: a window on another date is ignored for a meeting
        with a delegation, so it is not the longest time anyone is free for one."""
        if participant not in self._during:
            self._during[participant] = intersect(self.of(participant), self._visit_days)
        return self._during[participant]

    def busy(self, participants: list[str]) -> list[Interval]:
        """The fixed events any of them attends: given times nobody can meet elsewhere."""
        return [interval for person in set(participants) for interval in self._fixed.get(person, ())]

    def slot_starts(self, day: date) -> list[int]:
        if day not in self._grid:
            self._grid[day] = self.axis.slot_starts(day, self.plan.slot_minutes)
        return self._grid[day]

    def say(self, interval: Interval) -> str:
        return say_window(Window(self.axis.wall(interval[0]), self.axis.wall(interval[1])))


def _idle_people(plan: Plan, free: FreeTime, quiet: set[tuple]) -> list[Problem]:
    dates = visit_dates(plan)
    if not dates:
        return []
    if plan.delegations:
        during = f"during the visit{'s' if len(visits(plan)) > 1 else ''} ({say_visits(plan)})"
    else:
        during = f"from {say_dates(dates[0], dates[-1])}"
    problems = []
    for key, kind in (("hosts", "host"), ("interpreters", "interpreter")):
        for i, person in enumerate(getattr(plan, key)):
            if (key, i) not in quiet and not free.of(person.id):
                expected = f"some free time {during}; this {kind} has none"
                problems.append(Problem((key, i), person.id, expected, WARNING))
    return problems


def required(request: Request) -> list[tuple[str, str]]:
    """The participants a request cannot take place without, as (kind, id)."""
    found = [("delegation", d) for d in request.delegations] + [("host", h) for h in request.hosts]
    if request.interpreter not in (INTERPRETER_AUTO, INTERPRETER_NONE):
        found.append(("interpreter", request.interpreter))
    return found


def _request(plan: Plan, free: FreeTime, i: int, request: Request, pin: datetime | None) -> list[Problem]:
    people = required(request)
    if not people:
        return []  # reported already: a meeting needs someone to attend
    usable = free.during_visits if request.delegations else free.of
    stretches = []
    for kind, person in people:
        if usable(person):
            longest = max(usable(person), key=lambda interval: interval[1] - interval[0])
            stretches.append((longest[1] - longest[0], f"{kind} {person}", longest))
    if stretches:
        length, who, longest = min(stretches)
        if request.minutes > length:
            expected = (
                f"a length of at most {length} minutes, the longest time {who} is free "
                f"({free.say(longest)}); the request is left unscheduled"
            )
            return [Problem(("requests", i, "minutes"), request.minutes, expected, WARNING)]
    common = _common(free, request, [person for _, person in people])
    if _first_start(free, common, request.minutes, pin) is not None:
        return []
    names = _names([f"{kind} {person}" for kind, person in people])
    all_free = {1: "is free", 2: "are both free"}.get(len(people), "are all free")
    if pin is not None:
        not_free = "is not" if len(people) == 1 else "they are not"
        expected = (
            f"a pinned start when {names} {all_free} for {request.minutes} minutes; "
            f"at {say_moment(pin)} {not_free}"
        )
    else:
        expected = (
            f"a time when {names} {all_free} for {request.minutes} minutes, "
            f"starting on the {plan.slot_minutes}-minute grid{_within(request)}; there is none"
        )
    return [Problem(("requests", i), request.id, expected, WARNING)]


def _common(free: FreeTime, request: Request, people: list[str]) -> list[Interval]:
    common = free.of(people[0])
    for person in people[1:]:
        common = intersect(common, free.of(person))
    common = subtract(common, free.busy(people))
    axis = free.axis
    low = axis.minute(as_moment(request.earliest)) if request.earliest is not None else None
    high = axis.minute(as_moment(request.latest, end=True)) if request.latest is not None else None
    if low is not None or high is not None:
        edge = [s for s, _ in common[:1]] + [e for _, e in common[-1:]]
        low = low if low is not None else min(edge, default=0)
        high = high if high is not None else max(edge, default=0)
        common = intersect(common, [(low, high)])
    return common


def _first_start(free: FreeTime, common: list[Interval], minutes: int, pin) -> int | None:
    """The first slot start from which the meeting fits inside one common free interval."""
    axis = free.axis
    if pin is not None:
        start = axis.minute(pin)
        return start if any(s <= start and start + minutes <= e for s, e in common) else None
    for begin, end in common:
        day, last = axis.date_of(begin), axis.date_of(end)
        while day <= last:
            grid = free.slot_starts(day)
            k = bisect_left(grid, begin)
            if k < len(grid):  # the first start in the interval; if it does not fit, no later one does
                if grid[k] + minutes <= end:
                    return grid[k]
                break
            day += timedelta(days=1)
    return None


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _within(request: Request) -> str:
    if request.earliest is None and request.latest is None:
        return " during the visit"
    if (
        request.earliest is not None
        and request.earliest == request.latest
        and not isinstance(request.earliest, datetime)
    ):
        return f" on {say_moment(request.earliest)}"
    parts = []
    if request.earliest is not None:
        parts.append(f" from {say_moment(request.earliest)}")
    if request.latest is not None:
        parts.append(f" to {say_moment(request.latest)}")
    return "".join(parts)
