"""The verifier: for every hard rule a schedule it accepts and one it rejects, with the words it uses."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduler.io.plan_json import write_plan_json
from scheduler.io.schedule_json import write_schedule_json
from scheduler.model import (
    DayWindow,
    Delegation,
    Fixed,
    Host,
    Interpreter,
    Lunch,
    LunchBlock,
    Meeting,
    Objective,
    Pin,
    Plan,
    Request,
    Room,
    Schedule,
    Travel,
    Unscheduled,
    Venue,
    Window,
)
from scheduler.verify import Violation, verify

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(text: str) -> datetime:
    """An aware Brussels time; an explicit offset in the text is kept."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=BRUSSELS)


def plan_for(**changes) -> Plan:
    """A week of the Ukrainian prosecutors' visit, small enough to reason about by hand; without a lunch
    rule, so that each schedule below breaks only the rule it is about (the rule 6 tests set one)."""
    plan = Plan(
        name="UA prosecutors",
        lunch=None,
        venues=(
            Venue("HQ", "Federal Police HQ", lat=50.8466, lon=4.3528, rooms=2, capacity=10),
            Venue(
                "TOWN",
                "Mechelen town hall",
                lat=51.0277,
                lon=4.4803,
                rooms=(Room("R1", "Aula", 10), Room("R2")),
            ),
            Venue("HOTEL", "Hotel Metropole", lat=50.8515, lon=4.3550),
        ),
        travel=(Travel("HQ", "TOWN", 40),),
        hosts=(
            Host("FAST", "Fugitive search team", venue="HQ", languages=("nl", "fr", "en")),
            Host("BIN", "BIN coordinator Mechelen", venue="TOWN", size=2, languages=("nl",)),
            Host("MAYOR", "Mayor of Mechelen", venue="TOWN", languages=("nl",)),
            Host("ANALYST", "Security survey team", venue="HQ", languages=("nl", "fr")),
        ),
        delegations=(
            Delegation(
                "UA-PROS",
                "Ukrainian prosecutors",
                size=6,
                languages=("uk", "en"),
                arrive=datetime(2024, 4, 22, 8, 0),
                depart=datetime(2024, 4, 26, 18, 0),
            ),
        ),
        interpreters=(
            Interpreter("INT-UK", "Olena", languages=("uk", "nl")),
            Interpreter("INT-FR", "Marie", languages=("fr", "nl")),
        ),
        requests=(
            Request("R-FAST", 60, "Meeting FAST", delegations=("UA-PROS",), hosts=("FAST",)),
            Request(
                "R-BIN",
                60,
                "Meeting BIN",
                delegations=("UA-PROS",),
                hosts=("BIN",),
                optional_hosts=("MAYOR",),
            ),
            Request("R-SURVEY", 60, "Security survey briefing", hosts=("ANALYST", "FAST")),
        ),
    )
    return replace(plan, **changes)


def meeting(request: str, start: str, end: str, venue: str, **fields) -> Meeting:
    return Meeting(request, at(start), at(end), venue, **fields)


def schedule_of(plan: Plan, *meetings: Meeting, lunches=()) -> Schedule:
    placed = {m.request for m in meetings}
    left = tuple(Unscheduled(r.id, ("no time",)) for r in plan.requests if r.id not in placed)
    return Schedule(plan.name, "feasible", 0.1, Objective({}, {}), meetings, tuple(lunches), left)


def rules_of(violations: list[Violation]) -> list[str]:
    return [v.rule for v in violations]


FAST = ("R-FAST", "2024-04-23T10:00", "2024-04-23T11:00", "HQ")
BIN_LATE = ("R-BIN", "2024-04-23T14:00", "2024-04-23T15:00", "TOWN")


def test_a_sound_programme_has_no_violations():
    plan = plan_for()
    schedule = schedule_of(
        plan,
        meeting(*FAST),
        meeting(*BIN_LATE, room="R1", interpreter="INT-UK", optional_hosts=("MAYOR",)),
        meeting("R-SURVEY", "2024-04-24T09:00", "2024-04-24T10:00", "HQ"),
    )
    assert verify(plan, schedule) == []


# --- rule 1: length, grid, dates, venue ------------------------------------------------------


def test_rule_1_wrong_length():
    plan = plan_for()
    [found] = verify(plan, schedule_of(plan, meeting("R-FAST", "2024-04-23T10:00", "2024-04-23T10:45", "HQ")))
    assert found.rule == "duration" and found.request == "R-FAST"
    assert found.message == (
        'Rule 1 "Length, slot grid and dates": "Meeting FAST" lasts 45 minutes '
        "(23 April 2024 10:00-10:45) instead of 60"
    )


