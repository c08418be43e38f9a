"""The plan generator: deterministic per seed, the sizes the benchmark asks for, valid, realistic."""

from __future__ import annotations

from dataclasses import replace
from itertools import permutations

import pytest

from scheduler.generate import generate_plan
from scheduler.interpretation import needs_interpreter
from scheduler.io.plan_json import read_plan_json, write_plan_json
from scheduler.model import Plan
from scheduler.validate import validate
from scheduler.verify import verify
from scheduler.verify.clock import TravelTimes

SIZES = {
    "S": dict(delegations=3, requests=40, days=5),
    "M": dict(delegations=10, requests=150, days=5),
    "L": dict(delegations=25, requests=400, days=5),
    "XL": dict(delegations=50, requests=1000, days=10),
    "conference": dict(delegations=22, requests=170, conference=True),
}


@pytest.fixture(scope="module", params=list(SIZES))
def sized(request) -> tuple[str, Plan]:
    return request.param, generate_plan(11, **SIZES[request.param])


def test_the_same_seed_gives_the_same_plan():
    assert write_plan_json(generate_plan(5, **SIZES["M"])) == write_plan_json(generate_plan(5, **SIZES["M"]))
    assert generate_plan(5) != generate_plan(6)
    assert generate_plan(5, conference=True, delegations=22, requests=170) == generate_plan(
        5, conference=True, delegations=22, requests=170
    )


def test_sizes_as_asked(sized):
    name, plan = sized
    asked = SIZES[name]
    assert len(plan.delegations) == asked["delegations"]
    assert len(plan.requests) == asked["requests"]
    assert len({r.id for r in plan.requests}) == len(plan.requests)


def test_generated_plans_are_valid(sized):
    _, plan = sized
    assert [str(p) for p in validate(plan) if p.is_error] == []


@pytest.mark.parametrize("seed", range(20))
def test_small_plans_of_many_seeds_are_valid_and_survive_json(seed):
    plan = generate_plan(seed, delegations=1 + seed % 3, requests=5 + seed, days=1 + seed % 5)
    assert [str(p) for p in validate(plan) if p.is_error] == []
    again, problems = read_plan_json(write_plan_json(plan))
    assert problems == [] and again == plan


def test_travel_times_obey_the_triangle_inequality(sized):
    _, plan = sized
    travel = TravelTimes(plan)
    ids = [v.id for v in plan.venues]
    minutes = {(a, b): travel.minutes(a, b) for a in ids for b in ids}
    broken = [
        (a, b, c) for a, b, c in permutations(ids, 3) if minutes[(a, c)] > minutes[(a, b)] + minutes[(b, c)]
    ]
    assert broken == []
    assert all(minutes[(a, b)] == minutes[(b, a)] for a in ids for b in ids)


def test_visits_last_one_to_five_working_days_inside_the_plan():
    plan = generate_plan(3, **SIZES["XL"])
    first = min(d.arrive for d in plan.delegations).date()
    last = max(d.depart for d in plan.delegations).date()
    assert (last - first).days <= 14  # ten working days
    for delegation in plan.delegations:
        span = (delegation.depart.date() - delegation.arrive.date()).days + 1
        weekend = 2 if delegation.unavailable else 0
        assert 1 <= span - weekend <= 5
        assert delegation.arrive.weekday() < 5 and delegation.depart.weekday() < 5


def test_a_realistic_mix(sized):
    name, plan = sized
    requests = plan.requests
    assert any(len(r.delegations) == 2 for r in requests), "joint meetings"
    assert {r.priority for r in requests} == {"must", "high", "normal", "low"}
    assert any(r.optional_hosts for r in requests), "optional hosts"
    if name == "conference":
        [event] = plan.fixed
        assert set(event.delegations) == {d.id for d in plan.delegations}
        assert plan.venue("KMSKB").rooms == 6
        return
    assert any(len(r.hosts) == 2 for r in requests), "multi-host meetings"
    assert any(h.available for h in plan.hosts) and any(not h.available for h in plan.hosts)
    assert any(isinstance(v.rooms, int) and v.rooms > 1 for v in plan.venues)
    assert any(isinstance(v.rooms, tuple) for v in plan.venues)
    cities = {v.address for v in plan.venues}
    assert len(cities) >= 4, cities


def test_half_day_availabilities():
    plan = generate_plan(2, **SIZES["M"])
    hours = {(w.start.time().hour, w.end.time().hour) for h in plan.hosts for w in h.available}
    assert hours <= {(9, 13), (13, 18), (9, 18)} and (9, 13) in hours and (13, 18) in hours


def test_every_meeting_needing_interpretation_has_a_qualified_interpreter(sized):
    _, plan = sized
    spoken = {d.id: set(d.languages) for d in plan.delegations} | {h.id: set(h.languages) for h in plan.hosts}
    for request in plan.requests:
        if needs_interpreter(plan, request):
            parties = [spoken[p] for p in (*request.delegations, *request.hosts)]
            assert any(all(set(i.languages) & s for s in parties) for i in plan.interpreters), request.id


# --- every schedule the solver makes of a generated plan passes the independent verifier --------


def _solved(seed: int):
    from scheduler.solver import SolveOptions, solve

    plan = generate_plan(seed, delegations=1 + seed % 2, requests=8, days=1 + seed % 3)
    return plan, solve(plan, SolveOptions(time_limit=2, workers=1, seed=1))


# 150 seeds take over a minute on two shared cores: the first ten always run, the rest are `slow`.
SOLVED_SEEDS = [seed if seed < 10 else pytest.param(seed, marks=pytest.mark.slow) for seed in range(150)]


@pytest.mark.parametrize("seed", SOLVED_SEEDS)
def test_solved_generated_plans_pass_verify(seed):
    plan, schedule = _solved(seed)
    assert verify(plan, schedule) == []
    assert len(schedule.meetings) + len(schedule.unscheduled) == len(plan.requests)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_verify_catches_a_solved_schedule_made_to_clash(seed):
    """Move a delegation's second meeting onto its first: the verifier must object."""
    plan, schedule = _solved(seed)
    by_delegation: dict[str, list] = {}
    for meeting in schedule.meetings:
        for delegation in plan.request(meeting.request).delegations:
            by_delegation.setdefault(delegation, []).append(meeting)
    first, second = next(pair for pair in by_delegation.values() if len(pair) >= 2)[:2]
    moved = replace(second, start=first.start, end=first.start + (second.end - second.start))
    clashing = replace(schedule, meetings=tuple(moved if m is second else m for m in schedule.meetings))
    assert "one-place" in {v.rule for v in verify(plan, clashing)}
