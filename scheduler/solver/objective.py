"""The objective of DESIGN.md as a sequence of stages, each optimised with the previous ones held.

Stage 1 maximises the priority score: sum over priorities of weight x meetings scheduled, with
    w(low) = 1, w(normal) = (L+1), w(high) = (N+1)(L+1), w(must) = (H+1)(N+1)(L+1)
where L, N, H are the numbers of low, normal and high requests. All meetings of the lower classes
together weigh at most w(c) - 1 for a class c: for high, N(L+1) + L = (N+1)(L+1) - 1, and the same
telescoping sum for must. One meeting of a higher class thus outweighs any number of lower ones, so
the score orders schedules exactly lexicographically by (must, high, normal, low), and it can be
recomputed from Objective.scheduled/requested alone (`criteria.priority_score`). The stages after it:
more optional hosts attending, less delegation travel, less idle time in a day, earlier starts.
"""

from __future__ import annotations

from datetime import date, time
from itertools import pairwise
from typing import Any

from ortools.sat.python import cp_model

from scheduler.criteria import priority_weights
from scheduler.model import Delegation
from scheduler.solver.extract import route_minutes
from scheduler.solver.variables import Variables

MAX_TRAVEL_ARCS = 150_000
"""Above this many sequencing arcs the travel stage is skipped: the model would outgrow the machine."""


def scheduled_term(v: Variables, requested: dict[str, int]) -> cp_model.LinearExpr | int:
    weights = priority_weights(requested)
    return sum(weights[v.candidates[rid].request.priority] * lit for rid, lit in v.presence.items())


def attendance_term(v: Variables) -> cp_model.LinearExpr | int:
    return sum(lit for (rid, who), lit in v.attends.items() if who in v.candidates[rid].optional)


def earliness_term(v: Variables) -> cp_model.LinearExpr | int:
    """Minutes after each request's first possible start, for requests without a date preference."""
    terms = []
    for rid, start in v.start.items():
        request = v.candidates[rid].request
        if request.earliest is None and request.latest is None:
            terms.append(start - v.candidates[rid].starts[0])
    return sum(terms)


def idle_term(v: Variables) -> cp_model.LinearExpr | int:
    """Per delegation and date: last end - first start - minutes in meetings and fixed events.

    The new first/last variables are hinted from the current schedule (`v.current`).
    """
    terms = []
    for delegation in v.facts.plan.delegations:
        for day, members in _days_of(v, delegation.id).items():
            low = v.facts.at(day, time(0))
            first, last = (
                v.model.new_int_var(low, low + 26 * 60, ""),
                v.model.new_int_var(low, low + 26 * 60, ""),
            )
            v.model.add(first <= last)
            for rid in members:
                v.model.add(first <= v.start[rid]).only_enforce_if(v.on_day[rid][day])
                v.model.add(last >= v.end(rid)).only_enforce_if(v.on_day[rid][day])
            events = _events_on(v, delegation.id, day)
            for event in events:
                v.model.add(first <= event.start)
                v.model.add(last >= event.end)
            meetings = sum(v.candidates[rid].minutes * v.on_day[rid][day] for rid in members)
            idle = last - first - meetings - _covered(events)  # time at a fixed event is not idle either
            v.model.add(idle >= 0)  # redundant: meetings and events never overlap
            terms.append(idle)
            _bound_span(v, delegation.id, day, members, last - first)
            _bound_by_lunch(v, delegation.id, day, members, first, last)
            spans = [(e.start, e.end) for e in events] + [
                (v.current[r].start, v.current[r].end) for r in members if _on(v, r, day)
            ]
            v.model.add_hint(first, min((a for a, _ in spans), default=low))
            v.model.add_hint(last, max((b for _, b in spans), default=low))
    return sum(terms)


def _covered(events) -> int:
    """Minutes inside at least one of the events."""
    total, reach = 0, None
    for event in sorted(events, key=lambda e: e.start):
        begin = event.start if reach is None else max(event.start, reach)
        total += max(0, event.end - begin)
        reach = event.end if reach is None else max(reach, event.end)
    return total


def _bound_span(v: Variables, delegation_id: str, day: date, members: list[str], span) -> None:
    """Redundant, for the LP: the span covers the meetings of the day (they never overlap), and where a
    travel circuit exists, every step of it (a stop's length and the leg to the next stop)."""
    gaps = v.gaps.get((delegation_id, day))
    if gaps is None:
        v.model.add(span >= sum(v.candidates[r].minutes * v.on_day[r][day] for r in members))
    else:
        v.model.add(span >= sum(minutes * arc for minutes, arc in gaps))


def _bound_by_lunch(v: Variables, delegation_id: str, day: date, members: list[str], first, last) -> None:
    """Redundant: the lunch block, where one is due, lies before the day's first start, after its last
    end, or between them, and then the span holds it as well as the meetings (which never overlap it)."""
    lunch = v.lunch.get((delegation_id, day))
    if lunch is None:
        return
    lunch_rule = v.facts.plan.lunch
    assert lunch_rule is not None  # lunch variables exist only under a lunch rule
    model, minutes = v.model, lunch_rule.minutes
    before, inside, after = (model.new_bool_var("") for _ in range(3))
    model.add(before + inside + after == v.lunch_present[(delegation_id, day)])
    model.add(lunch + minutes <= first).only_enforce_if(before)
    model.add(lunch >= last).only_enforce_if(after)
    meetings = sum(v.candidates[r].minutes * v.on_day[r][day] for r in members)
    model.add(last - first >= meetings + minutes * inside)