def test_rule_1_off_the_grid_and_the_grid_is_wall_time():
    plan = plan_for()
    [found] = verify(plan, schedule_of(plan, meeting("R-FAST", "2024-04-23T10:07", "2024-04-23T11:07", "HQ")))
    assert found.message.endswith('"Meeting FAST" starts at 10:07 on 23 April 2024, off the 15-minute grid')
    in_utc = meeting("R-FAST", "2024-04-23T08:00+00:00", "2024-04-23T09:00+00:00", "HQ")
    assert verify(plan, schedule_of(plan, in_utc)) == []


def test_rule_1_a_date_as_latest_means_the_whole_day():
    request = Request("R-FAST", 60, "Meeting FAST", ("UA-PROS",), ("FAST",), earliest=date(2024, 4, 23))
    plan = plan_for(requests=(replace(request, latest=date(2024, 4, 23)),))
    assert (
        verify(plan, schedule_of(plan, meeting("R-FAST", "2024-04-23T17:00", "2024-04-23T18:00", "HQ"))) == []
    )
    [found] = verify(plan, schedule_of(plan, meeting("R-FAST", "2024-04-24T09:00", "2024-04-24T10:00", "HQ")))
    assert found.rule == "duration"
    assert found.message.endswith("ends 24 April 2024 09:00-10:00, after its latest 23 April 2024")
    [found] = verify(plan, schedule_of(plan, meeting("R-FAST", "2024-04-22T09:00", "2024-04-22T10:00", "HQ")))
    assert "before its earliest 23 April 2024" in found.message


def test_rule_1_the_first_hosts_venue():
    plan = plan_for()
    [found] = verify(
        plan, schedule_of(plan, meeting("R-FAST", "2024-04-23T10:00", "2024-04-23T11:00", "HOTEL"))
    )
    assert found.rule == "duration"
    assert found.message.endswith('"Meeting FAST" is at Hotel Metropole but belongs at Federal Police HQ')


# --- rule 2: availability ------------------------------------------------------------------


def test_rule_2_host_outside_its_available_windows():
    morning = Window(datetime(2024, 4, 23, 9), datetime(2024, 4, 23, 12))
    plan = plan_for(hosts=(replace(plan_for().hosts[0], available=(morning,)), *plan_for().hosts[1:]))
    assert verify(plan, schedule_of(plan, meeting(*FAST))) == []
    late = meeting("R-FAST", "2024-04-23T14:00", "2024-04-23T15:00", "HQ")
    [found] = verify(plan, schedule_of(plan, late))
    assert found.rule == "availability"
    assert found.message == (
        'Rule 2 "Availability": host FAST is not available for "Meeting FAST" on '
        "23 April 2024 14:00-15:00: outside its available times"
    )


def test_rule_2_unavailable_and_outside_the_visit():
    busy = Window(datetime(2024, 4, 23, 10, 30), datetime(2024, 4, 23, 12))
    delegation = replace(plan_for().delegations[0], unavailable=(busy,))
    plan = plan_for(delegations=(delegation,))
    [found] = verify(plan, schedule_of(plan, meeting(*FAST)))
    assert found.message.endswith(
        'delegation UA-PROS is not available for "Meeting FAST" on '
        "23 April 2024 10:00-11:00: it is unavailable 23 April 2024 10:30-12:00"
    )
    early = meeting("R-FAST", "2024-04-22T08:00", "2024-04-22T09:00", "HQ")
    found = verify(plan, schedule_of(plan, early))
    assert {v.message.split(": ")[1] for v in found} == {
        'delegation UA-PROS is not available for "Meeting FAST" on 22 April 2024 08:00-09:00',
        'host FAST is not available for "Meeting FAST" on 22 April 2024 08:00-09:00',
    }


def test_rule_2_hosts_without_windows_work_on_the_visit_dates_only():
    plan = plan_for()
    ok = meeting("R-SURVEY", "2024-04-26T17:00", "2024-04-26T18:00", "HQ")
    assert verify(plan, schedule_of(plan, ok)) == []
    after = meeting("R-SURVEY", "2024-04-27T10:00", "2024-04-27T11:00", "HQ")
    found = verify(plan, schedule_of(plan, after))
    assert rules_of(found) == ["availability", "availability"]
    assert "outside its working hours on the visit dates" in found[0].message


# --- rule 3: one place at a time, with travel ------------------------------------------------


