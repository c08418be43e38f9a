"""The one way into the solver: build the model, check the pins, then optimise the objective stage by stage.

Each stage hints the previous solution and keeps its objective value as a constraint, so a later stage
never loses what an earlier one won; the first stage starts from the greedy schedule (or from the programme
a longer search goes on from) and may not do worse.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace

from ortools.sat.python import cp_model

from scheduler.criteria import priority_score
from scheduler.model import Criterion, Plan, Schedule
from scheduler.solver import objective
from scheduler.solver.board import Board
from scheduler.solver.candidates import build_candidates
from scheduler.solver.capacity import add_capacity
from scheduler.solver.constraints import HARD_RULES
from scheduler.solver.explain import explain_all
from scheduler.solver.extract import build_schedule, count_scheduled, read_lunches, read_placements
from scheduler.solver.facts import PlanFacts
from scheduler.solver.fairness import FAIRNESS, fairness_term, settle_precedence
from scheduler.solver.greedy import fill, greedy_board
from scheduler.solver.hints import hint_board, hint_values
from scheduler.solver.keep import Earlier, Keeping, earlier_programme, first_left
from scheduler.solver.large import is_large, solve_in_parts
from scheduler.solver.options import Progress, SolveOptions
from scheduler.solver.outcome import Best, check_schedule, infeasible_schedule
from scheduler.solver.pins import collect_pins, conflict_reasons, conflicting_pins
from scheduler.solver.progress import Reporter, Stall, stall_seconds, watch_stop
from scheduler.solver.variables import Variables
from scheduler.solver.words import moment_text

DEFAULT_OPTIONS = SolveOptions()

KEPT, FIRST = "kept in place", "must and high"
FIRST_SHARE = 0.6
"""The share of the time limit the first stage may take; the later ones share the rest."""
CORE_STAGES = ("priorities", KEPT, "optional hosts", "travel")
CORE_MAX_REQUESTS = 600
"""These stages search with CP-SAT's core-based worker up to this size. Measured on generated plans with
2 workers: 400 requests reach within 0.02% of the priority bound in 30 s (default worker: 0.3%); on 40
requests the travel bound rises from 250 to 980 minutes (best 985); at 1,000 requests the default worker
finds more in the same time."""
QUICK_SHARE, QUICK_SECONDS = 0.25, 5.0
"""Where a participant or room is short of time, the priorities stage first searches without the core
worker, for this share of its time (at most these seconds), then goes on with it. There the capacity
argument (solver.capacity) can make the bound tight at once, and the core worker only slows the proof:
on the EU conference (generate.eucpn, 2 workers, seeds 1-3) 0.4-0.9 s without it, 16-20 s with it.
Elsewhere the core worker is what raises the bound, and it has the whole stage."""
ROUTE_STAGES = ("travel", "compact days", "earlier starts")
PRESOLVE_MAX_REQUESTS = 600
"""Above this size the stages that carry the delegations' day circuits skip CP-SAT's presolve. On XL
(1,000 requests, 10 days) presolving the circuits' arcs took longer than these stages' share of a
120 s limit: in three runs the travel stage once, and the compact-days stage every time, ended
without a schedule, and the search with them. Without presolve each starts from the complete hint of
the stage before and improves it (`python -m scheduler bench --cases XL`, README)."""


def solve(
    plan: Plan, options: SolveOptions = DEFAULT_OPTIONS, on_progress: Callable[[Progress], None] | None = None
) -> Schedule:
    """The best schedule found within the options' time limit, every unplaced request explained."""
    began = time.perf_counter()
    deadline = began + options.time_limit
    facts = PlanFacts(plan)
    candidates = build_candidates(facts)
    pins, pin_reasons = collect_pins(facts, candidates, options.pins)
    if pin_reasons:
        return infeasible_schedule(facts, candidates, pin_reasons, began)
    greedy = greedy_board(facts, candidates, pins)
    _report_greedy(greedy, on_progress, began)
    earlier = earlier_programme(facts, candidates, options.keep)
    near = greedy_board(facts, candidates, pins, earlier.places) if earlier.places else None
    fresh = greedy
    if options.start:  # a longer search goes on from it when it is the better start: see SolveOptions.start
        again = greedy_board(
            facts, candidates, pins, earlier_programme(facts, candidates, options.start).places
        )
        requested = count_scheduled(facts, facts.requests)
        if near is None and _score(again, requested) >= _score(greedy, requested):
            fresh = again
        elif near is not None and _keeps_as_well(again, near, earlier, requested):
            near = again
    if is_large(candidates) and near is None and set(pins) <= set(fresh.placed):
        best = solve_in_parts(fresh, pins, options, on_progress, began, deadline)
    else:
        v = Variables(cp_model.CpModel(), facts, candidates, pins)
        for _, add_rule in HARD_RULES:
            add_rule(v)
        short = add_capacity(v)  # redundant: lets CP-SAT prove what a participant's free time cannot hold
        if not set(pins) <= set(fresh.placed):
            core = conflicting_pins(v, max(deadline - time.perf_counter(), 1.0) / 2, options.seed)
            if core:
                return infeasible_schedule(facts, candidates, conflict_reasons(facts, v, core), began)
        for holds in v.pin_holds.values():
            v.model.add(holds == 1)
        best = run_stages(v, fresh, options, on_progress, began, deadline, earlier, near, quick_first=short)
    missing = [rid for rid in pins if rid not in {p.request for p in best.placements}]
    if missing:  # no schedule holding every pin was found in the time given
        return infeasible_schedule(facts, candidates, _unproven_pins(facts, pins, missing), began)
    board = Board(facts, candidates)
    for placement in best.placements:
        board.store(placement)
    _fill_last(board, set(pins), best)
    status = "optimal" if best.proven else "feasible"
    reasons = explain_all(board, complete=best.complete)
    schedule = build_schedule(
        board, status, time.perf_counter() - began, reasons, best.lunches, best.bound, tuple(best.criteria)
    )
    check_schedule(plan, schedule)
    return schedule


