"""How a solve is run (time, threads, seed, pins, a stop switch) and what it reports while running."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from scheduler.model import Kept, Pin


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float = 30
    workers: int = 2
    seed: int = 1
    pins: tuple[Pin, ...] = ()
    keep: tuple[Kept, ...] = ()
    """An earlier programme to stay close to: after the priorities, as many of these meetings as possible
    keep their time (then their room and interpreter), before optional hosts, travel and the rest."""
    start: tuple[Kept, ...] = ()
    """A programme to go on from (a longer search after one cut short): its meetings are put back first
    where the plan still allows them, the rest placed greedily, and the search starts from there when
    that is at least as good on priorities as the greedy start. Nothing holds them in place afterwards.
    With `keep`, it is the start only when it is at least as good as the kept programme's own start on
    all that keeping counts (must and high meetings, meetings at their kept time, priorities)."""
    stop: threading.Event | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Progress:
    """One improvement: `objective` and `bound` are in the units of `stage` (see solver.objective)."""

    elapsed: float
    stage: str
    objective: float
    bound: float
    scheduled: dict[str, int]