def test_rule_3_travel_between_venues():
    plan = plan_for()
    fast = meeting(*FAST)
    late = meeting("R-BIN", "2024-04-23T11:45", "2024-04-23T12:45", "TOWN", room="R1", interpreter="INT-UK")
    assert verify(plan, schedule_of(plan, fast, late)) == []
    soon = meeting("R-BIN", "2024-04-23T11:15", "2024-04-23T12:15", "TOWN", room="R1", interpreter="INT-UK")
    [found] = verify(plan, schedule_of(plan, fast, soon))
    assert found.rule == "one-place" and found.request == "R-BIN"
    assert found.message == (
        'Rule 3 "One place at a time, with travel": delegation UA-PROS has "Meeting FAST" at Federal '
        'Police HQ until 11:00 and "Meeting BIN" at Mechelen town hall at 11:15 on 23 April 2024, '
        "but the travel takes 40 minutes"
    )


def test_rule_3_overlap_and_travel_from_coordinates():
    plan = plan_for(travel=())  # HQ-TOWN is then about 20.8 km: 40.6 minutes, rounded up to 45
    fast = meeting(*FAST)
    soon = meeting("R-BIN", "2024-04-23T11:30", "2024-04-23T12:30", "TOWN", room="R1", interpreter="INT-UK")
    [found] = verify(plan, schedule_of(plan, fast, soon))
    assert found.message.endswith("but the travel takes 45 minutes")
    same = meeting("R-SURVEY", "2024-04-23T10:30", "2024-04-23T11:30", "HQ")
    [found] = verify(plan, schedule_of(plan, fast, same))
    assert found.message.endswith(
        'host FAST has "Meeting FAST" (23 April 2024 10:00-11:00) and "Security survey briefing" '
        "(23 April 2024 10:30-11:30) at the same time"
    )


def test_rule_3_fixed_events_need_travel_time_too():
    dinner = Fixed(
        "DINNER",
        "Official dinner",
        datetime(2024, 4, 23, 11, 15),
        datetime(2024, 4, 23, 12),
        "TOWN",
        ("UA-PROS",),
    )
    plan = plan_for(fixed=(dinner,))
    [found] = verify(plan, schedule_of(plan, meeting(*FAST)))
    assert found.rule == "one-place"
    assert 'and the fixed event "Official dinner" at Mechelen town hall at 11:15' in found.message


def test_rule_3_hotel_departure_and_return():
    delegation = replace(plan_for().delegations[0], hotel="TOWN")
    plan = plan_for(delegations=(delegation,))
    first = meeting("R-FAST", "2024-04-23T09:45", "2024-04-23T10:45", "HQ")
    assert verify(plan, schedule_of(plan, first)) == []
    [found] = verify(plan, schedule_of(plan, meeting("R-FAST", "2024-04-23T09:30", "2024-04-23T10:30", "HQ")))
    assert found.message.endswith(
        'delegation UA-PROS starts "Meeting FAST" at 09:30 on 23 April 2024 at Federal Police HQ, but its '
        "day starts at 09:00 and the way from the hotel Mechelen town hall takes 40 minutes"
    )
    [found] = verify(plan, schedule_of(plan, meeting("R-FAST", "2024-04-23T16:30", "2024-04-23T17:30", "HQ")))
    assert 'ends "Meeting FAST" at 17:30' in found.message and "the way back to the hotel" in found.message


# --- rule 4: rooms and capacity ---------------------------------------------------------------


def _internal(n: int) -> list[Request]:
    return [Request(f"I{k}", 60, f"Briefing {k}", hosts=(f"H{k}",)) for k in range(n)]


def test_rule_4_a_count_of_rooms():
    hosts = tuple(Host(f"H{k}", f"Host {k}", venue="HQ", languages=("nl",)) for k in range(3))
    plan = plan_for(hosts=hosts, interpreters=(), requests=tuple(_internal(3)))
    two = [meeting(f"I{k}", "2024-04-23T10:00", "2024-04-23T11:00", "HQ") for k in range(2)]
    assert verify(plan, schedule_of(plan, *two)) == []
    third = meeting("I2", "2024-04-23T10:30", "2024-04-23T11:30", "HQ")
    [found] = verify(plan, schedule_of(plan, *two, third))
    assert found.rule == "rooms"
    assert found.message.endswith(
        "3 meetings take place at once at Federal Police HQ at 10:30 on 23 April 2024 "
        '("Briefing 0", "Briefing 1", "Briefing 2"), but it has 2 rooms'
    )


