"""docs/plan-format.md stays true to the code: every field documented with its real default,
every rule under its real label, every example plan loadable and every example schedule readable."""

import dataclasses
import io
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from scheduler import model
from scheduler.io import workbook_layout as layout
from scheduler.io.fields import default_of, encode, has_default, json_name
from scheduler.io.load import load_plan
from scheduler.io.plan_json import plan_from_data, read_plan_json
from scheduler.io.schedule_json import read_schedule_json
from scheduler.io.workbook import plan_to_workbook
from scheduler.rules import RULES
from scheduler.solver import SolveOptions, solve
from scheduler.verify import verify

DOC = Path(__file__).resolve().parent.parent / "docs" / "plan-format.md"

SECTIONS = {
    model.Plan: "## The plan object",
    model.DayWindow: "### Day window: `day`",
    model.Lunch: "### Lunch rule: `lunch`",
    model.Venue: "### Venues: `venues`",
    model.Room: "### Rooms: `venues[].rooms`",
    model.Travel: "### Travel times: `travel`",
    model.Host: "### Hosts: `hosts`",
    model.Delegation: "### Delegations: `delegations`",
    model.Interpreter: "### Interpreters: `interpreters`",
    model.Request: "### Requests: `requests`",
    model.Fixed: "### Fixed events: `fixed`",
    model.Pin: "### Pins: `pinned`",
    model.Order: "### Order: `order`",
    model.Window: "### Windows: `available`, `unavailable`",
}

FENCE = re.compile(r"^```json\n(.*?)^```", re.DOTALL | re.MULTILINE)
PLAN_KEYS = {json_name(f) for f in dataclasses.fields(model.Plan)}


def text() -> str:
    return DOC.read_text(encoding="utf-8")


def section(heading: str) -> str:
    """The text under a heading, up to the next heading of any level."""
    lines = text().splitlines()
    assert heading in lines, f"heading missing: {heading}"
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
    return "\n".join(lines[start:end])


def table(heading: str) -> dict[str, list[str]]:
    """The first table under a heading: field name (without backticks) -> the other cells."""
    rows = [line for line in section(heading).splitlines() if line.startswith("|")]
    assert len(rows) > 2, f"no table under {heading}"
    cells = [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[2:]]
    return {row[0].strip("`"): row[1:] for row in cells}


def documented_default(field: dataclasses.Field) -> str:
    """What the "required / default" cell of a field must start with."""
    if not has_default(field):
        return "required"
    default = default_of(field)
    if default is None:
        return "optional"
    if dataclasses.is_dataclass(default):
        whole = {json_name(f): encode(getattr(default, f.name)) for f in dataclasses.fields(default)}
        return f"default `{json.dumps(whole)}`"
    return f"default `{json.dumps(encode(default))}`"


@pytest.mark.parametrize("cls", list(SECTIONS), ids=lambda cls: cls.__name__)
def test_every_field_is_documented_exactly_once_with_its_default(cls):
    rows = table(SECTIONS[cls])
    names = [json_name(f) for f in dataclasses.fields(cls)]
    assert sorted(rows) == sorted(names)
    for field in dataclasses.fields(cls):
        cells = rows[json_name(field)]
        assert len(cells) == 4, f"{cls.__name__}.{field.name}: type, default, meaning, example"
        assert cells[1].startswith(documented_default(field)), f"{cls.__name__}.{field.name}: {cells[1]}"


def test_the_documented_slot_sizes_and_priorities_are_the_models():
    slot = table(SECTIONS[model.Plan])["slot_minutes"][2]
    assert ", ".join(str(size) for size in model.SLOT_SIZES) in slot
    priority = table(SECTIONS[model.Request])["priority"][2]
    assert ", ".join(f"`{p}`" for p in model.PRIORITIES) in priority


def test_every_hard_rule_appears_under_its_label_in_order():
    rules = section("## The hard rules")
    positions = [rules.find(f"{rule.number}. **{rule.label}.**") for rule in RULES]
    assert -1 not in positions, [rule.label for rule, at in zip(RULES, positions, strict=True) if at < 0]
    assert positions == sorted(positions)


def json_blocks() -> list[object]:
    return [json.loads(block) for block in FENCE.findall(text())]


def is_whole_plan(block: object) -> bool:
    return isinstance(block, dict) and "name" in block and set(block) <= PLAN_KEYS


def test_every_json_block_is_valid_json_and_one_is_a_whole_plan():
    blocks = json_blocks()
    assert len(blocks) >= 2
    assert any(is_whole_plan(block) for block in blocks)


