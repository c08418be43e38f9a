"""Large-neighbourhood search: a better schedule found one small part at a time, for plans whose whole
model is too big to move in (solver.large).

Each step takes a target (the most important request still left out, tried the fewest times so far;
with optional hosts as the goal, every other step a meeting that an optional host could still join)
and one of its dates; frees the meetings of its people on that date and, breadth first, those of the
people they meet and of their interpreters, up to a size; adds the requests left out that these people
could meet that date; and solves that part (solver.neighbourhood) with everything it touches held. A
solution that does better on the goal (the priorities, then optional hosts) replaces the part. The
order of steps and each step's search follow the seed: only the number of steps depends on the clock.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from scheduler.model import PRIORITIES
from scheduler.solver.board import Board
from scheduler.solver.neighbourhood import Neighbourhood, apply_part, build_part

FREE_MEETINGS = 40
"""How many placed meetings one step frees at most."""
LEFT_OUT = 20
"""How many requests left out one step tries to place at most (its target included)."""
STEP_WORK = 1.0
"""CP-SAT's deterministic time for one step, so that a step's result does not depend on the machine's
load; STEP_SECONDS of the clock at most. On 1,800 generated requests a step took 0.2 s on average."""
STEP_SECONDS = 2.0
RANK = {p: k for k, p in enumerate(PRIORITIES)}


@dataclass
class Tally:
    """What the search did: steps tried, steps that improved the schedule, tries per target."""

    steps: int = 0
    better: int = 0
    tries: dict[str, int] = field(default_factory=dict)


class Search:
    def __init__(self, board: Board, held: set[str], seed: int):
        self.board, self.held, self.tally = board, held, Tally()
        self.rng = random.Random(seed)
        self.order = {rid: self.rng.random() for rid in sorted(board.candidates)}
        self.dates = {
            rid: frozenset(board.date_of(s) for s in c.starts) for rid, c in board.candidates.items()
        }

    def improve(
        self,
        deadline: float,
        attendance: bool = False,
        stop: Callable[[], bool] = lambda: False,
        on_better: Callable[[Board], None] | None = None,
    ) -> None:
        """Step until `deadline` or `stop()`: on the priorities, then (with `attendance`) optional hosts."""
        while not stop():
            seconds = min(STEP_SECONDS, deadline - time.perf_counter())
            if seconds <= 0.1:
                return
            hood = self._next(attendance and self.tally.steps % 2 == 1)
            if hood is None:
                hood = self._next(attendance and self.tally.steps % 2 == 0)
            if hood is None:
                return
            self.tally.steps += 1
            if self._step(hood, seconds, attendance):
                self.tally.better += 1
                if on_better is not None:
                    on_better(self.board)

    def _next(self, joining: bool) -> Neighbourhood | None:
        """The next step's part: around a request left out, or (`joining`) a meeting an optional host
        could still join."""
        board, tries = self.board, self.tally.tries
        if joining:
            targets = [rid for rid in board.placed if rid not in self.held and self._could_join(rid)]
            if not targets:
                return None
            target = min(targets, key=lambda r: (tries.get(r, 0), self.order[r]))
            tries[target] = tries.get(target, 0) + 1
            return self._around(target, board.date_of(board.placed[target].start))
        waiting = [
            c.id
            for c in board.candidates.values()
            if c.starts and c.id not in board.placed and c.id not in self.held
        ]
        if not waiting:
            return None
        target = min(
            waiting, key=lambda r: (tries.get(r, 0), RANK[board.facts.requests[r].priority], self.order[r])
        )
        days = sorted(self.dates[target])
        random.Random(self.order[target]).shuffle(days)
        hood = self._around(target, days[tries.get(target, 0) % len(days)])
        for rid in hood.free:
            if rid not in board.placed:
                tries[rid] = tries.get(rid, 0) + 1
        return hood

    def _could_join(self, rid: str) -> bool:
        placement, candidate = self.board.placed[rid], self.board.candidates[rid]
        return any(
            who not in placement.optional_hosts and candidate.optional_starts.get(who)
            for who in candidate.optional
        )

    def _step(self, hood: Neighbourhood, seconds: float, attendance: bool) -> bool:
        """Solve one part; True when its solution did better and was put in."""
        part = build_part(self.board, hood, attendance)
        if part is None:
            return False
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.max_deterministic_time = STEP_WORK
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = self.rng.randrange(1 << 30)
        status = solver.solve(part.v.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or solver.objective_value <= part.value:
            return False
        apply_part(self.board, part, solver)
        return True

    def _around(self, target: str, day: date) -> Neighbourhood:
        """The target, the meetings of its people (and its venue's) on `day` and, breadth first, of the
        people those meet and their interpreters, up to FREE_MEETINGS; then the requests left out that
        these people could meet that day."""
        board, candidate = self.board, self.board.candidates[target]
        people = list(dict.fromkeys((*candidate.required, *candidate.interpreters, *candidate.optional)))
        seen, free = set(people), [target]
        found = sorted(p.request for p in board.at_venue(candidate.venue) if board.date_of(p.start) == day)
        k = 0
        while len(free) <= FREE_MEETINGS and (found or k < len(people)):
            if not found:
                found, k = sorted(board.meetings_on(people[k], day)), k + 1
                continue
            rid = found.pop(0)
            if rid in free or rid in self.held:
                continue
            free.append(rid)
            for who in (*board.candidates[rid].required, board.placed[rid].interpreter):
                if who is not None and who not in seen:
                    seen.add(who)
                    people.append(who)
        waiting = sorted(
            (
                c
                for c in board.candidates.values()
                if c.id not in board.placed
                and c.id not in free
                and c.id not in self.held
                and day in self.dates[c.id]
                and seen.intersection(c.required)
            ),
            key=lambda c: (RANK[c.request.priority], c.id),
        )
        free += [c.id for c in waiting[: LEFT_OUT - 1]]
        return Neighbourhood(tuple(free), frozenset({day}))