def test_rule_4_named_rooms_and_capacity():
    plan = plan_for()
    bin_in = {"interpreter": "INT-UK"}
    [found] = verify(plan, schedule_of(plan, meeting(*BIN_LATE, **bin_in)))
    assert found.message.endswith('"Meeting BIN" at Mechelen town hall has no room; it needs one of R1, R2')
    big = replace(plan.hosts[1], size=5)
    plan = plan_for(hosts=(plan.hosts[0], big, *plan.hosts[2:]))
    [found] = verify(plan, schedule_of(plan, meeting(*BIN_LATE, room="R1", **bin_in)))
    assert found.message.endswith(
        '"Meeting BIN" brings 12 persons to room Aula at Mechelen town hall, which holds 10'
    )
    assert verify(plan, schedule_of(plan, meeting(*BIN_LATE, room="R2", **bin_in))) == []


def test_rule_4_one_meeting_per_named_room():
    plan = plan_for(
        requests=(*plan_for().requests, Request("R-MAYOR", 60, "Mayor's briefing", hosts=("MAYOR",)))
    )
    bin_meeting = meeting(*BIN_LATE, room="R2", interpreter="INT-UK")
    mayor = meeting("R-MAYOR", "2024-04-23T14:30", "2024-04-23T15:30", "TOWN", room="R2")
    [found] = verify(plan, schedule_of(plan, bin_meeting, mayor))
    assert found.rule == "rooms" and "both use room R2 at Mechelen town hall" in found.message
    assert verify(plan, schedule_of(plan, bin_meeting, replace(mayor, room="R1"))) == []


# --- rule 5: interpretation ------------------------------------------------------------------


def test_rule_5_interpreter_needed_and_qualified():
    plan = plan_for()
    [found] = verify(plan, schedule_of(plan, meeting(*BIN_LATE, room="R1")))
    assert found.rule == "interpretation"
    assert found.message == (
        'Rule 5 "Interpretation": "Meeting BIN" has no interpreter, yet no language is common to all '
        "(delegation UA-PROS speaks en, uk; host BIN speaks nl)"
    )
    [found] = verify(plan, schedule_of(plan, meeting(*BIN_LATE, room="R1", interpreter="INT-FR")))
    assert found.message.endswith(
        'interpreter INT-FR of "Meeting BIN" speaks fr, nl, but delegation UA-PROS speaks en, uk'
    )


def test_rule_5_forced_forbidden_and_needless_interpreters():
    forced = replace(plan_for().requests[1], interpreter="INT-FR")
    plan = plan_for(requests=(plan_for().requests[0], forced))
    found = verify(plan, schedule_of(plan, meeting(*BIN_LATE, room="R1", interpreter="INT-UK")))
    assert "but the request names interpreter INT-FR" in found[0].message
    plan = plan_for()
    [found] = verify(plan, schedule_of(plan, meeting(*FAST, interpreter="INT-UK")))
    assert found.message.endswith(
        "has interpreter INT-UK, though a language is common to all "
        "(delegation UA-PROS speaks en, uk; host FAST speaks en, fr, nl)"
    )


# --- rule 6: lunch --------------------------------------------------------------------------


def lunch_plan(**changes) -> Plan:
    """The week with the default lunch rule: one hour between 12:00 and 14:00."""
    return plan_for(lunch=Lunch(), **changes)


def lunch_at(start: str, end: str) -> LunchBlock:
    return LunchBlock("UA-PROS", at(f"2024-04-23T{start}"), at(f"2024-04-23T{end}"))


NOON = ("R-FAST", "2024-04-23T12:00", "2024-04-23T13:00", "HQ")


def test_rule_6_a_meeting_date_has_its_lunch_block():
    plan = lunch_plan()
    assert verify(plan, schedule_of(plan, meeting(*NOON), lunches=[lunch_at("13:00", "14:00")])) == []
    [found] = verify(plan, schedule_of(plan, meeting(*NOON)))
    assert (found.rule, found.request) == ("lunch", "R-FAST")
    assert found.message == (
        'Rule 6 "Lunch break": delegation UA-PROS is given no lunch block on 23 April 2024, '
        "though 13:00-14:00 is free"
    )
    after = meeting("R-BIN", "2024-04-23T13:45", "2024-04-23T14:45", "TOWN", room="R1", interpreter="INT-UK")
    [found] = verify(plan, schedule_of(plan, meeting(*NOON), after))
    assert found.message.startswith(
        'Rule 6 "Lunch break": delegation UA-PROS has no free 60 minutes '
        "between 12:00 and 14:00 on 23 April 2024"
    )


