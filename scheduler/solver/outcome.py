"""The ends of a solve that are not a search: the best schedule found, a plan whose pins cannot hold,
and the final check."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from scheduler.model import PRIORITIES, Criterion, Objective, Plan, Schedule, Unscheduled
from scheduler.solver.board import Placement
from scheduler.solver.candidates import Candidate
from scheduler.solver.extract import count_scheduled
from scheduler.solver.facts import PlanFacts
from scheduler.solver.words import listed, title


@dataclass
class Best:
    """The best schedule found so far, how far it is proven, and its value on each criterion."""

    placements: list[Placement]
    lunches: dict = field(default_factory=dict)
    bound: float | None = None
    proven: bool = False
    complete: bool = True
    criteria: list[Criterion] = field(default_factory=list)


class InvalidSchedule(RuntimeError):
    """The solver produced a schedule the independent verifier rejects: a bug, never a user error."""


def infeasible_schedule(
    facts: PlanFacts, candidates: dict[str, Candidate], reasons: dict[str, list[str]], began: float
) -> Schedule:
    """No programme: the pins cannot all hold. Every request is listed, the pinned ones with the cause."""
    blamed = listed([title(facts.requests[r]) for r in reasons])
    unscheduled = tuple(
        Unscheduled(
            r.id, tuple(reasons.get(r.id) or [f"no programme was made: the pins of {blamed} cannot hold"])
        )
        for r in facts.plan.requests
    )
    objective = Objective(
        scheduled=dict.fromkeys(PRIORITIES, 0),
        requested=count_scheduled(facts, candidates),
    )
    return Schedule(
        facts.plan.name, "infeasible", time.perf_counter() - began, objective, (), (), unscheduled
    )


def check_schedule(plan: Plan, schedule: Schedule) -> None:
    """Run the independent verifier on the solver's own output and fail loudly on any violation."""
    from scheduler.verify import verify

    violations = verify(plan, schedule)
    if violations:
        listed_text = "\n".join(str(v) for v in violations[:20])
        raise InvalidSchedule(f"the schedule breaks {len(violations)} hard rule(s):\n{listed_text}")
