"""The hard rules of DESIGN.md as CP-SAT constraints, one `add_<rule>` per family, in DESIGN order.

Reading HARD_RULES is reading the whole problem. Facts fixed in advance (availability, fixed events,
hotel legs, room sizes, the slot grid) are already in each request's start domain; what remains
here is what depends on more than one choice.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from datetime import date

from ortools.sat.python import cp_model

from scheduler.model import Delegation, Host, Interpreter
from scheduler.solver.candidates import room_capacity
from scheduler.solver.lunch_trips import keep_trips_clear
from scheduler.solver.variables import Part, Variables


def add_duration(v: Variables) -> None:
    """Rule 1: the start is a grid start inside [earliest, latest] (its domain), on its date literal's day."""
    for rid in v.presence:
        days = v.on_day.get(rid, {})
        if len(days) > 1:
            v.model.add(sum(days.values()) == v.presence[rid])
            for day, literal in days.items():
                domain = cp_model.Domain.from_values(v.starts_on(rid, day))
                v.model.add_linear_expression_in_domain(v.start[rid], domain).only_enforce_if(literal)
        # An absent request sits at its earliest start, so that "earlier" objectives ignore it.
        v.model.add(v.start[rid] == v.candidates[rid].starts[0]).only_enforce_if(~v.presence[rid])


def add_availability(v: Variables) -> None:
    """Rule 2: optional hosts and interpreters join only a meeting that takes place while they are free."""
    for (rid, who), literal in v.attends.items():
        allowed = sorted(v.candidates[rid].optional_starts[who])
        v.model.add_implication(literal, v.presence[rid])
        if len(allowed) < len(v.candidates[rid].starts):
            domain = cp_model.Domain.from_values(allowed)
            v.model.add_linear_expression_in_domain(v.start[rid], domain).only_enforce_if(literal)


def add_one_place(v: Variables) -> None:
    """Rule 3: nobody is in two places at once, and between venues lies the travel time.

    Pairwise either-or travel precedences are exact for consecutive meetings when travel times obey
    the triangle inequality; otherwise they also ask travel time between non-consecutive meetings,
    which is stricter, never looser, than the rule. Two meetings have one order literal whoever
    attends both (it says which comes first), and each precedence is stated once per set of literals
    that enforce it: on the generated 1,000-request plan, 95,423 order literals were 33,867 pairs.
    """
    orders: dict[tuple[str, str], cp_model.IntVar | None] = {}
    stated: set[tuple[int, int, int]] = set()
    for parts in v.parts.values():
        if len(parts) > 1:
            v.model.add_no_overlap([p.interval for p in parts])
        for i, first in enumerate(parts):
            for second in parts[i + 1 :]:
                if (second.request, first.request) in orders:
                    first, second = second, first
                _keep_travel_time(v, first, second, orders, stated)


def _keep_travel_time(v: Variables, first: Part, second: Part, orders: dict, stated: set) -> None:
    a, b = v.candidates[first.request], v.candidates[second.request]
    if a.venue == b.venue or a.id == b.id:
        return
    there, back = v.facts.travel.minutes(a.venue, b.venue), v.facts.travel.minutes(b.venue, a.venue)
    if (a.id, b.id) not in orders:  # None: they can never come close enough to need an order
        clash = _may_clash(a.starts, a.minutes + there, b.starts, b.minutes + back)
        orders[(a.id, b.id)] = v.model.new_bool_var(f"before[{a.id},{b.id}]") if clash else None
        if clash:
            v.orders.append((a.id, b.id, orders[(a.id, b.id)]))
    a_first = orders[(a.id, b.id)]
    if a_first is None:
        return
    both = [first.literal, second.literal]
    key = (a_first.index, first.literal.index, second.literal.index)
    if key in stated:
        return
    stated.add(key)
    v.model.add(v.end(a.id) + there <= v.start[b.id]).only_enforce_if([a_first, *both])
    v.model.add(v.end(b.id) + back <= v.start[a.id]).only_enforce_if([~a_first, *both])