def _on(v: Variables, rid: str, day: date) -> bool:
    """Is `rid` on `day` in the current schedule?"""
    return rid in v.current and v.facts.date_of(v.current[rid].start) == day


def _days_of(v: Variables, delegation_id: str) -> dict[date, list[str]]:
    days: dict[date, list[str]] = {}
    for part in v.parts.get(delegation_id, []):
        for day in v.on_day[part.request]:
            days.setdefault(day, []).append(part.request)
    return days


def _events_on(v: Variables, who: str, day: date):
    return [e for e in v.facts.fixed.get(who, ()) if v.facts.date_of(e.start) == day]


def travel_term(v: Variables) -> cp_model.LinearExpr | int | None:
    """Delegation travel minutes, exactly: a circuit per delegation and date through its meetings,
    its fixed events and its hotel (the depot); an arc i -> j means j follows i, with travel between."""
    plans = [
        (d, day, members) for d in v.facts.plan.delegations for day, members in _days_of(v, d.id).items()
    ]
    if sum((len(m) + 2) ** 2 for _, _, m in plans) > MAX_TRAVEL_ARCS:
        return None
    terms: list[cp_model.LinearExpr] = []
    for delegation, day, members in plans:
        terms.extend(_day_circuit(v, delegation, day, members))
    return sum(terms) + _travel_without_meetings(v)


def _travel_without_meetings(v: Variables) -> int:
    """The fixed travel of dates where a delegation has fixed events and can have no meeting."""
    total = 0
    for delegation in v.facts.plan.delegations:
        meeting_days = _days_of(v, delegation.id)
        by_day: dict[date, list] = {}
        for event in v.facts.fixed.get(delegation.id, ()):
            if v.facts.date_of(event.start) not in meeting_days:
                by_day.setdefault(v.facts.date_of(event.start), []).append(event)
        for events in by_day.values():
            venues = [e.venue for e in sorted(events, key=lambda e: e.start)]
            total += route_minutes(v.facts, delegation.hotel, venues)
    return total


def _day_circuit(
    v: Variables, delegation: Delegation, day: date, members: list[str]
) -> list[cp_model.LinearExpr]:
    travel, model, hotel = v.facts.travel, v.model, delegation.hotel
    events = _events_on(v, delegation.id, day)
    # A stop: (venue, start expr, end expr, presence literal (None: fixed event), earliest, latest start).
    # Start and end are expressions for a meeting, numbers for a fixed event (the code below relies on it).
    stops: list[tuple[str | None, Any, Any, cp_model.IntVar | None, int, int]] = []
    for r in members:
        starts = v.starts_on(r, day)
        stops.append((v.candidates[r].venue, v.start[r], v.end(r), v.on_day[r][day], starts[0], starts[-1]))
    stops += [(e.venue, e.start, e.end, None, e.start, e.start) for e in events]
    if len({s[0] for s in stops} | ({hotel} if hotel else set())) < 2:
        return []
    arcs, terms, gaps = {}, [], []
    if not events:
        arcs[(0, 0)] = model.new_bool_var("")
        for r in members:
            model.add_implication(v.on_day[r][day], ~arcs[(0, 0)])
    for i, (venue, start, end, present, earliest, _) in enumerate(stops, start=1):
        arcs[(i, 0)], arcs[(0, i)] = model.new_bool_var(""), model.new_bool_var("")
        terms += [travel.minutes(venue, hotel) * arcs[(i, 0)], travel.minutes(hotel, venue) * arcs[(0, i)]]
        length = end - start if present is None else v.candidates[members[i - 1]].minutes
        gaps.append((length, arcs[(i, 0)]))
        for k, (other, o_start, _, o_present, _, o_latest) in enumerate(stops, start=1):
            leg = travel.minutes(venue, other)
            if k == i or (present is None and o_present is None and o_start < start):
                continue
            if (present is not None or o_present is not None) and earliest + length + leg > o_latest:
                continue  # i can never come before k on this day
            arcs[(i, k)] = model.new_bool_var("")
            if present is not None or o_present is not None:
                model.add(end + leg <= o_start).only_enforce_if(arcs[(i, k)])
                gaps.append((length + leg, arcs[(i, k)]))
            else:  # two fixed events: the next starts a known number of minutes later
                gaps.append((o_start - start, arcs[(i, k)]))
            terms.append(leg * arcs[(i, k)])
    v.gaps[(delegation.id, day)] = gaps
    _hint_route(v, day, members, events, arcs)
    loops = [(i, i, ~stop[3]) for i, stop in enumerate(stops, start=1) if stop[3] is not None]
    model.add_circuit([*((i, k, literal) for (i, k), literal in arcs.items()), *loops])
    return terms


def _hint_route(v: Variables, day: date, members: list[str], events, arcs: dict) -> None:
    """Hint the arcs of the current schedule's order of the day: hotel, stops by start time, hotel."""
    visited = [(v.current[r].start, i) for i, r in enumerate(members, start=1) if _on(v, r, day)]
    visited += [(e.start, len(members) + j) for j, e in enumerate(events, start=1)]
    order = [0] + [i for _, i in sorted(visited)] + ([0] if visited else [])
    used = set(pairwise(order)) if visited else {(0, 0)}
    for pair, literal in arcs.items():
        v.model.add_hint(literal, pair in used)
