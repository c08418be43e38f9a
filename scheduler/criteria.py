"""How far a schedule is proven the best, criterion by criterion, said in one sentence.

The objective is lexicographic (DESIGN.md): the solver proves the criteria in order, and a later one
is only proven once every earlier one is. A `feasible` schedule is thus often proven on priorities and
travel, while the last tie-breaks (compact days, earlier starts) are the best found in the time given.
"""

from __future__ import annotations

from collections.abc import Sequence

from scheduler.model import Criterion

WEIGHTED = ("priorities", "must and high", "kept in place")
"""Criteria whose values weigh several counts together (solver.objective, solver.keep)."""


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def proof_sentence(criteria: Sequence[Criterion]) -> str:
    """For a schedule that is not proven optimal, e.g. "Proven best on priorities and travel; compact
    days: the best found in the time given."; empty when nothing was recorded."""
    if not criteria:
        return ""
    proven = [c.name for c in criteria if c.proven]
    open_ = [c.name for c in criteria if not c.proven]
    later = (
        f"{_listed(open_)}: the best found in the time given"
        if open_
        else "the later criteria were not reached in the time given"
    )
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