def test_every_example_plan_loads_without_problems():
    for block in filter(is_whole_plan, json_blocks()):
        plan, problems = read_plan_json(json.dumps(block).encode())
        assert [str(p) for p in problems] == []
        assert plan is not None and plan.name == block["name"]


def example_plan() -> model.Plan:
    plan, _ = read_plan_json(json.dumps(next(filter(is_whole_plan, json_blocks()))).encode())
    return plan


def example_schedules() -> list[model.Schedule]:
    blocks = [b for b in json_blocks() if isinstance(b, dict) and "meetings" in b]
    assert blocks
    schedules = [read_schedule_json(json.dumps(block).encode()) for block in blocks]
    assert [problem for _, problems in schedules for problem in problems] == []
    return [schedule for schedule, _ in schedules]


def test_the_example_schedule_reads_back_and_keeps_every_hard_rule():
    plan = example_plan()
    for schedule in example_schedules():
        assert schedule.plan == plan.name
        placed = [m.request for m in schedule.meetings] + [u.request for u in schedule.unscheduled]
        assert sorted(placed) == sorted(r.id for r in plan.requests)
        assert [str(v) for v in verify(plan, schedule)] == []


def test_the_example_schedule_is_as_good_as_what_the_solver_finds():
    found = solve(example_plan(), SolveOptions(time_limit=10, workers=1, seed=1))
    assert found.status == "optimal"
    for shown in example_schedules():
        assert shown.status == found.status
        assert shown.objective.scheduled == found.objective.scheduled
        assert shown.objective.travel_minutes == found.objective.travel_minutes
        shown_criteria = [(c.name, c.value, c.bound, c.proven) for c in shown.objective.criteria]
        assert shown_criteria == [(c.name, c.value, c.bound, c.proven) for c in found.objective.criteria]


def example_data() -> dict:
    return json.loads(json.dumps(next(filter(is_whole_plan, json_blocks()))))


def with_unknown_host(data: dict) -> dict:
    data["requests"][1]["hosts"].append("FAST")
    return data


def with_language_name(data: dict) -> dict:
    data["delegations"][0]["languages"][0] = "Dutch"
    return data


def with_pin_off_grid(data: dict) -> dict:
    data["pinned"] = [{"request": "R-1", "start": "2024-06-12T09:10"}]
    return data


def with_idle_delegation(data: dict) -> dict:
    data["delegations"].append(dict(data["delegations"][0], id="BE", name="Belgian observers"))
    return data


def with_availability_after_the_visit(data: dict) -> dict:
    data["hosts"][1]["available"].append({"start": "2024-06-13T09:00", "end": "2024-06-13T17:00"})
    return data


def with_party_too_big(data: dict) -> dict:
    data["hosts"][0]["size"] = 26  # 5 of the delegation + 26 hosts; Room Vesalius holds 30
    return data


def with_meeting_too_long(data: dict) -> dict:
    data["requests"][1]["minutes"] = 300
    return data


def as_file(data: dict) -> bytes:
    return json.dumps(data, indent=2).encode()


def without_quotes_round_timezone(data: dict) -> bytes:
    return as_file(data).replace(b'"timezone":', b"timezone:", 1)


JSON_MISTAKES = {
    "requests[1].hosts[1]": lambda: as_file(with_unknown_host(example_data())),
    "delegations[0].languages[0]": lambda: as_file(with_language_name(example_data())),
    "pinned[0].start": lambda: as_file(with_pin_off_grid(example_data())),
    "delegations[1]": lambda: as_file(with_idle_delegation(example_data())),
    "hosts[1].available[1]": lambda: as_file(with_availability_after_the_visit(example_data())),
    "requests[0].venue": lambda: as_file(with_party_too_big(example_data())),
    "requests[1].minutes": lambda: as_file(with_meeting_too_long(example_data())),
    "line 3, column 3": lambda: without_quotes_round_timezone(example_data()),
}


def documented_messages() -> list[str]:
    validation = text()[text().index("## Validation") :]
    return [line for line in validation.splitlines() if line.startswith(("error: ", "warning: "))]


def test_the_example_plan_passes_every_check():
    plan, problems = load_plan("example.json", as_file(example_data()))
    assert plan is not None and [str(p) for p in problems] == []


@pytest.mark.parametrize("place", list(JSON_MISTAKES))
def test_each_documented_json_message_is_what_the_program_says(place):
    shown = [m for m in documented_messages() if m.split(": ")[1] == place]
    assert len(shown) == 1, f"no documented message at {place}"
    _, problems = load_plan("example.json", JSON_MISTAKES[place]())
    assert shown[0] in [str(p) for p in problems]


# --- the workbook form ---------------------------------------------------------------------


