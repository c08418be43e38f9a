"""Whatever a file holds, loading it gives a clean list of located problems and never raises.

Hypothesis damages valid plans the way people and transfers do: keys deleted, values of the wrong
type or out of range at random places, ids altered or duplicated, cells blanked, bytes cut off or
replaced. `load_plan` has a last line of defence that turns any exception into a vague problem;
these tests also fail when that defence is what answered, since it means a check crashed.
"""

from __future__ import annotations

import copy
import io
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from scheduler.io.load import load_plan
from scheduler.io.workbook import plan_to_workbook
from scheduler.model import Plan
from scheduler.problems import ERROR, WARNING, Problem, errors
from scheduler.validate import validate
from tests.strategies import plans

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data").glob("*.json")) + sorted((ROOT / "tests" / "corpus").glob("*.json"))
GOOD = json.loads((ROOT / "data" / "ukraine-prosecutors-2024.json").read_text(encoding="utf-8"))
DEFENCE = "a plan file this program can read"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.sampled_from([0, -1, 10**400, 1e308, float("inf"), float("nan")])
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["", " ", "auto", "none", "2024-04-23T09:00", "2024-02-30", "25:00", "\x00", "\ud800"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def assert_clean(plan: Plan | None, problems: list[Problem]) -> None:
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.place.strip(), problem
        assert problem.expected.strip(), problem
        assert problem.severity in (ERROR, WARNING)
        assert problem.expected != DEFENCE, f"a check crashed: {problem}"
        assert "Traceback" not in str(problem)
    assert (plan is None) == bool(errors(problems))


def paths(data, prefix=()):
    """Every place in a JSON value: keys of objects and indexes of lists."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


def mutated(data, path, action: str, value):
    """`data` with the thing at `path` deleted, replaced, or given the id of another thing."""
    data = copy.deepcopy(data)
    if not path:
        return value if action == "replace" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "replace":
        parent[last] = value
    elif action == "duplicate-id" and isinstance(parent[last], dict):
        taken = [p for p in paths(data) if p and p[-1] == "id"]
        if taken:
            source = data
            for part in taken[hash(str(value)) % len(taken)]:
                source = source[part]
            parent[last]["id"] = source
    return data


def similar(draw, old, ids: list[str]):
    """A value of the same JSON type as `old`, so that the damage gets past the decoder to the checks."""
    if isinstance(old, bool) or old is None:
        return draw(json_values)
    if isinstance(old, int):
        return draw(st.integers(-3, 2000) | st.sampled_from([0, 5, 7, 60, 10**30]))
    if isinstance(old, float):
        return draw(st.floats(-400, 400))
    if isinstance(old, str):
        moments = [
            "2024-04-21T09:00",
            "2024-04-23T02:30",
            "2024-04-23T23:50",
            "2024-03-31T02:30",
            "2023-04-23",
            "1024-01-01T00:00",
        ]
        return draw(
            st.sampled_from(ids + moments + ["", "XX", "12:00", "none", "auto"]) | st.text(max_size=6)
        )
    if isinstance(old, list):
        return draw(st.lists(st.sampled_from(old), max_size=len(old) + 1)) if old else []
    return old


@st.composite
def damaged_data(draw):
    data = draw(st.sampled_from([GOOD, *(json.loads(p.read_text("utf-8")) for p in SAMPLES[:3])]))
    for _ in range(draw(st.integers(1, 3))):
        places = list(paths(data))
        path = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["delete", "replace", "similar", "similar", "duplicate-id"]))
        if action == "similar":
            old = data
            for part in path:
                old = old[part]
            ids = [value for place, value in _leaves(data) if place and place[-1] == "id"]
            action, value = "replace", similar(draw, old, ids)
        else:
            value = draw(json_values)
        data = mutated(data, path, action, value)
    return data


def _leaves(data):
    for path in paths(data):
        value = data
        for part in path:
            value = value[part]
        if isinstance(value, str):
            yield path, value


@SETTINGS
@given(damaged_data())
def test_a_damaged_json_plan_gives_located_problems(data):
    content = json.dumps(data, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")
    assert_clean(*load_plan("plan.json", content))


@SETTINGS
@given(st.sampled_from(SAMPLES), st.data())
def test_cut_or_scrambled_bytes_give_located_problems(path, data):
    content = path.read_bytes()
    cut = data.draw(st.integers(0, len(content)))
    noise = data.draw(st.binary(max_size=40))
    where = data.draw(st.integers(0, cut))
    damaged = content[:where] + noise + content[where:cut]
    assert_clean(*load_plan(data.draw(st.sampled_from(["plan.json", "plan.xlsx", "plan"])), damaged))


@settings(max_examples=60, deadline=None)
@given(plans())
def test_validate_answers_any_generated_plan(plan):
    problems = validate(plan)
    assert_clean(None if errors(problems) else plan, problems)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.data())
def test_validate_answers_plans_with_extreme_numbers_and_dates(plan, data):
    """Values the decoder lets through (any whole number, any date) reach the checks unharmed."""
    numbers = st.integers(-(10**6), 10**6) | st.sampled_from([0, 1, 7, 59, 61, 10**30])
    moments = st.datetimes() | st.datetimes(datetime(2024, 3, 30), datetime(2024, 4, 1))
    plan = replace(plan, slot_minutes=data.draw(st.sampled_from([5, 15, 60]) | numbers))
    plan = replace(plan, default_travel_minutes=data.draw(numbers))
    plan = replace(plan, requests=tuple(replace(r, minutes=data.draw(numbers)) for r in plan.requests))
    plan = replace(plan, pinned=tuple(replace(p, start=data.draw(moments)) for p in plan.pinned))
    stays = [replace(d, arrive=data.draw(moments), depart=data.draw(moments)) for d in plan.delegations]
    plan = replace(plan, delegations=tuple(stays))
    problems = validate(plan)
    assert_clean(None if errors(problems) else plan, problems)


# --- workbooks ------------------------------------------------------------------------------

GOOD_WORKBOOK = plan_to_workbook(load_plan("good.json", json.dumps(GOOD).encode())[0])
CELL_TEXT = st.characters(blacklist_categories=("Cc", "Cs"))  # a workbook cannot hold them at all
cell_values = st.none() | st.sampled_from(["", "x", "12", "32/04/2024 09:00", "FAST", "nl, vl", "-3", "none"])
cell_values |= (
    st.integers(-5, 10**6) | st.floats(allow_nan=False, allow_infinity=False) | st.text(CELL_TEXT, max_size=8)
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_workbook_with_damaged_cells_gives_located_problems(data):
    book = load_workbook(io.BytesIO(GOOD_WORKBOOK))
    for _ in range(data.draw(st.integers(1, 4))):
        sheet = book[data.draw(st.sampled_from(book.sheetnames))]
        row = data.draw(st.integers(1, max(sheet.max_row, 1) + 1))
        column = data.draw(st.integers(1, max(sheet.max_column, 1) + 1))
        sheet.cell(row, column).value = data.draw(cell_values)
    if data.draw(st.booleans()):
        book[data.draw(st.sampled_from(book.sheetnames))].title = data.draw(
            st.sampled_from(["Host", "X", "rooms"])
        )
    saved = io.BytesIO()
    book.save(saved)
    plan, problems = load_plan("plan.xlsx", saved.getvalue())
    assert_clean(plan, problems)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, len(GOOD_WORKBOOK)), st.binary(max_size=64))
def test_a_cut_or_scrambled_workbook_gives_located_problems(cut, noise):
    damaged = GOOD_WORKBOOK[:cut] + noise
    assert_clean(*load_plan("plan.xlsx", damaged))


def test_the_samples_and_their_workbooks_load_without_errors():
    for path in sorted((ROOT / "data").glob("*.json")):
        plan, problems = load_plan(path.name, path.read_bytes())
        assert errors(problems) == [] and plan is not None, path.name
        again, problems = load_plan(path.stem + ".xlsx", plan_to_workbook(plan))
        assert errors(problems) == [] and again is not None, path.name
