"""Reports each improving solution to the caller, and stops the search when the caller asks."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from scheduler.solver.extract import count_present
from scheduler.solver.options import Progress
from scheduler.solver.variables import Variables


class Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(
        self,
        v: Variables,
        stage: str,
        began: float,
        on_progress: Callable[[Progress], None] | None,
        stop: threading.Event | None,
    ):
        super().__init__()
        self.v, self.stage, self.began = v, stage, began
        self.on_progress, self.stop = on_progress, stop

    def on_solution_callback(self) -> None:
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
