"""Values far out of range (a latest of 9999-12-31, a 5001-digit number, a 5000-character time zone)
get a located error from the JSON loader, the workbook reader and the CLI: never an unlocated
OverflowError, ValueError or OSError."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scheduler.io.load import load_plan
from scheduler.io.plan_json import read_plan_json
from scheduler.io.workbook import plan_to_workbook
from tests import workbook_bombs
from tests.test_workbook import column, saved

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "netherlands-exchange-2024.json"

CASES = {
    "latest-9999": (
        '"minutes": 90,',
        '"minutes": 90, "latest": "9999-12-31",',
        'error: requests[0].latest: "9999-12-31"; expected a date between the years 1900 and 2199',
    ),
    "5001-digits": (
        '"minutes": 90',
        '"minutes": ' + "9" * 5001,
        "error: requests[0].minutes: 9999999999999999999999999999...99999999999999999999999999999;"
        " expected a whole number of at most 15 digits",
    ),
    "5001-digit-coordinate": (
        '"lat": 50.8368',
        '"lat": ' + "9" * 5001,
        "error: venues[0].lat: 9999999999999999999999999999...99999999999999999999999999999;"
        " expected a number of at most 15 digits",
    ),
    "5000-character-zone": (
        '"timezone": "Europe/Brussels"',
        '"timezone": "' + "E" * 5000 + '"',
        'error: timezone: "EEEEEEEEEEEEEEEEEEEEEEEEEEEE...EEEEEEEEEEEEEEEEEEEEEEEEEEEEE";'
        " expected an IANA time zone such as Europe/Brussels",
    ),
}


def bad_json(case: str) -> bytes:
    old, new, _ = CASES[case]
    text = SAMPLE.read_text()
    assert old in text
    return text.replace(old, new, 1).encode()


@pytest.mark.parametrize("case", CASES)
def test_json(case):
    plan, problems = load_plan("plan.json", bad_json(case))
    assert plan is None and CASES[case][2] in [str(p) for p in problems]


@pytest.mark.parametrize("case", CASES)
def test_cli(case, tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(bad_json(case))
    run = subprocess.run(
        [sys.executable, "-m", "scheduler", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 2, run.stderr
    assert CASES[case][2] in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


@pytest.fixture(scope="module")
def workbook() -> bytes:
    plan, problems = read_plan_json(SAMPLE.read_bytes())
    assert plan is not None, problems
    return plan_to_workbook(plan)


@pytest.mark.parametrize("value", [date(9999, 12, 31), "9999-12-31", "31/12/9999"])
def test_workbook_latest(workbook, value):
    import io

    book = load_workbook(io.BytesIO(workbook))
    requests = book["Requests"]
    requests.cell(2, column(requests, "Latest"), value)
    plan, problems = load_plan("plan.xlsx", saved(book))
    messages = [str(p) for p in problems]
    assert plan is None
    assert any(
        m.startswith('error: sheet "Requests", row 2, column "Latest"')
        and m.endswith("expected a date between the years 1900 and 2199")
        for m in messages
    ), messages


def test_workbook_long_text_number_and_zone(workbook):
    import io

    book = load_workbook(io.BytesIO(workbook))
    requests = book["Requests"]
    requests.cell(2, column(requests, "Minutes"), "9" * 5001)
    settings = book["Settings"]
    zone_row = next(r for r in range(1, settings.max_row + 1) if settings.cell(r, 1).value == "Time zone")
    settings.cell(zone_row, 2, "E" * 5000)
    plan, problems = load_plan("plan.xlsx", saved(book))
    messages = [str(p) for p in problems]
    assert plan is None
    assert any(m.startswith('error: sheet "Requests", row 2, column "Minutes"') for m in messages), messages
    assert any(m.startswith(f'error: sheet "Settings", row {zone_row}, column "Value"') for m in messages), (
        messages
    )
    assert 'column "Minutes": "9999999999999999999999999999...' in " ".join(messages)


def test_workbook_number_cell_of_5001_digits(workbook):
    plan, problems = load_plan("plan.xlsx", workbook_bombs.long_number(workbook))
    assert plan is None and str(problems[0]).startswith('error: sheet "Requests", row 2:')