def test_rule_6_reported_lunches_lie_in_the_window_and_free():
    plan = lunch_plan()
    noon = meeting(*NOON)
    [found] = verify(plan, schedule_of(plan, noon, lunches=[lunch_at("12:30", "13:30")]))
    assert found.message.endswith(
        "the lunch of delegation UA-PROS on 23 April 2024 12:30-13:30 "
        'overlaps "Meeting FAST" (23 April 2024 12:00-13:00)'
    )
    [found] = verify(plan, schedule_of(plan, noon, lunches=[lunch_at("13:30", "14:30")]))
    assert "is not 60 minutes between 12:00 and 14:00" in found.message


def test_rule_6_a_lunch_starts_on_the_slot_grid():
    plan = lunch_plan()
    morning = meeting(*FAST)
    assert verify(plan, schedule_of(plan, morning, lunches=[lunch_at("12:15", "13:15")])) == []
    [found] = verify(plan, schedule_of(plan, morning, lunches=[lunch_at("12:20", "13:20")]))
    assert found.message == (
        'Rule 6 "Lunch break": the lunch of delegation UA-PROS on 23 April 2024 12:20-13:20 '
        "starts off the 15-minute grid"
    )


def test_rule_6_a_lunch_lies_inside_the_stay():
    late = replace(plan_for().delegations[0], arrive=datetime(2024, 4, 23, 13, 0))
    plan = lunch_plan(delegations=(late,))
    afternoon = meeting("R-FAST", "2024-04-23T14:00", "2024-04-23T15:00", "HQ")
    assert verify(plan, schedule_of(plan, afternoon, lunches=[lunch_at("13:00", "14:00")])) == []
    [found] = verify(plan, schedule_of(plan, afternoon, lunches=[lunch_at("12:00", "13:00")]))
    assert found.message == (
        'Rule 6 "Lunch break": the lunch of delegation UA-PROS on 23 April 2024 12:00-13:00 lies outside '
        "its stay (23 April 2024 13:00 to 26 April 2024 18:00)"
    )


def test_rule_6_a_stay_without_room_for_lunch_has_no_block():
    later = replace(plan_for().delegations[0], arrive=datetime(2024, 4, 23, 13, 30))
    plan = lunch_plan(delegations=(later,))
    afternoon = meeting("R-FAST", "2024-04-23T14:00", "2024-04-23T15:00", "HQ")
    assert verify(plan, schedule_of(plan, afternoon)) == []
    messages = [
        v.message for v in verify(plan, schedule_of(plan, afternoon, lunches=[lunch_at("13:00", "14:00")]))
    ]
    head = 'Rule 6 "Lunch break": the lunch of delegation UA-PROS on 23 April 2024 13:00-14:00'
    assert messages == [
        f"{head} is reported, but its stay and fixed events leave no lunch block that date",
        f"{head} lies outside its stay (23 April 2024 13:30 to 26 April 2024 18:00)",
    ]


def test_rule_6_a_lunch_keeps_clear_of_fixed_events():
    visit = Fixed(
        "VISIT", "Court visit", datetime(2024, 4, 23, 12), datetime(2024, 4, 23, 13), "HQ", ("UA-PROS",)
    )
    plan = lunch_plan(fixed=(visit,))
    morning = meeting(*FAST)
    assert verify(plan, schedule_of(plan, morning, lunches=[lunch_at("13:00", "14:00")])) == []
    [found] = verify(plan, schedule_of(plan, morning, lunches=[lunch_at("12:30", "13:30")]))
    assert (found.rule, found.request) == ("lunch", None)
    assert found.message.endswith(
        '12:30-13:30 overlaps the fixed event "Court visit" (23 April 2024 12:00-13:00)'
    )


def test_rule_6_a_lunch_lies_on_no_trip_between_two_commitments():
    plan = lunch_plan()  # 40 minutes from HQ to the town hall
    before = meeting("R-FAST", "2024-04-23T11:00", "2024-04-23T12:00", "HQ")
    after = meeting("R-BIN", "2024-04-23T13:45", "2024-04-23T14:45", "TOWN", room="R1", interpreter="INT-UK")
    assert verify(plan, schedule_of(plan, before, after, lunches=[lunch_at("12:00", "13:00")])) == []
    [found] = verify(plan, schedule_of(plan, before, after, lunches=[lunch_at("12:30", "13:30")]))
    assert (found.rule, found.request) == ("lunch", "R-FAST")
    assert found.message == (
        'Rule 6 "Lunch break": the lunch of delegation UA-PROS on 23 April 2024 12:30-13:30 lies on the '
        '40-minute trip from Federal Police HQ ("Meeting FAST" until 12:00) to Mechelen town hall '
        '("Meeting BIN" at 13:45)'
    )