def _fill_last(board: Board, pins: set[str], best: Best) -> None:
    """The repair pass after the last stage: every request left out that the board can still place goes
    in (greedy.fill), so no schedule leaves free a time where one fits. Placing one means the priorities
    were not proven; the later criteria were measured before it, so none is proven either."""
    placed = fill(board, pins)
    if not placed:
        return
    requested = count_scheduled(board.facts, board.facts.requests)
    score = float(_score(board, requested))
    best.proven = best.complete = False
    best.criteria = [
        replace(c, value=score if c.name == "priorities" else c.value, proven=False) for c in best.criteria
    ]


def _keeps_as_well(board: Board, near: Board, earlier: Earlier, requested: dict[str, int]) -> bool:
    """Is `board` at least as good as `near` in the order keeping counts (must, then high meetings, then
    meetings at their kept time) and on priorities? Then starting from it keeps the rule of solver.keep."""

    def counts(b: Board) -> tuple[int, ...]:
        first = [r for r in b.placed if r not in earlier.left_out]
        musts = sum(b.facts.requests[r].priority == "must" for r in first)
        highs = sum(b.facts.requests[r].priority == "high" for r in first)
        kept = sum(r in b.placed and b.placed[r].start == p.start for r, p in earlier.places.items())
        return musts, highs, kept

    return counts(board) >= counts(near) and _score(board, requested) >= _score(near, requested)


def _report_greedy(greedy: Board, on_progress, began: float) -> None:
    if on_progress is not None:
        scheduled = count_scheduled(greedy.facts, greedy.placed)
        score = priority_score(scheduled, count_scheduled(greedy.facts, greedy.facts.requests))
        on_progress(Progress(time.perf_counter() - began, "greedy", score, float("nan"), scheduled))


def _unproven_pins(facts: PlanFacts, pins: dict[str, int], missing: list[str]) -> dict[str, list[str]]:
    found = "but no schedule keeping every pin was found in the time given"
    return {rid: [f"pinned at {moment_text(facts.axis, pins[rid])}, {found}"] for rid in missing}


