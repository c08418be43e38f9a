"""The solver's borders: the rule families in DESIGN order, CP-SAT only inside the solver, loud failures."""

from __future__ import annotations

import ast
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from scheduler.model import Meeting, Objective, Schedule
from scheduler.rules import RULES
from scheduler.solver.constraints import HARD_RULES
from scheduler.solver.outcome import InvalidSchedule, check_schedule
from tests.test_solver_plans import at, meeting, plan_for

ROOT = Path(__file__).resolve().parent.parent / "scheduler"


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_hard_rules_follow_design_order_with_the_shared_rule_ids():
    assert [rule_id for rule_id, _ in HARD_RULES] == [rule.id for rule in RULES]
    assert all(add.__name__ == f"add_{rule_id.replace('-', '_')}" for rule_id, add in HARD_RULES)


def test_the_verifier_checks_each_hard_rule_under_its_id_in_design_order():
    from scheduler.verify.schedule import CHECKS

    assert list(CHECKS) == [rule.id for rule in RULES]
    assert list(CHECKS) == [rule_id for rule_id, _ in HARD_RULES]


def test_only_the_solver_package_imports_ortools():
    users = {
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if any(name.split(".")[0] == "ortools" for name in imported(path))
    }
    assert users and all(user.startswith("solver/") for user in users)


def test_travel_times_use_the_standard_library_only_and_verify_keeps_its_own():
    assert all(
        name.split(".")[0] != "scheduler" or name == "scheduler.model"
        for name in imported(ROOT / "travel.py")
    )
    verifier = sorted((ROOT / "verify").glob("*.py"))
    assert len(verifier) >= 6
    for path in verifier:
        assert not any(
            name.startswith(("scheduler.solver", "scheduler.travel", "scheduler.interpretation"))
            for name in imported(path)
        )


def test_a_schedule_breaking_a_rule_fails_loudly():
    plan = plan_for((meeting("M1", "FAST"),))
    start = at("07:00").replace(tzinfo=ZoneInfo("Europe/Brussels"))  # before the working day
    bad = Meeting("M1", start, start.replace(hour=8), "HQ")
    schedule = Schedule(plan.name, "feasible", 0.0, Objective({}, {}), (bad,))
    with pytest.raises(InvalidSchedule, match="hard rule"):
        check_schedule(plan, schedule)
