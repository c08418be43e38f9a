"""Solving in parts (solver.lns, solver.neighbourhood), the loose bound (solver.bound) and the repair pass
(greedy.fill): every schedule keeps every hard rule and leaves out no request that still fits."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from scheduler.criteria import priority_score
from scheduler.generate import generate_plan
from scheduler.model import POSITIONS, Order, Pin, Plan, Schedule
from scheduler.solver import SolveOptions, greedy, solve
from scheduler.solver.board import Board, Placement
from scheduler.solver.bound import loose_model
from scheduler.solver.candidates import build_candidates
from scheduler.solver.extract import build_schedule, count_scheduled
from scheduler.solver.facts import PlanFacts
from scheduler.solver.greedy import greedy_board
from scheduler.solver.large import LARGE_REQUESTS, is_large
from scheduler.solver.lns import Search
from scheduler.solver.pins import collect_pins
from scheduler.solver.plain import plain_solve
from scheduler.verify import verify


def board_of(plan: Plan, schedule: Schedule) -> Board:
    """A board holding the schedule's meetings as they are (time, room, interpreter, optional hosts)."""
    facts = PlanFacts(plan)
    candidates = build_candidates(facts)
    board = Board(facts, candidates)
    for m in schedule.meetings:
        start, end = facts.axis.minute(m.start), facts.axis.minute(m.end)
        venue = candidates[m.request].venue
        board.store(Placement(m.request, start, end, venue, m.room, m.interpreter, m.optional_hosts))
    return board


def still_fitting(plan: Plan, schedule: Schedule) -> list[str]:
    """The requests the schedule leaves out that fit as it stands, each with the start where it fits; a
    fit the board finds is checked again by the independent verifier."""
    board, found = board_of(plan, schedule), []
    for unscheduled in schedule.unscheduled:
        for start in board.candidates[unscheduled.request].starts:
            if board.try_place(unscheduled.request, start):
                with_it = build_schedule(board, "feasible", 0.0, {})
                assert verify(plan, with_it) == []
                found.append(f"{unscheduled.request} at {board.facts.axis.local(start)}")
                board.remove(unscheduled.request)
                break
    return found


def in_parts(plan: Plan, steps: int, seed: int = 1, pins: tuple[Pin, ...] = ()) -> tuple[Board, Board]:
    """(the greedy board, that board after `steps` steps of the search in parts)."""
    facts = PlanFacts(plan)
    candidates = build_candidates(facts)
    pinned, _ = collect_pins(facts, candidates, pins)
    start = greedy_board(facts, candidates, pinned)
    board = greedy_board(facts, candidates, pinned)
    search = Search(board, set(pinned), seed)
    search.improve(float("inf"), stop=lambda: search.tally.steps >= steps)
    return start, board


def score(board: Board) -> int:
    facts = board.facts
    return priority_score(count_scheduled(facts, board.placed), count_scheduled(facts, facts.requests))


@pytest.mark.parametrize("seed", (1, 2, 3, 4))
def test_a_solve_leaves_out_no_request_that_still_fits(seed):
    # Seed 1 at 3 s left out REQ-0066, REQ-0069 and REQ-0125, each free to take place as it stood.
    plan = generate_plan(seed, delegations=10, requests=150, days=5)
    schedule = solve(plan, SolveOptions(time_limit=3, workers=2, seed=1))
    assert verify(plan, schedule) == []
    assert still_fitting(plan, schedule) == []


@st.composite
def mixed_plans(draw) -> tuple[Plan, tuple[Pin, ...]]:
    """A generated plan of 60 requests over 3 days (hosts with a maximum a day, named rooms, dinners,
    interpreters), now and then with openings, closings, orders and a pin."""
    plan = generate_plan(draw(st.integers(0, 300)), delegations=6, requests=60, days=3)
    ids = [r.id for r in plan.requests]
    positions = dict(draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(POSITIONS)), max_size=3)))
    requests = tuple(replace(r, position=positions.get(r.id)) for r in plan.requests)
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=5))
    orders = {
        (a, b): Order(a, b, draw(st.sampled_from((0, 30))), draw(st.booleans()), draw(st.booleans()))
        for a, b in pairs
        if a != b and (b, a) not in dict.fromkeys(pairs)
    }
    plan = replace(plan, requests=requests, order=tuple(orders.values()))
    greedy = build_schedule(greedy_board(PlanFacts(plan), build_candidates(PlanFacts(plan)), {}), "", 0, {})
    pins = tuple(Pin(m.request, m.start) for m in greedy.meetings[: draw(st.integers(0, 2))])
    return plan, pins


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_plans())
def test_solving_in_parts_keeps_every_hard_rule_and_never_loses(case):
    plan, pins = case
    start, board = in_parts(plan, steps=25, pins=pins)
    schedule = build_schedule(board, "feasible", 0.0, {})
    assert verify(plan, schedule) == []
    assert score(board) >= score(start)
    for pin in pins:  # pins never move
        assert board.placed[pin.request].start == board.facts.axis.minute(pin.start)