def test_rule_6_no_block_where_lunch_is_served():
    conference = Fixed(
        "CONF",
        "Conference",
        datetime(2024, 4, 23, 9),
        datetime(2024, 4, 23, 13),
        "HQ",
        ("UA-PROS",),
        includes_lunch=True,
    )
    plan = lunch_plan(fixed=(conference,))
    afternoon = meeting("R-FAST", "2024-04-23T14:00", "2024-04-23T15:00", "HQ")
    assert verify(plan, schedule_of(plan, afternoon)) == []
    [found] = verify(plan, schedule_of(plan, afternoon, lunches=[lunch_at("13:00", "14:00")]))
    assert found.message.endswith(
        '13:00-14:00 is reported, but lunch is served at the fixed event "Conference"'
    )
    working_lunch = replace(plan.requests[0], includes_lunch=True)
    plan = lunch_plan(requests=(working_lunch, *plan.requests[1:]))
    assert verify(plan, schedule_of(plan, meeting(*NOON))) == []
    [found] = verify(plan, schedule_of(plan, meeting(*NOON), lunches=[lunch_at("13:00", "14:00")]))
    assert found.message.endswith('13:00-14:00 is reported, but lunch is served at "Meeting FAST"')


def test_rule_6_one_block_and_only_on_a_meeting_date():
    plan = lunch_plan()
    [found] = verify(plan, schedule_of(plan, lunches=[lunch_at("12:00", "13:00")]))
    assert found.message.endswith("12:00-13:00 is reported, but the delegation has no meeting that date")
    twice = [lunch_at("12:00", "13:00"), lunch_at("13:00", "14:00")]
    [found] = verify(plan, schedule_of(plan, meeting(*FAST), lunches=twice))
    assert found.message == 'Rule 6 "Lunch break": delegation UA-PROS has 2 lunch blocks on 23 April 2024'
    [found] = verify(plan_for(), schedule_of(plan_for(), meeting(*FAST), lunches=twice[:1]))
    assert found.message.endswith("12:00-13:00 is reported, but the plan has no lunch rule")


# --- rule 7: meetings per day ----------------------------------------------------------------


def test_rule_7_max_meetings_per_day():
    plan = plan_for(delegations=(replace(plan_for().delegations[0], max_meetings_per_day=1),))
    bin_meeting = meeting(*BIN_LATE, room="R1", interpreter="INT-UK")
    next_day = replace(bin_meeting, start=at("2024-04-24T14:00"), end=at("2024-04-24T15:00"))
    assert verify(plan, schedule_of(plan, meeting(*FAST), next_day)) == []
    [found] = verify(plan, schedule_of(plan, meeting(*FAST), bin_meeting))
    assert found.rule == "max-per-day"
    assert found.message == (
        'Rule 7 "Meetings per day": delegation UA-PROS has 2 meetings on 23 April 2024 '
        '("Meeting FAST", "Meeting BIN"), but at most 1 a day'
    )


# --- rule 8: pins -------------------------------------------------------------------------


def test_rule_8_pinned_start():
    plan = plan_for(pinned=(Pin("R-FAST", datetime(2024, 4, 23, 10, 0)),))
    assert verify(plan, schedule_of(plan, meeting(*FAST))) == []
    [found] = verify(plan, schedule_of(plan, meeting("R-FAST", "2024-04-23T11:00", "2024-04-23T12:00", "HQ")))
    assert found.rule == "pinned"
    assert found.message.endswith(
        '"Meeting FAST" is pinned at 10:00 on 23 April 2024 but starts 23 April 2024 11:00-12:00'
    )
    [found] = verify(plan, schedule_of(plan))
    assert found.message.endswith("R-FAST is pinned at 10:00 on 23 April 2024 but not scheduled")


# --- the schedule accounts for every request -----------------------------------------------


def test_every_request_exactly_once():
    plan = plan_for()
    schedule = schedule_of(plan, meeting(*FAST))
    broken = replace(
        schedule,
        meetings=(
            *schedule.meetings,
            meeting(*FAST),
            meeting("R-GHOST", "2024-04-23T10:00", "2024-04-23T11:00", "HQ"),
        ),
        unscheduled=schedule.unscheduled[1:],
    )
    found = verify(plan, broken)
    assert rules_of(found) == ["schedule"] * 3
    assert [v.message for v in found] == [
        'Schedule: "Meeting FAST" is scheduled more than once',
        "Schedule: the meeting R-GHOST matches no request of the plan",
        'Schedule: "Meeting BIN" is neither scheduled nor listed as unscheduled',
    ]


