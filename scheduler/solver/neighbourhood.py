"""A small CP-SAT model of one part of a schedule: some requests free to move (or to be placed) on a few
dates, every meeting they could touch held where it is.

The whole model of a large plan is too big to move in: on 1,800 requests CP-SAT found no schedule in
170 s, and each of its own neighbourhoods took seconds to copy. This model holds only the free requests
and, held at their start, room, interpreter and optional hosts, the placed meetings that share a person
or a venue with them on those dates or the dates either side, or that an order or a first/last position
ties to them. Every rule between two meetings is a rule between two of its members or never binds, so
its solution, put back into the schedule, keeps every hard rule (the final check proves it).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from ortools.sat.python import cp_model

from scheduler.criteria import priority_weights
from scheduler.solver.board import Board, Placement
from scheduler.solver.candidates import Candidate
from scheduler.solver.capacity import add_capacity
from scheduler.solver.constraints import HARD_RULES
from scheduler.solver.extract import count_scheduled, read_placements
from scheduler.solver.hints import hint_board
from scheduler.solver.variables import Variables

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Neighbourhood:
    """Requests whose place is open (placed or not) and the dates they may take."""

    free: tuple[str, ...]
    days: frozenset[date]


@dataclass
class Part:
    """The model of a neighbourhood: its variables and the placed meetings it holds in place."""

    v: Variables
    free: list[str]
    held: dict[str, Placement]
    value: int  # the priority score of the free requests as they are now placed (local weights)


def build_part(board: Board, hood: Neighbourhood, attendance: bool = False) -> Part | None:
    """The model of `hood` on `board` (None when no free request can take any of its dates). Its
    objective is the priorities of the free requests, then (with `attendance`) the optional hosts who
    attend them; it may do no worse than the schedule on either, in that order."""
    facts = board.facts
    candidates: dict[str, Candidate] = {}
    for rid in hood.free:
        placed = board.placed.get(rid)
        days = hood.days | ({facts.date_of(placed.start)} if placed else set())
        narrowed = _on_days(board, board.candidates[rid], days)
        if narrowed.starts:
            candidates[rid] = narrowed
    if not candidates:
        return None
    held = {rid: board.placed[rid] for rid in _touching(board, candidates)}
    for rid, placement in held.items():
        candidates[rid] = _held(board.candidates[rid], placement)
    v = Variables(cp_model.CpModel(), facts, candidates)
    for _, add_rule in HARD_RULES:
        add_rule(v)
    add_capacity(v)
    for rid, placement in held.items():
        v.model.add(v.presence[rid] == 1)
        for who in (placement.interpreter, *placement.optional_hosts):
            if who is not None:
                v.model.add(v.attends[(rid, who)] == 1)
    free = [rid for rid in candidates if rid not in held]
    weights = priority_weights(count_scheduled(facts, free))
    literals = [v.presence[rid] for rid in free]
    coefficients = [weights[facts.requests[rid].priority] for rid in free]
    value = sum(weights[facts.requests[rid].priority] for rid in free if rid in board.placed)
    if attendance:  # each meeting more outweighs every optional host of the part
        joining = [lit for (rid, who), lit in v.attends.items() if rid not in held and _optional(v, rid, who)]
        now = sum(len(board.placed[rid].optional_hosts) for rid in free if rid in board.placed)
        v.model.add(cp_model.LinearExpr.weighted_sum(literals, coefficients) >= value)
        coefficients = [k * (len(joining) + 1) for k in coefficients] + [1] * len(joining)
        literals, value = literals + joining, value * (len(joining) + 1) + now
    score = cp_model.LinearExpr.weighted_sum(literals, coefficients)
    v.model.add(score >= value)
    v.model.maximize(score)
    hint_board(v, board)
    return Part(v, free, held, value)


def apply_part(board: Board, part: Part, solver: cp_model.CpSolver) -> list[str]:
    """Put the free requests where the solver placed them; the ids of those it leaves out."""
    found = {p.request: p for p in read_placements(solver, part.v)}
    for rid in part.free:
        board.remove(rid)
    for rid in part.free:
        if rid in found:
            board.store(found[rid])
    return [rid for rid in part.free if rid not in found]


def _optional(v: Variables, rid: str, who: str) -> bool:
    return who in v.candidates[rid].optional


def _on_days(board: Board, candidate: Candidate, days: set[date] | frozenset[date]) -> Candidate:
    """The candidate with only its starts on `days`."""
    date_of = board.facts.date_of
    starts = tuple(s for s in candidate.starts if date_of(s) in days)
    kept = set(starts)
    optional = {
        who: frozenset(s for s in allowed if s in kept) for who, allowed in candidate.optional_starts.items()
    }
    return replace(candidate, starts=starts, optional_starts=optional)


def _held(candidate: Candidate, placement: Placement) -> Candidate:
    """The candidate of a placed meeting held as it is: its start, room, interpreter and optional hosts."""
    start = placement.start
    joined = {placement.interpreter, *placement.optional_hosts}
    optional = {
        who: frozenset({start}) if who in joined else frozenset() for who in candidate.optional_starts
    }
    rooms = tuple(r for r in candidate.rooms if r.id == placement.room)
    return replace(candidate, starts=(start,), optional_starts=optional, rooms=rooms)


def _touching(board: Board, free: dict[str, Candidate]) -> set[str]:
    """The placed meetings (not free) that a rule can tie to a free request where it may go."""
    facts, found = board.facts, set()
    dates = {facts.date_of(s) for c in free.values() for s in c.starts}
    days = {d + k * ONE_DAY for d in dates for k in (-1, 0, 1)}
    people: set[str] = set()
    venues: set[str] = set()
    for candidate in free.values():
        people.update(candidate.required, candidate.optional_starts)
        if candidate.venue is not None:
            venues.add(candidate.venue)
        found.update(_tied(board, candidate))
    for who in people:
        for day in days:
            found.update(board.meetings_on(who, day))
    for venue in venues:
        found.update(p.request for p in board.at_venue(venue) if facts.date_of(p.start) in days)
    return {rid for rid in found if rid in board.placed and rid not in free}


def _tied(board: Board, candidate: Candidate) -> set[str]:
    """Placed meetings an order or a first/last position ties to the candidate, wherever they are."""
    facts, request, tied = board.facts, candidate.request, set()
    for order in facts.orders_of.get(candidate.id, ()):
        tied.add(order.before if order.after == candidate.id else order.after)
    for delegation_id in dict.fromkeys(request.delegations):
        tied.update(marked.id for marked in facts.positioned.get(delegation_id, ()))
        if request.position is not None:
            tied.update(p.request for p in board.meetings_of(delegation_id))
    return tied
