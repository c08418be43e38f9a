"""On tiny plans the solver's schedule is the lexicographic optimum found by trying every schedule."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduler.model import (
    PRIORITIES,
    DayWindow,
    Delegation,
    Host,
    Lunch,
    LunchBlock,
    Meeting,
    Objective,
    Order,
    Plan,
    Request,
    Schedule,
    Travel,
    Unscheduled,
    Venue,
    Window,
)
from scheduler.verify import verify
from tests.test_solver_plans import at, solved

ZONE = ZoneInfo("Europe/Brussels")
STARTS = ("09:00", "10:00", "11:00", "12:00")


def tiny_plan(seed: int) -> Plan:
    """Two delegations, three hosts at two venues 30 minutes apart, four requests on a 09:00-13:00 morning."""
    rng = random.Random(seed)
    hosts = tuple(
        Host(h, f"Host {h}", rng.choice(("A", "B")), languages=("en",), available=_some_hours(rng))
        for h in ("H1", "H2", "H3")
    )
    requests = []
    for k in range(4):
        chosen = rng.sample(["H1", "H2", "H3"], 2)
        optional = (chosen[1],) if rng.random() < 0.4 else ()
        requests.append(
            Request(
                f"R{k}",
                rng.choice((60, 60, 120)),
                delegations=(rng.choice(("D1", "D2")),),
                hosts=(chosen[0],),
                optional_hosts=optional,
                priority=rng.choice(PRIORITIES),
            )
        )
    return Plan(
        name=f"tiny {seed}",
        slot_minutes=60,
        day=DayWindow(at("09:00").time(), at("13:00").time()),
        lunch=Lunch(at("11:00").time(), at("13:00").time(), 60) if seed % 2 else None,
        venues=(Venue("A", "Venue A", rooms=1), Venue("B", "Venue B", rooms=2)),
        travel=(Travel("A", "B", 30),),
        hosts=hosts,
        delegations=(
            Delegation("D1", "Delegation D1", 2, ("en",), at("08:00"), at("19:00")),
            # now and then arriving during the lunch window: its lunch lies inside its stay (rule 6)
            Delegation(
                "D2", "Delegation D2", 2, ("en",), at("11:00" if seed % 4 == 3 else "08:00"), at("19:00")
            ),
        ),
        requests=tuple(requests),
    )


def _some_hours(rng: random.Random) -> tuple[Window, ...]:
    first = rng.choice((9, 9, 10))
    return (Window(at(f"{first:02d}:00"), at("13:00")),)


def every_schedule(plan: Plan):
    """Every choice of start (or none) per request and of attendance per optional host."""
    choices = []
    for request in plan.requests:
        options: list = [None]
        for start, joined in itertools.product(STARTS, (False, True) if request.optional_hosts else (False,)):
            options.append((start, request.optional_hosts if joined else ()))
        choices.append(options)
    for combination in itertools.product(*choices):
        meetings = []
        for request, choice in zip(plan.requests, combination, strict=True):
            if choice is not None:
                start = at(choice[0]).replace(tzinfo=ZONE)
                end = start + timedelta(minutes=request.minutes)
                venue = next(h.venue for h in plan.hosts if h.id == request.hosts[0])
                meetings.append(Meeting(request.id, start, end, venue, optional_hosts=choice[1]))
        placed = {m.request for m in meetings}
        unscheduled = tuple(_left_out(r.id) for r in plan.requests if r.id not in placed)
        yield Schedule(plan.name, "feasible", 0, Objective({}, {}), tuple(meetings), (), unscheduled)


def _left_out(rid: str) -> Unscheduled:
    return Unscheduled(rid, ("left out",))


def key(plan: Plan, schedule: Schedule, first_start: dict[str, datetime]):
    """DESIGN's objective as a tuple to maximise: counts, attendance, -travel, -idle, -lateness."""
    by_id = {r.id: r for r in plan.requests}
    counts = [sum(by_id[m.request].priority == p for m in schedule.meetings) for p in PRIORITIES]
    attending = sum(len(m.optional_hosts) for m in schedule.meetings)
    travel = idle = 0
    for delegation in plan.delegations:
        mine = sorted(
            (m for m in schedule.meetings if delegation.id in by_id[m.request].delegations),
            key=lambda m: m.start,
        )
        travel += 30 * sum(a.venue != b.venue for a, b in itertools.pairwise(mine))
        if mine:
            span = (max(m.end for m in mine) - mine[0].start).total_seconds() / 60
            idle += span - sum(by_id[m.request].minutes for m in mine)
    lateness = sum((m.start - first_start[m.request]).total_seconds() / 60 for m in schedule.meetings)
    return (*counts, attending, -travel, -idle, -lateness)


def with_lunches(plan: Plan, schedule: Schedule):
    """The schedule with each choice of one lunch block (on the hour) per delegation that meets."""
    by_id = {r.id: r for r in plan.requests}
    meeting = [
        d.id for d in plan.delegations if any(d.id in by_id[m.request].delegations for m in schedule.meetings)
    ]
    hours = ("11:00", "12:00")
    for choice in itertools.product(hours, repeat=len(meeting)):
        yield replace(
            schedule,
            lunches=tuple(
                LunchBlock(d, at(h).replace(tzinfo=ZONE), at(h).replace(tzinfo=ZONE) + timedelta(hours=1))
                for d, h in zip(meeting, choice, strict=True)
            ),
        )


def valid(plan: Plan, schedule: Schedule) -> bool:
    """Is the schedule valid once given lunch blocks where the lunch rule wants them?"""
    found = verify(plan, schedule)
    if not found or any(v.rule != "lunch" for v in found):
        return not found
    return any(not verify(plan, fed) for fed in with_lunches(plan, schedule))


@pytest.mark.parametrize("seed", range(8))
def test_the_solver_finds_the_lexicographic_optimum_of_a_tiny_plan(seed):
    assert_solved_to_the_optimum(tiny_plan(seed))


def assert_solved_to_the_optimum(plan: Plan) -> None:
    """CP-SAT proves optimal the best of every valid schedule, by DESIGN's objective."""
    valid_ones = [s for s in every_schedule(plan) if valid(plan, s)]
    first_start = {}
    for schedule in valid_ones:
        for m in schedule.meetings:
            first_start[m.request] = min(first_start.get(m.request, m.start), m.start)
    best = max(key(plan, s, first_start) for s in valid_ones)
    schedule = solved(plan)
    assert schedule.status == "optimal"
    assert key(plan, schedule, first_start) == best


def sequenced(seed: int) -> Plan:
    """A tiny plan with an opening or a closing (rule 9) and an order between two requests (rule 10)."""
    plan = tiny_plan(seed)
    rng = random.Random(1000 + seed)
    marked = rng.choice(plan.requests)
    position = rng.choice(("first", "last"))
    requests = tuple(replace(r, position=position) if r is marked else r for r in plan.requests)
    first, second = rng.sample([r.id for r in plan.requests], 2)
    order = Order(first, second, rng.choice((0, 0, 60)), rng.random() < 0.5, rng.random() < 0.5)
    return replace(plan, requests=requests, order=(order,))


@pytest.mark.parametrize("seed", range(8))
def test_the_optimum_holds_with_openings_closings_and_orders(seed):
    assert_solved_to_the_optimum(sequenced(seed))