def _stages(v: Variables, requested: dict[str, int], earlier: Earlier, near: Board | None):
    """(name, sense, weight of its time share, expression builder) of each stage that has something to
    choose, in the order of DESIGN's objective. With an earlier programme to keep, the meetings left in
    place come before the priorities (after the must and high meetings, when `near` leaves one out): see
    solver.keep. The first stage takes FIRST_SHARE of the time, the others share the rest by weight (and
    inherit what earlier stages leave unused)."""
    delegations_meet = any(d.id in v.parts for d in v.facts.plan.delegations)
    keeping = Keeping(v, earlier)
    stages = [
        (near is not None and first_left(v, near, earlier), FIRST, 1, 1, keeping.first_term),
        (near is not None, KEPT, 1, 6, keeping.term),
        (bool(v.presence), "priorities", 1, 1, lambda: objective.scheduled_term(v, requested)),
        (bool(v.presence), FAIRNESS, 1, 2, lambda: fairness_term(v)),
        (_has_optional_hosts(v), "optional hosts", 1, 3, lambda: objective.attendance_term(v)),
        (delegations_meet, "travel", -1, 2, lambda: objective.travel_term(v)),
        (delegations_meet, "compact days", -1, 1, lambda: objective.idle_term(v)),
        (bool(v.presence), "earlier starts", -1, 1, lambda: objective.earliness_term(v)),
    ]
    return [stage[1:] for stage in stages if stage[0]]


def _has_optional_hosts(v: Variables) -> bool:
    return any(who in v.candidates[rid].optional for rid, who in v.attends)


def run_stages(
    v: Variables,
    fresh: Board,
    options: SolveOptions,
    on_progress,
    began: float,
    deadline: float,
    earlier: Earlier | None = None,
    near: Board | None = None,
    quick_first: bool = False,
) -> Best:
    """The stages in turn, from `fresh` (the greedy schedule, or the programme a longer search goes on
    from: SolveOptions.start): it sets the floor of the priorities. With an earlier programme to keep,
    `near` (the greedy schedule that first leaves its meetings where they were) is the start and the
    floor instead: see solver.keep."""
    requested = count_scheduled(v.facts, v.facts.requests)
    start = fresh if near is None else near
    floor = _score(start, requested)
    best = Best(list(start.placed.values()), proven=True)
    stages = _stages(v, requested, earlier or Earlier({}, frozenset()), near)
    measured: list = []  # the expression of each criterion in best.criteria
    hint_board(v, start)
    for k, (name, sense, _, build) in enumerate(stages):
        prioritised = any(c.name == "priorities" for c in best.criteria)
        v.current = {p.request: p for p in best.placements}
        expression = build()
        if expression is None:  # too large to optimise exactly: the schedule is not proven optimal
            best.proven = False
            continue
        if isinstance(expression, int):  # nothing to choose in this stage
            continue
        if name == "priorities" and near is None:
            v.model.add(expression >= floor)
        elif name == KEPT:
            v.model.add(objective.scheduled_term(v, requested) >= floor)
        left = deadline - time.perf_counter()
        if left <= 0.05 or (options.stop is not None and options.stop.is_set()):
            best.proven, best.complete = False, best.complete and prioritised
            break
        share = left * FIRST_SHARE if k == 0 else left * stages[k][2] / sum(stage[2] for stage in stages[k:])
        v.model.maximize(expression) if sense > 0 else v.model.minimize(expression)
        stall = Stall(stall_seconds(len(v.presence), stages[k][2])) if prioritised else None  # stall limit
        if name == "priorities":
            solver, status = _run_priorities(v, share, options, on_progress, began, quick_first)
        else:
            solver, status = _run(v, name, share, options, on_progress, began, stall)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and name == FAIRNESS:
            best.proven = False  # a tie-break of the priorities: the stages after it can still improve
            continue
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            best.proven, best.complete = False, best.complete and prioritised
            break
        proven = status == cp_model.OPTIMAL
        if name == "priorities":
            best.bound, best.complete = solver.best_objective_bound, proven
        best.proven = best.proven and proven
        best.placements, best.lunches = read_placements(solver, v), read_lunches(solver, v)
        value = round(solver.objective_value)
        bound = solver.best_objective_bound
        seconds = round(time.perf_counter() - began, 3)
        stalled = stall is not None and stall.stalled and not proven
        best.criteria.append(Criterion(name, float(value), bound, best.proven, seconds, stalled))
        measured.append(expression)
        # Earlier criteria are held at least as good as they were; this solution may be better on them.
        best.criteria = [
            replace(c, value=float(solver.value(e))) for c, e in zip(best.criteria, measured, strict=True)
        ]
        v.model.add(expression >= value) if sense > 0 else v.model.add(expression <= value)
        hint_values(v, solver)
        if name == "priorities" and not proven:
            value = _repair(v, best, expression, value)
        if name == FAIRNESS and best.proven:  # then the set is settled by precedence: solver.fairness
            settled, best.proven = settle_precedence(
                v, {p.request for p in best.placements}, _settle_run(v, options), deadline
            )
            if settled is not None:
                best.placements, best.lunches = read_placements(settled, v), read_lunches(settled, v)
            best.criteria[-1] = replace(best.criteria[-1], proven=best.proven)
        if (
            name == "priorities"
            and near is None
            and value == floor
            and _attending(fresh.placed.values()) > _attending(best.placements)
        ):
            # The start is as good on priorities and better on the next stage: go on from it.
            best.placements, best.lunches = list(fresh.placed.values()), {}
            hint_board(v, fresh)
    return best


