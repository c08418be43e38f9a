"""The stall limit: a later stage that stops improving ends, the solve ends before its time limit, and
schedule.json, the sentences and the bench say which criteria stalled."""

from __future__ import annotations

import json

from scheduler.bench import _row
from scheduler.criteria import proof_sentence
from scheduler.generate import generate_plan
from scheduler.io.schedule_json import read_schedule_json, write_schedule_json
from scheduler.model import Criterion
from scheduler.solver import SolveOptions, solve
from scheduler.solver.progress import STALL_SECONDS, Stall, stall_seconds
from scheduler.verify import verify

LIMIT = 120.0


def test_a_small_plan_ends_long_before_its_limit_when_its_later_stages_stall():
    plan = generate_plan(1, delegations=3, requests=40, days=5)
    schedule = solve(plan, SolveOptions(time_limit=LIMIT, workers=2, seed=1))
    criteria = schedule.objective.criteria
    assert schedule.status in ("feasible", "optimal") and verify(plan, schedule) == []
    # Not a timing test: without the stall limit an unproven stage runs until the limit's end; with it
    # each ends after STALL_SECONDS without progress, far below this margin even on a loaded machine.
    assert schedule.solve_seconds < LIMIT / 2
    priorities = next(c for c in criteria if c.name == "priorities")
    assert priorities.proven and not priorities.stalled  # the priorities have no stall limit
    later = criteria[[c.name for c in criteria].index("priorities") + 1 :]
    assert later and all(c.proven != c.stalled for c in later)  # each later stage ended one way or the other
    assert any(c.stalled for c in later)  # compact days and earlier starts are not proven on this plan
    content = write_schedule_json(schedule)
    written = json.loads(content)["objective"]["criteria"]
    assert [c.get("stalled", False) for c in written] == [c.stalled for c in criteria]
    assert all("stalled" not in c for c in written if not c.get("stalled"))  # optional: only when true
    back, problems = read_schedule_json(content)
    assert problems == [] and back is not None and back.objective.criteria == criteria


def test_schedule_json_refuses_a_stalled_that_is_not_true_or_false():
    plan = generate_plan(3, delegations=2, requests=6, days=2)
    schedule = solve(plan, SolveOptions(time_limit=20, workers=1, seed=1))
    data = json.loads(write_schedule_json(schedule))
    data["objective"]["criteria"][0]["stalled"] = "no"
    broken, problems = read_schedule_json(json.dumps(data).encode())
    assert broken is None
    assert [str(p) for p in problems] == [
        'error: objective.criteria[0].stalled: "no"; expected true or false'
    ]


def test_the_sentence_tells_stalled_criteria_from_those_cut_by_the_time_limit():
    criteria = [
        Criterion("priorities", 40, 40, True, 0.1),
        Criterion("travel", 985, 985, True, 2.9),
        Criterion("compact days", 720, 355, False, 6.0, stalled=True),
        Criterion("earlier starts", 9, 3, False, 10.0, stalled=True),
    ]
    assert proof_sentence(criteria) == (
        "Proven best on priorities and travel; compact days and earlier starts: the best found before "
        "the search stopped improving (stall limit)."
    )
    criteria[3] = Criterion("earlier starts", 9, 3, False, 10.0)
    assert proof_sentence(criteria) == (
        "Proven best on priorities and travel; earlier starts: the best found in the time given; "
        "compact days: the best found before the search stopped improving (stall limit)."
    )


def test_the_bench_row_has_a_stalled_column():
    result = {
        "case": "S",
        "requests": 40,
        "scheduled": [1, 10, 19, 3],
        "greedy": [1, 10, 17, 2],
        "requested": [1, 10, 23, 6],
        "objective": 10,
        "bound": 10,
        "status": "feasible",
        "first_seconds": 0.2,
        "final_seconds": 7.5,
        "peak_mb": 228,
        "violations": 0,
        "criteria": "proven: priorities 0.4 s",
        "stalled": ["compact days", "earlier starts"],
        "travel_minutes": 1070,
    }
    cells = [cell.strip() for cell in _row(result).strip("|").split("|")]
    assert cells[12] == "compact days, earlier starts"
    assert STALL_SECONDS > 0


def test_progress_counts_when_it_closes_one_percent_of_the_gap_from_either_side():
    stall = Stall(seconds=2.0)
    stall.better_bound(0.0)  # before the first schedule: the bound is noted, the clock not started
    assert stall.last is None
    stall.solution(1000.0, 0.0)  # the first schedule starts the clock
    assert (stall.value, stall.bound) == (1000.0, 0.0) and stall.last is not None
    stall.solution(995.0, 0.0)  # 5 of a gap of 1000: not progress
    assert stall.value == 1000.0
    stall.solution(989.0, 0.0)  # 11 since the last progress: progress
    assert stall.value == 989.0
    stall.better_bound(9.0)  # 9 of a gap of 989: not progress
    assert stall.bound == 0.0
    stall.better_bound(10.0)
    assert stall.bound == 10.0


def test_the_while_grows_with_the_plan_and_the_stage_weight():
    assert stall_seconds(40) == STALL_SECONDS == 2.0
    assert stall_seconds(40, 3) == 6.0  # optional hosts
    assert stall_seconds(800, 2) == 32.0  # travel on an 800-request plan
