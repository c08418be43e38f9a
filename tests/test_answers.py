"""What a host's or interpreter's answer does to the plan (a pure function), and that the next solve,
keeping the earlier programme, moves only the declined meeting and what it must displace."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from scheduler.answers import meeting_language, person_meetings, wall_window, whole_day, with_answer
from scheduler.io.load import load_plan_file
from scheduler.io.plan_json import write_plan_json
from scheduler.io.schedule_json import write_schedule_json
from scheduler.model import Interpreter, Moves, Window
from scheduler.solver import SolveOptions, solve
from scheduler.verify import verify
from tests.test_solver_plans import INTERPRETERS, UKRAINIAN_ONLY, at, clock, meeting, plan_for, solved, window

BRUSSELS = ZoneInfo("Europe/Brussels")
SAMPLE = "data/ukraine-prosecutors-2024.json"


def test_a_decline_makes_the_host_unavailable_for_the_meeting_once():
    plan = plan_for((meeting("M1", "FAST"),))
    away = window("10:00", "11:00")
    changed = with_answer(plan, "host", "FAST", away)
    assert changed.host("FAST").unavailable == (away,)
    assert changed.host("PROS") == plan.host("PROS") and changed.requests == plan.requests
    assert with_answer(changed, "host", "FAST", away) is changed  # answered twice: no second window
    day = Window(at("00:00"), at("23:59"))
    whole = with_answer(plan, "host", "FAST", day)
    assert with_answer(whole, "host", "FAST", away) is whole  # already away then: nothing to add


def test_changing_the_answer_frees_only_the_time_an_answer_added():
    typed = window("16:00", "17:00")  # staff's own entry stays whatever the host answers
    plan = plan_for((meeting("M1", "FAST"),))
    plan = replace(
        plan, hosts=tuple(replace(h, unavailable=(typed,)) if h.id == "FAST" else h for h in plan.hosts)
    )
    declined = with_answer(plan, "host", "FAST", window("10:00", "11:00"))
    assert declined.host("FAST").unavailable == (typed, window("10:00", "11:00"))
    accepted = with_answer(declined, "host", "FAST", None, {window("10:00", "11:00")})
    assert accepted == plan
    all_day = Window(at("00:00"), datetime(2024, 4, 24))
    moved = with_answer(declined, "host", "FAST", all_day, {window("10:00", "11:00")})
    assert moved.host("FAST").unavailable == (typed, all_day)


def test_an_interpreter_and_a_person_no_longer_in_the_plan():
    plan = plan_for((meeting("M1", "FAST"),), delegations=(UKRAINIAN_ONLY,), interpreters=INTERPRETERS)
    away = window("10:00", "11:00")
    changed = with_answer(plan, "interpreter", "I-EN", away)
    assert changed.interpreter("I-EN").unavailable == (away,)
    assert changed.hosts == plan.hosts
    assert with_answer(plan, "host", "GONE", away) is plan
    assert with_answer(plan, "interpreter", "FAST", away) is plan  # a host's id is not an interpreter's


def test_the_windows_are_the_plans_wall_time_across_a_clock_change():
    plan = plan_for((meeting("M1", "FAST"),))
    start = datetime(2024, 3, 31, 1, 30, tzinfo=BRUSSELS)  # the night the clocks go forward at 02:00
    end = datetime(2024, 3, 31, 3, 30, tzinfo=BRUSSELS)
    assert wall_window(plan, start.astimezone(ZoneInfo("UTC")), end) == Window(
        datetime(2024, 3, 31, 1, 30), datetime(2024, 3, 31, 3, 30)
    )
    first, last = whole_day(plan, end)
    assert (first, last) == (datetime(2024, 3, 31, tzinfo=BRUSSELS), datetime(2024, 4, 1, tzinfo=BRUSSELS))
    utc = ZoneInfo("UTC")
    assert (last.astimezone(utc) - first.astimezone(utc)).total_seconds() == 23 * 3600  # a short day


def test_only_the_declined_meeting_moves_on_the_next_solve():
    plan = plan_for((meeting("M1", "FAST"), meeting("M2", "PROS"), meeting("M3", "FAST", "PROS")))
    first = solved(plan)
    declined = first.meeting("M1")
    assert declined is not None
    changed = with_answer(plan, "host", "FAST", wall_window(plan, declined.start, declined.end))
    again = solved(changed, keep=first.to_keep())
    assert verify(changed, again) == []
    assert again.meeting("M1").start != declined.start
    assert {m.request: m.start for m in again.meetings if m.request != "M1"} == {
        m.request: m.start for m in first.meetings if m.request != "M1"
    }
    assert Moves.between(first, again) == Moves(kept=2, moved=1, dropped=0, added=0)


def test_an_optional_host_who_declines_leaves_the_meeting_where_it_is_without_them():
    plan = plan_for((meeting("M1", "FAST", optional_hosts=("PROS",)), meeting("M2", "PROS")))
    first = solved(plan)
    assert first.meeting("M1").optional_hosts == ("PROS",)
    at_first = first.meeting("M1")
    changed = with_answer(plan, "host", "PROS", wall_window(plan, at_first.start, at_first.end))
    again = solved(changed, keep=first.to_keep())
    assert (clock(again, "M1"), clock(again, "M2")) == (clock(first, "M1"), clock(first, "M2"))
    assert again.meeting("M1").optional_hosts == ()


def test_an_interpreter_who_cannot_make_it_is_replaced_and_the_meeting_stays():
    both = (*INTERPRETERS, Interpreter("I-EN2", "Andriy (English)", ("uk", "en")))
    plan = plan_for((meeting("M1", "FAST"),), delegations=(UKRAINIAN_ONLY,), interpreters=both)
    first = solved(plan)
    held = first.meeting("M1")
    changed = with_answer(plan, "interpreter", held.interpreter, wall_window(plan, held.start, held.end))
    again = solved(changed, keep=first.to_keep())
    assert again.meeting("M1").start == held.start
    assert again.meeting("M1").interpreter not in (None, held.interpreter)


def test_the_sample_visit_re_planned_after_a_decline_keeps_every_other_meeting(tmp_path):
    plan, problems = load_plan_file(SAMPLE)
    assert plan is not None, problems
    options = {"time_limit": 20, "workers": 1, "seed": 1}
    first = solve(plan, SolveOptions(**options))
    assert verify(plan, first) == []
    held = first.meeting("ua-survey")  # Nathalie Gillard (survey) declines the survey meeting
    assert held is not None
    changed = with_answer(plan, "host", "survey", wall_window(plan, held.start, held.end))
    again = solve(changed, SolveOptions(**options, keep=first.to_keep()))
    assert verify(changed, again) == []
    moved = {
        m.request
        for m in first.meetings
        if again.meeting(m.request) is None or again.meeting(m.request).start != m.start
    }
    assert moved == {"ua-survey"}, moved
    assert again.meeting("ua-survey") is not None
    # and the command line's independent check agrees
    (tmp_path / "plan.json").write_bytes(write_plan_json(changed))
    (tmp_path / "schedule.json").write_bytes(write_schedule_json(again))
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "scheduler",
            "check",
            str(tmp_path / "plan.json"),
            str(tmp_path / "schedule.json"),
        ],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads((tmp_path / "plan.json").read_text())["hosts"][4]["unavailable"]


def test_a_persons_meetings_say_where_with_whom_and_in_which_language():
    plan = plan_for(
        (meeting("M1", "FAST", optional_hosts=("PROS",)), meeting("M2", "MAYOR", venue="TOWN")),
        delegations=(UKRAINIAN_ONLY,),
        interpreters=INTERPRETERS,
    )
    schedule = solved(plan)
    [fast] = person_meetings(plan, schedule, "host", "FAST")
    assert (fast.role, fast.delegations, fast.venue.name) == (
        "host",
        ("Ukrainian prosecutors",),
        "Federal Police HQ",
    )
    chosen = plan.interpreter(schedule.meeting("M1").interpreter)
    # the languages the interpreter works between: FAST's English with Olena, its Dutch with the others
    between = "English" if "en" in chosen.languages else "Dutch"
    assert fast.language == f"Ukrainian / {between}, interpreted by {chosen.name}"
    [own] = [m for m in person_meetings(plan, schedule, "interpreter", chosen.id) if m.request == "M1"]
    assert own.language == f"Ukrainian / {between}, you interpret"
    assert not fast.published
    assert [m.request for m in person_meetings(plan, schedule, "host", "PROS")] == (
        ["M1"] if schedule.meeting("M1").optional_hosts else []
    )
    mayor = person_meetings(plan, schedule, "host", "MAYOR", published=schedule)[0]
    assert mayor.published and mayor.room in ("Aula", "Office")
    interpreted = {
        m.request for i in INTERPRETERS for m in person_meetings(plan, schedule, "interpreter", i.id)
    }
    assert interpreted == {"M1", "M2"}
    english = plan_for((meeting("M1", "FAST"),))
    assert meeting_language(english, english.request("M1"), None) == "in English"
