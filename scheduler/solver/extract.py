"""From solver values (the only module reading them) and from placements to a Schedule."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from ortools.sat.python import cp_model

from scheduler.model import PRIORITIES, Criterion, LunchBlock, Meeting, Objective, Schedule, Unscheduled
from scheduler.solver.board import Board, Placement
from scheduler.solver.facts import PlanFacts
from scheduler.solver.variables import Variables


def read_placements(
    solver: cp_model.CpSolver | cp_model.CpSolverSolutionCallback, v: Variables
) -> list[Placement]:
    placements = []
    for rid, present in v.presence.items():
        if not solver.boolean_value(present):
            continue
        candidate = v.candidates[rid]
        start = solver.value(v.start[rid])
        room = next((r.id for r in candidate.rooms if solver.boolean_value(v.room[(rid, r.id)])), None)
        interpreter = next(
            (
                i
                for i in candidate.interpreters
                if (rid, i) in v.attends and solver.boolean_value(v.attends[(rid, i)])
            ),
            None,
        )
        hosts = tuple(
            h
            for h in candidate.optional
            if (rid, h) in v.attends and solver.boolean_value(v.attends[(rid, h)])
        )
        placements.append(
            Placement(rid, start, start + candidate.minutes, candidate.venue, room, interpreter, hosts)
        )
    return placements


def count_present(solver, v: Variables) -> dict[str, int]:
    """Scheduled requests per priority in the current solution."""
    counts = dict.fromkeys(PRIORITIES, 0)
    for rid, present in v.presence.items():
        if solver.boolean_value(present):
            counts[v.candidates[rid].request.priority] += 1
    return counts


def read_lunches(solver: cp_model.CpSolver, v: Variables) -> dict[tuple[str, date], int]:
    """The lunch blocks the model placed: only those it holds due."""
    return {
        key: solver.value(start)
        for key, start in v.lunch.items()
        if solver.boolean_value(v.lunch_present[key])
    }


def count_scheduled(facts: PlanFacts, request_ids) -> dict[str, int]:
    counts = dict.fromkeys(PRIORITIES, 0)
    for rid in request_ids:
        counts[facts.requests[rid].priority] += 1
    return counts


def delegation_travel(board: Board) -> int:
    """Minutes delegations spend between consecutive commitments (meetings and fixed events) of a date,
    hotel legs included."""
    facts, total = board.facts, 0
    for delegation in facts.plan.delegations:
        by_day: dict[date, list[tuple[int, str | None]]] = {}
        for p in board.meetings_of(delegation.id):
            by_day.setdefault(facts.date_of(p.start), []).append((p.start, p.venue))
        for event in facts.fixed.get(delegation.id, ()):
            by_day.setdefault(facts.date_of(event.start), []).append((event.start, event.venue))
        for stops in by_day.values():
            total += route_minutes(facts, delegation.hotel, [venue for _, venue in sorted(stops, key=_first)])
    return total


def _first(stop: tuple[int, str | None]) -> int:
    return stop[0]


def route_minutes(facts: PlanFacts, hotel: str | None, venues: list[str | None]) -> int:
    """Travel along a day's stops in order, from the hotel and back to it when there is one."""
    if hotel:
        venues = [hotel, *venues, hotel]
    return sum(facts.travel.minutes(a, b) for a, b in pairwise(venues))


def lunch_blocks(board: Board, chosen: dict[tuple[str, date], int] | None = None) -> list[LunchBlock]:
    """One lunch block per delegation and date where one is due (rule 6): the solver's when it is clear of
    the placed meetings, fixed events and trips, else the earliest clear one."""
    facts, lunch = board.facts, board.facts.plan.lunch
    blocks: list[LunchBlock] = []
    if lunch is None:
        return blocks
    for delegation in facts.plan.delegations:
        days = sorted({facts.date_of(p.start) for p in board.meetings_of(delegation.id)})
        for day in days:
            start = board.earliest_lunch(delegation.id, day)
            if start is None:
                continue  # no block due that date
            mine = [(p.start, p.end, p.venue) for p in board.meetings_of(delegation.id)]
            picked = (chosen or {}).get((delegation.id, day))
            if picked is not None and _lunch_clear(facts, delegation.id, day, picked, mine):
                start = picked
            local = facts.axis.local
            blocks.append(LunchBlock(delegation.id, local(start), local(start + lunch.minutes)))
    return blocks


def _lunch_clear(facts: PlanFacts, delegation_id: str, day: date, start: int, mine: list) -> bool:
    return start in facts.lunches.starts(delegation_id, day) and facts.lunches.clear(
        delegation_id, start, mine
    )


def build_schedule(
    board: Board,
    status: str,
    seconds: float,
    reasons: dict[str, list[str]],
    lunches: dict[tuple[str, date], int] | None = None,
    bound: float | None = None,
    criteria: tuple[Criterion, ...] = (),
) -> Schedule:
    facts, local = board.facts, board.facts.axis.local
    meetings = tuple(
        Meeting(
            p.request, local(p.start), local(p.end), p.venue or "", p.room, p.interpreter, p.optional_hosts
        )
        for p in sorted(board.placed.values(), key=lambda p: (p.start, p.request))
    )
    unscheduled = tuple(
        Unscheduled(r.id, tuple(reasons.get(r.id) or ["not placed"]))
        for r in facts.plan.requests
        if r.id not in board.placed
    )
    objective = Objective(
        scheduled=count_scheduled(facts, board.placed),
        requested=count_scheduled(facts, facts.requests),
        travel_minutes=delegation_travel(board),
        bound=bound,
        criteria=criteria,
    )
    return Schedule(
        facts.plan.name,
        status,
        seconds,
        objective,
        meetings,
        tuple(lunch_blocks(board, lunches)),
        unscheduled,
    )
