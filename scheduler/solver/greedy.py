"""The greedy baseline: pins first, then by priority, each at its earliest start that every rule allows
(a closing meeting at its latest).

It is the yardstick of the benchmark and the first hint given to CP-SAT, so that the solver never
returns less than it.
"""

from __future__ import annotations

import time

from scheduler.model import PRIORITIES, Plan, Schedule
from scheduler.solver.board import Board
from scheduler.solver.candidates import Candidate, build_candidates
from scheduler.solver.explain import explain_all
from scheduler.solver.extract import build_schedule
from scheduler.solver.facts import PlanFacts
from scheduler.solver.keep import Place
from scheduler.solver.pins import collect_pins

RANK = {p: k for k, p in enumerate(PRIORITIES)}


def greedy_board(
    facts: PlanFacts,
    candidates: dict[str, Candidate],
    pins: dict[str, int],
    kept: dict[str, Place] | None = None,
) -> Board:
    """Pins, then the `kept` meetings of an earlier programme where they still fit (at their time, in
    their room, with their interpreter; the optional hosts invited once all are placed: as the earlier
    programme was valid, all of them fit when nothing changed), then the rest."""
    board = Board(facts, candidates)
    for rid, start in pins.items():
        board.try_place(rid, start)
    kept = {rid: place for rid, place in (kept or {}).items() if rid not in pins}
    for candidate in sorted((candidates[rid] for rid in kept), key=lambda c: _importance(board, c)):
        place = kept[candidate.id]
        board.try_place(candidate.id, place.start, place.room, place.interpreter, invite=False)
    for rid in kept:
        if rid in board.placed:
            board.invite_optional_hosts(board.placed[rid])
    fill(board, set(pins))
    return board


def fill(board: Board, held: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Place every request left out that the board can place, in the greedy order, each at its earliest
    start (leaving `held` out): so that a schedule never leaves free a time where a request it left out
    fits with every hard rule holding. The ids placed."""
    order = sorted(
        (c for c in board.candidates.values() if c.starts and c.id not in held and c.id not in board.placed),
        key=lambda c: _importance(board, c),
    )
    for candidate in order:
        _place_earliest(board, candidate)
    # A meeting that had to follow another (rule 10) may fit now that the other is placed.
    for candidate in order:
        if candidate.id not in board.placed and candidate.id in board.facts.orders_of:
            _place_earliest(board, candidate)
    return [c.id for c in order if c.id in board.placed]


def _importance(board: Board, c: Candidate) -> tuple[int, bool, int, int]:
    """Priority first; within it, openings and closings (rule 9), then meetings that others must follow
    (rule 10), then the most constrained."""
    follows = sum(o.after == c.id for o in board.facts.orders_of.get(c.id, ()))
    return RANK.get(c.request.priority, len(RANK)), c.request.position is None, follows, len(c.starts)


def _place_earliest(board: Board, candidate: Candidate) -> None:
    """At its earliest start every rule allows; a closing meeting (rule 9) at its latest, so that the
    delegation's other meetings still fit before it. Starts that leave room for the openings, closings
    and ordered meetings not yet placed (rules 9 and 10) are tried first."""
    starts = list(reversed(candidate.starts) if candidate.request.position == "last" else candidate.starts)
    low, high = _room_for_others(board, candidate)
    roomy = [s for s in starts if s >= low and s + candidate.minutes <= high]
    tight = [s for s in starts if not (s >= low and s + candidate.minutes <= high)]
    for start in roomy + tight:
        if board.try_place(candidate.id, start):
            return


def _room_for_others(board: Board, candidate: Candidate) -> tuple[float, float]:
    """The earliest start and latest end of `candidate` that leave the unplaced meetings it must follow
    (or precede) their earliest (or latest) possible time."""
    low, high = 0.0, float("inf")
    waiting = {c.id: c for c in board.candidates.values() if c.starts and c.id not in board.placed}
    for order in board.facts.orders_of.get(candidate.id, ()):
        if order.after == candidate.id and order.before in waiting:
            first = waiting[order.before]
            low = max(low, first.starts[0] + first.minutes + order.min_gap_minutes)
        if order.before == candidate.id and order.after in waiting:
            high = min(high, waiting[order.after].starts[-1] - order.min_gap_minutes)
    for delegation_id in dict.fromkeys(candidate.request.delegations):
        for marked in board.facts.positioned.get(delegation_id, ()):
            other = waiting.get(marked.id)
            if other is None or marked.id == candidate.id:
                continue
            if marked.position == "first":
                low = max(low, other.starts[0] + other.minutes)
            else:
                high = min(high, other.starts[-1])
    return low, high


def greedy(plan: Plan) -> Schedule:
    """A valid schedule built without search, with every unplaced request explained."""
    began = time.perf_counter()
    facts = PlanFacts(plan)
    candidates = build_candidates(facts)
    pins, pin_reasons = collect_pins(facts, candidates, ())
    board = greedy_board(facts, candidates, pins if not pin_reasons else {})
    reasons = explain_all(board, complete=False)
    return build_schedule(board, "feasible", time.perf_counter() - began, reasons)
