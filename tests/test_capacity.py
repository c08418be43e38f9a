"""The capacity argument: what a participant's free time on the grid cannot hold is proven, said in words,
and no longer time limit is advised for it (issue: the EUCPN Secretariat at the EU conference)."""

from __future__ import annotations

from scheduler.criteria import headroom_sentence
from scheduler.generate.eucpn import eucpn_conference
from scheduler.model import Plan
from scheduler.solver import SolveOptions, solve
from scheduler.solver.candidates import build_candidates
from scheduler.solver.capacity import hours_text, short_capacities
from scheduler.solver.facts import PlanFacts
from scheduler.verify import verify
from tests.test_fairness import STATES, rep, secretariat_plan
from ui.summary import capacity_findings

SENTENCE = (
    "EUCPN Secretariat has 7 h 30 free on 29 and 31 May; its 22 requested meetings need 11 h on the "
    "15-minute grid"
)


def test_the_conference_secretariat_is_short_of_time_and_the_finding_says_by_how_much():
    plan = eucpn_conference()
    facts = PlanFacts(plan)
    short = short_capacities(facts, build_candidates(facts))
    assert [c.key for c in short] == ["eucpn-head"]
    assert (short[0].free, short[0].demand, short[0].fitting(2)) == (30, 44, 15)
    assert short[0].sentence() == SENTENCE


def test_hours_in_words():
    assert [hours_text(m) for m in (45, 60, 450, 660)] == ["45 min", "1 h", "7 h 30", "11 h"]


def many_states(count: int) -> Plan:
    """`count` requests of 20 minutes for a host free from 09:00 to 12:30: 7 fit on the 15-minute grid."""
    requests = tuple(rep(code, k) for k in range(1, count // len(STATES) + 2) for code, _ in STATES)[:count]
    return secretariat_plan(requests, free_until="12:30")


def test_the_capacity_argument_proves_what_fits_where_the_time_alone_would_not():
    # 16 x 20 min = 5 h 20 against 3 h 30 free: without the grid argument CP-SAT reads room for 10.
    plan = many_states(16)
    schedule = solve(plan, SolveOptions(time_limit=20, workers=1, seed=0))
    assert verify(plan, schedule) == []
    assert schedule.objective.scheduled["normal"] == 7
    priorities = next(c for c in schedule.objective.criteria if c.name == "priorities")
    assert priorities.proven and priorities.bound == priorities.value
    assert headroom_sentence(schedule.objective) == ""
    assert capacity_findings(schedule) == [
        "EUCPN Secretariat has 3 h 30 free on 23 April; its 16 requested meetings need 8 h on the "
        "15-minute grid"
    ]


def test_the_conference_priorities_are_proven_and_the_lost_requests_say_why():
    plan = eucpn_conference()
    schedule = solve(plan, SolveOptions(time_limit=30, workers=2, seed=0))
    assert verify(plan, schedule) == []
    priorities = next(c for c in schedule.objective.criteria if c.name == "priorities")
    assert priorities.proven
    assert headroom_sentence(schedule.objective) == ""
    lost = sorted(u.request for u in schedule.unscheduled if u.request.startswith("rep-"))
    assert len(lost) == 7
    assert capacity_findings(schedule) == [SENTENCE]
    sweden = next(u.reasons for u in schedule.unscheduled if u.request == "rep-se")
    assert sweden[0] == (
        "not placed: EUCPN Secretariat is free for 15 such meetings on 29 and 31 May; by the fairness rule, "
        "13 of the placed go to delegations with no more than Sweden's 2 other normal-priority meetings; by "
        "the plan's precedence, Sweden comes after the other 2"
    )


def _summary_page(schedule_json: str) -> None:
    from scheduler.io.schedule_json import read_schedule_json
    from tests.test_capacity import many_states
    from ui.summary import show_summary

    schedule, _ = read_schedule_json(schedule_json.encode())
    show_summary(many_states(16), schedule)


def test_the_solve_summary_states_the_capacity_finding_once():
    from streamlit.testing.v1 import AppTest

    from scheduler.io.schedule_json import write_schedule_json

    plan = many_states(16)
    schedule = solve(plan, SolveOptions(time_limit=20, workers=1, seed=0))
    at = AppTest.from_function(_summary_page, args=(write_schedule_json(schedule).decode(),))
    at.run()
    assert not at.exception, at.exception
    # ui.plain escapes Markdown in user text ("15\\-minute"): read it without the escapes
    stated = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("**Capacity**")]
    assert stated == [
        "**Capacity**: EUCPN Secretariat has 3 h 30 free on 23 April; its 16 requested meetings need 8 h "
        "on the 15-minute grid."
    ]
