"""Fairness and precedence (DESIGN.md, Format v1.1): who loses a contested meeting is a stated rule.

With the priority counts held, two steps decide which requests of the same priority are scheduled:

1. Fairness, one stage of the objective. Per priority class and delegation, let n be the number of its
   scheduled meetings of that class (a bilateral counts for both). The stage maximises, class by class
   from must to low, the number of delegations with at least 1, then at least 2, ... such meetings:
   no delegation gets a second while another that asked gets none. As one weighted sum: level k of a
   class weighs B^(K-k), B one more than the delegations asking in that class, so a level outweighs
   every level below it (mixed radix, as the priority score), and the classes are chained the same way.
2. Precedence, settled after fairness is proven: the requests are ranked by priority, then by the
   precedence of their first-ranked delegation (`Plan.precedence`, then `delegations` order), then by
   their order in the plan, and the scheduled set is the lexicographically first in that ranking among
   the schedules as good on priorities and fairness: each request not yet scheduled, in rank order, is
   tried with every earlier decision held; it is kept if some schedule has it, else left out for good.

The scheduled set is then a function of the plan alone, whatever the seed and the number of workers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from itertools import pairwise
from weakref import WeakKeyDictionary

from ortools.sat.python import cp_model

from scheduler.model import PRIORITIES, Plan
from scheduler.solver.board import Board
from scheduler.solver.candidates import Candidate
from scheduler.solver.capacity import Capacity, participant_capacities, slots_of
from scheduler.solver.variables import Variables
from scheduler.solver.words import days_text

FAIRNESS = "fairness"
"""The stage's name, as criteria and progress report it."""
MAX_WEIGHT = 2**52
"""The fairness sum stays below this; beyond it the highest levels of the lowest classes are left out
(never met on the plans measured: the generated 170-bilateral conference needs about 2^40)."""


def precedence_order(plan: Plan) -> list[str]:
    """Delegation ids in protocol precedence: those listed in `precedence`, then the rest in plan order."""
    listed = [d for d in plan.precedence if any(x.id == d for x in plan.delegations)]
    return list(dict.fromkeys([*listed, *(d.id for d in plan.delegations)]))


def request_rank(plan: Plan) -> dict[str, tuple[int, int, int]]:
    """Each request's place in the precedence ranking: priority, first-ranked delegation, plan order."""
    order = {d: k for k, d in enumerate(precedence_order(plan))}
    return {
        r.id: (
            PRIORITIES.index(r.priority),
            min((order[d] for d in r.delegations if d in order), default=len(order)),
            k,
        )
        for k, r in enumerate(plan.requests)
    }


def _asking(v: Variables) -> dict[str, dict[str, list[str]]]:
    """Per priority, per delegation (in precedence order), its placeable requests of that priority."""
    found: dict[str, dict[str, list[str]]] = {p: {} for p in PRIORITIES}
    for d in precedence_order(v.facts.plan):
        for rid in v.presence:
            request = v.candidates[rid].request
            if d in request.delegations:
                found[request.priority].setdefault(d, []).append(rid)
    return found


def fairness_term(v: Variables) -> cp_model.LinearExpr | int:
    """The fairness stage's expression (module docstring)."""
    asking = _asking(v)
    classes = []  # (levels per delegation, radix B, top level K), must first
    for priority in PRIORITIES:
        by_delegation = asking[priority]
        if by_delegation:
            top = max(len(rids) for rids in by_delegation.values())
            classes.append((priority, by_delegation, len(by_delegation) + 1, top))
    caps = [top for *_, top in classes]

    def largest() -> int:
        total = 1
        for (_, by_d, radix, _), cap in zip(classes, caps, strict=True):
            most = sum(
                radix ** (cap - k) for rids in by_d.values() for k in range(1, min(cap, len(rids)) + 1)
            )
            total *= most + 1
        return total

    while largest() >= MAX_WEIGHT and any(c > 1 for c in caps):
        k = max(i for i, c in enumerate(caps) if c > 1)  # the lowest class with levels to spare
        caps[k] -= 1
    expression: cp_model.LinearExpr | int = 0
    for (priority, by_delegation, radix, _), cap in zip(classes, caps, strict=True):
        terms, most = [], 0
        for d, rids in by_delegation.items():
            levels = [v.model.new_bool_var(f"fair[{priority},{d},{k}]") for k in range(1, cap + 1)]
            levels = levels[: len(rids)]
            for higher, lower in pairwise(levels):
                v.model.add_implication(lower, higher)
            v.model.add(sum(levels) <= sum(v.presence[r] for r in rids))
            held = sum(1 for r in rids if r in v.current)
            for k, level in enumerate(levels, start=1):
                v.model.add_hint(level, k <= held)
                terms.append(radix ** (cap - k) * level)
                most += radix ** (cap - k)
        expression = expression * (most + 1) + sum(terms)
    return expression