def test_an_unscheduled_request_always_has_a_reason():
    plan = plan_for()
    schedule = schedule_of(plan, meeting(*FAST))
    silent = replace(
        schedule, unscheduled=(replace(schedule.unscheduled[0], reasons=()), *schedule.unscheduled[1:])
    )
    [found] = verify(plan, silent)
    assert (found.rule, found.request, found.message) == (
        "schedule",
        "R-BIN",
        "Schedule: R-BIN is unscheduled without a reason",
    )


@pytest.mark.parametrize("field", ["start", "end"])
def test_times_without_offset_are_refused(field):
    plan = plan_for()
    naive = replace(meeting(*FAST), **{field: datetime(2024, 4, 23, 10 if field == "start" else 11)})
    [found] = verify(plan, schedule_of(plan, naive))
    assert found.rule == "schedule" and "without UTC offset" in found.message


def test_a_meeting_across_the_spring_forward_night_lasts_real_minutes():
    """On 31 March 2024 02:00 does not exist in Brussels: 01:30+01:00 to 03:30+02:00 is one hour."""
    nightly = Request("R-NIGHT", 60, "Night watch", hosts=("FAST",))
    window = Window(datetime(2024, 3, 31, 0), datetime(2024, 3, 31, 6))
    fast = replace(plan_for().hosts[0], available=(window,))
    plan = plan_for(requests=(nightly,), delegations=(), hosts=(fast,), lunch=None, day=DayWindow())
    night = meeting("R-NIGHT", "2024-03-31T01:30+01:00", "2024-03-31T03:30+02:00", "HQ")
    assert verify(plan, schedule_of(plan, night)) == []
    wall_hour = meeting("R-NIGHT", "2024-03-31T01:30+01:00", "2024-03-31T02:30+02:00", "HQ")
    [found] = verify(plan, schedule_of(plan, wall_hour))
    assert "lasts 0 minutes" in found.message


# --- the command line ---------------------------------------------------------------------


def _check(tmp_path, schedule_bytes: bytes) -> subprocess.CompletedProcess:
    plan_file, schedule_file = tmp_path / "plan.json", tmp_path / "schedule.json"
    plan_file.write_bytes(write_plan_json(plan_for()))
    schedule_file.write_bytes(schedule_bytes)
    command = [sys.executable, "-m", "scheduler", "check", str(plan_file), str(schedule_file)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_cli_check_lists_violations_and_exits_1(tmp_path):
    plan = plan_for()
    soon = meeting("R-BIN", "2024-04-23T11:15", "2024-04-23T12:15", "TOWN", room="R1", interpreter="INT-UK")
    done = _check(tmp_path, write_schedule_json(schedule_of(plan, meeting(*FAST), soon)))
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        'Rule 3 "One place at a time, with travel": delegation UA-PROS has "Meeting FAST" at Federal '
        'Police HQ until 11:00 and "Meeting BIN" at Mechelen town hall at 11:15 on 23 April 2024, '
        "but the travel takes 40 minutes"
    ]
    assert "1 violation" in done.stderr


def test_cli_check_accepts_a_sound_schedule(tmp_path):
    done = _check(tmp_path, write_schedule_json(schedule_of(plan_for(), meeting(*FAST))))
    assert (done.returncode, done.stdout) == (0, "")
    assert "no violations in 1 meetings" in done.stderr


@pytest.mark.parametrize(
    "content", [b"{not json", b'{"meetings": [{"request": "R-FAST", "start": "10:00"}]}']
)
def test_cli_check_refuses_unreadable_schedules_with_exit_2(tmp_path, content):
    done = _check(tmp_path, content)
    assert done.returncode == 2 and done.stdout == ""
    assert "schedule.json" in done.stderr and "Traceback" not in done.stderr


def test_rule_5_none_forbids_an_interpreter_and_then_a_common_language_is_needed():
    plan = plan_for(requests=(replace(plan_for().requests[1], interpreter="none"),))
    [found] = verify(plan, schedule_of(plan, meeting(*BIN_LATE, room="R1", interpreter="INT-UK")))
    assert found.rule == "interpretation"
    assert found.message.endswith('"Meeting BIN" has interpreter INT-UK, but the request asks for none')
    [found] = verify(plan, schedule_of(plan, meeting(*BIN_LATE, room="R1")))
    assert "has no interpreter, yet no language is common to all" in found.message


