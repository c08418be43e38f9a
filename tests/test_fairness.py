"""Fairness and precedence: who loses a contested meeting is a stated rule, never chance (DESIGN.md v1.1)."""

from __future__ import annotations

import itertools
import random

import pytest

from scheduler.model import PRIORITIES, DayWindow, Delegation, Host, Plan, Request, Venue, Window
from scheduler.solver import SolveOptions, solve
from scheduler.verify import verify
from tests.test_solver_optimum import every_schedule, valid
from tests.test_solver_plans import at

STATES = (("SE", "Sweden"), ("AT", "Austria"), ("NL", "Netherlands"), ("PT", "Portugal"))


def secretariat_plan(requests: tuple[Request, ...], free_until: str = "10:00", **changes) -> Plan:
    """One host, the Secretariat, free from 09:00 to `free_until`; four member states here all day."""
    return Plan(
        name="contested host",
        slot_minutes=15,
        lunch=None,
        venues=(Venue("SEC", "Secretariat", rooms=3),),
        hosts=(Host("EUCPN", "EUCPN Secretariat", "SEC", available=(Window(at("09:00"), at(free_until)),)),),
        delegations=tuple(
            Delegation(code, f"{name} delegation", 2, ("en",), at("08:00"), at("19:00"), country=name)
            for code, name in STATES
        ),
        requests=requests,
        **changes,
    )


def rep(code: str, k: int = 1, minutes: int = 20, priority: str = "normal") -> Request:
    return Request(
        f"rep-{code.lower()}-{k}",
        minutes,
        f"National representative {code} {k}",
        (code,),
        ("EUCPN",),
        (),
        priority,
    )


def run(plan: Plan, seed: int = 0, workers: int = 1):
    schedule = solve(plan, SolveOptions(time_limit=20, workers=workers, seed=seed))
    assert verify(plan, schedule) == []
    return schedule


def placed(schedule) -> set[str]:
    return {m.request for m in schedule.meetings}


def reasons(schedule, rid: str) -> tuple[str, ...]:
    return next(u.reasons for u in schedule.unscheduled if u.request == rid)


def test_precedence_decides_between_equals_and_the_reason_names_it():
    # An hour holds two 20-minute meetings on the 15-minute grid (each blocks 30 minutes), not three.
    requests = tuple(rep(code) for code, _ in STATES[:3])
    plan = secretariat_plan(requests, precedence=("NL", "SE"))
    schedule = run(plan)
    assert schedule.status == "optimal"
    assert placed(schedule) == {"rep-nl-1", "rep-se-1"}
    assert reasons(schedule, "rep-at-1") == (
        "not placed: EUCPN Secretariat is free for 2 such meetings on 23 April; by the plan's precedence, "
        "Austria comes after the 2 placed",
        "EUCPN Secretariat has 1 h free on 23 April; its 3 requested meetings need 1 h 30 on the "
        "15-minute grid",
    )
    # Without a precedence list, the order of the delegations: Sweden, Austria, then the Netherlands.
    assert placed(run(secretariat_plan(requests))) == {"rep-se-1", "rep-at-1"}


def test_no_delegation_gets_a_second_while_another_that_asked_gets_none():
    # Sweden asks for two meetings and comes first in precedence; three fit. Fairness: Sweden one,
    # Austria one, the Netherlands one, whatever the precedence says.
    requests = (rep("SE", 1), rep("SE", 2), rep("AT"), rep("NL"))
    schedule = run(secretariat_plan(requests, free_until="10:30"))
    assert placed(schedule) == {"rep-se-1", "rep-at-1", "rep-nl-1"}
    assert reasons(schedule, "rep-se-2")[0] == (
        "not placed: EUCPN Secretariat is free for 3 such meetings on 23 April; by the fairness rule, "
        "Sweden already has 1 other normal-priority meeting, and each of the 3 placed goes to a delegation "
        "with no more"
    )


def test_fairness_holds_within_a_priority_class_only():
    # Sweden's high-priority meeting does not count among the normal ones: for the one normal place
    # left, the three states have none of that priority each, and Sweden comes first in precedence.
    requests = (rep("SE", 1, priority="high"), rep("SE", 2), rep("AT"), rep("NL"))
    schedule = run(secretariat_plan(requests))
    assert placed(schedule) == {"rep-se-1", "rep-se-2"}


