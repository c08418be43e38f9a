"""Why a request stays unscheduled: static causes first, then what would have to give way."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from scheduler.model import Delegation, Fixed, Host
from scheduler.solver import greedy
from scheduler.verify import verify
from tests.test_solver_plans import (
    INTERPRETERS,
    UKRAINIAN_ONLY,
    at,
    meeting,
    plan_for,
    reasons,
    solved,
    window,
)

APRIL_24 = date(2024, 4, 24)


def fast_free(*windows) -> Host:
    """The fugitive search team at HQ, speaking English, free only in `windows`."""
    return Host("FAST", "Fugitive Active Search Team", "HQ", languages=("en",), available=windows)


def test_a_must_without_common_window_names_whose_windows_do_not_meet():
    fast = fast_free(window("09:00", "12:00", APRIL_24))
    schedule = solved(plan_for((meeting("M1", "FAST", priority="must"),), hosts=(fast,)))
    assert schedule.status == "optimal" and schedule.meetings == ()
    assert reasons(schedule, "M1") == (
        "no common window: delegation Ukrainian prosecutors is free 23 April 09:00-18:00, "
        "but host Fugitive Active Search Team only 24 April 09:00-12:00"
    )


def test_a_request_outside_the_visit_says_so():
    request = meeting("M1", "FAST", priority="must", earliest=APRIL_24)
    schedule = solved(plan_for((request,)))
    assert reasons(schedule, "M1") == (
        "outside the visit: delegation Ukrainian prosecutors is available 23 April 09:00-18:00, "
        "but the meeting must take place on 24 April or later"
    )


def test_no_interpreter_free_when_the_parties_meet():
    mayor = Host(
        "MAYOR", "Mayor of Mechelen", "TOWN", languages=("nl",), available=(window("09:00", "10:00"),)
    )
    plan = plan_for((meeting("M1", "MAYOR", priority="must"),), delegations=(UKRAINIAN_ONLY,), hosts=(mayor,))
    schedule = solved(replace(plan, interpreters=INTERPRETERS))
    assert reasons(schedule, "M1") == "no interpreter for Ukrainian-Dutch on 23 April"


def test_a_fixed_event_taking_the_whole_window_is_named():
    fast = fast_free(window("14:00", "16:00"))
    event = Fixed("CONF", "Conference day", at("13:30"), at("17:00"), venue="TOWN", delegations=("UA",))
    schedule = solved(plan_for((meeting("M1", "FAST", priority="must"),), hosts=(fast,), fixed=(event,)))
    assert reasons(schedule, "M1") == (
        'delegation Ukrainian prosecutors is at "Conference day" whenever the others are free, '
        "counting travel to Federal Police HQ"
    )


def test_two_musts_for_one_busy_host_name_the_meeting_in_the_way():
    fast = fast_free(window("09:00", "10:00"))
    requests = (
        meeting("M1", "FAST", priority="must"),
        meeting("M2", "FAST", priority="must", title="Second"),
    )
    schedule = solved(plan_for(requests, hosts=(fast,)))
    (left,) = schedule.unscheduled
    placed = schedule.meetings[0].request
    other = "Meeting M1" if placed == "M1" else "Second"
    assert left.reasons[0] == (
        f'every possible time is taken: on 23 April 09:00 it needs "{other}" (must, 23 April 09:00 at '
        "Federal Police HQ) to move"
    )
    assert left.reasons[1] == "no other time would need fewer or other meetings to move"


def test_greedy_explains_what_it_leaves_out_and_respects_the_rules():
    fast = fast_free(window("09:00", "10:00"))
    requests = (meeting("LOW", "FAST", priority="low"), meeting("MUST", "FAST", priority="must"))
    plan = plan_for(requests, hosts=(fast,))
    schedule = greedy(plan)
    assert [m.request for m in schedule.meetings] == ["MUST"]
    assert reasons(schedule, "LOW").startswith("would displace 1 higher-priority meeting")
    assert verify(plan, schedule) == []


def test_dates_are_named_as_staff_wrote_them():
    fast = fast_free(window("09:00", "12:00"))
    briefing = meeting("B1", "FAST", delegations=(), earliest=APRIL_24, latest=APRIL_24)
    later = meeting("M2", "FAST", earliest=APRIL_24, latest=date(2024, 4, 25))
    schedule = solved(plan_for((briefing, later), hosts=(fast,)))
    assert reasons(schedule, "B1") == (
        "outside its dates: host Fugitive Active Search Team is available 23 April 09:00-12:00, "
        "but the meeting must take place on 24 April"
    )
    assert reasons(schedule, "M2") == (
        "outside the visit: delegation Ukrainian prosecutors is available 23 April 09:00-18:00, "
        "but the meeting must take place from 24 April to 25 April"
    )


def test_the_meetings_in_the_way_are_counted_with_those_of_higher_priority():
    fast = fast_free(window("09:00", "11:00"))
    requests = (
        meeting("MUST", "FAST", priority="must"),
        meeting("N1", "FAST"),
        meeting("N2", "FAST", minutes=120),
    )
    schedule = solved(plan_for(requests, hosts=(fast,)))
    assert [u.request for u in schedule.unscheduled] == ["N2"]  # MUST and N1 fill FAST's two hours
    assert reasons(schedule, "N2") == (
        "would displace 2 meetings, 1 of them of higher priority: at best, on 23 April 09:00, "
        '"Meeting MUST" (must, 23 April 09:00 at Federal Police HQ) and "Meeting N1" (normal, 23 April '
        "10:00 at Federal Police HQ) | no other time would need fewer or other meetings to move"
    )


def test_a_long_stay_without_common_window_shows_its_hours_on_the_hosts_days():
    """Over three windows, the delegation's days are listed, and its hours on the host's days."""
    first, last = date(2024, 4, 22), date(2024, 4, 25)
    fast = fast_free(window("13:00", "18:00", last))
    stay = Delegation("UA", "Ukrainian prosecutors", 3, ("uk", "en"), at("08:00", first), at("12:00", last))
    schedule = solved(plan_for((meeting("M1", "FAST"),), hosts=(fast,), delegations=(stay,)))
    assert reasons(schedule, "M1") == (
        "no common window: delegation Ukrainian prosecutors is free on 22, 23, 24 and 25 April "
        "(25 April 09:00-12:00), but host Fugitive Active Search Team only 25 April 13:00-18:00"
    )
