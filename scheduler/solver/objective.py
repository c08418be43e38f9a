"""The objective of DESIGN.md as a sequence of stages, each optimised with the previous ones held.

Stage 1 maximises the priority score: sum over priorities of weight x meetings scheduled, with
    w(low) = 1, w(normal) = (L+1), w(high) = (N+1)(L+1), w(must) = (H+1)(N+1)(L+1)
where L, N, H are the numbers of low, normal and high requests. All meetings of the lower classes
together weigh at most w(c) - 1 for a class c: for high, N(L+1) + L = (N+1)(L+1) - 1, and the same
telescoping sum for must. One meeting of a higher class thus outweighs any number of lower ones, so
the score orders schedules exactly lexicographically by (must, high, normal, low), and it can be
recomputed from Objective.scheduled/requested alone (`priority_score`). The stages after it:
more optional hosts attending, less delegation travel, less idle time in a day, earlier starts.
"""

from __future__ import annotations

from datetime import date, time

from ortools.sat.python import cp_model

from scheduler.model import PRIORITIES
from scheduler.solver.variables import Variables

MAX_TRAVEL_ARCS = 150_000
"""Above this many sequencing arcs the travel stage is skipped: the model would outgrow the machine."""


def priority_weights(requested: dict[str, int]) -> dict[str, int]:
    weights, weight = {}, 1
    for priority in reversed(PRIORITIES):
        weights[priority] = weight
        weight *= requested.get(priority, 0) + 1
    return weights


def priority_score(scheduled: dict[str, int], requested: dict[str, int]) -> int:
    weights = priority_weights(requested)
    return sum(weights[p] * scheduled.get(p, 0) for p in PRIORITIES)


def scheduled_term(v: Variables, requested: dict[str, int]) -> cp_model.LinearExpr:
    weights = priority_weights(requested)
    return sum(weights[v.candidates[rid].request.priority] * lit for rid, lit in v.presence.items())


def attendance_term(v: Variables) -> cp_model.LinearExpr:
    return sum(lit for (rid, who), lit in v.attends.items() if who in v.candidates[rid].optional)


def earliness_term(v: Variables) -> cp_model.LinearExpr:
    """Minutes after each request's first possible start, for requests without a date preference."""
    terms = []
    for rid, start in v.start.items():
        request = v.candidates[rid].request
        if request.earliest is None and request.latest is None:
            terms.append(start - v.candidates[rid].starts[0])
    return sum(terms)


def idle_term(v: Variables) -> cp_model.LinearExpr:
    """Per delegation and date: last end - first start - minutes in meetings (fixed events widen the span)."""
    terms = []
    for delegation in v.facts.plan.delegations:
        days = _days_of(v, delegation.id)
        for day, members in days.items():
            low = v.facts.axis.at(day, time(0))
            high = low + 26 * 60
            first = v.model.new_int_var(low, high, "")
            last = v.model.new_int_var(low, high, "")
            v.model.add(first <= last)
            for rid in members:
                v.model.add(first <= v.start[rid]).only_enforce_if(v.on_day[rid][day])
                v.model.add(last >= v.end(rid)).only_enforce_if(v.on_day[rid][day])
                terms.append(-v.candidates[rid].minutes * v.on_day[rid][day])
            for event in _events_on(v, delegation.id, day):
                v.model.add(first <= event.start)
                v.model.add(last >= event.end)
            terms.append(last - first)
    return sum(terms)


def _days_of(v: Variables, delegation_id: str) -> dict[date, list[str]]:
    days: dict[date, list[str]] = {}
    for part in v.parts.get(delegation_id, []):
        for day in v.on_day[part.request]:
            days.setdefault(day, []).append(part.request)
    return days


def _events_on(v: Variables, who: str, day: date):
    return [e for e in v.facts.fixed.get(who, ()) if v.facts.axis.date_of(e.start) == day]


def travel_term(v: Variables) -> cp_model.LinearExpr | None:
    """Delegation travel minutes, exactly: a circuit per delegation and date through its meetings,
    its fixed events and its hotel (the depot); an arc i -> j means j follows i, with travel between."""
    plans = [
        (d, day, members) for d in v.facts.plan.delegations for day, members in _days_of(v, d.id).items()
    ]
    if sum((len(m) + 2) ** 2 for _, _, m in plans) > MAX_TRAVEL_ARCS:
        return None
    terms = []
    for delegation, day, members in plans:
        terms.extend(_day_circuit(v, delegation, day, members))
    return sum(terms)


def _day_circuit(v: Variables, delegation, day: date, members: list[str]) -> list:
    travel, model, hotel = v.facts.travel, v.model, delegation.hotel
    events = _events_on(v, delegation.id, day)
    # A stop: (venue, start expression, end expression, presence literal or None for a fixed event).
    stops = [(v.candidates[r].venue, v.start[r], v.end(r), v.on_day[r][day]) for r in members]
    stops += [(e.venue, e.start, e.end, None) for e in events]
    venues = {s[0] for s in stops} | ({hotel} if hotel else set())
    if len(venues) < 2:
        return []
    arcs, terms = [], []
    depot_loop = model.new_bool_var("") if not events else None
    if depot_loop is not None:
        arcs.append((0, 0, depot_loop))
        for r in members:
            model.add_implication(v.on_day[r][day], ~depot_loop)
    for i, (venue, start, end, present) in enumerate(stops, start=1):
        if present is not None:
            arcs.append((i, i, ~present))
        home, away = model.new_bool_var(""), model.new_bool_var("")
        arcs += [(i, 0, home), (0, i, away)]
        terms += [travel.minutes(venue, hotel) * home, travel.minutes(hotel, venue) * away]
        for k, (other, o_start, _, o_present) in enumerate(stops, start=1):
            if k == i or (present is None and o_present is None and o_start < start):
                continue
            leg = travel.minutes(venue, other)
            arc = model.new_bool_var("")
            arcs.append((i, k, arc))
            if present is not None or o_present is not None:
                model.add(end + leg <= o_start).only_enforce_if(arc)
            if leg:
                terms.append(leg * arc)
    model.add_circuit(arcs)
    return terms
