"""The command line as DESIGN.md states it, run as a user runs it: a real process, real files read back."""

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar

from scheduler.io.plan_json import read_plan_json

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data").glob("*.json")) + sorted((ROOT / "data").glob("*.xlsx"))


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scheduler", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_is_valid(sample):
    done = run("validate", str(sample))
    assert done.returncode == 0, done.stderr
    assert "valid:" in done.stdout


def test_help_names_every_command():
    done = run("--help")
    assert done.returncode == 0
    for command in ("validate", "solve", "check", "convert", "template", "busy", "bench"):
        assert command in done.stdout


def test_an_unknown_command_is_refused_without_a_traceback():
    done = run("schedule", "x.json")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_convert_json_to_workbook_and_back_gives_the_same_plan(tmp_path):
    sample = ROOT / "data" / "ukraine-prosecutors-2024.json"
    workbook, again = tmp_path / "plan.xlsx", tmp_path / "plan.json"
    assert run("convert", str(sample), str(workbook)).returncode == 0
    assert run("convert", str(workbook), str(again)).returncode == 0
    assert read_plan_json(again.read_bytes()) == read_plan_json(sample.read_bytes())
    assert read_plan_json(again.read_bytes())[0] is not None


def test_convert_refuses_an_unknown_target_type(tmp_path):
    done = run("convert", str(ROOT / "data" / "ukraine-prosecutors-2024.json"), str(tmp_path / "plan.csv"))
    assert done.returncode == 2
    assert done.stderr.startswith('error: target: "')
    assert done.stderr.strip().endswith('"; expected a file name ending in .json or .xlsx')
    assert not (tmp_path / "plan.csv").exists()


def test_template_is_a_workbook_with_every_sheet(tmp_path):
    target = tmp_path / "template.xlsx"
    assert run("template", str(target)).returncode == 0
    sheets = openpyxl.load_workbook(target).sheetnames
    for name in ("Settings", "Venues", "Hosts", "Delegations", "Requests", "Availability", "Help"):
        assert name in sheets


def test_solve_writes_the_schedule_the_programme_and_the_calendars(tmp_path):
    sample = ROOT / "data" / "ukraine-prosecutors-2024.json"
    done = run(
        "solve", str(sample), "--out", str(tmp_path), "--time-limit", "10", "--workers", "2", "--seed", "1"
    )
    assert done.returncode == 0, done.stderr
    assert "Every request is scheduled" in done.stdout
    schedule = json.loads((tmp_path / "schedule.json").read_text())
    plan = json.loads(sample.read_text())
    assert len(schedule["meetings"]) + len(schedule["unscheduled"]) == len(plan["requests"])
    assert schedule["meetings"][0]["start"][-6:] in ("+02:00", "+01:00")
    workbook = openpyxl.load_workbook(tmp_path / "programme.xlsx")
    assert "Overview" in workbook.sheetnames
    calendar = Calendar.from_ical((tmp_path / "calendars" / "ua.ics").read_bytes())
    delegation_requests = {r["id"] for r in plan["requests"] if "ua" in r.get("delegations", [])}
    assert len([e for e in calendar.walk("VEVENT") if e.get("CATEGORIES")]) >= len(delegation_requests)
    assert (tmp_path / "calendars" / "all.ics").is_file()
    check = run("check", str(sample), str(tmp_path / "schedule.json"))
    assert check.returncode == 0, check.stdout


