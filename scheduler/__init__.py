"""The delegation exchange scheduler: plan model, formats, solver, verifier and exports."""

from scheduler.io.load import load_plan, load_plan_file
from scheduler.model import (
    PRIORITIES,
    DayWindow,
    Delegation,
    Fixed,
    Host,
    Interpreter,
    Kept,
    Lunch,
    LunchBlock,
    Meeting,
    Objective,
    Pin,
    Plan,
    Request,
    Room,
    Schedule,
    Travel,
    Unscheduled,
    Venue,
    Window,
)
from scheduler.problems import Problem
from scheduler.store import Conflict, Store
from scheduler.verify import Violation, verify  # binds the name `verify` to the function, not the module

# Loaded on first use, so that `validate` and `convert` do not pay for importing OR-Tools.
_LAZY = {
    "solve": "scheduler.solver",
    "greedy": "scheduler.solver",
    "SolveOptions": "scheduler.solver",
    "Progress": "scheduler.solver",
    "generate_plan": "scheduler.generate",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'scheduler' has no attribute {name!r}")


__all__ = [
    "PRIORITIES",
    "Conflict",
    "DayWindow",
    "Delegation",
    "Fixed",
    "Host",
    "Interpreter",
    "Kept",
    "Lunch",
    "LunchBlock",
    "Meeting",
    "Objective",
    "Pin",
    "Plan",
    "Problem",
    "Request",
    "Room",
    "Schedule",
    "Store",
    "Travel",
    "Unscheduled",
    "Venue",
    "Violation",
    "Window",
    *_LAZY,
    "verify",
    "load_plan",
    "load_plan_file",
]
