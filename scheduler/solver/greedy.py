"""The greedy baseline: pins first, then by priority, each at its earliest start that every rule allows.

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
    rank = {p: k for k, p in enumerate(PRIORITIES)}

    def importance(c: Candidate) -> tuple[int, int]:
        return rank.get(c.request.priority, len(rank)), len(c.starts)

    kept = {rid: place for rid, place in (kept or {}).items() if rid not in pins}
    for candidate in sorted((candidates[rid] for rid in kept), key=importance):
        place = kept[candidate.id]
        board.try_place(candidate.id, place.start, place.room, place.interpreter, invite=False)
    for rid in kept:
        if rid in board.placed:
            board.invite_optional_hosts(board.placed[rid])
    order = sorted(
        (c for c in candidates.values() if c.starts and c.id not in pins and c.id not in board.placed),
        key=importance,
    )
    for candidate in order:
        for start in candidate.starts:
            if board.try_place(candidate.id, start):
                break
    return board


def greedy(plan: Plan) -> Schedule:
    """A valid schedule built without search, with every unplaced request explained."""
    began = time.perf_counter()
    facts = PlanFacts(plan)
    candidates = build_candidates(facts)
    pins, pin_reasons = collect_pins(facts, candidates, ())
    board = greedy_board(facts, candidates, pins if not pin_reasons else {})
    reasons = explain_all(board, complete=False)
    return build_schedule(board, "feasible", time.perf_counter() - began, reasons)