def _repair(v: Variables, best: Best, expression, value: int) -> int:
    """The repair pass after the priorities stage: the requests left out that the board can still place
    go in (greedy.fill) before the next stage starts from the schedule; the priorities' new value."""
    board = Board(v.facts, v.candidates)
    for placement in best.placements:
        board.store(placement)
    if not fill(board, set(v.pins)):
        return value
    value = _score(board, count_scheduled(v.facts, v.facts.requests))
    v.model.add(expression >= value)
    best.placements, best.lunches = list(board.placed.values()), {}
    best.criteria[-1] = replace(best.criteria[-1], value=float(value))
    hint_board(v, board)
    return value


def _score(board: Board, requested: dict[str, int]) -> int:
    return priority_score(count_scheduled(board.facts, board.placed), requested)


def _attending(placements) -> int:
    return sum(len(p.optional_hosts) for p in placements)


def _run_priorities(
    v: Variables, share: float, options: SolveOptions, on_progress, began: float, quick_first
):
    """With `quick_first` (a participant or room is short of time), first without the core worker, then
    (unless that proved them) with it: see QUICK_SHARE."""
    if not quick_first:
        return _run(v, "priorities", share, options, on_progress, began)
    quick = min(share * QUICK_SHARE, QUICK_SECONDS)
    solver, status = _run(v, "priorities", quick, options, on_progress, began, core=False)
    if status == cp_model.OPTIMAL:
        return solver, status
    if status == cp_model.FEASIBLE:
        hint_values(v, solver)
    again, again_status = _run(v, "priorities", share - quick, options, on_progress, began)
    if again_status in (cp_model.OPTIMAL, cp_model.FEASIBLE) or status != cp_model.FEASIBLE:
        return again, again_status
    return solver, status


def _settle_run(v: Variables, options: SolveOptions):
    """One feasibility search of the precedence step, on at most the time left."""
    each = max(2.0, options.time_limit / 5)
    return lambda left: _run(v, "precedence", min(left, each), options, None, 0.0)


def _run(
    v: Variables,
    stage: str,
    seconds: float,
    options: SolveOptions,
    on_progress,
    began: float,
    stall: Stall | None = None,
    core: bool = True,
):
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.05)
    solver.parameters.num_workers = max(1, options.workers)
    solver.parameters.random_seed = options.seed
    # Probing in presolve costs seconds on mid-sized plans and, measured here, buys nothing back.
    solver.parameters.cp_model_probing_level = 0
    if core and stage in CORE_STAGES and len(v.presence) <= CORE_MAX_REQUESTS:
        solver.parameters.extra_subsolvers.append("core")
    if stage in ROUTE_STAGES and v.gaps and len(v.presence) > PRESOLVE_MAX_REQUESTS:
        solver.parameters.cp_model_presolve = False
    done = threading.Event()
    watch_stop(solver, options.stop, done)
    if stall is not None:
        stall.watch(solver, done)
    try:
        status = solver.solve(v.model, Reporter(v, stage, began, on_progress, options.stop, stall))
    finally:
        done.set()
    return solver, status
