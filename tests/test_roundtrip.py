"""Lossless both ways: JSON -> Plan -> JSON, and Plan -> workbook -> Plan, on generated plans."""

import json

from hypothesis import given, settings

from scheduler.io.plan_json import plan_from_data, plan_to_data, read_plan_json, write_plan_json
from scheduler.io.workbook import plan_to_workbook, workbook_to_data
from tests.strategies import plans


@settings(max_examples=60, deadline=None)
@given(plans())
def test_json_to_plan_to_json_is_the_same(plan):
    data = json.loads(write_plan_json(plan))
    again, problems = plan_from_data(data)
    assert problems == []
    assert plan_to_data(again) == data
    assert again == plan


@settings(max_examples=60, deadline=None)
@given(plans())
def test_plan_to_workbook_to_plan_is_the_same(plan):
    data, problems, _ = workbook_to_data(plan_to_workbook(plan))
    assert problems == []
    again, problems = plan_from_data(data, lenient=True)
    assert problems == []
    assert again == plan


@settings(max_examples=20, deadline=None)
@given(plans(max_items=2))
def test_workbook_then_json_gives_the_original_json(plan):
    data, _, _ = workbook_to_data(plan_to_workbook(plan))
    from_workbook, _ = plan_from_data(data, lenient=True)
    assert write_plan_json(from_workbook) == write_plan_json(plan)
    assert read_plan_json(write_plan_json(from_workbook)) == (plan, [])
