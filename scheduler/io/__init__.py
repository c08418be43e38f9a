"""Reading and writing plans and schedules: JSON (the v1 interchange format) and workbooks.

`load_plan` is the one way in for a file of either kind; the rest write what staff download."""

from scheduler.io.load import load_plan, load_plan_file
from scheduler.io.plan_json import plan_from_data, plan_to_data, read_plan_json, write_plan_json
from scheduler.io.schedule_json import read_schedule_json, write_schedule_json
from scheduler.io.workbook import plan_to_workbook, sheets_to_data, template_workbook

__all__ = [
    "load_plan",
    "load_plan_file",
    "plan_from_data",
    "plan_to_data",
    "plan_to_workbook",
    "read_plan_json",
    "read_schedule_json",
    "sheets_to_data",
    "template_workbook",
    "write_plan_json",
    "write_schedule_json",
]
