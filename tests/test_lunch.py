"""Rule 6, lunch, on hand-made days: the block lies inside the stay, on the grid, off every trip, and
not at all where the stay leaves no room or an event serves lunch. Solved by CP-SAT and by the greedy
baseline; every schedule passes the verifier."""

from __future__ import annotations

from dataclasses import replace

from scheduler import verify
from scheduler.model import Fixed, Host, Plan, Schedule, Travel
from scheduler.solver import greedy
from tests.test_solver_plans import LUNCH, at, clock, meeting, plan_for, reasons, solved, window


def lunches(schedule: Schedule) -> list[tuple[str, str]]:
    return [(b.delegation, f"{b.start:%H:%M}-{b.end:%H:%M}") for b in schedule.lunches]


def staying(arrive: str = "08:00", depart: str = "19:00", **changes) -> Plan:
    """The UA day with the lunch rule (one hour between 12:00 and 14:00) and the stay given."""
    plan = plan_for((meeting("M1", "FAST"),), lunch=LUNCH, **changes)
    ua = replace(plan.delegations[0], arrive=at(arrive), depart=at(depart))
    return replace(plan, delegations=(ua,))


def greedy_checked(plan: Plan) -> Schedule:
    schedule = greedy(plan)
    assert verify(plan, schedule) == []
    return schedule


def test_a_delegation_arriving_at_one_lunches_from_one():
    plan = staying(arrive="13:00")
    for schedule in (solved(plan), greedy_checked(plan)):
        assert lunches(schedule) == [("UA", "13:00-14:00")]
        assert clock(schedule, "M1") == "14:00-15:00"


def test_a_delegation_arriving_at_half_past_one_has_no_lunch_block_and_still_meets():
    plan = replace(staying(arrive="13:30"), requests=(meeting("M1", "FAST", minutes=120),))
    for schedule in (solved(plan), greedy_checked(plan)):
        assert lunches(schedule) == []
        assert clock(schedule, "M1") == "13:30-15:30"


def test_a_delegation_leaving_at_one_lunches_before_it_leaves():
    noon = Host(
        "PROS", "Prosecutor's office Brussels", "HQ", languages=("en",), available=(window("12:00", "13:00"),)
    )
    plan = staying(depart="13:00")
    plan = replace(
        plan,
        hosts=(plan.hosts[0], noon, plan.hosts[2]),
        requests=(meeting("M1", "FAST"), meeting("M2", "PROS")),
    )
    schedule = solved(plan)
    assert lunches(schedule) == [("UA", "12:00-13:00")]
    assert clock(schedule, "M1") == "09:00-10:00"
    assert reasons(schedule, "M2") == (
        "it would leave delegation Ukrainian prosecutors no 60-minute lunch break between 12:00 and 14:00 "
        "at any time everyone is free"
    )


def test_lunch_starts_on_the_slot_grid():
    # The meeting can only end at 12:20: lunch starts at the next quarter, 12:30, not at 12:20.
    fast = Host(
        "FAST", "Fugitive Active Search Team", "HQ", languages=("en",), available=(window("11:00", "12:20"),)
    )
    plan = staying()
    plan = replace(plan, hosts=(fast, *plan.hosts[1:]), requests=(meeting("M1", "FAST", minutes=80),))
    assert lunches(greedy_checked(plan)) == [("UA", "12:30-13:30")]
    schedule = solved(plan)
    assert clock(schedule, "M1") == "11:00-12:20"
    [block] = schedule.lunches
    assert block.start.minute % 15 == 0 and block.start >= at("12:30").replace(tzinfo=block.start.tzinfo)


def test_lunch_keeps_clear_of_the_trip_between_two_venues():
    # 50 minutes from HQ to the town hall; the first meeting ends at noon at HQ, the second is in town.
    fast = Host(
        "FAST", "Fugitive Active Search Team", "HQ", languages=("en",), available=(window("11:00", "12:00"),)
    )
    bin_ = Host(
        "BIN", "BIN coordinator Mechelen", "TOWN", languages=("en",), available=(window("13:00", "18:00"),)
    )
    plan = replace(
        staying(),
        hosts=(fast, bin_),
        travel=(Travel("HQ", "TOWN", 50),),
        requests=(meeting("M1", "FAST"), meeting("M2", "BIN")),
    )
    for schedule in (solved(plan), greedy_checked(plan)):
        assert (clock(schedule, "M1"), clock(schedule, "M2")) == ("11:00-12:00", "14:00-15:00")
        assert lunches(schedule)[0][1] in ("12:00-13:00", "13:00-14:00")  # the trip before or after it


def test_a_conference_day_that_serves_lunch_has_no_lunch_block():
    conference = Fixed("CONF", "Conference", at("09:00"), at("13:00"), "HQ", ("UA",), includes_lunch=True)
    plan = staying(fixed=(conference,))
    for schedule in (solved(plan), greedy_checked(plan)):
        assert lunches(schedule) == []
        assert clock(schedule, "M1") == "13:00-14:00"


def test_a_working_lunch_needs_no_lunch_block():
    fast = Host(
        "FAST", "Fugitive Active Search Team", "HQ", languages=("en",), available=(window("12:00", "14:00"),)
    )
    plan = staying()
    working_lunch = meeting("M1", "FAST", minutes=120, includes_lunch=True)
    plan = replace(plan, hosts=(fast, *plan.hosts[1:]), requests=(working_lunch, meeting("M2", "PROS")))
    for schedule in (solved(plan), greedy_checked(plan)):
        assert lunches(schedule) == []
        assert clock(schedule, "M1") == "12:00-14:00"
        assert schedule.meeting("M2") is not None