def test_the_parts_place_more_than_the_greedy_schedule():
    plan = generate_plan(1, delegations=10, requests=150, days=5)
    start, board = in_parts(plan, steps=40)
    assert verify(plan, build_schedule(board, "feasible", 0.0, {})) == []
    before, after = count_scheduled(start.facts, start.placed), count_scheduled(board.facts, board.placed)
    assert score(board) > score(start), (before, after)


def test_the_same_seed_takes_the_same_steps_to_the_same_schedule():
    plan = generate_plan(2, delegations=10, requests=150, days=5)
    _, first = in_parts(plan, steps=30, seed=7)
    _, again = in_parts(plan, steps=30, seed=7)
    assert first.placed == again.placed


@pytest.mark.parametrize("seed", (1, 2, 3))
def test_the_loose_bound_is_never_below_a_proven_optimum(seed):
    plan = generate_plan(seed, delegations=3, requests=12, days=5)
    schedule = solve(plan, SolveOptions(time_limit=20, workers=2, seed=1))
    priorities = next(c for c in schedule.objective.criteria if c.name == "priorities")
    assert priorities.proven
    facts = PlanFacts(plan)
    v = loose_model(facts, build_candidates(facts), {})
    solver = cp_model.CpSolver()
    solver.parameters.num_workers, solver.parameters.random_seed = 1, 1
    assert solver.solve(v.model) == cp_model.OPTIMAL
    assert solver.objective_value >= priority_score(
        schedule.objective.scheduled, schedule.objective.requested
    )


@pytest.mark.slow
def test_a_large_plan_is_solved_in_parts_with_a_bound():
    plan = generate_plan(3, delegations=40, requests=LARGE_REQUESTS + 100, days=8)
    facts = PlanFacts(plan)
    assert is_large(build_candidates(facts))  # over 600 requests, many of them at two venues
    baseline = greedy(plan)
    schedule = solve(plan, SolveOptions(time_limit=20, workers=2, seed=1))
    assert verify(plan, schedule) == []
    assert still_fitting(plan, schedule) == []
    requested = schedule.objective.requested
    found = priority_score(schedule.objective.scheduled, requested)
    assert found > priority_score(baseline.objective.scheduled, requested)
    assert schedule.objective.bound is not None and found <= schedule.objective.bound
    assert [c.name for c in schedule.objective.criteria][:1] == ["priorities"]


def test_a_part_keeps_an_opening_on_a_later_date_first():
    # The delegation's opening is pinned late on its last date: no meeting of the delegation may take
    # place before it, on that date or any earlier one, however much room the earlier dates have.
    plan = generate_plan(5, delegations=2, requests=24, days=3)
    facts = PlanFacts(plan)
    candidates = build_candidates(facts)
    delegation = max(plan.delegations, key=lambda d: sum(d.id in r.delegations for r in plan.requests))
    own = [candidates[r.id] for r in plan.requests if r.delegations == (delegation.id,)]
    last = max(facts.date_of(s) for c in own for s in c.starts)
    opening = next(c for c in own if facts.date_of(c.starts[-1]) == last)
    plan = replace(
        plan,
        requests=tuple(replace(r, position="first") if r.id == opening.id else r for r in plan.requests),
    )
    pin = Pin(opening.id, facts.axis.local(opening.starts[-1]).replace(tzinfo=None))
    _, board = in_parts(plan, steps=30, pins=(pin,))
    assert verify(plan, build_schedule(board, "feasible", 0.0, {})) == []
    others = [c.id for c in own if c.id != opening.id]
    assert any(c.starts[0] < opening.starts[-1] for c in own if c.id != opening.id)  # they would fit earlier
    assert all(board.placed[r].start >= board.placed[opening.id].end for r in others if r in board.placed)


def test_the_plain_model_keeps_every_rule_and_reaches_the_proven_optimum_of_a_tiny_plan():
    plan = generate_plan(2, delegations=3, requests=12, days=5)
    ours = solve(plan, SolveOptions(time_limit=20, workers=2, seed=1))
    plain = plain_solve(plan, time_limit=20, workers=2, seed=1)
    assert verify(plan, plain) == []
    assert plain.status == "optimal" and ours.status == "optimal"
    assert plain.objective.scheduled == ours.objective.scheduled
    assert plain.objective.criteria == ()  # no later criteria: the priorities are its only objective
