"""Reports each improving solution to the caller, and stops the search when the caller asks or when a
later stage has stalled (the stall limit: `stall_seconds` without closing 1% of its gap)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from scheduler.solver.extract import count_present
from scheduler.solver.options import Progress
from scheduler.solver.variables import Variables

STALL_SECONDS = 2.0
STALL_PER_REQUEST = 0.02
STALL_GAIN = 0.01
"""The stall limit: a stage after the priorities ends, unproven, once `stall_seconds` have passed since
it last closed STALL_GAIN (1%) of the gap between its best schedule and its bound, from either side (a
better schedule, or a better bound: the way to a proof), counting from its first schedule. The while
is STALL_SECONDS, or STALL_PER_REQUEST for each request when that is longer (1 s per 50 requests),
times the stage's weight in the time shares (search._stages: optional hosts 3, travel 2, the others
1). Compact days and earlier starts are seldom proven, and improve by a few minutes at a time for as
long as they run: without the limit a small plan sat out its whole time limit on them. Optional hosts
improve in bursts (on the 50-meeting peer set: after 2.2, 3.5 and 5.1 s without), and a larger model
takes longer for each step (at 2 s, the 800-meeting peer set's optional hosts stalled at 770
attendances where 60 s reach 1,546), hence the weight and the growth with the plan. Documented in
docs/benchmarks.md ("The stall limit") and docs/plan-format.md (`criteria`, `stalled`)."""


def stall_seconds(requests: int, weight: float = 1.0) -> float:
    """The stall limit's while for a stage of this weight on a plan of this many requests."""
    return max(STALL_SECONDS, STALL_PER_REQUEST * requests) * weight


class Stall:
    """Watches one stage's search and stops it at the stall limit; `stalled` says whether it did."""

    def __init__(self, seconds: float = STALL_SECONDS, gain: float = STALL_GAIN):
        self.seconds, self.gain = seconds, gain
        self.value: float | None = None  # the best schedule's value and the bound at the last progress
        self.bound: float | None = None
        self.last: float | None = None  # when that was
        self.stalled = False

    def solution(self, value: float, bound: float) -> None:
        """A better schedule of the stage (CP-SAT calls back on each one)."""
        if self.value is None or self.bound is None:
            self.value, self.bound, self.last = value, bound, time.perf_counter()
        elif abs(value - self.value) >= self.gain * abs(self.value - self.bound):
            self.value, self.last = value, time.perf_counter()

    def better_bound(self, bound: float) -> None:
        if self.value is None or self.bound is None:
            self.bound = bound
        elif abs(bound - self.bound) >= self.gain * abs(self.value - self.bound):
            self.bound, self.last = bound, time.perf_counter()

    def watch(self, solver: cp_model.CpSolver, done: threading.Event) -> None:
        solver.best_bound_callback = self.better_bound

        def run() -> None:
            while not done.wait(0.05):
                if self.last is not None and time.perf_counter() - self.last >= self.seconds:
                    self.stalled = True
                    solver.stop_search()
                    return

        threading.Thread(target=run, daemon=True).start()


class Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(
        self,
        v: Variables,
        stage: str,
        began: float,
        on_progress: Callable[[Progress], None] | None,
        stop: threading.Event | None,
        stall: Stall | None = None,
    ):
        super().__init__()
        self.v, self.stage, self.began = v, stage, began
        self.on_progress, self.stop, self.stall = on_progress, stop, stall

    def on_solution_callback(self) -> None:
        if self.stall is not None:
            self.stall.solution(self.objective_value, self.best_objective_bound)
        if self.on_progress is not None:
            self.on_progress(
                Progress(
                    elapsed=time.perf_counter() - self.began,
                    stage=self.stage,
                    objective=self.objective_value,
                    bound=self.best_objective_bound,
                    scheduled=count_present(self, self.v),
                )
            )
        if self.stop is not None and self.stop.is_set():
            self.stop_search()


def watch_stop(solver: cp_model.CpSolver, stop: threading.Event | None, done: threading.Event) -> None:
    """Stops the search when `stop` is set, even before a first solution (no callback is called then)."""
    if stop is None:
        return

    def watch() -> None:
        # Asked again until the search ends: a stop asked just before the search starts is ignored.
        while not done.is_set():
            if stop.wait(0.05):
                solver.stop_search()
                done.wait(0.05)

    threading.Thread(target=watch, daemon=True).start()