def test_attending_optional_hosts_must_be_optional_hosts_and_count_as_participants():
    plan = plan_for()
    stranger = meeting(*BIN_LATE, room="R1", interpreter="INT-UK", optional_hosts=("FAST",))
    [found] = verify(plan, schedule_of(plan, stranger))
    assert (found.rule, found.request) == ("schedule", "R-BIN")
    assert found.message == 'Schedule: "Meeting BIN" lists FAST as optional hosts, who are not'
    away = Window(datetime(2024, 4, 23, 13), datetime(2024, 4, 23, 16))
    mayor = replace(plan.hosts[2], unavailable=(away,))
    plan = plan_for(hosts=(*plan.hosts[:2], mayor, plan.hosts[3]))
    joined = meeting(*BIN_LATE, room="R1", interpreter="INT-UK", optional_hosts=("MAYOR",))
    [found] = verify(plan, schedule_of(plan, joined))
    assert found.rule == "availability" and "host MAYOR is not available" in found.message
    assert verify(plan, schedule_of(plan, replace(joined, optional_hosts=()))) == []


def test_the_verifier_shares_no_code_with_the_solver():
    """verify/ imports neither the solver, ortools, nor the time axis, travel and rule 5 helpers it checks."""
    import ast
    from pathlib import Path

    import scheduler

    forbidden = (
        "ortools",
        "scheduler.solver",
        "scheduler.timeaxis",
        "scheduler.travel",
        "scheduler.interpretation",
    )
    verifier = sorted((Path(scheduler.__file__).parent / "verify").glob("*.py"))
    assert len(verifier) >= 6
    for path in verifier:
        tree = ast.parse(path.read_text())
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.startswith(forbidden)], path.name


# --- a valid schedule of a generated plan, broken on purpose one way at a time ---------------


@pytest.fixture(scope="module", params=[1, 2, 3])
def baseline(request):
    """A generated plan and its greedy schedule, which the verifier accepts."""
    from scheduler.generate import generate_plan
    from scheduler.solver import greedy

    plan = generate_plan(request.param, delegations=3, requests=40)
    schedule = greedy(plan)
    assert verify(plan, schedule) == [] and len(schedule.meetings) >= 10
    return plan, schedule


def _first(schedule: Schedule, wanted) -> Meeting:
    return next(m for m in schedule.meetings if wanted(m))


MUTATIONS = {
    "off the grid": (
        "duration",
        lambda p, m: replace(m, start=m.start + timedelta(minutes=7), end=m.end + timedelta(minutes=7)),
    ),
    "too long": ("duration", lambda p, m: replace(m, end=m.end + timedelta(minutes=15))),
    "a month later": (
        "availability",
        lambda p, m: replace(m, start=m.start + timedelta(days=28), end=m.end + timedelta(days=28)),
    ),
    "elsewhere": ("duration", lambda p, m: replace(m, venue=next(v.id for v in p.venues if v.id != m.venue))),
}


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_every_broken_copy_of_a_valid_schedule_is_caught(baseline, mutation):
    plan, schedule = baseline
    rule, change = MUTATIONS[mutation]
    target = schedule.meetings[len(schedule.meetings) // 2]
    broken = replace(
        schedule, meetings=tuple(change(plan, m) if m is target else m for m in schedule.meetings)
    )
    found = verify(plan, broken)
    assert rule in {v.rule for v in found}
    assert all(v.request == target.request or v.request is None or v.rule != rule for v in found)


def test_dropped_rooms_and_interpreters_are_caught(baseline):
    plan, schedule = baseline
    named = _first(schedule, lambda m: m.room is not None)
    broken = replace(
        schedule, meetings=tuple(replace(m, room=None) if m is named else m for m in schedule.meetings)
    )
    assert ("rooms", named.request) in {(v.rule, v.request) for v in verify(plan, broken)}
    dropped = replace(schedule, meetings=tuple(m for m in schedule.meetings if m is not named))
    assert ("schedule", named.request) in {(v.rule, v.request) for v in verify(plan, dropped)}
    interpreted = [m for m in schedule.meetings if m.interpreter]
    assert interpreted, "every baseline has interpreted meetings"
    alone = replace(
        schedule,
        meetings=tuple(replace(m, interpreter=None) if m is interpreted[0] else m for m in schedule.meetings),
    )
    assert ("interpretation", interpreted[0].request) in {(v.rule, v.request) for v in verify(plan, alone)}
