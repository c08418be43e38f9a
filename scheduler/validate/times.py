"""Checks of the plan's times: every window runs forwards, pins sit on the slot grid; a window on
no date of the visits is a warning and ignored (a whole week of availability for a four-day visit).
Dates are written the way a programme writes them: 22 April 2024, 09:00."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scheduler.model import SLOT_SIZES, Lunch, Plan
from scheduler.problems import WARNING, Problem
from scheduler.timeaxis import TimeAxis, plan_axis
from scheduler.validate.free import check_free_time
from scheduler.validate.values import field_names
from scheduler.validate.words import as_moment, say_clock, say_dates, say_moment, say_window, visits

FIRST_YEAR, LAST_YEAR = 1900, 2199
MAX_PLAN_DAYS = 366


def check_times(plan: Plan, sound: set[int]) -> list[Problem]:
    """`sound` holds the requests clean enough for the availability checks."""
    unplaceable = [*_zone(plan), *_years(plan)]
    if unplaceable:
        return unplaceable + _order(plan)  # the dates cannot be laid on a time axis
    problems = _order(plan)
    span = _span(plan)
    outside = _outside_visits(plan)
    problems += span + outside
    if span or plan.slot_minutes not in SLOT_SIZES:
        return problems
    axis = plan_axis(plan)
    problems += _pins(plan, axis)
    if any(p.path[0] in ("day", "lunch") for p in problems):
        return problems  # everyone's free time depends on the working day
    index = {request.id: i for i, request in reversed(list(enumerate(plan.requests)))}
    pinned = [p.path[1] for p in problems if p.path[0] == "pinned"]  # ("pinned", index, ...)
    troubled: set[int | str | None] = {
        index.get(plan.pinned[i].request) for i in pinned if isinstance(i, int)
    }
    troubled |= {p.path[1] for p in problems if p.path[0] == "requests"}
    quiet = {p.path[:2] for p in problems if p.is_error} | _never_during_visits(plan, outside)
    return problems + check_free_time(plan, axis, sound - troubled, quiet)


def _zone(plan: Plan) -> list[Problem]:
    try:
        ZoneInfo(plan.timezone)
        return []
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return [Problem(("timezone",), plan.timezone, "an IANA time zone such as Europe/Brussels")]


def _years(plan: Plan) -> list[Problem]:
    expected = f"a date between the years {FIRST_YEAR} and {LAST_YEAR}"
    return [
        Problem(path, say_moment(moment), expected)
        for path, moment in _moments(plan, ())
        if not FIRST_YEAR <= moment.year <= LAST_YEAR
    ]


def _moments(value, path):
    """Every date and date-time in the plan with its path."""
    names = field_names(type(value))
    if names is not None:
        for field, key in names:
            yield from _moments(getattr(value, field), (*path, key))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _moments(item, (*path, i))
    elif isinstance(value, date):
        yield path, value


def _order(plan: Plan) -> list[Problem]:
    """Every window, day, lunch, stay and earliest/latest ends after it starts."""
    problems = []
    for key in ("hosts", "delegations", "interpreters"):
        for i, person in enumerate(getattr(plan, key)):
            for kind in ("available", "unavailable"):
                for j, window in enumerate(getattr(person, kind, ())):
                    problems += _forwards((key, i, kind, j), window.start, window.end)
    for i, event in enumerate(plan.fixed):
        problems += _forwards(("fixed", i), event.start, event.end)
    problems += _day(("day",), plan.day)
    for i, delegation in enumerate(plan.delegations):
        if delegation.day is not None:
            problems += _day(("delegations", i, "day"), delegation.day)
        if delegation.depart <= delegation.arrive:
            expected = f"a departure after the arrival ({say_moment(delegation.arrive)})"
            problems.append(Problem(("delegations", i, "depart"), say_moment(delegation.depart), expected))
    if plan.lunch is not None:
        problems += _lunch(plan.lunch)
    for i, request in enumerate(plan.requests):
        if request.earliest is not None and request.latest is not None:
            first, last = as_moment(request.earliest), as_moment(request.latest, end=True)
            if last <= first:
                expected = f"a latest date after the earliest ({say_moment(request.earliest)})"
                problems.append(Problem(("requests", i, "latest"), say_moment(request.latest), expected))
    return problems


def _forwards(path, start: datetime, end: datetime) -> list[Problem]:
    if end > start:
        return []
    return [Problem((*path, "end"), say_moment(end), f"an end after the start ({say_moment(start)})")]


def _day(path, day) -> list[Problem]:
    if day.end > day.start:
        return []
    expected = f"an end of the working day after its start ({say_clock(day.start)})"
    return [Problem((*path, "end"), say_clock(day.end), expected)]


def _lunch(lunch: Lunch) -> list[Problem]:
    if lunch.latest <= lunch.earliest:
        expected = f"a latest end of lunch after its earliest start ({say_clock(lunch.earliest)})"
        return [Problem(("lunch", "latest"), say_clock(lunch.latest), expected)]
    room = _minutes_between(lunch.earliest, lunch.latest)
    if lunch.minutes <= 0:
        return [Problem(("lunch", "minutes"), lunch.minutes, "a lunch break of at least 1 minute")]
    if lunch.minutes > room:
        span = f"{say_clock(lunch.earliest)}-{say_clock(lunch.latest)}"
        expected = f"at most {room} minutes, the time from earliest to latest ({span})"
        return [Problem(("lunch", "minutes"), lunch.minutes, expected)]
    return []


def _minutes_between(start: time, end: time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def _outside_visits(plan: Plan) -> list[Problem]:
    """Windows entirely outside the visits: a whole week of availability for a shorter visit, or a
    mistyped date. No meeting with a delegation can use them, so they are warned of and ignored;
    only a person who also has meetings without delegations (a hosts' briefing) may use them."""
    if not plan.delegations:
        return []
    stays = visits(plan)
    one = len(stays) == 1
    expected = "a window during the visit" if one else "a window during one of the visits"
    expected += f" ({', '.join(say_dates(first, last) for first, last in stays)}); it is ignored"
    internal = {r.interpreter for r in plan.requests if not r.delegations}
    internal |= {h for r in plan.requests if not r.delegations for h in (*r.hosts, *r.optional_hosts)}
    problems = []
    for key in ("hosts", "interpreters"):
        for i, person in enumerate(getattr(plan, key)):
            if person.id in internal:
                continue
            for kind in ("available", "unavailable"):
                for j, window in enumerate(getattr(person, kind)):
                    if window.end > window.start and not _meets(window, stays):
                        problems.append(Problem((key, i, kind, j), say_window(window), expected, WARNING))
    for i, delegation in enumerate(plan.delegations):
        stay = [(delegation.arrive.date(), delegation.depart.date())]
        own = f"a window during the delegation's stay ({say_dates(*stay[0])}); it is ignored"
        for j, window in enumerate(delegation.unavailable if delegation.depart > delegation.arrive else ()):
            if window.end > window.start and not _meets(window, stay):
                path = ("delegations", i, "unavailable", j)
                problems.append(Problem(path, say_window(window), own, WARNING))
    return problems


def _never_during_visits(plan: Plan, outside: list[Problem]) -> set[tuple]:
    """The hosts and interpreters whose every `available` window was ignored: never free while the
    delegations are here. Their windows' warnings say so; their requests are not warned of again."""
    ignored = {p.path for p in outside}
    return {
        (key, i)
        for key in ("hosts", "interpreters")
        for i, person in enumerate(getattr(plan, key))
        if person.available and all((key, i, "available", j) in ignored for j in range(len(person.available)))
    }


def _meets(window, stays: list[tuple[date, date]]) -> bool:
    first, last = window.start.date(), (window.end - timedelta(seconds=1)).date()
    return any(first <= stay_last and last >= stay_first for stay_first, stay_last in stays)


def _span(plan: Plan) -> list[Problem]:
    """A plan reaching over more than a year is a typo, and would make every check crawl."""
    if plan.delegations:
        first = min(d.arrive for d in plan.delegations)
        last = max(range(len(plan.delegations)), key=lambda i: plan.delegations[i].depart)
        path, moment = ("delegations", last, "depart"), plan.delegations[last].depart
    else:
        found = [
            (p, m) for p, m in _moments(plan, ()) if p[0] in ("hosts", "interpreters", "fixed", "pinned")
        ]
        if not found:
            return []
        first = min(m for _, m in found)
        path, moment = max(found, key=lambda item: item[1])
    if (moment - first).days <= MAX_PLAN_DAYS:
        return []
    expected = f"a date within a year of the plan's first date ({say_moment(first)})"
    return [Problem(path, say_moment(moment), expected)]


def _pins(plan: Plan, axis: TimeAxis) -> list[Problem]:
    problems = []
    requests = {request.id: request for request in reversed(plan.requests)}
    for i, pin in enumerate(plan.pinned):
        path, shown = ("pinned", i, "start"), say_moment(pin.start)
        if not axis.exists(pin.start):
            expected = f"a time that exists: the clocks skip it in {plan.timezone} that night"
            problems.append(Problem(path, shown, expected))
            continue
        of_day = pin.start.hour * 60 + pin.start.minute
        if of_day % plan.slot_minutes or pin.start.second:
            before = of_day - of_day % plan.slot_minutes
            nearest = (before, (before + plan.slot_minutes) % (24 * 60))
            choices = " or ".join(say_clock(time(m // 60, m % 60)) for m in nearest)
            expected = f"a start on the {plan.slot_minutes}-minute grid, such as {choices}"
            problems.append(Problem(path, shown, expected))
            continue
        request = requests.get(pin.request)
        if request is not None and not _inside(axis, pin.start, request):
            expected = f"a start within the request's earliest and latest: {_bounds_text(request)}"
            problems.append(Problem(path, shown, expected))
    return problems


def _inside(axis: TimeAxis, start: datetime, request) -> bool:
    begin = axis.minute(start)
    low = axis.minute(as_moment(request.earliest)) if request.earliest is not None else begin
    high = axis.minute(as_moment(request.latest, end=True)) if request.latest is not None else None
    return low <= begin and (high is None or begin + request.minutes <= high)


def _bounds_text(request) -> str:
    parts = []
    if request.earliest is not None:
        parts.append(f"not before {say_moment(request.earliest)}")
    if isinstance(request.latest, datetime):
        parts.append(f"ending by {say_moment(request.latest)}")
    elif request.latest is not None:
        parts.append(f"ending on {say_moment(request.latest)} at the latest")
    return ", ".join(parts)
