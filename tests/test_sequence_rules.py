"""Rules 9 (first or last) and 10 (order of meetings): hand-made plans with their exact placement or
reason, in CP-SAT and in the greedy baseline, and the verifier on schedules that keep or break them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler import verify
from scheduler.generate import generate_plan
from scheduler.model import POSITIONS, Fixed, Host, Order, Pin, Request
from scheduler.solver import SolveOptions, greedy, solve
from tests.test_solver_plans import at, clock, meeting, plan_for, reasons, solved, window
from tests.test_verify import meeting as placed
from tests.test_verify import plan_for as week_plan
from tests.test_verify import rules_of, schedule_of

BRIEF = Request("BRIEF", 60, "Hosts' briefing", hosts=("FAST", "PROS"))


def three(**opening) -> tuple[Request, ...]:
    return (meeting("M1", "FAST"), meeting("M2", "PROS"), meeting("M3", "PROS", **opening))


# --- rule 9: first or last ----------------------------------------------------------------------


def test_an_opening_comes_before_every_other_meeting_of_its_delegation():
    schedule = solved(plan_for(three(position="first", title="Opening")))
    assert clock(schedule, "M3") == "09:00-10:00"
    assert sorted([clock(schedule, "M1"), clock(schedule, "M2")]) == ["10:00-11:00", "11:00-12:00"]


def test_a_closing_comes_after_every_other_meeting_of_its_delegation():
    schedule = solved(plan_for(three(position="last", title="Closing")))
    assert clock(schedule, "M3") == "11:00-12:00"
    assert sorted([clock(schedule, "M1"), clock(schedule, "M2")]) == ["09:00-10:00", "10:00-11:00"]


def test_an_opening_that_cannot_come_first_is_left_out_with_the_rule_in_words():
    # FAST is free only 09:00-10:00, and its meeting is a must: nothing can come before it.
    early = Host(
        "FAST", "Fugitive Active Search Team", "HQ", languages=("en",), available=(window("09:00", "10:00"),)
    )
    requests = (
        meeting("M1", "FAST", priority="must"),
        meeting("M3", "PROS", position="first", title="Opening"),
    )
    plan = plan_for(requests)
    plan = replace(plan, hosts=(early, *plan.hosts[1:]))
    schedule = solved(plan)
    assert clock(schedule, "M1") == "09:00-10:00"
    assert reasons(schedule, "M3").startswith(
        'must be the first meeting of delegation Ukrainian prosecutors, but "Meeting M1" is on 23 April 09:00'
    )
    assert verify(plan, greedy(plan)) == []


def test_fixed_events_do_not_count_for_first_or_last():
    dinner = Fixed("WELCOME", "Welcome coffee", at("09:00"), at("09:30"), venue="HQ", delegations=("UA",))
    schedule = solved(plan_for(three(position="first"), fixed=(dinner,)))
    assert clock(schedule, "M3") == "09:30-10:30"


def test_the_greedy_baseline_places_openings_first_and_closings_last():
    requests = (
        meeting("M1", "FAST", priority="high"),
        meeting("OPEN", "PROS", position="first"),
        meeting("CLOSE", "PROS", position="last"),
    )
    plan = plan_for(requests)
    schedule = greedy(plan)
    assert verify(plan, schedule) == []
    assert [m.request for m in sorted(schedule.meetings, key=lambda m: m.start)] == ["OPEN", "M1", "CLOSE"]


# --- rule 10: order of meetings -----------------------------------------------------------------


def briefed(order: Order, *requests: Request, pin: str = "10:00", **changes):
    plan = plan_for((BRIEF, *requests), order=(order,), **changes)
    return plan, [Pin("BRIEF", at(pin))]


def test_a_meeting_follows_the_briefing_with_the_gap_between():
    plan, pins = briefed(Order("BRIEF", "M1", min_gap_minutes=30), meeting("M1", "FAST"))
    schedule = solved(plan, pins=pins)
    assert (clock(schedule, "BRIEF"), clock(schedule, "M1")) == ("10:00-11:00", "11:30-12:30")
    without = solved(replace(plan, order=()), pins=pins)
    assert clock(without, "M1") == "09:00-10:00"  # the rule, not chance, moved it


def test_a_meeting_that_cannot_follow_its_briefing_says_what_it_must_come_after():
    order = Order("BRIEF", "M1", min_gap_minutes=30, same_day=True)
    plan, pins = briefed(
        order, meeting("M1", "FAST"), pin="16:00", delegations=(plan_for(()).delegations[0],)
    )
    ua = replace(plan.delegations[0], depart=at("17:15"))
    plan = replace(plan, delegations=(ua,))
    schedule = solved(plan, pins=pins)
    assert clock(schedule, "BRIEF") == "16:00-17:00"
    assert reasons(schedule, "M1").startswith(
        'must come after "Hosts\' briefing", which is on 23 April 16:00 '
        "(with at least 30 minutes between them, on the same day)"
    )


def test_same_day_keeps_the_second_meeting_on_the_date_of_the_first():
    two_days = replace(plan_for(()).delegations[0], depart=at("19:00").replace(day=24))
    busy = Host(
        "FAST",
        "Fugitive Active Search Team",
        "HQ",
        languages=("en",),
        unavailable=(window("17:00", "18:00"),),
    )
    order = Order("BRIEF", "M1", same_day=True)
    plan, pins = briefed(order, meeting("M1", "FAST"), pin="16:00", delegations=(two_days,))
    plan = replace(plan, hosts=(busy, *plan.hosts[1:]))
    schedule = solved(plan, pins=pins)
    assert schedule.meeting("M1") is None
    assert "on the same day" in reasons(schedule, "M1")
    loose = solved(replace(plan, order=(Order("BRIEF", "M1"),)), pins=pins)
    found = loose.meeting("M1")
    assert found is not None and (found.start.day, f"{found.start:%H:%M}") == (24, "09:00")


def test_requires_leaves_out_the_meeting_whose_briefing_cannot_take_place():
    elsewhere = window("09:00", "10:00", day=date(2024, 4, 30))  # a date the delegation is not here
    away = Host("PROS", "Prosecutor's office Brussels", "HQ", languages=("en",), available=(elsewhere,))
    plan = plan_for((BRIEF, meeting("M1", "FAST")), order=(Order("BRIEF", "M1", requires=True),))
    plan = replace(plan, hosts=(plan.hosts[0], away, plan.hosts[2]))
    schedule = solved(plan)
    assert schedule.meetings == ()
    assert reasons(schedule, "M1") == 'requires "Hosts\' briefing", which is not scheduled'
    assert verify(plan, greedy(plan)) == []
    optional = solved(replace(plan, order=(Order("BRIEF", "M1"),)))
    assert clock(optional, "M1") == "09:00-10:00"


def test_the_greedy_baseline_keeps_the_order_even_when_the_second_is_more_important():
    plan = plan_for(
        (BRIEF, meeting("M1", "FAST", priority="must")), order=(Order("BRIEF", "M1", min_gap_minutes=15),)
    )
    schedule = greedy(plan)
    assert verify(plan, schedule) == []
    assert schedule.meeting("M1") is not None and schedule.meeting("BRIEF") is not None


# --- the verifier -------------------------------------------------------------------------------


def _week(**changes):
    return week_plan(**changes)


def _request(plan, rid: str, **changes):
    return tuple(replace(r, **changes) if r.id == rid else r for r in plan.requests)


def test_the_verifier_finds_a_meeting_before_the_opening():
    plan = _week()
    plan = replace(plan, requests=_request(plan, "R-BIN", position="first"))
    fine = schedule_of(
        plan,
        placed("R-FAST", "2024-04-23T13:00", "2024-04-23T14:00", "HQ"),
        placed("R-BIN", "2024-04-23T10:00", "2024-04-23T11:00", "TOWN", room="R1", interpreter="INT-UK"),
    )
    assert verify(plan, fine) == []
    broken = schedule_of(
        plan,
        placed("R-FAST", "2024-04-23T10:00", "2024-04-23T11:00", "HQ"),
        placed("R-BIN", "2024-04-23T14:00", "2024-04-23T15:00", "TOWN", room="R1", interpreter="INT-UK"),
    )
    (found,) = verify(plan, broken)
    assert (found.rule, found.request) == ("position", "R-BIN")
    assert found.message == (
        'Rule 9 "First or last": "Meeting BIN" (23 April 2024 14:00-15:00) must be the first meeting of '
        'delegation UA-PROS, but "Meeting FAST" is 23 April 2024 10:00-11:00'
    )


def test_the_verifier_checks_gap_same_day_and_requires():
    order = Order("R-SURVEY", "R-FAST", min_gap_minutes=30, same_day=True, requires=True)
    plan = _week(order=(order,))
    survey = ("R-SURVEY", "2024-04-23T09:00", "2024-04-23T10:00", "HQ")
    fine = schedule_of(plan, placed(*survey), placed("R-FAST", "2024-04-23T10:30", "2024-04-23T11:30", "HQ"))
    assert verify(plan, fine) == []
    close = schedule_of(plan, placed(*survey), placed("R-FAST", "2024-04-23T10:15", "2024-04-23T11:15", "HQ"))
    assert [(v.rule, v.request) for v in verify(plan, close)] == [("order", "R-FAST")]
    assert "must start at least 30 minutes after" in verify(plan, close)[0].message
    next_day = schedule_of(
        plan, placed(*survey), placed("R-FAST", "2024-04-24T09:00", "2024-04-24T10:00", "HQ")
    )
    assert "must be on the same date as" in verify(plan, next_day)[0].message
    alone = schedule_of(plan, placed("R-FAST", "2024-04-23T10:30", "2024-04-23T11:30", "HQ"))
    assert rules_of(verify(plan, alone)) == ["order"]
    assert verify(plan, alone)[0].message == (
        'Rule 10 "Order of meetings": "Meeting FAST" requires "Security survey briefing", '
        "which is not scheduled"
    )


# --- generated plans with random openings, closings and orders ----------------------------------


@st.composite
def sequenced_plans(draw):
    """A generated plan whose requests now and then open or close a visit and follow one another."""
    plan = generate_plan(draw(st.integers(0, 500)), delegations=3, requests=12, days=2)
    ids = [r.id for r in plan.requests]
    marks = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(POSITIONS)), max_size=3))
    positions = dict(marks)
    requests = tuple(replace(r, position=positions.get(r.id)) for r in plan.requests)
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=4))
    orders = {}
    for before, after in pairs:
        if before != after and (before, after) not in orders:
            orders[(before, after)] = Order(
                before, after, draw(st.sampled_from((0, 15, 90))), draw(st.booleans()), draw(st.booleans())
            )
    return replace(plan, requests=requests, order=tuple(orders.values()))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sequenced_plans())
def test_random_openings_and_orders_never_give_a_schedule_check_rejects(plan):
    assert verify(plan, greedy(plan)) == []
    schedule = solve(plan, SolveOptions(time_limit=2, workers=1, seed=5))
    assert verify(plan, schedule) == []
    placed = {m.request for m in schedule.meetings}
    left = {u.request for u in schedule.unscheduled}
    assert placed | left == {r.id for r in plan.requests}
