"""One hand-made plan per hard rule, solved by CP-SAT: the exact placement it finds, or its reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from scheduler import verify
from scheduler.model import DayWindow, Delegation, Fixed, Host, Pin, Venue
from scheduler.solver import greedy
from scheduler.travel import TravelTimes
from tests.test_solver_plans import (
    INTERPRETERS,
    LUNCH,
    UKRAINIAN_ONLY,
    at,
    clock,
    meeting,
    plan_for,
    reasons,
    solved,
    window,
)


def test_travel_time_separates_meetings_at_different_venues():
    # 40 minutes HQ -> TOWN, rounded up to the 15-minute grid; the mayor is free from 10:00.
    mayor = Host(
        "MAYOR", "Mayor of Mechelen", "TOWN", languages=("en",), available=(window("10:00", "18:00"),)
    )
    plan = plan_for((meeting("M1", "FAST"), meeting("M2", "MAYOR")))
    plan = replace(plan, hosts=(*plan.hosts[:2], mayor))
    schedule = solved(plan)
    assert schedule.status == "optimal"
    assert (clock(schedule, "M1"), clock(schedule, "M2")) == ("09:00-10:00", "10:45-11:45")
    assert schedule.objective.travel_minutes == 40


def test_hotel_departure_and_return_fit_the_day():
    ua = replace(plan_for(()).delegations[0], hotel="HOTEL")
    plan = plan_for((meeting("M1", "FAST"),), delegations=(ua,))
    schedule = solved(plan)
    assert clock(schedule, "M1") == "09:30-10:30"  # 09:00 + 30 minutes from the hotel
    assert schedule.objective.travel_minutes == 60  # there and back


def test_hotel_return_leaves_no_time_for_a_late_meeting():
    ua = replace(plan_for(()).delegations[0], hotel="HOTEL")
    late = Host(
        "FAST", "Fugitive Active Search Team", "HQ", languages=("en",), available=(window("16:45", "18:00"),)
    )
    plan = plan_for((meeting("M1", "FAST", priority="must"),), delegations=(ua,))
    plan = replace(plan, hosts=(late, *plan.hosts[1:]))
    schedule = solved(plan)
    assert schedule.meetings == ()
    assert "hotel Hotel Metropole" in reasons(schedule, "M1")


def test_lunch_block_stays_free():
    ua = replace(plan_for(()).delegations[0], day=DayWindow(at("10:00").time(), at("16:00").time()))
    pros = Host(
        "PROS", "Prosecutor's office Brussels", "HQ", languages=("en",), available=(window("11:00", "18:00"),)
    )
    plan = plan_for(
        (meeting("M1", "FAST", minutes=120), meeting("M2", "PROS", minutes=120)),
        delegations=(ua,),
        lunch=LUNCH,
    )
    plan = replace(plan, hosts=(plan.hosts[0], pros, plan.hosts[2]))
    schedule = solved(plan)
    assert (clock(schedule, "M1"), clock(schedule, "M2")) == ("10:00-12:00", "13:00-15:00")
    (lunch,) = schedule.lunches
    assert (lunch.delegation, f"{lunch.start:%H:%M}-{lunch.end:%H:%M}") == ("UA", "12:00-13:00")


def test_lunch_leaves_room_for_only_two_long_meetings():
    ua = replace(plan_for(()).delegations[0], day=DayWindow(at("10:00").time(), at("16:00").time()))
    requests = (
        meeting("M1", "FAST", minutes=120, priority="high"),
        meeting("M2", "PROS", minutes=120, priority="high"),
        meeting("M3", "FAST", minutes=120, priority="low", title="Extra session"),
    )
    schedule = solved(plan_for(requests, delegations=(ua,), lunch=LUNCH))
    assert {m.request for m in schedule.meetings} == {"M1", "M2"}
    assert reasons(schedule, "M3").startswith(
        "would displace 1 higher-priority meeting: at best, on 23 April 10:00"
    )
    assert 'best alternative slots: 23 April 13:00 (if "Meeting M2" of 23 April 13:00 moves)' in reasons(
        schedule, "M3"
    )


def test_a_dst_day_keeps_wall_times():
    for day, offset in ((date(2024, 3, 31), "+02:00"), (date(2024, 10, 27), "+01:00")):
        ua = Delegation("UA", "Ukrainian prosecutors", 3, ("en",), at("08:00", day), at("19:00", day))
        fast = Host(
            "FAST",
            "Fugitive Active Search Team",
            "HQ",
            languages=("en",),
            available=(window("10:00", "12:00", day),),
        )
        plan = plan_for((meeting("M1", "FAST", minutes=90),), delegations=(ua,), hosts=(fast,))
        found = solved(plan).meeting("M1")
        assert found.start.isoformat() == f"{day}T10:00:00{offset}"
        assert found.end.isoformat() == f"{day}T11:30:00{offset}"


def test_interpreter_is_chosen_among_the_qualified_and_free():
    plan = plan_for((meeting("M1", "MAYOR"),), delegations=(UKRAINIAN_ONLY,), interpreters=INTERPRETERS)
    schedule = solved(plan)
    found = schedule.meeting("M1")
    assert (clock(schedule, "M1"), found.interpreter, found.room) == ("10:00-11:00", "I-AM", "R1")


def test_no_qualified_interpreter_is_explained_with_language_names():
    plan = plan_for(
        (meeting("M1", "MAYOR", priority="must"),),
        delegations=(UKRAINIAN_ONLY,),
        interpreters=INTERPRETERS[:1],
    )
    schedule = solved(plan)
    assert reasons(schedule, "M1") == "no interpreter for Ukrainian-Dutch in the plan"


def test_interpreter_none_forbids_a_meeting_without_common_language():
    request = meeting("M1", "MAYOR", interpreter="none")
    schedule = solved(plan_for((request,), delegations=(UKRAINIAN_ONLY,), interpreters=INTERPRETERS))
    assert "asks for no interpreter" in reasons(schedule, "M1")


def test_named_rooms_go_to_the_meetings_that_fit():
    nl = Delegation("NL", "Dutch police ministry", 8, ("nl", "en"), at("08:00"), at("19:00"))
    alder = Host(
        "ALDER",
        "Alderman for security",
        "TOWN",
        languages=("nl", "en"),
        available=(window("10:00", "11:00"),),
    )
    mayor = Host(
        "MAYOR", "Mayor of Mechelen", "TOWN", languages=("en",), available=(window("10:00", "11:00"),)
    )
    requests = (meeting("BIG", "ALDER", delegations=("NL",)), meeting("SMALL", "MAYOR"))
    plan = plan_for(requests, delegations=(plan_for(()).delegations[0], nl), hosts=(alder, mayor))
    schedule = solved(plan)
    assert (schedule.meeting("BIG").room, schedule.meeting("SMALL").room) == ("R1", "R2")
    assert clock(schedule, "BIG") == clock(schedule, "SMALL") == "10:00-11:00"


def test_a_room_too_small_is_explained():
    crowd = Delegation("UA", "Ukrainian prosecutors", 30, ("en",), at("08:00"), at("19:00"))
    schedule = solved(plan_for((meeting("M1", "FAST", priority="must"),), delegations=(crowd,)))
    assert (
        reasons(schedule, "M1")
        == "room too small: 31 persons, the largest room of Federal Police HQ holds 10"
    )


def test_one_room_holds_one_meeting_at_a_time():
    nl = Delegation("NL", "Dutch police ministry", 2, ("en",), at("08:00"), at("19:00"))
    fast = Host(
        "FAST", "Fugitive Active Search Team", "HQ", languages=("en",), available=(window("09:00", "10:00"),)
    )
    pros = Host(
        "PROS", "Prosecutor's office Brussels", "HQ", languages=("en",), available=(window("09:00", "10:00"),)
    )
    requests = (
        meeting("LOW", "FAST", priority="low"),
        meeting("HIGH", "PROS", priority="high", delegations=("NL",)),
    )
    plan = plan_for(requests, delegations=(plan_for(()).delegations[0], nl), hosts=(fast, pros))
    schedule = solved(plan)
    assert [m.request for m in schedule.meetings] == ["HIGH"]
    assert '"Meeting HIGH" (high, 23 April 09:00 at Federal Police HQ)' in reasons(schedule, "LOW")


def test_a_count_of_rooms_bounds_the_meetings_at_one_moment_not_all_those_a_meeting_overlaps():
    """Two rooms: A (09:00-10:00) and B (10:00-11:00) never meet, so C (09:30-10:30) fits beside either."""
    nl = Delegation("NL", "Dutch police ministry", 2, ("en",), at("08:00"), at("19:00"))
    de = Delegation("DE", "German state police", 2, ("en",), at("08:00"), at("19:00"))
    hosts = tuple(
        Host(code, f"Host {code}", "HQ", languages=("en",), available=(window(start, end),))
        for code, start, end in (
            ("FAST", "09:00", "10:00"),
            ("PROS", "10:00", "11:00"),
            ("ANTI", "09:30", "10:30"),
        )
    )
    requests = (
        meeting("A", "FAST", priority="high"),
        meeting("B", "PROS", priority="high", delegations=("NL",)),
        meeting("C", "ANTI", delegations=("DE",)),
    )
    two_rooms = Venue("HQ", "Federal Police HQ", rooms=2, capacity=10)
    base = plan_for(requests, delegations=(plan_for(()).delegations[0], nl, de), hosts=hosts)
    plan = replace(base, venues=(two_rooms, *base.venues[1:]))
    for schedule in (greedy(plan), solved(plan)):
        assert verify(plan, schedule) == []
        assert [clock(schedule, r) for r in "ABC"] == ["09:00-10:00", "10:00-11:00", "09:30-10:30"]


def test_a_pin_holds_its_start():
    plan = plan_for((meeting("M1", "FAST"),), pinned=(Pin("M1", at("15:00")),))
    assert clock(solved(plan), "M1") == "15:00-16:00"


def test_a_pin_from_the_options_holds_too():
    schedule = solved(plan_for((meeting("M1", "FAST"),)), pins=(Pin("M1", at("11:15")),))
    assert clock(schedule, "M1") == "11:15-12:15"


def test_conflicting_pins_make_the_plan_infeasible_and_are_named():
    requests = (meeting("M1", "FAST"), meeting("M2", "MAYOR"), meeting("M3", "PROS"))
    pins = (Pin("M1", at("09:00")), Pin("M2", at("10:15")), Pin("M3", at("16:00")))
    mayor = Host("MAYOR", "Mayor of Mechelen", "TOWN", languages=("en",))
    plan = plan_for(requests, pinned=pins)
    schedule = solved(replace(plan, hosts=(*plan.hosts[:2], mayor)))
    assert schedule.status == "infeasible" and schedule.meetings == ()
    assert reasons(schedule, "M1").startswith("conflicting pins: pinned at 23 April 09:00")
    assert '"Meeting M1" pinned at 23 April 09:00' in reasons(schedule, "M2")
    assert "M3" not in reasons(schedule, "M1") and "no programme was made" in reasons(schedule, "M3")


def test_a_pin_outside_availability_is_explained():
    fast = Host(
        "FAST", "Fugitive Active Search Team", "HQ", languages=("en",), available=(window("09:00", "12:00"),)
    )
    plan = plan_for((meeting("M1", "FAST"),), hosts=(fast,), pinned=(Pin("M1", at("15:00")),))
    schedule = solved(plan)
    assert schedule.status == "infeasible"
    assert (
        reasons(schedule, "M1")
        == "pinned at 23 April 15:00, but host Fugitive Active Search Team is not available then"
    )


def test_a_fixed_event_and_the_travel_from_it_are_kept_free():
    event = Fixed(
        "VISIT", "Visit of the town hall", at("09:00"), at("12:00"), venue="TOWN", delegations=("UA",)
    )
    schedule = solved(plan_for((meeting("M1", "FAST"),), fixed=(event,)))
    assert clock(schedule, "M1") == "12:45-13:45"
    assert schedule.objective.travel_minutes == 40


def test_travel_counts_every_date_with_a_commitment_fixed_events_alone_included():
    # UA sleeps at the hotel (30 minutes from HQ, 40 from TOWN) and stays two days; its meeting can only
    # be on the 23rd, the visit of the town hall is on the 24th: both days' travel counts.
    ua = replace(plan_for(()).delegations[0], hotel="HOTEL", depart=at("19:00", date(2024, 4, 24)))
    event = Fixed(
        "VISIT",
        "Visit of the town hall",
        at("10:00", date(2024, 4, 24)),
        at("12:00", date(2024, 4, 24)),
        venue="TOWN",
        delegations=("UA",),
    )
    only_the_23rd = meeting("M1", "FAST", latest=at("18:00"))
    plan = plan_for((only_the_23rd,), delegations=(ua,), fixed=(event,))
    schedule = solved(plan)
    assert schedule.meeting("M1").start.day == 23
    travel = [c.value for c in schedule.objective.criteria if c.name == "travel"]
    assert travel == [schedule.objective.travel_minutes]  # the solver's figure is the reported one
    assert schedule.objective.travel_minutes == 60 + 2 * TravelTimes(plan).minutes("HOTEL", "TOWN")


def test_max_meetings_per_day_spreads_meetings_over_the_visit():
    ua = replace(plan_for(()).delegations[0], depart=at("19:00", date(2024, 4, 24)), max_meetings_per_day=1)
    schedule = solved(plan_for((meeting("M1", "FAST"), meeting("M2", "PROS")), delegations=(ua,)))
    days = sorted(m.start.date().day for m in schedule.meetings)
    assert days == [23, 24] and {f"{m.start:%H:%M}" for m in schedule.meetings} == {"09:00"}


def test_max_meetings_per_day_drops_the_lower_priority():
    ua = replace(plan_for(()).delegations[0], max_meetings_per_day=1)
    requests = (meeting("M1", "FAST", priority="low"), meeting("M2", "PROS", priority="must"))
    schedule = solved(plan_for(requests, delegations=(ua,)))
    assert [m.request for m in schedule.meetings] == ["M2"]
    assert "would displace 1 higher-priority meeting" in reasons(schedule, "M1")


def test_a_hosts_maximum_per_day_holds_in_meetings_without_a_delegation():
    ua = replace(plan_for(()).delegations[0], depart=at("19:00", date(2024, 4, 24)))
    briefings = (meeting("B1", "FAST", "PROS", delegations=()), meeting("B2", "FAST", delegations=()))
    plan = plan_for(briefings, delegations=(ua,))
    assert {m.start.date().day for m in solved(plan).meetings} == {23}  # both early, on the first date
    fast = replace(plan.hosts[0], max_meetings_per_day=1)
    schedule = solved(replace(plan, hosts=(fast, *plan.hosts[1:])))
    assert sorted(m.start.date().day for m in schedule.meetings) == [23, 24]


def test_an_optional_host_at_their_maximum_per_day_stays_away():
    requests = (
        meeting("B1", "PROS", delegations=()),
        meeting("B2", "FAST", delegations=(), optional_hosts=("PROS",)),
    )
    plan = plan_for(requests)
    assert solved(plan).meeting("B2").optional_hosts == ("PROS",)
    pros = replace(plan.hosts[1], max_meetings_per_day=1)
    schedule = solved(replace(plan, hosts=(plan.hosts[0], pros, *plan.hosts[2:])))
    assert schedule.meeting("B1") is not None and schedule.meeting("B2").optional_hosts == ()


def test_an_optional_host_joins_when_free_before_an_earlier_start():
    mayor = Host(
        "MAYOR", "Mayor of Mechelen", "TOWN", languages=("nl",), available=(window("11:00", "18:00"),)
    )
    plan = plan_for((meeting("M1", "FAST", optional_hosts=("MAYOR",)),))
    plan = replace(plan, hosts=(*plan.hosts[:2], mayor))
    schedule = solved(plan)
    assert clock(schedule, "M1") == "11:00-12:00" and schedule.meeting("M1").optional_hosts == ("MAYOR",)


def test_an_optional_host_stays_away_when_the_room_is_full():
    small = Venue("HQ", "Federal Police HQ", rooms=1, capacity=4)
    plan = plan_for((meeting("M1", "FAST", optional_hosts=("PROS",)),))
    plan = replace(plan, venues=(small, *plan.venues[1:]))
    schedule = solved(plan)
    assert clock(schedule, "M1") == "09:00-10:00" and schedule.meeting("M1").optional_hosts == ()


def test_earliest_and_latest_bound_the_dates_and_times():
    ua = replace(plan_for(()).delegations[0], depart=at("19:00", date(2024, 4, 25)))
    requests = (
        meeting("AFTERNOON", "FAST", earliest=at("14:00")),
        meeting("SECOND-DAY", "PROS", earliest=date(2024, 4, 24), latest=date(2024, 4, 24)),
        meeting(
            "BY-NOON", "MAYOR", minutes=90, latest=at("12:00", date(2024, 4, 25)), earliest=date(2024, 4, 25)
        ),
    )
    free = (window("09:00", "18:00"), window("10:30", "18:00", date(2024, 4, 25)))
    mayor = Host("MAYOR", "Mayor of Mechelen", "TOWN", languages=("en",), available=free)
    plan = plan_for(requests, delegations=(ua,))
    schedule = solved(replace(plan, hosts=(*plan.hosts[:2], mayor)))
    starts = {m.request: f"{m.start:%d %H:%M}-{m.end:%H:%M}" for m in schedule.meetings}
    assert starts == {
        "AFTERNOON": "23 14:00-15:00",
        "SECOND-DAY": "24 09:00-10:00",
        "BY-NOON": "25 10:30-12:00",
    }
