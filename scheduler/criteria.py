"""How far a schedule is proven the best, criterion by criterion, said in one sentence.

The objective is lexicographic (DESIGN.md): the solver proves the criteria in order, and a later one
is only proven once every earlier one is. A `feasible` schedule is thus often proven on priorities and
travel, while the last tie-breaks (compact days, earlier starts) are the best found in the time given.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from scheduler.model import PRIORITIES, Criterion, Objective

WEIGHTED = ("priorities", "must and high", "kept in place", "fairness")
"""Criteria whose values weigh several counts together (solver.objective, solver.keep, solver.fairness)."""


def priority_weights(requested: dict[str, int]) -> dict[str, int]:
    """Mixed-radix weights: w(low) = 1, each class above weighs one more than all below it can sum to."""
    weights, weight = {}, 1
    for priority in reversed(PRIORITIES):
        weights[priority] = weight
        weight *= requested.get(priority, 0) + 1
    return weights


def priority_score(scheduled: dict[str, int], requested: dict[str, int]) -> int:
    weights = priority_weights(requested)
    return sum(weights[p] * scheduled.get(p, 0) for p in PRIORITIES)


def best_possible(bound: float, requested: dict[str, int]) -> dict[str, int]:
    """The counts per priority that a score bound allows at best, in lexicographic order.

    The weights are mixed-radix, so a score is at most `bound` exactly when its counts are
    lexicographically at most these: each class takes as many as the bound leaves room for."""
    weights, room = priority_weights(requested), math.floor(bound + 1e-6)
    counts = {}
    for priority in PRIORITIES:
        counts[priority] = max(0, min(requested.get(priority, 0), room // weights[priority]))
        room -= counts[priority] * weights[priority]
    return counts


def headroom(scheduled: dict[str, int], bound: float, requested: dict[str, int]) -> tuple[str, int] | None:
    """(priority, k): the bound leaves room for at most k more meetings of that priority (the first one
    where it leaves any), None when no schedule can place more: the priorities are then proven."""
    allowed = best_possible(bound, requested)
    for priority in PRIORITIES:
        if allowed[priority] != scheduled.get(priority, 0):
            more = allowed[priority] - scheduled.get(priority, 0)
            return (priority, more) if more > 0 else None
    return None


def headroom_sentence(objective: Objective) -> str:
    """For a schedule whose priorities are not proven: how many more meetings a longer search might
    place at most, e.g. "At most 4 more low-priority meetings could still fit: a longer time limit may
    place some of them."; empty when the priorities are proven or nothing was recorded."""
    named = {c.name: c for c in objective.criteria}
    priorities = named.get("priorities")
    if priorities is None or priorities.proven or objective.bound is None:
        return ""
    room = headroom(objective.scheduled, objective.bound, objective.requested)
    if room is None:
        return ""
    priority, more = room
    kept = " with the kept meetings where they are" if "kept in place" in named else ""
    meetings = "meeting" if more == 1 else "meetings"
    return (
        f"At most {more} more {priority}-priority {meetings} could still fit{kept}: a longer time limit "
        "may place some of them."
    )


def progress_words(
    stage: str, value: float, bound: float, scheduled: dict[str, int], requested: dict[str, int]
) -> str:
    """A running stage's best value and bound in words, e.g. "delegations travel 985 min in all; at least
    250 min are needed" (solver.objective gives each stage's units)."""
    if not math.isfinite(bound):  # the greedy start reports no bound
        return "a first programme, each meeting at its earliest free time in priority order"
    if stage == "priorities":
        room = headroom(scheduled, bound, requested)
        if room is None:
            return "no programme places more meetings"
        meetings = "meeting" if room[1] == 1 else "meetings"
        return f"at most {room[1]} more {room[0]}-priority {meetings} may still fit"
    low, high = math.ceil(bound - 1e-6), math.floor(bound + 1e-6)
    # Minutes are never below 0, yet early in a stage the solver's bound can be (compact days once
    # read "at least -355 are unavoidable"): a bound of 0 or less proves nothing, so it goes unsaid.
    needed = f"; at least {low} min are needed" if low > 0 else ""
    unavoidable = f"; at least {low} are unavoidable" if low > 0 else ""
    words = {
        "fairness": "sharing contested meetings between delegations: fewer meetings first, then precedence",
        "optional hosts": f"{value:.0f} optional hosts attend; at most {high} could",
        "travel": f"delegations travel {value:.0f} min in all{needed}",
        "compact days": f"{value:.0f} idle minutes inside the days{unavoidable}",
        "earlier starts": f"{value:.0f} minutes after the earliest starts{unavoidable}",
    }
    return words.get(stage, f"best {value:,.0f} · bound {bound:,.0f}")


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def proof_sentence(criteria: Sequence[Criterion]) -> str:
    """For a schedule that is not proven optimal, e.g. "Proven best on priorities and travel; compact
    days: the best found in the time given."; empty when nothing was recorded."""
    if not criteria:
        return ""
    proven = [c.name for c in criteria if c.proven]
    open_ = [c.name for c in criteria if not c.proven and not c.stalled]
    stalled = [c.name for c in criteria if not c.proven and c.stalled]
    parts = []
    if open_:
        parts.append(f"{_listed(open_)}: the best found in the time given")
    if stalled:
        parts.append(f"{_listed(stalled)}: the best found before the search stopped improving (stall limit)")
    later = "; ".join(parts) or "the later criteria were not reached in the time given"
    if not proven:
        return f"{later[0].upper()}{later[1:]}."
    return f"Proven best on {_listed(proven)}; {later}."


def proof_figures(criteria: Sequence[Criterion]) -> str:
    """For benchmarks: when each criterion was proven, or its value against its bound, e.g.
    "proven: priorities 0.1 s, travel 2.9 s; not proven: compact days 720 (bound 355)"."""
    proven = [f"{c.name} {c.seconds:.1f} s" for c in criteria if c.proven]
    open_ = [_against_bound(c) for c in criteria if not c.proven]
    parts = [f"proven: {', '.join(proven)}"] if proven else []
    return "; ".join(parts + ([f"not proven: {', '.join(open_)}"] if open_ else []))


def _against_bound(c: Criterion) -> str:
    if c.name in WEIGHTED and c.bound:  # a weighted score: only its ratio to the bound speaks
        return f"{c.name} {c.value / c.bound:.4f} of the bound"
    return f"{c.name} {c.value:.0f} (bound {c.bound:.0f})"
