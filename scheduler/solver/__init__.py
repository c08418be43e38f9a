"""The CP-SAT scheduler: the only part of the engine that imports ortools."""

from scheduler.criteria import priority_score, priority_weights
from scheduler.solver.greedy import greedy
from scheduler.solver.options import Progress, SolveOptions
from scheduler.solver.search import solve

__all__ = ["Progress", "SolveOptions", "greedy", "priority_score", "priority_weights", "solve"]