def settle_precedence(
    v: Variables,
    scheduled: set[str],
    solve_one: Callable[[float], tuple[cp_model.CpSolver, int]],
    deadline: float,
) -> tuple[cp_model.CpSolver | None, bool]:
    """Step 2 of the module docstring, with priorities and fairness already held in the model and
    `scheduled` the requests of the fairness stage's schedule. Returns the last schedule found (None: the
    one before stands) and whether every decision was proven."""
    v.model.clear_objective()
    rank = request_rank(v.facts.plan)
    last = None
    for rid in sorted(v.presence, key=rank.__getitem__):
        present = v.presence[rid]
        if rid in scheduled:
            v.model.add(present == 1)
            continue
        left = deadline - time.perf_counter()
        if left <= 0.05:
            return last, False
        v.model.add_assumptions([present])
        solver, status = solve_one(left)
        v.model.clear_assumptions()
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            v.model.add(present == 1)
            last = solver
            scheduled = {r for r, lit in v.presence.items() if solver.value(lit)}
            _hint_solution(v, solver)
        elif status == cp_model.INFEASIBLE:
            v.model.add(present == 0)
        else:
            return last, False
    return last, True


def _hint_solution(v: Variables, solver: cp_model.CpSolver) -> None:
    model = v.model
    model.clear_hints()
    for i in range(len(model.proto.variables)):
        var = model.get_int_var_from_proto_index(i)
        model.add_hint(var, solver.value(var))


# --- the rule in words ----------------------------------------------------------------------


def contest_reasons(board: Board, candidate: Candidate) -> list[str] | None:
    """Why `candidate` lost to requests of its own priority, where a participant's free time cannot hold
    them all: "not placed: EUCPN Secretariat is free for 15 such meetings on 29 and 31 May; by the plan's
    precedence, Sweden comes after the 15 placed", then the capacity finding. None when no capacity
    argument or no same-priority contest explains it."""
    facts = board.facts
    priority = candidate.request.priority
    needed = slots_of(facts, candidate.minutes)
    for capacity in _saturated(board, candidate, needed):
        rivals = [
            r
            for r in board.placed
            if r in capacity.requests and facts.requests[r].priority == priority and r != candidate.id
        ]
        if any(facts.requests[r].priority != priority for r in _placed_in(board, capacity)):
            continue
        mine = set(candidate.request.delegations)
        if not any(set(facts.requests[r].delegations) - mine for r in rivals):
            continue  # no other delegation took its place: fairness and precedence are not what decided
        rule = _rule_words(board, candidate, rivals)
        if rule is None:
            continue
        same = {slots_of(facts, board.candidates[r].minutes) for r in capacity.requests}
        fit = capacity.fitting(needed)
        such = "such meeting" if same == {needed} else f"meeting of {candidate.minutes} minutes"
        such = such.replace("meeting", "meetings") if fit != 1 else such
        days = days_text(list(capacity.days))
        return [
            f"not placed: {capacity.name} is free for {fit} {such} on {days}; {rule}",
            capacity.sentence(),
        ]
    return None


def _placed_in(board: Board, capacity: Capacity) -> list[str]:
    return [r for r in capacity.requests if r in board.placed]


_CAPACITIES: WeakKeyDictionary[Board, list[Capacity]] = WeakKeyDictionary()


def _capacities(board: Board) -> list[Capacity]:
    """The short capacities of the board's plan, worked out once per board (explain asks per request)."""
    if board not in _CAPACITIES:
        found = participant_capacities(board.facts, board.candidates)
        _CAPACITIES[board] = [c for c in found if c.short]
    return _CAPACITIES[board]


def _saturated(board: Board, candidate: Candidate, needed: int) -> list[Capacity]:
    """The required participants whose free slots the placed meetings fill too far for this one."""
    facts = board.facts
    found = []
    for capacity in _capacities(board):
        # A delegation short of time has hosts competing for it, not delegations: fairness is between
        # delegations, so it is the hosts' and rooms' capacities that it decides.
        if capacity.key in facts.delegation_ids:
            continue
        if capacity.key not in candidate.required or not capacity.short:
            continue
        used = sum(slots_of(facts, board.candidates[r].minutes) for r in _placed_in(board, capacity))
        if used + needed > capacity.free:
            found.append(capacity)
    return found


def _rule_words(board: Board, candidate: Candidate, rivals: list[str]) -> str | None:
    """Which rule put the placed rivals first: fairness (their delegations have no more meetings of the
    priority than this one's), or precedence (one more, and they come first). None: neither explains it."""
    facts, plan = board.facts, board.facts.plan
    priority = candidate.request.priority
    counts: dict[str, int] = {}
    for rid in board.placed:
        request = facts.requests[rid]
        if request.priority == priority:
            for d in request.delegations:
                counts[d] = counts.get(d, 0) + 1
    mine = candidate.request.delegations
    if not mine:
        return None
    rank = request_rank(plan)
    names = {d.id: d.country or d.name for d in plan.delegations}
    own = max(mine, key=lambda d: counts.get(d, 0))
    n = counts.get(own, 0)
    fair, ahead = 0, 0
    for rid in rivals:
        theirs = facts.requests[rid].delegations
        fewest = min((counts.get(d, 0) for d in theirs), default=0)
        if fewest <= n:
            fair += 1
        elif fewest == n + 1 and rank[rid] < rank[candidate.id]:
            ahead += 1
        else:
            return None
    who = names.get(own, own)
    meetings = "meeting" if n == 1 else "meetings"
    if not ahead:
        return (
            f"by the fairness rule, {who} already has {n} other {priority}-priority {meetings}, and each of "
            f"the {fair} placed goes to a delegation with no more"
        )
    if not fair:
        return f"by the plan's precedence, {who} comes after the {ahead} placed"
    return (
        f"by the fairness rule, {fair} of the placed go to delegations with no more than {who}'s {n} other "
        f"{priority}-priority {meetings}; by the plan's precedence, {who} comes after the other {ahead}"
    )