def example_workbook() -> Workbook:
    return load_workbook(io.BytesIO(plan_to_workbook(example_plan())))


def saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_unknown_host_in_cell(book: Workbook) -> Workbook:
    book["Requests"]["D3"] = "PZ-BIN, FAST"
    return book


def with_misspelt_who(book: Workbook) -> Workbook:
    sheet = book["Availability"]
    sheet.append(["PZ-BNI", "unavailable", "12/06/2024 15:00", "12/06/2024 16:00"])
    return book


WORKBOOK_MISTAKES = {
    'sheet "Requests", row 3, column "Hosts"': with_unknown_host_in_cell,
    'sheet "Availability", row 3, column "Who (id)"': with_misspelt_who,
}


@pytest.mark.parametrize("place", list(WORKBOOK_MISTAKES))
def test_each_documented_workbook_message_is_what_the_program_says(place):
    shown = [m for m in documented_messages() if m.split(": ")[1] == place]
    assert len(shown) == 1, f"no documented message at {place}"
    book = WORKBOOK_MISTAKES[place](example_workbook())
    _, problems = load_plan("example.xlsx", saved(book))
    assert shown[0] in [str(p) for p in problems]


def test_the_example_plan_survives_the_workbook_unchanged():
    plan, problems = load_plan("example.xlsx", saved(example_workbook()))
    assert [str(p) for p in problems] == [] and plan == example_plan()


def test_every_sheet_and_column_of_the_workbook_is_documented():
    sheets = table("### Sheets")
    assert list(sheets) == [*(sheet.title for sheet in layout.SHEETS), layout.HELP_TITLE]
    columns = table("### Rows and columns")
    for sheet in layout.LISTS:
        listed = columns[sheet.title][0]
        positions = [listed.find(column.label) for column in sheet.columns]
        assert -1 not in positions and positions == sorted(positions), sheet.title
    settings = section("### Rows and columns")
    assert all(f"`{column.label}`" in settings for column in layout.SETTINGS.columns)
    availability = table("### The Availability sheet")
    assert list(availability) == [column.label for column in layout.AVAILABILITY.columns]


# --- the documented forms of dates and times -------------------------------------------------


def delegation_arriving(arrive: object, lenient: bool) -> tuple[model.Plan | None, list]:
    data = example_data()
    data["delegations"][0]["arrive"] = arrive
    return plan_from_data(data, lenient=lenient)


@pytest.mark.parametrize(
    ("written", "lenient"),
    [
        ("2024-04-23T09:00", False),
        ("2024-04-23T09:00:00", False),
        ("2024-04-23T07:00:00+00:00", False),
        ("2024-04-23T07:00Z", False),
        ("2024-04-23 09:00", False),
        ("2024-04-23 09:00", True),
        ("23/04/2024 09:00", True),
        ("23.04.2024 9.00", True),
        ("23-04-2024 9h00", True),
    ],
)
def test_documented_date_time_forms_are_read_as_wall_time(written, lenient):
    assert f"`{written}`" in text()
    plan, problems = delegation_arriving(written, lenient)
    assert problems == [] and plan.delegations[0].arrive == datetime(2024, 4, 23, 9, 0)


@pytest.mark.parametrize("written", ["2024-06-12", "12/06/2024 09:00", "2024-06-12T9:00"])
def test_a_date_alone_or_a_spreadsheet_form_is_refused_in_json(written):
    plan, problems = delegation_arriving(written, lenient=False)
    assert plan is None and [p.path for p in problems] == [("delegations", 0, "arrive")]


TIMES_OF_DAY = [("09:00", False), ("09:00", True), ("9:00", True), ("9h00", True), ("9.00", True)]


@pytest.mark.parametrize(("written", "lenient"), TIMES_OF_DAY)
def test_documented_times_of_day_are_read(written, lenient):
    assert f"`{written}`" in text()
    plan, problems = plan_from_data({"name": "Times", "day": {"start": written}}, lenient=lenient)
    assert problems == [] and plan.day.start.isoformat() == "09:00:00"


def test_a_time_of_day_without_its_leading_zero_is_refused_in_json():
    plan, problems = plan_from_data({"name": "Times", "day": {"start": "9:00"}})
    assert plan is None and [p.path for p in problems] == [("day", "start")]


def test_a_workbook_may_name_languages_and_the_plan_keeps_codes():
    book = example_workbook()
    book["Delegations"]["E2"] = "Dutch, EN"
    plan, problems = load_plan("example.xlsx", saved(book))
    assert "`Dutch`" in section("### Cell values")
    assert problems == [] and plan.delegations[0].languages == ("nl", "en")