@pytest.mark.parametrize(("seed", "workers"), [(0, 1), (1, 1), (2, 1), (0, 2), (1, 2), (2, 2)])
def test_the_same_plan_gives_the_same_set_on_every_seed_and_worker_count(seed, workers):
    # Five states' worth of requests for ten places: which ones lose is the rule's, not the seed's.
    requests = tuple(rep(code, k, minutes=30 if k == 2 else 20) for code, _ in STATES for k in (1, 2, 3))
    plan = secretariat_plan(requests, free_until="13:00", precedence=("PT", "AT"))
    schedule = run(plan, seed, workers)
    assert schedule.status == "optimal"
    # 8 places: two each; by precedence PT, AT, then SE, NL; within a state its requests in plan order.
    assert placed(schedule) == {f"rep-{c}-{k}" for c in ("se", "at", "nl", "pt") for k in (1, 2)}


# --- brute force on tiny plans ----------------------------------------------------------------


def tiny_contest(seed: int) -> Plan:
    """Three delegations, two hosts at one venue, five one-hour requests on a 09:00-12:00 morning."""
    rng = random.Random(seed)
    hosts = tuple(
        Host(
            h,
            f"Host {h}",
            "A",
            languages=("en",),
            available=(Window(at(f"{rng.choice((9, 10)):02d}:00"), at("12:00")),),
        )
        for h in ("H1", "H2")
    )
    delegations = tuple(
        Delegation(d, f"Delegation {d}", 2, ("en",), at("08:00"), at("19:00")) for d in ("D1", "D2", "D3")
    )
    requests = []
    for k in range(5):
        together = rng.random() < 0.25
        requests.append(
            Request(
                f"R{k}",
                60,
                delegations=tuple(rng.sample(["D1", "D2", "D3"], 2 if together else 1)),
                hosts=(rng.choice(("H1", "H2")),),
                priority=rng.choice(("high", "normal", "normal")),
            )
        )
    precedence = tuple(rng.sample(["D1", "D2", "D3"], 3))
    return Plan(
        name=f"tiny contest {seed}",
        slot_minutes=60,
        day=DayWindow(at("09:00").time(), at("12:00").time()),
        lunch=None,
        venues=(Venue("A", "Venue A", rooms=2),),
        hosts=hosts,
        delegations=delegations,
        requests=tuple(requests),
        precedence=precedence,
    )


def fair_key(plan: Plan, chosen: set[str]):
    """DESIGN's order on scheduled sets, to maximise: counts per priority, then per priority the number
    of delegations with at least 1, 2, ... meetings of it, then the ranking of requests by precedence."""
    counts = [sum(r.priority == p for r in plan.requests if r.id in chosen) for p in PRIORITIES]
    levels = []
    for priority in PRIORITIES:
        per = [
            sum(d.id in r.delegations for r in plan.requests if r.id in chosen and r.priority == priority)
            for d in plan.delegations
        ]
        levels += [sum(n >= k for n in per) for k in range(1, len(plan.requests) + 1)]
    order = {d: k for k, d in enumerate(plan.precedence)}
    ranked = sorted(
        enumerate(plan.requests),
        key=lambda item: (
            PRIORITIES.index(item[1].priority),
            min(order[d] for d in item[1].delegations),
            item[0],
        ),
    )
    return (*counts, *levels, *(r.id in chosen for _, r in ranked))


@pytest.mark.parametrize("seed", range(6))
def test_the_scheduled_set_is_the_fair_one_found_by_trying_every_schedule(seed):
    plan = tiny_contest(seed)
    feasible = {frozenset(m.request for m in s.meetings) for s in every_schedule(plan) if valid(plan, s)}
    best = max(feasible, key=lambda chosen: fair_key(plan, set(chosen)))
    schedule = run(plan)
    assert schedule.status == "optimal"
    assert placed(schedule) == set(best)


def test_the_tiny_plans_contest_something():
    # The brute-force test means something only if the fair set is not simply every request.
    contested = 0
    for seed in range(6):
        plan = tiny_contest(seed)
        feasible = {frozenset(m.request for m in s.meetings) for s in every_schedule(plan) if valid(plan, s)}
        contested += max(len(c) for c in feasible) < len(plan.requests) and len(feasible) > 1
    assert contested >= 3
    assert list(itertools.islice(every_schedule(tiny_contest(0)), 1))