def test_solve_refuses_an_invalid_plan_with_exit_2(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "x", "slot_minutes": 7}')
    done = run("solve", str(broken), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "slot_minutes" in done.stderr
    assert not (tmp_path / "out").exists()


def test_solve_cut_short_says_what_is_proven(tmp_path):
    from scheduler.generate import generate_plan
    from scheduler.io.plan_json import write_plan_json

    source = tmp_path / "s.json"
    source.write_bytes(write_plan_json(generate_plan(1, delegations=3, requests=40, days=5)))
    done = run("solve", str(source), "--out", str(tmp_path / "out"), "--time-limit", "1.5")
    assert done.returncode == 0, done.stderr
    assert ": feasible schedule in " in done.stdout
    criteria = json.loads((tmp_path / "out" / "schedule.json").read_text())["objective"]["criteria"]
    proven = [c["name"] for c in criteria if c["proven"]]
    assert proven[:1] == ["priorities"]
    assert f"Proven best on {proven[0]}" in done.stdout
    assert "in the time given." in done.stdout


def test_solve_cut_short_before_the_priorities_are_proven_says_how_many_more_could_fit(tmp_path):
    from scheduler.criteria import headroom_sentence
    from scheduler.generate import generate_plan
    from scheduler.io.plan_json import write_plan_json
    from scheduler.io.schedule_json import read_schedule_json

    source = tmp_path / "conference.json"
    source.write_bytes(write_plan_json(generate_plan(1, conference=True, delegations=22, requests=170)))
    done = run("solve", str(source), "--out", str(tmp_path / "out"), "--time-limit", "3")
    assert done.returncode == 0, done.stderr
    schedule, problems = read_schedule_json((tmp_path / "out" / "schedule.json").read_bytes())
    assert problems == []
    sentence = headroom_sentence(schedule.objective)
    target = tmp_path / "out" / "schedule.json"
    assert sentence.startswith("At most ") and f"in the time given. {sentence} To go on" in done.stdout
    assert f"To go on from this schedule: solve --start-from {target}. Wrote " in done.stdout


def test_solve_starting_from_a_schedule_cut_short_never_places_fewer_that_count_more(tmp_path):
    from scheduler.generate import generate_plan
    from scheduler.io.plan_json import write_plan_json

    source = tmp_path / "conference.json"
    source.write_bytes(write_plan_json(generate_plan(1, conference=True, delegations=22, requests=170)))
    assert run("solve", str(source), "--out", str(tmp_path / "a"), "--time-limit", "2").returncode == 0
    first = tmp_path / "a" / "schedule.json"
    done = run(
        "solve", str(source), "--out", str(tmp_path / "b"), "--time-limit", "2", "--start-from", str(first)
    )
    assert done.returncode == 0, done.stderr
    counts = [
        tuple(
            json.loads(path.read_text())["objective"]["scheduled"][p]
            for p in ("must", "high", "normal", "low")
        )
        for path in (first, tmp_path / "b" / "schedule.json")
    ]
    assert counts[1] >= counts[0]
    missing = run(
        "solve", str(source), "--out", str(tmp_path / "c"), "--start-from", str(tmp_path / "none.json")
    )
    assert missing.returncode == 2 and "none.json" in missing.stderr


def test_solve_keeping_an_earlier_schedule_moves_only_what_the_change_displaces(tmp_path):
    sample = ROOT / "data" / "ukraine-prosecutors-2024.json"
    first = run("solve", str(sample), "--out", str(tmp_path / "first"), "--time-limit", "10", "--seed", "1")
    assert first.returncode == 0, first.stderr
    earlier = json.loads((tmp_path / "first" / "schedule.json").read_text())
    plan = json.loads(sample.read_text())
    # The host of the first must meeting cancels that day (not the opening: everything else follows it).
    musts = {r["id"] for r in plan["requests"] if r.get("priority") == "must" and not r.get("position")}
    moved = next(m for m in earlier["meetings"] if m["request"] in musts)
    request = next(r for r in plan["requests"] if r["id"] == moved["request"])
    host = next(h for h in plan["hosts"] if h["id"] == request["hosts"][0])
    day = moved["start"][:10]
    host.setdefault("unavailable", []).append({"start": f"{day}T00:00", "end": f"{day}T23:59"})
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(plan))
    keep = str(tmp_path / "first" / "schedule.json")
    done = run("solve", str(changed), "--out", str(tmp_path / "again"), "--time-limit", "10", "--keep", keep)
    assert done.returncode == 0, done.stderr
    again = {
        m["request"]: m for m in json.loads((tmp_path / "again" / "schedule.json").read_text())["meetings"]
    }
    assert again[moved["request"]]["start"][:10] != day  # a must: it moves to another day
    same = [
        m for m in earlier["meetings"] if m["request"] in again and again[m["request"]]["start"] == m["start"]
    ]
    # Besides it, at most the one meeting whose place it takes moves or drops out: the rest keep their time.
    count = len(earlier["meetings"])
    assert len(same) >= count - 2
    assert f"Of the {count} meetings of {keep}, {len(same)} keep their time" in done.stdout


def test_solve_refuses_an_unreadable_schedule_to_keep(tmp_path):
    sample = ROOT / "data" / "ukraine-prosecutors-2024.json"
    broken = tmp_path / "schedule.json"
    broken.write_text('{"plan": "x", "meetings": [{"request": 3}]}')
    done = run("solve", str(sample), "--out", str(tmp_path / "out"), "--keep", str(broken))
    assert done.returncode == 2
    assert str(broken) in done.stderr and "meetings" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()
    missing = run("solve", str(sample), "--out", str(tmp_path / "out"), "--keep", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "a readable schedule.json" in missing.stderr