def _may_clash(a_starts, a_reach: int, b_starts, b_reach: int) -> bool:
    """Is there a pair of starts with b inside (a - b_reach, a + a_reach)?"""
    for start in a_starts:
        k = bisect_left(b_starts, start - b_reach + 1)
        if k < len(b_starts) and b_starts[k] < start + a_reach:
            return True
    return False


def add_rooms(v: Variables) -> None:
    """Rule 4: no more meetings at once than rooms at a venue, one named room each, and everyone fits."""
    by_venue: dict[str, list[str]] = {}
    for candidate in v.placeable:
        if candidate.venue is not None:
            by_venue.setdefault(candidate.venue, []).append(candidate.id)
    for venue_id, rids in by_venue.items():
        venue = v.facts.plan.venue(venue_id)
        if isinstance(venue.rooms, int):
            if len(rids) > venue.rooms:
                intervals = [v.interval[r] for r in rids]
                v.model.add_cumulative(intervals, [1] * len(rids), venue.rooms)
            for rid in rids:
                _fit_optional_hosts(v, rid, venue.capacity, [])
            continue
        for room in venue.rooms:
            users = [r for r in rids if (r, room.id) in v.room]
            literals = [v.room[(r, room.id)] for r in users]
            intervals = [
                v.model.new_optional_fixed_size_interval_var(v.start[r], v.candidates[r].minutes, lit, "")
                for r, lit in zip(users, literals, strict=True)
            ]
            if len(intervals) > 1:
                v.model.add_no_overlap(intervals)
            for rid, literal in zip(users, literals, strict=True):
                _fit_optional_hosts(v, rid, room_capacity(venue, room.id), [literal])
        for rid in rids:
            v.model.add(sum(v.room[(rid, r.id)] for r in v.candidates[rid].rooms) == v.presence[rid])


def _fit_optional_hosts(v: Variables, rid: str, capacity: int | None, when: list) -> None:
    candidate = v.candidates[rid]
    joining = [(h, v.attends[(rid, h)]) for h in candidate.optional if (rid, h) in v.attends]
    if capacity is None or not joining:
        return
    sizes = sum(v.facts.plan.host(h).size * literal for h, literal in joining)
    v.model.add(candidate.persons + sizes <= capacity).only_enforce_if(when)


def add_interpretation(v: Variables) -> None:
    """Rule 5: a meeting that needs (or names) an interpreter has exactly one, among the qualified."""
    for candidate in v.placeable:
        if candidate.interpreter_attends:
            chosen = [
                v.attends[(candidate.id, i)] for i in candidate.interpreters if (candidate.id, i) in v.attends
            ]
            v.model.add(sum(chosen) == v.presence[candidate.id])


def add_lunch(v: Variables) -> None:
    """Rule 6: on each date a delegation meets, and no meeting or fixed event of the date serves lunch,
    one block of the lunch minutes, on the grid, inside the lunch window and the stay, clear of its
    meetings, fixed events and the trips between them. Where the stay and the fixed events leave no
    such block, the date has none and lunch constrains nothing (the start domain holds the grid, the
    window, the stay and the fixed events; lunch_trips the trips)."""
    lunch, lunches = v.facts.plan.lunch, v.facts.lunches
    if lunch is None:
        return
    for delegation in v.facts.plan.delegations:
        parts = v.parts.get(delegation.id, [])
        days = sorted({day for p in parts for day in v.on_day[p.request]})
        blocks = []
        for day in days:
            if lunches.served_by_fixed(delegation.id, day) or not lunches.possible(delegation.id, day):
                continue
            today = [p for p in parts if day in v.on_day[p.request]]
            meets = [v.on_day[p.request][day] for p in today]
            served = [
                v.on_day[p.request][day] for p in today if v.candidates[p.request].request.includes_lunch
            ]
            present = v.model.new_bool_var(f"lunch[{delegation.id},{day}]")
            domain = cp_model.Domain.from_values(lunches.starts(delegation.id, day))
            start = v.model.new_int_var_from_domain(domain, f"lunch_start[{delegation.id},{day}]")
            v.lunch[(delegation.id, day)], v.lunch_present[(delegation.id, day)] = start, present
            # The block is there exactly when a meeting of the date is and none of them serves lunch.
            v.model.add_bool_or(meets).only_enforce_if(present)
            for literal in served:
                v.model.add_implication(present, ~literal)
            for literal in meets:
                v.model.add_bool_or([~literal, present, *served])
            blocks.append(v.model.new_optional_fixed_size_interval_var(start, lunch.minutes, present, ""))
            keep_trips_clear(v, delegation.id, day, start, present, today)
        if blocks:
            v.model.add_no_overlap(blocks + [p.interval for p in parts])


