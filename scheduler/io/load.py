"""One way in for a plan file: JSON or workbook, decoded, validated, every problem located."""

from __future__ import annotations

from pathlib import Path as FilePath

from scheduler.io.partial import json_later_problems, later_problems
from scheduler.io.plan_json import MAX_BYTES, plan_from_data, read_plan_json
from scheduler.model import Plan
from scheduler.problems import Problem, errors

ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def load_plan(name: str, content: bytes) -> tuple[Plan | None, list[Problem]]:
    """The plan in `content` (a file called `name`) and all its problems; no plan if any is an error.

    Never raises on bad input: whatever the bytes, the answer is a list of located problems.
    """
    if len(content) > MAX_BYTES:
        size = f"{len(content) / 1024 / 1024:.1f} MB"
        return None, [Problem(("file",), size, f"a file of at most {MAX_BYTES // 1024 // 1024} MB")]
    try:
        if is_workbook(name, content):
            plan, problems = _load_workbook(content)
        else:
            plan, problems = read_plan_json(content)
            if plan is not None:
                problems = problems + _validate(plan)
            else:  # the entries that did decode, checked too: every problem of the file at once
                problems = problems + json_later_problems(content, problems)
    except Exception as error:  # a last line of defence: report, never crash
        return None, [Problem(("file",), type(error).__name__, "a plan file this program can read")]
    return (None if errors(problems) else plan), problems


def load_plan_file(path: str | FilePath) -> tuple[Plan | None, list[Problem]]:
    path = FilePath(path)
    try:
        content = path.read_bytes()
    except OSError as error:
        return None, [Problem(("file",), str(path), f"a readable file ({error.strerror})")]
    return load_plan(path.name, content)


def is_workbook(name: str, content: bytes) -> bool:
    return name.lower().endswith(WORKBOOK_SUFFIXES) or content.startswith(ZIP_MAGIC)


def _load_workbook(content: bytes) -> tuple[Plan | None, list[Problem]]:
    from scheduler.io.workbook import workbook_to_data

    data, problems, locate = workbook_to_data(content)
    plan = None
    if data is not None:
        plan, decoded = plan_from_data(data, lenient=True)
        problems = problems + decoded
        if plan is not None:
            problems = problems + _validate(plan)
        else:  # the entries that did decode, checked too: every problem of the file at once
            problems = problems + later_problems(data, decoded, lenient=True)
    return plan, [_relocated(p, locate) for p in problems]


def _relocated(problem: Problem, locate) -> Problem:
    if problem.where:
        return problem
    where = locate(problem.path)
    return problem.at(where) if where else problem


def _validate(plan: Plan) -> list[Problem]:
    from scheduler.validate import validate

    return validate(plan)
