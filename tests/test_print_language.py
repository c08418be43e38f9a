"""English on request, where the programme is made: the CLI's --english-programme and the Export page's
box; by default each delegation's printed programme is in its own language (tests/test_print.py)."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from scheduler.io.load import load_plan_file
from scheduler.io.plan_json import write_plan_json
from scheduler.solver import greedy
from tests.app_support import fresh_store, plan_id_of
from ui.export_files import workbook_file

__all__ = ["fresh_store"]  # the fixture, imported for pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "ukraine-prosecutors-2024.json"


def delegation_title(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return book[book.sheetnames[1]]["A1"].value


@pytest.mark.parametrize(("flags", "title"), [([], "Програма: "), (["--english-programme"], "Programme of ")])
def test_the_cli_prints_the_programme_in_the_delegations_language_or_english(tmp_path, flags, title):
    plan = load_plan_file(SAMPLE)[0]
    assert plan is not None
    source = tmp_path / "plan.json"
    source.write_bytes(write_plan_json(plan))
    command = [sys.executable, "-m", "scheduler", "solve", str(source), "--out", str(tmp_path / "out")]
    command += ["--time-limit", "2", "--workers", "1", "--seed", "1", *flags]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert delegation_title((tmp_path / "out" / "programme.xlsx").read_bytes()).startswith(title)


def test_the_export_page_builds_the_programme_in_english_on_request(fresh_store):
    plan_id = plan_id_of(fresh_store)
    stored = fresh_store.latest(plan_id)
    plan = stored.plan
    speaking = replace(plan.delegations[0], languages=("uk", *plan.delegations[0].languages))
    plan = replace(plan, delegations=(speaking, *plan.delegations[1:]))
    version = fresh_store.save(plan_id, plan, stored.version)
    schedule_id = fresh_store.save_schedule(plan_id, version, greedy(plan))
    assert delegation_title(workbook_file(plan_id, schedule_id, 0)).startswith("Програма: ")
    assert delegation_title(workbook_file(plan_id, schedule_id, 0, english=True)).startswith("Programme of ")
