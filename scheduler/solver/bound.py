"""How many meetings a large plan can hold at most, from a model too loose to schedule but small to solve.

The solver works on a large plan in parts (solver.lns), which say nothing of the whole. This model has
every hard rule of one meeting and between meetings that use the same person, room or date, except the
travel between venues and lunch: each person's meetings may not overlap, but may sit back to back at
two venues. Every valid schedule is a schedule of it, so its bound on the priority score is a bound of
the plan. On 1,800 generated requests it has 18,000 variables where the whole model has 105,000; in
5 s its bound allowed at most 90 must and 349 high meetings, where the parts placed 89 and 324.
"""

from __future__ import annotations

import threading

from ortools.sat.python import cp_model

from scheduler.solver import constraints as rules
from scheduler.solver.candidates import Candidate
from scheduler.solver.capacity import add_capacity
from scheduler.solver.extract import count_scheduled
from scheduler.solver.facts import PlanFacts
from scheduler.solver.objective import scheduled_term
from scheduler.solver.variables import Variables


def loose_model(facts: PlanFacts, candidates: dict[str, Candidate], pins: dict[str, int]) -> Variables:
    """The hard rules without travel between venues and lunch, the priority score as objective."""
    v = Variables(cp_model.CpModel(), facts, candidates, pins)
    rules.add_duration(v)
    rules.add_availability(v)
    for parts in v.parts.values():  # rule 3 without travel: no two meetings of one person overlap
        if len(parts) > 1:
            v.model.add_no_overlap([p.interval for p in parts])
    for add in (rules.add_rooms, rules.add_interpretation, rules.add_max_per_day, rules.add_pinned):
        add(v)
    for add in (rules.add_position, rules.add_order):
        add(v)
    for holds in v.pin_holds.values():
        v.model.add(holds == 1)
    add_capacity(v)
    v.model.maximize(scheduled_term(v, count_scheduled(facts, facts.requests)))
    return v


class Bound:
    """Searches the loose model's bound in a thread of its own until `stop` (or until proven)."""

    def __init__(self, facts: PlanFacts, candidates: dict[str, Candidate], pins: dict[str, int], seed: int):
        self.value: float | None = None
        self._solver = cp_model.CpSolver()
        self._solver.parameters.num_workers = 1
        self._solver.parameters.random_seed = seed
        self._facts, self._candidates, self._pins = facts, candidates, pins
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self, seconds: float) -> Bound:
        self._solver.parameters.max_time_in_seconds = max(seconds, 0.1)
        self._thread.start()
        return self

    def wait(self) -> Bound:
        """Until the search has used its time (or proven the bound)."""
        self._thread.join()
        return self

    def _run(self) -> None:
        v = loose_model(self._facts, self._candidates, self._pins)
        if self._stopped.is_set():
            return
        self._solver.best_bound_callback = self._better
        status = self._solver.solve(v.model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE):
            self._better(self._solver.best_objective_bound if status != cp_model.INFEASIBLE else 0.0)

    def _better(self, bound: float) -> None:
        self.value = bound if self.value is None else min(self.value, bound)

    def stop(self) -> float | None:
        """End the search and return the best bound it found (None: none yet)."""
        self._stopped.set()
        while self._thread.is_alive():  # asked again: a stop asked just before the search starts is lost
            self._solver.stop_search()
            self._thread.join(0.05)
        return self.value
