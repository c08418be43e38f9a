"""Causes that keep a request out whatever else is scheduled: no common window, outside the visit,
no interpreter, room too small, fixed events, hotel journeys, lunch; and why a pinned start cannot hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from scheduler.interpretation import parties_languages
from scheduler.solver.candidates import Candidate, room_blocked, room_capacity
from scheduler.solver.facts import PlanFacts
from scheduler.solver.words import (
    day_text,
    days_text,
    language_pair,
    listed,
    moment_text,
    span_text,
    venue_text,
    who,
)
from scheduler.timeaxis import Interval, intersect


def static_reasons(facts: PlanFacts, candidate: Candidate) -> list[str]:
    reasons = []
    if room_blocked(facts, candidate):
        reasons.append(room_reason(facts, candidate))
    if candidate.needs_interpreter and not candidate.interpreters:
        reasons.append(no_interpreter_reason(facts, candidate))
    return reasons or time_reasons(facts, candidate)


def room_reason(facts: PlanFacts, candidate: Candidate) -> str:
    assert candidate.venue is not None  # only a meeting at a venue can find its rooms blocked
    venue = facts.plan.venue(candidate.venue)
    if isinstance(venue.rooms, int) and venue.rooms < 1:
        return f"{venue.name} has no room"
    sizes = [room_capacity(venue, r.id) for r in (venue.rooms if not isinstance(venue.rooms, int) else ())]
    capacity = venue.capacity if isinstance(venue.rooms, int) else max(s or 0 for s in sizes)
    return f"room too small: {candidate.persons} persons, the largest room of {venue.name} holds {capacity}"


def no_interpreter_reason(facts: PlanFacts, candidate: Candidate) -> str:
    request = candidate.request
    pair = language_pair(parties_languages(facts.plan, request))
    if request.interpreter == "none":
        return f"no common language ({pair}) and the request asks for no interpreter"
    if request.interpreter != "auto":
        return f"interpreter {who(facts.plan, request.interpreter)} does not speak {pair}"
    return f"no interpreter for {pair} in the plan"


def _long_enough(windows: list[Interval], minutes: int) -> list[Interval]:
    return [w for w in windows if w[1] - w[0] >= minutes]


def _windows_text(facts: PlanFacts, windows: list[Interval], focus: Sequence[Interval] = ()) -> str:
    """Up to three windows in full, else their days; with `focus` (the other side's windows), also
    the windows on the days the other side is free, in full, where they are few."""
    if len(windows) <= 3:
        return listed([span_text(facts.axis, w) for w in windows])
    days = "on " + days_text([facts.date_of(w[0]) for w in windows])
    shared = {facts.date_of(w[0]) for w in focus}
    close = [w for w in windows if facts.date_of(w[0]) in shared]
    if close and len(close) <= 3:
        days += f" ({listed([span_text(facts.axis, w) for w in close])})"
    return days


def time_reasons(facts: PlanFacts, candidate: Candidate) -> list[str]:
    request, minutes, plan = candidate.request, candidate.minutes, facts.plan
    bounds = [facts.date_bounds(request)]
    for person in candidate.required:
        own = _long_enough(intersect(facts.free(person), bounds), minutes)
        if not own:
            anywhere = _long_enough(facts.free(person), minutes)
            if anywhere and (request.earliest or request.latest):
                return [
                    f"{'outside the visit' if person in facts.delegation_ids else 'outside its dates'}: "
                    f"{who(plan, person)} is available {_windows_text(facts, anywhere)}, "
                    f"but the meeting must take place {_bounds_text(facts, candidate)}"
                ]
            return [f"{who(plan, person)} has no free {minutes} minutes during the visit"]
    common = bounds
    for k, person in enumerate(candidate.required):
        joined = _long_enough(intersect(common, facts.free(person)), minutes)
        if not joined:
            others = [who(plan, p) for p in candidate.required[:k]]
            theirs = _long_enough(intersect(bounds, facts.free(person)), minutes)
            return [
                f"no common window: {listed(others)} {'is' if len(others) == 1 else 'are'} free "
                f"{_windows_text(facts, common, theirs)}, but {who(plan, person)} only "
                f"{_windows_text(facts, theirs)}"
            ]
        common = joined
    return _fixed_reasons(facts, candidate, common)


def _bounds_text(facts: PlanFacts, candidate: Candidate) -> str:
    """The request's dates as staff wrote them: "on 23 April", "from 23 April to 25 April", "on 24
    April or later", "from 24 April 10:00" (a date is a whole day; a date-time is that moment)."""
    earliest, latest = candidate.request.earliest, candidate.request.latest
    first_day, last_day = _whole_day(earliest), _whole_day(latest)
    if first_day is not None and last_day is not None and first_day == last_day:
        return f"on {day_text(first_day)}"
    if first_day is not None and latest is None:
        return f"on {day_text(first_day)} or later"
    if last_day is not None and earliest is None:
        return f"on {day_text(last_day)} or earlier"
    low, high = facts.date_bounds(candidate.request)
    parts = []
    if earliest:
        parts.append(
            f"from {day_text(first_day)}" if first_day is not None else f"from {moment_text(facts.axis, low)}"
        )
    if latest:
        parts.append(
            f"to {day_text(last_day)}" if last_day is not None else f"until {moment_text(facts.axis, high)}"
        )
    return " ".join(parts)


def _whole_day(bound: date | datetime | None) -> date | None:
    """A request's bound given as a whole day (a date, not a date-time), else None."""
    return bound if isinstance(bound, date) and not isinstance(bound, datetime) else None


def _fixed_reasons(facts: PlanFacts, candidate: Candidate, common: list[Interval]) -> list[str]:
    """Everyone is free at some time, yet no grid start survives fixed events, hotel legs or interpreters."""
    plan, venue, minutes = facts.plan, candidate.venue, candidate.minutes
    starts = [s for window in common for s in facts.starts_inside(window, minutes)]
    if not starts:
        return [
            f"the common free time is too short for {minutes} minutes on the {plan.slot_minutes}-minute grid"
        ]
    reasons = []
    for person in candidate.required:
        if not any(facts.clear_of_fixed(person, s, s + minutes, venue) for s in starts):
            events = listed(sorted({f'"{e.title}"' for e in facts.fixed.get(person, ())}))
            reasons.append(
                f"{who(plan, person)} is at {events} whenever the others are free, "
                f"counting travel to {venue_text(plan, venue)}"
            )
        elif person in facts.delegation_ids and not any(
            facts.hotel_allows(person, s, s + minutes, venue) for s in starts
        ):
            hotel = plan.delegation(person).hotel
            reasons.append(
                f"{who(plan, person)} cannot travel from its hotel {venue_text(plan, hotel)} to "
                f"{venue_text(plan, venue)} and back within its day when the others are free"
            )
    if reasons:
        return reasons
    reason = _lunch_reason(facts, candidate, starts)
    if reason:
        return [reason]
    clear = [s for s in starts if all(facts.allowed(p, s, s + minutes, venue) for p in candidate.required)]
    if clear and candidate.interpreter_attends:
        pair = language_pair(parties_languages(plan, candidate.request))
        days = days_text([facts.date_of(s) for s in clear])
        return [f"no interpreter for {pair} on {days}"]
    return ["no start time suits everyone once fixed events and travel times are counted"]


def _lunch_reason(facts: PlanFacts, candidate: Candidate, starts: list[int]) -> str | None:
    """Rule 6 alone: at every start left, a delegation would have no lunch block inside its stay."""
    minutes, delegations = candidate.minutes, dict.fromkeys(candidate.request.delegations)
    if not delegations or any(
        all(facts.lunch_allows(d, s, s + minutes) for d in delegations) for s in starts
    ):
        return None
    lunch = facts.plan.lunch
    assert lunch is not None  # without a lunch rule every start allows lunch
    hungry = [d for d in delegations if not all(facts.lunch_allows(d, s, s + minutes) for s in starts)]
    names = listed([who(facts.plan, d) for d in hungry])
    window = f"between {lunch.earliest:%H:%M} and {lunch.latest:%H:%M}"
    return (
        f"it would leave {names} no {lunch.minutes}-minute lunch break {window} at any time everyone is free"
    )


def why_not_at(facts: PlanFacts, candidate: Candidate, start: int) -> str:
    """Why a fixed start (a pin) is impossible before anything else is scheduled."""
    end, plan, venue = start + candidate.minutes, facts.plan, candidate.venue
    if start not in facts.grid(facts.date_of(start)):
        return f"it is not on the {plan.slot_minutes}-minute grid"
    low, high = facts.date_bounds(candidate.request)
    if start < low or end > high:
        return f"the meeting must take place {_bounds_text(facts, candidate)}"
    for person in candidate.required:
        if not any(s <= start and end <= e for s, e in facts.free(person)):
            return f"{who(plan, person)} is not available then"
        if not facts.allowed(person, start, end, venue):
            return f"{who(plan, person)} has a fixed event, or its hotel journey, too close to it"
    static = static_reasons(facts, candidate) if not candidate.starts else []
    if static and (
        room_blocked(facts, candidate) or (candidate.needs_interpreter and not candidate.interpreters)
    ):
        return static[0]
    if candidate.interpreter_attends:
        pair = language_pair(parties_languages(plan, candidate.request))
        return f"no interpreter for {pair} is free on {day_text(facts.date_of(start))} at that time"
    return "it conflicts with the plan's fixed facts"
