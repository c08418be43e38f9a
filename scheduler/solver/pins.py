"""Pins from the plan and from the caller: each checked against what the plan allows, then all together."""

from __future__ import annotations

from collections.abc import Iterable

from ortools.sat.python import cp_model

from scheduler.model import Pin
from scheduler.solver.candidates import Candidate
from scheduler.solver.causes import why_not_at
from scheduler.solver.facts import PlanFacts
from scheduler.solver.variables import Variables
from scheduler.solver.words import listed, moment_text, title


def collect_pins(
    facts: PlanFacts, candidates: dict[str, Candidate], extra: Iterable[Pin]
) -> tuple[dict[str, int], dict[str, list[str]]]:
    """(request -> pinned solver minute, request -> reasons a pin cannot hold on its own)."""
    pins: dict[str, int] = {}
    reasons: dict[str, list[str]] = {}
    for pin in (*facts.plan.pinned, *extra):
        if pin.request not in candidates:
            continue
        minute = facts.axis.minute(pin.start)
        when = moment_text(facts.axis, minute)
        if pin.request in pins and pins[pin.request] != minute:
            other = moment_text(facts.axis, pins[pin.request])
            reasons.setdefault(pin.request, []).append(
                f"conflicting pins: pinned both at {other} and at {when}"
            )
            continue
        pins[pin.request] = minute
        candidate = candidates[pin.request]
        if minute not in candidate.starts:
            cause = why_not_at(facts, candidate, minute)
            reasons.setdefault(pin.request, []).append(f"pinned at {when}, but {cause}")
    return pins, reasons


def _pins_feasible(v: Variables, rids: list[str], seconds: float, careful: bool, seed: int) -> bool | None:
    """True/False when the pins `rids` can/cannot hold together; None when time ran out."""
    v.model.clear_assumptions()
    v.model.add_assumptions([v.pin_holds[r] for r in rids])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.1)
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = 1
    if careful:
        solver.parameters.cp_model_presolve = False
    status = solver.solve(v.model)
    v.model.clear_assumptions()
    if status == cp_model.INFEASIBLE:
        return False
    return True if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def conflicting_pins(v: Variables, seconds: float, seed: int) -> list[str]:
    """A minimal set of pins that cannot all hold, or [] when they can (or time ran out).

    INFEASIBLE is confirmed with presolve off on one worker before it is believed, and the solver's
    sufficient assumptions are shrunk by dropping one pin at a time and solving again.
    """
    rids = list(v.pin_holds)
    if not rids or _pins_feasible(v, rids, seconds / 3, False, seed) is not False:
        return []
    v.model.clear_assumptions()
    v.model.add_assumptions([v.pin_holds[r] for r in rids])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds / 3, 0.1)
    solver.parameters.num_workers = 1
    solver.parameters.cp_model_presolve = False
    status = solver.solve(v.model)
    v.model.clear_assumptions()
    if status != cp_model.INFEASIBLE:
        return []
    by_index = {v.pin_holds[r].index: r for r in rids}
    core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index] or rids
    for rid in list(core):
        trial = [r for r in core if r != rid]
        if trial and _pins_feasible(v, trial, seconds / (3 * len(rids)), True, seed) is False:
            core = trial
    return core


def conflict_reasons(facts: PlanFacts, v: Variables, core: list[str]) -> dict[str, list[str]]:
    reasons = {}
    for rid in core:
        others = [
            f"{title(facts.requests[r])} pinned at {moment_text(facts.axis, v.pins[r])}"
            for r in core
            if r != rid
        ]
        mine = moment_text(facts.axis, v.pins[rid])
        reasons[rid] = [
            f"conflicting pins: pinned at {mine}, which cannot hold together with {listed(others)}"
        ]
    return reasons
