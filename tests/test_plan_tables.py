"""The Plan page's tables give back exactly the plan they show: nothing is lost on an edit."""

from __future__ import annotations

from scheduler import load_plan_file
from scheduler.io import workbook_layout as layout
from ui.plan_tables import TABLES, table, tables_to_plan

SAMPLE = "data/ukraine-prosecutors-2024.json"


def test_every_list_of_the_plan_has_its_table():
    shown = {sheet.section for sheet in TABLES} | {layout.AVAILABILITY.section, ""}
    assert {sheet.section for sheet in layout.LISTS} <= shown


def test_the_tables_give_back_the_plan_orders_and_positions_included():
    plan, _ = load_plan_file(SAMPLE)
    assert plan is not None and plan.order and any(r.position for r in plan.requests)
    frames = {sheet.title: table(plan, sheet) for sheet in TABLES}
    again, problems = tables_to_plan(plan, frames)
    assert [p for p in problems if p.is_error] == []
    assert again == plan


def test_a_blank_row_added_to_the_order_table_is_skipped():
    plan, _ = load_plan_file(SAMPLE)
    assert plan is not None
    frame = table(plan, layout.ORDER)
    frame.loc[len(frame) + 1] = [None, None, None, False, False]
    again, problems = tables_to_plan(plan, {layout.ORDER.title: frame})
    assert [p for p in problems if p.is_error] == []
    assert again is not None and again.order == plan.order
