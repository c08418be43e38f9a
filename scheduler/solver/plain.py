"""The yardstick of the benchmark's largest cases: a plain CP-SAT model of the same plan.

The same variables and hard rules (HARD_RULES) as the solver, the priority score as its only objective,
one search for the whole time limit: no greedy start, no hint, no stages, no capacity argument, CP-SAT's
own parameters. What the solver adds to this must never do worse on the priorities.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from scheduler.model import Plan, Schedule
from scheduler.solver import objective
from scheduler.solver.board import Board
from scheduler.solver.candidates import build_candidates
from scheduler.solver.constraints import HARD_RULES
from scheduler.solver.extract import build_schedule, count_scheduled, read_lunches, read_placements
from scheduler.solver.facts import PlanFacts
from scheduler.solver.outcome import check_schedule
from scheduler.solver.variables import Variables


def plain_solve(plan: Plan, time_limit: float, workers: int = 2, seed: int = 1) -> Schedule:
    """The plain model's best schedule within `time_limit` seconds of search (checked by the verifier);
    an empty one when it found none."""
    began = time.perf_counter()
    facts = PlanFacts(plan)
    candidates = build_candidates(facts)
    v = Variables(cp_model.CpModel(), facts, candidates)
    for _, add_rule in HARD_RULES:
        add_rule(v)
    v.model.maximize(objective.scheduled_term(v, count_scheduled(facts, facts.requests)))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(v.model)
    board, lunches, bound = Board(facts, candidates), {}, None
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for placement in read_placements(solver, v):
            board.store(placement)
        lunches, bound = read_lunches(solver, v), solver.best_objective_bound
    words = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible"}
    reasons = {rid: ["not placed by the plain model"] for rid in candidates if rid not in board.placed}
    schedule = build_schedule(
        board, words.get(status, "unknown"), time.perf_counter() - began, reasons, lunches, bound
    )
    check_schedule(plan, schedule)
    return schedule
