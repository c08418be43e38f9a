"""Validation in near-linear time: interval arithmetic equal to minute-by-minute sets, and plans beyond
the documented limits refused before they are decoded, with a message that names the limit."""

from __future__ import annotations

import json
import random

from scheduler.timeaxis import Interval, intersect, normalise, subtract


def _minutes(intervals: list[Interval]) -> set[int]:
    return {m for start, end in intervals for m in range(start, end)}


def _random_intervals(rng: random.Random) -> list[Interval]:
    found = []
    for _ in range(rng.randint(0, 12)):
        start = rng.randint(0, 200)
        found.append((start, start + rng.randint(-3, 40)))  # empty and backwards ones too
    return found


def test_intersect_and_subtract_agree_with_minute_sets_and_stay_normalised():
    rng = random.Random(16)
    for _ in range(3000):
        first, second = _random_intervals(rng), _random_intervals(rng)
        both, rest = intersect(first, second), subtract(first, second)
        assert _minutes(both) == _minutes(first) & _minutes(second)
        assert _minutes(rest) == _minutes(first) - _minutes(second)
        assert both == normalise(both) and rest == normalise(rest)


def _plan_bytes(requests: int, hosts: int) -> bytes:
    from scheduler.generate import generate_plan
    from scheduler.io.plan_json import plan_to_data

    data = plan_to_data(generate_plan(seed=1, delegations=3, requests=40, days=5))
    one, host = data["requests"][0], data["hosts"][0]
    data["requests"] = [{**one, "id": f"R{k}"} for k in range(requests)]
    data["hosts"] += [{**host, "id": f"H{k}"} for k in range(hosts - len(data["hosts"]))]
    return json.dumps(data).encode("utf-8")


def test_a_plan_with_more_requests_than_the_limit_is_refused_with_the_count_and_the_limit():
    from scheduler.io.load import load_plan
    from scheduler.validate.limits import MAX_REQUESTS

    plan, problems = load_plan("plan.json", _plan_bytes(MAX_REQUESTS + 1, 10))
    assert plan is None
    assert [str(p) for p in problems] == [
        'error: requests: "20,001 requests"; expected at most 20,000 requests in one plan; '
        "split the plan, for example by week or by group of delegations"
    ]


def test_a_plan_with_more_people_than_the_limit_is_refused_naming_each_kind():
    from scheduler.io.load import load_plan

    plan, problems = load_plan("plan.json", _plan_bytes(40, 5_000))
    assert plan is None
    assert len(problems) == 1 and problems[0].is_error
    assert problems[0].value == "5,006 people (5,000 hosts, 3 delegations, 3 interpreters)"
    assert "at most 5,000 hosts, delegations and interpreters together" in problems[0].expected


def test_a_plan_at_the_limits_is_read_and_validated():
    from scheduler.io.load import load_plan
    from scheduler.validate.limits import MAX_PEOPLE

    plan, problems = load_plan("plan.json", _plan_bytes(40, MAX_PEOPLE - 6))
    assert plan is not None and len(plan.hosts) + len(plan.delegations) + len(plan.interpreters) == MAX_PEOPLE
    assert not [p for p in problems if p.is_error]


def test_validate_refuses_a_plan_object_beyond_the_limits_too():
    import dataclasses

    from scheduler.generate import generate_plan
    from scheduler.validate import validate

    plan = generate_plan(seed=1, delegations=3, requests=40, days=5)
    big = dataclasses.replace(plan, requests=plan.requests * 501)  # 20,040
    problems = validate(big)
    assert [(p.path, p.value) for p in problems] == [(("requests",), "20,040 requests")]