def add_max_per_day(v: Variables) -> None:
    """Rule 7: nobody has more meetings on a date than their maximum per day."""
    plan = v.facts.plan
    people: tuple[Delegation | Host | Interpreter, ...] = (*plan.delegations, *plan.hosts, *plan.interpreters)
    for person in people:
        if person.max_meetings_per_day is None or person.id not in v.parts:
            continue
        per_day: dict[date, list] = {}
        for part in v.parts[person.id]:
            for day, literal in v.on_day[part.request].items():
                per_day.setdefault(day, []).append(_both(v, part, literal))
        for literals in per_day.values():
            if len(literals) > person.max_meetings_per_day:
                v.model.add(sum(literals) <= person.max_meetings_per_day)


def _both(v: Variables, part: Part, day_literal):
    if not part.optional or len(v.on_day[part.request]) == 1:
        return day_literal if not part.optional else part.literal
    both = v.model.new_bool_var("")
    v.model.add_bool_or([~part.literal, ~day_literal, both])
    v.products.append((both, part.literal, day_literal))
    return both


def add_pinned(v: Variables) -> None:
    """Rule 8: a pinned request takes place at its pinned start, as long as its literal holds.

    The literals are assumptions while conflicting pins are looked for, and then fixed to true.
    """
    for rid, start in v.pins.items():
        holds = v.model.new_bool_var(f"pinned[{rid}]")
        v.pin_holds[rid] = holds
        v.model.add(v.presence[rid] == 1).only_enforce_if(holds)
        v.model.add(v.start[rid] == start).only_enforce_if(holds)


def add_position(v: Variables) -> None:
    """Rule 9: a meeting marked first ends before any other meeting of each of its delegations starts;
    one marked last starts after every other has ended (when both take place; fixed events do not count)."""
    for delegation_id, marked in v.facts.positioned.items():
        others = [p.request for p in v.parts.get(delegation_id, [])]
        for request in marked:
            if request.id not in v.presence:
                continue
            for other in others:
                if other == request.id:
                    continue
                both = [v.presence[request.id], v.presence[other]]
                if request.position == "first":
                    v.model.add(v.start[other] >= v.end(request.id)).only_enforce_if(both)
                else:
                    v.model.add(v.end(other) <= v.start[request.id]).only_enforce_if(both)


def add_order(v: Variables) -> None:
    """Rule 10: when both meetings of an order take place, the second starts at least the gap after the
    first ends, on the same date when asked; a meeting that requires another takes place only with it."""
    for order in v.facts.orders:
        first, second = order.before, order.after
        if second not in v.presence:
            continue
        if first not in v.presence:
            if order.requires:
                v.model.add(v.presence[second] == 0)
            continue
        both = [v.presence[first], v.presence[second]]
        v.model.add(v.start[second] >= v.end(first) + order.min_gap_minutes).only_enforce_if(both)
        if order.requires:
            v.model.add_implication(v.presence[second], v.presence[first])
        if order.same_day:
            # The second falls on a date only if the first does (both date literals exist: see Variables).
            for day, literal in v.on_day[second].items():
                on_first = v.on_day[first].get(day)
                if on_first is None:
                    v.model.add_implication(literal, ~v.presence[first])
                else:
                    v.model.add_bool_or([~literal, ~v.presence[first], on_first])


HARD_RULES: tuple[tuple[str, Callable[[Variables], None]], ...] = (
    ("duration", add_duration),
    ("availability", add_availability),
    ("one-place", add_one_place),
    ("rooms", add_rooms),
    ("interpretation", add_interpretation),
    ("lunch", add_lunch),
    ("max-per-day", add_max_per_day),
    ("pinned", add_pinned),
    ("position", add_position),
    ("order", add_order),
)
"""Rule id (scheduler.rules.RULES, same order) and the function that adds that rule to the model."""
