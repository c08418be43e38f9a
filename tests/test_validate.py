"""Semantic validation: for each check a tiny plan it allows and one it forbids, with the exact problem."""

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from scheduler.generate import generate_plan
from scheduler.languages.codes import language_code
from scheduler.model import (
    DayWindow,
    Delegation,
    Fixed,
    Host,
    Interpreter,
    Lunch,
    Pin,
    Plan,
    Request,
    Room,
    Travel,
    Venue,
    Window,
)
from scheduler.problems import ERROR, MISSING, WARNING, Problem, errors, quote
from scheduler.solver import SolveOptions, solve
from scheduler.validate import validate

VISIT = "22-26 April 2024"


def at(day: int, hour: int, minute: int = 0, month: int = 4) -> datetime:
    return datetime(2024, month, day, hour, minute)


HQ = Venue("HQ", "Headquarters", capacity=20)
CITY = Venue("CITY", "City hall", lat=50.85, lon=4.35)
FAST = Host("FAST", "Fugitive search team", venue="HQ", languages=("nl", "en"))
MAYOR = Host("MAYOR", "Mayor", venue="CITY", languages=("fr",))
UA = Delegation("UA", "Prosecutors", size=6, languages=("uk", "en"), arrive=at(22, 8), depart=at(26, 18))
OLENA = Interpreter("OLENA", "Olena", languages=("uk", "nl", "fr"))
MEETING = Request("R1", minutes=60, delegations=("UA",), hosts=("FAST",))

BASE = Plan(
    name="Ukrainian prosecutors",
    venues=(HQ, CITY),
    hosts=(FAST, MAYOR),
    delegations=(UA,),
    interpreters=(OLENA,),
    requests=(MEETING, Request("R2", minutes=45, delegations=("UA",), hosts=("MAYOR",))),
)


def plan(**changes) -> Plan:
    return replace(BASE, **changes)


def requests(*extra: Request, **changes) -> Plan:
    """The base plan with its first request changed and further requests appended."""
    return plan(requests=(replace(MEETING, **changes), BASE.requests[1], *extra))


def only(candidate: Plan) -> Problem:
    problems = validate(candidate)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_a_long_value_gives_up_its_middle_so_that_a_path_keeps_its_file_name():
    path = "/home/protocol/visits/2024/ukraine/prosecutors/programme drafts/final/schedule.json"
    shown = quote(path)
    assert len(shown) == 62 and shown.startswith('"/home/protocol/visits/')
    assert shown.endswith('final/schedule.json"') and "..." in shown
    assert quote("short enough") == '"short enough"'


def test_the_base_plan_is_clean():
    assert validate(BASE) == []


# --- ids and references ---------------------------------------------------------------------


@pytest.mark.parametrize("good", ["HQ-2", "zone_5340", "bin.north", "7"])
def test_an_id_of_letters_digits_dash_underscore_and_dot_is_allowed(good):
    assert validate(plan(venues=(replace(HQ, id=good), CITY), hosts=(replace(FAST, venue=good), MAYOR))) == []


@pytest.mark.parametrize("bad", ["", "HQ 1", "HQ/1", "Hôtel"])
def test_an_empty_or_malformed_id_is_an_error(bad):
    candidate = plan(venues=(HQ, replace(CITY, id=bad)), hosts=(FAST, replace(MAYOR, venue=bad)))
    expected = "an id: a short code of letters, digits, - _ or . (no spaces)"
    assert only(candidate) == Problem(("venues", 1, "id"), bad, expected, ERROR)


def test_an_id_shared_by_a_venue_and_a_host_is_an_error():
    candidate = plan(venues=(HQ, replace(CITY, id="MAYOR")), hosts=(FAST, replace(MAYOR, venue="MAYOR")))
    expected = 'an id used only once in the plan; it is already the id of the venue "City hall"'
    assert only(candidate) == Problem(("hosts", 1, "id"), "MAYOR", expected)


def test_an_interpreter_cannot_be_called_auto_or_none():
    assert validate(plan(interpreters=(replace(OLENA, id="auto-1"),))) == []
    expected = 'an id other than "auto" and "none", which a request uses to choose an interpreter'
    problem = only(plan(interpreters=(replace(OLENA, id="auto"),)))
    assert problem == Problem(("interpreters", 0, "id"), "auto", expected)


def test_a_room_id_is_unique_in_the_whole_plan_too():
    rooms = (Room("A", capacity=10), Room("B", capacity=30))
    assert validate(plan(venues=(replace(HQ, rooms=rooms), CITY))) == []
    rooms = (Room("A", "Salle Rubens", capacity=10), Room("A", capacity=30))
    problem = only(plan(venues=(replace(HQ, rooms=rooms), CITY)))
    expected = (
        "an id used only once in the plan; "
        'it is already the id of the room "Salle Rubens" of the venue "Headquarters"'
    )
    assert problem == Problem(("venues", 0, "rooms", 1, "id"), "A", expected)
    problem = only(plan(venues=(replace(HQ, rooms=(Room("CITY"),)), CITY)))
    expected = 'an id used only once in the plan; it is already the id of the venue "City hall"'
    assert problem == Problem(("venues", 0, "rooms", 0, "id"), "CITY", expected)


def test_a_host_at_an_unknown_venue_is_an_error():
    problem = only(plan(hosts=(replace(FAST, venue="GHQ"), MAYOR)))
    assert problem == Problem(("hosts", 0, "venue"), "GHQ", "the id of a venue in this plan")


def test_a_reference_to_something_of_another_kind_says_what_it_is():
    problem = only(plan(delegations=(replace(UA, hotel="FAST"),)))
    expected = 'the id of a venue in this plan ("FAST" is a host)'
    assert problem == Problem(("delegations", 0, "hotel"), "FAST", expected)
    assert validate(plan(delegations=(replace(UA, hotel="CITY"),))) == []


@pytest.mark.parametrize(
    ("field", "value", "path", "expected"),
    [
        ("delegations", ("UA", "NL"), ("delegations", 1), "the id of a delegation in this plan"),
        ("hosts", ("FAST", "BIN"), ("hosts", 1), "the id of a host in this plan"),
        (
            "optional_hosts",
            ("UA",),
            ("optional_hosts", 0),
            'the id of a host in this plan ("UA" is a delegation)',
        ),
        ("venue", "ANTWERP", ("venue",), "the id of a venue in this plan"),
    ],
)
def test_a_request_naming_an_unknown_participant_or_venue_is_an_error(field, value, path, expected):
    problem = only(requests(**{field: value}))
    assert problem == Problem(("requests", 0, *path), problem.value, expected)
    assert problem.value in (value if isinstance(value, tuple) else (value,))


def test_a_request_interpreter_is_an_id_auto_or_none():
    assert validate(requests(interpreter="OLENA")) == []
    assert validate(requests(interpreter="none")) == []
    problem = only(requests(interpreter="Olena"))
    expected = (
        'the id of an interpreter in this plan, "auto" (the scheduler chooses one) '
        'or "none" (no interpretation)'
    )
    assert problem == Problem(("requests", 0, "interpreter"), "Olena", expected)


def test_a_host_cannot_be_both_required_and_optional():
    assert validate(requests(optional_hosts=("MAYOR",))) == []
    problem = only(requests(optional_hosts=("FAST",)))
    expected = "a host who is not already among the required hosts of this request"
    assert problem == Problem(("requests", 0, "optional_hosts", 0), "FAST", expected)


def test_a_participant_listed_twice_is_an_error():
    problem = only(requests(hosts=("FAST", "FAST")))
    assert problem == Problem(
        ("requests", 0, "hosts", 1), "FAST", "each host listed once; it is already listed"
    )


def test_a_fixed_event_names_known_participants():
    dinner = Fixed("DINNER", "Official dinner", at(23, 19), at(23, 22), venue="CITY", delegations=("UA",))
    assert validate(plan(fixed=(dinner,))) == []
    problem = only(plan(fixed=(replace(dinner, interpreters=("IVAN",)),)))
    assert problem == Problem(
        ("fixed", 0, "interpreters", 0), "IVAN", "the id of an interpreter in this plan"
    )


def test_a_pin_names_a_known_request_once():
    assert validate(plan(pinned=(Pin("R1", at(23, 10)),))) == []
    problem = only(plan(pinned=(Pin("R9", at(23, 10)),)))
    assert problem == Problem(("pinned", 0, "request"), "R9", "the id of a request in this plan")
    problem = only(plan(pinned=(Pin("R1", at(23, 10)), Pin("R1", at(24, 10)))))
    expected = "one pin per request; this request is already pinned above"
    assert problem == Problem(("pinned", 1, "request"), "R1", expected)


def test_travel_runs_between_known_venues_once():
    assert validate(plan(travel=(Travel("HQ", "CITY", 20), Travel("CITY", "HQ", 25)))) == []
    problem = only(plan(travel=(Travel("HQ", "PALACE", 20),)))
    assert problem == Problem(("travel", 0, "to"), "PALACE", "the id of a venue in this plan")
    problem = only(plan(travel=(Travel("HQ", "CITY", 20), Travel("HQ", "CITY", 25))))
    expected = "one travel time from HQ to CITY; it is already given above"
    assert problem == Problem(("travel", 1, "to"), "CITY", expected)


# --- numbers, languages, text ---------------------------------------------------------------


def test_the_slot_size_is_one_of_the_six_grids():
    assert validate(plan(slot_minutes=20)) == []
    problem = only(plan(slot_minutes=25))
    assert problem == Problem(("slot_minutes",), 25, "one of 5, 10, 15, 20, 30 or 60 minutes")


@pytest.mark.parametrize(
    ("candidate", "path", "value", "expected"),
    [
        (plan(hosts=(replace(FAST, size=0), MAYOR)), ("hosts", 0, "size"), 0, "at least 1 person"),
        (plan(delegations=(replace(UA, size=-2),)), ("delegations", 0, "size"), -2, "at least 1 person"),
        (
            plan(venues=(replace(HQ, capacity=0), CITY)),
            ("venues", 0, "capacity"),
            0,
            "at least 1 person (leave it empty for no limit)",
        ),
        (plan(venues=(replace(HQ, rooms=0), CITY)), ("venues", 0, "rooms"), 0, "at least 1 room"),
        (plan(venues=(replace(HQ, rooms=()), CITY)), ("venues", 0, "rooms"), "", "at least 1 room"),
        (
            plan(interpreters=(replace(OLENA, max_meetings_per_day=0),)),
            ("interpreters", 0, "max_meetings_per_day"),
            0,
            "at least 1 meeting a day (leave it empty for no limit)",
        ),
        (requests(minutes=0), ("requests", 0, "minutes"), 0, "a length of at least 1 minute"),
        (
            plan(travel=(Travel("HQ", "CITY", 0),)),
            ("travel", 0, "minutes"),
            0,
            "at least 1 minute between two different venues",
        ),
        (plan(default_travel_minutes=-5), ("default_travel_minutes",), -5, "0 minutes or more"),
    ],
)
def test_counts_and_lengths_are_above_zero(candidate, path, value, expected):
    assert only(candidate) == Problem(path, value, expected)


def test_zero_travel_is_allowed_within_one_venue_and_as_the_default():
    assert validate(plan(travel=(Travel("HQ", "HQ", 0),), default_travel_minutes=0)) == []


def test_coordinates_lie_on_the_globe_and_come_in_pairs():
    problem = only(plan(venues=(HQ, replace(CITY, lat=95.0))))
    assert problem == Problem(("venues", 1, "lat"), 95.0, "a latitude between -90 and 90")
    problem = only(plan(venues=(HQ, replace(CITY, lon=-181.0))))
    assert problem == Problem(("venues", 1, "lon"), -181.0, "a longitude between -180 and 180")
    problem = only(plan(venues=(HQ, replace(CITY, lon=None))))
    assert problem == Problem(("venues", 1, "lon"), MISSING, "both coordinates: the latitude is given")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("xx", "a two-letter ISO 639-1 language code, such as nl (Dutch), fr (French), uk (Ukrainian) or en"),
        ("NL", "the code in lower case: nl"),
        ("Dutch", "the language code nl for Dutch"),
    ],
)
def test_languages_are_iso_639_1_codes(code, expected):
    problem = only(plan(hosts=(replace(FAST, languages=("en", code)), MAYOR)))
    assert problem == Problem(("hosts", 0, "languages", 1), code, expected)


def test_a_delegation_speaks_at_least_one_language():
    problem = only(plan(delegations=(replace(UA, languages=()),)))
    expected = "at least one language the delegation speaks, as a code such as uk or nl"
    assert problem == Problem(("delegations", 0, "languages"), "", expected)


def test_free_text_holds_no_control_characters():
    assert validate(plan(venues=(replace(HQ, address="Rue Royale 1\n1000 Brussels\tBelgium"), CITY))) == []
    problem = only(plan(venues=(replace(HQ, name="Head\x07quarters"), CITY)))
    expected = "text without control characters (found U+0007, which calendars cannot hold)"
    assert problem == Problem(("venues", 0, "name"), "Head[U+0007]quarters", expected)


def test_priority_is_one_of_the_four_classes():
    assert validate(requests(priority="must")) == []
    problem = only(requests(priority="urgent"))
    assert problem == Problem(("requests", 0, "priority"), "urgent", "one of must, high, normal or low")


# --- meetings: attendance, rooms, interpretation --------------------------------------------


def test_a_request_needs_a_delegation_or_a_host():
    assert validate(requests(delegations=())) == []
    problem = only(requests(delegations=(), hosts=(), venue="HQ"))
    expected = "at least one delegation or one required host: a meeting needs someone to attend"
    assert problem == Problem(("requests", 0, "delegations"), "", expected)


def test_a_request_without_a_host_needs_a_venue():
    assert validate(requests(hosts=(), venue="HQ")) == []
    problem = only(requests(hosts=(), optional_hosts=("FAST",)))
    expected = "a venue: a meeting without a required host takes place where the plan says"
    assert problem == Problem(("requests", 0, "venue"), "", expected)


def test_a_party_too_big_for_the_venue_is_a_warning_and_left_unscheduled():
    # 6 prosecutors + 13 of the search team = 19 (common language en); the room holds 20.
    assert validate(plan(hosts=(replace(FAST, size=13), MAYOR))) == []
    # Without English they need an interpreter: 6 + 13 + 1 = 20 still fits, 6 + 14 + 1 does not.
    dutch_only = replace(FAST, size=14, languages=("nl",))
    problem = only(plan(hosts=(dutch_only, MAYOR)))
    expected = (
        'a venue with room for 21 persons; the largest room of "Headquarters" '
        "(the first host's venue) holds 20; the request is left unscheduled"
    )
    assert problem == Problem(("requests", 0, "venue"), "HQ", expected, WARNING)


def test_the_largest_named_room_counts():
    rooms = (Room("S", capacity=4), Room("L"))
    assert validate(plan(venues=(replace(HQ, rooms=rooms, capacity=8), CITY))) == []
    problem = only(plan(venues=(replace(HQ, rooms=rooms, capacity=5), CITY)))
    assert problem.path == ("requests", 0, "venue")
    assert problem.expected.endswith("holds 5; the request is left unscheduled")
    assert problem.severity == WARNING


def test_interpretation_cannot_be_refused_without_a_common_language():
    assert validate(requests(interpreter="none")) == []  # both speak English
    dutch_only = replace(FAST, languages=("nl",))
    problem = only(plan(hosts=(dutch_only, MAYOR), requests=(replace(MEETING, interpreter="none"),)))
    expected = (
        'an interpreter ("auto" or an id): delegation UA speaks Ukrainian or English; '
        "host FAST speaks Dutch, with no language in common"
    )
    assert problem == Problem(("requests", 0, "interpreter"), "none", expected)


def test_a_forced_interpreter_speaks_a_language_of_each_party():
    ivan = Interpreter("IVAN", "Ivan", languages=("uk", "de"))
    dutch_only = replace(FAST, languages=("nl",))
    good = plan(
        hosts=(dutch_only, MAYOR),
        interpreters=(OLENA, ivan),
        requests=(replace(MEETING, interpreter="OLENA"),),
    )
    assert validate(good) == []
    problem = only(replace(good, requests=(replace(MEETING, interpreter="IVAN"),)))
    expected = (
        "an interpreter who speaks a language of each party (delegation UA speaks Ukrainian or English; "
        "host FAST speaks Dutch); IVAN speaks Ukrainian or German"
    )
    assert problem == Problem(("requests", 0, "interpreter"), "IVAN", expected)


def test_no_interpreter_for_the_pair_is_a_warning():
    problem = only(plan(hosts=(replace(FAST, languages=("de",)), MAYOR)))
    expected = (
        "an interpreter in the plan who speaks a language of each party: "
        "delegation UA speaks Ukrainian or English; host FAST speaks German"
    )
    assert problem == Problem(("requests", 0, "interpreter"), "auto", expected, WARNING)


# --- time -----------------------------------------------------------------------------------


def test_a_window_ends_after_it_starts():
    assert validate(plan(hosts=(replace(FAST, available=(Window(at(23, 9), at(23, 12)),)), MAYOR))) == []
    for end in (at(23, 9), at(23, 8)):
        problem = only(plan(hosts=(replace(FAST, available=(Window(at(23, 9), end),)), MAYOR)))
        expected = "an end after the start (23 April 2024 09:00)"
        assert problem == Problem(("hosts", 0, "available", 0, "end"), f"23 April 2024 {end:%H:%M}", expected)


def test_a_fixed_event_ends_after_it_starts():
    problem = only(plan(fixed=(Fixed("DINNER", "Dinner", at(23, 19), at(23, 18), delegations=("UA",)),)))
    expected = "an end after the start (23 April 2024 19:00)"
    assert problem == Problem(("fixed", 0, "end"), "23 April 2024 18:00", expected)


def test_the_working_day_ends_after_it_starts():
    problem = only(plan(day=DayWindow(time(9), time(9))))
    assert problem == Problem(("day", "end"), "09:00", "an end of the working day after its start (09:00)")
    problem = only(plan(delegations=(replace(UA, day=DayWindow(time(14), time(8))),)))
    expected = "an end of the working day after its start (14:00)"
    assert problem == Problem(("delegations", 0, "day", "end"), "08:00", expected)


def test_lunch_fits_between_its_earliest_and_latest():
    assert validate(plan(lunch=Lunch(time(12), time(13), 60))) == []
    assert validate(plan(lunch=None)) == []
    problem = only(plan(lunch=Lunch(time(12), time(13), 75)))
    expected = "at most 60 minutes, the time from earliest to latest (12:00-13:00)"
    assert problem == Problem(("lunch", "minutes"), 75, expected)
    problem = only(plan(lunch=Lunch(time(14), time(12), 60)))
    expected = "a latest end of lunch after its earliest start (14:00)"
    assert problem == Problem(("lunch", "latest"), "12:00", expected)
    problem = only(plan(lunch=Lunch(time(12), time(14), 0)))
    assert problem == Problem(("lunch", "minutes"), 0, "a lunch break of at least 1 minute")


def test_a_delegation_departs_after_it_arrives():
    problem = only(plan(delegations=(replace(UA, depart=at(21, 18)),)))
    expected = "a departure after the arrival (22 April 2024 08:00)"
    assert problem == Problem(("delegations", 0, "depart"), "21 April 2024 18:00", expected)


def test_a_host_window_outside_the_visit_is_a_warning_and_ignored():
    partly = Window(at(26, 9), at(27, 12))
    assert validate(plan(hosts=(replace(FAST, unavailable=(partly,)), MAYOR))) == []
    window = Window(at(29, 9), at(29, 12))
    problem = only(plan(hosts=(replace(FAST, unavailable=(window,)), MAYOR)))
    expected = f"a window during the visit ({VISIT}); it is ignored"
    assert problem == Problem(("hosts", 0, "unavailable", 0), "29 April 2024 09:00-12:00", expected, WARNING)


def test_windows_of_a_plan_with_two_visits_may_fall_in_either():
    dutch = Delegation("NL", "Police ministry", 4, ("nl",), at(12, 9, month=6), at(12, 17, month=6))
    two = plan(
        delegations=(UA, dutch),
        requests=(*BASE.requests, Request("R3", 60, delegations=("NL",), hosts=("FAST",))),
    )
    june = Window(at(12, 9, month=6), at(12, 12, month=6))
    assert validate(replace(two, interpreters=(replace(OLENA, available=(june,)),))) == []
    may = Window(at(30, 9, month=5), at(30, 17, month=5))
    problem = only(replace(two, interpreters=(replace(OLENA, available=(june, may)),)))
    expected = f"a window during one of the visits ({VISIT}, 12 June 2024); it is ignored"
    assert problem == Problem(
        ("interpreters", 0, "available", 1), "30 May 2024 09:00-17:00", expected, WARNING
    )


def test_a_delegation_unavailable_outside_its_stay_is_a_warning_and_ignored():
    window = Window(at(20, 9), at(21, 9))
    problem = only(plan(delegations=(replace(UA, unavailable=(window,)),)))
    expected = f"a window during the delegation's stay ({VISIT}); it is ignored"
    assert problem == Problem(
        ("delegations", 0, "unavailable", 0), "20 April 2024 09:00 - 21 April 2024 09:00", expected, WARNING
    )


def test_the_latest_date_is_not_before_the_earliest():
    assert validate(requests(earliest=date(2024, 4, 23), latest=date(2024, 4, 23))) == []
    problem = only(requests(earliest=date(2024, 4, 24), latest=date(2024, 4, 23)))
    expected = "a latest date after the earliest (24 April 2024)"
    assert problem == Problem(("requests", 0, "latest"), "23 April 2024", expected)


def test_a_pin_lies_on_the_slot_grid():
    problem = only(plan(pinned=(Pin("R1", at(23, 9, 7)),)))
    expected = "a start on the 15-minute grid, such as 09:00 or 09:15"
    assert problem == Problem(("pinned", 0, "start"), "23 April 2024 09:07", expected)


def test_a_pin_lies_within_the_requests_earliest_and_latest():
    bounded = requests(earliest=date(2024, 4, 23), latest=at(24, 12))
    assert validate(replace(bounded, pinned=(Pin("R1", at(24, 11)),))) == []
    problem = only(replace(bounded, pinned=(Pin("R1", at(24, 11, 15)),)))
    expected = (
        "a start within the request's earliest and latest: "
        "not before 23 April 2024, ending by 24 April 2024 12:00"
    )
    assert problem == Problem(("pinned", 0, "start"), "24 April 2024 11:15", expected)


def test_a_pin_in_the_hour_skipped_in_spring_is_an_error():
    easter = Delegation("UA", "Prosecutors", 6, ("uk", "en"), at(29, 8, month=3), at(2, 18))
    spring = plan(delegations=(easter,), day=DayWindow(time(0), time(23)))
    assert validate(replace(spring, pinned=(Pin("R1", datetime(2024, 3, 31, 3, 0)),))) == []
    problem = only(replace(spring, pinned=(Pin("R1", datetime(2024, 3, 31, 2, 30)),)))
    expected = "a time that exists: the clocks skip it in Europe/Brussels that night"
    assert problem == Problem(("pinned", 0, "start"), "31 March 2024 02:30", expected)


def test_a_meeting_longer_than_a_participant_is_ever_free_is_a_warning_and_left_unscheduled():
    assert validate(requests(minutes=540)) == []
    problem = only(requests(minutes=555))
    expected = (
        "a length of at most 540 minutes, the longest time delegation UA is free "
        "(22 April 2024 09:00-18:00); the request is left unscheduled"
    )
    assert problem == Problem(("requests", 0, "minutes"), 555, expected, WARNING)


def test_the_length_of_a_day_counts_real_minutes_across_the_spring_change():
    # 01:00-04:00 on Sunday 31 March 2024 in Brussels lasts two hours: 02:00 becomes 03:00.
    night = Delegation("UA", "Prosecutors", 6, ("uk", "en"), at(31, 0, month=3), at(31, 23, month=3))
    spring = plan(delegations=(night,), day=DayWindow(time(1), time(4)), lunch=None)
    assert validate(replace(spring, requests=(replace(MEETING, minutes=120),))) == []
    problem = only(replace(spring, requests=(replace(MEETING, minutes=135),)))
    expected = (
        "a length of at most 120 minutes, the longest time delegation UA is free "
        "(31 March 2024 01:00-04:00); the request is left unscheduled"
    )
    assert problem == Problem(("requests", 0, "minutes"), 135, expected, WARNING)


def test_a_date_far_outside_any_sensible_year_is_an_error():
    problem = only(plan(delegations=(replace(UA, arrive=datetime(1024, 4, 22, 8)),)))
    assert problem == Problem(
        ("delegations", 0, "arrive"), "22 April 1024 08:00", "a date between the years 1900 and 2199"
    )


def test_a_plan_spanning_more_than_a_year_is_an_error():
    problem = only(plan(delegations=(replace(UA, depart=datetime(2026, 4, 26, 18)),)))
    expected = "a date within a year of the plan's first date (22 April 2024 08:00)"
    assert problem == Problem(("delegations", 0, "depart"), "26 April 2026 18:00", expected)


# --- warnings -------------------------------------------------------------------------------


def test_a_host_never_free_during_the_visit_is_a_warning():
    busy = Window(at(22, 0), at(27, 0))
    candidate = plan(hosts=(FAST, replace(MAYOR, unavailable=(busy,))), requests=(MEETING,))
    expected = f"some free time during the visit ({VISIT}); this host has none"
    assert validate(candidate) == [Problem(("hosts", 1), "MAYOR", expected, WARNING)]


def test_a_request_whose_participants_are_never_free_together_is_a_warning():
    monday = replace(FAST, available=(Window(at(22, 9), at(22, 12)),))
    tuesday = replace(MAYOR, available=(Window(at(23, 9), at(23, 12)),))
    both = Request("R3", 30, delegations=("UA",), hosts=("FAST", "MAYOR"), venue="CITY")
    problem = only(plan(hosts=(monday, tuesday), requests=(*BASE.requests, both)))
    expected = (
        "a time when delegation UA, host FAST and host MAYOR are all free for 30 minutes, "
        "starting on the 15-minute grid during the visit; there is none"
    )
    assert problem == Problem(("requests", 2), "R3", expected, WARNING)


def test_a_fixed_event_takes_its_participants_away():
    morning = replace(FAST, available=(Window(at(22, 9), at(22, 12)),))
    briefing = Fixed("BRIEF", "Briefing", at(22, 9), at(22, 11, 30), hosts=("FAST",))
    assert validate(plan(hosts=(morning, MAYOR))) == []
    problem = only(plan(hosts=(morning, MAYOR), fixed=(briefing,)))
    assert problem.path == ("requests", 0) and problem.severity == WARNING


def test_a_pinned_request_whose_participants_are_away_is_a_warning():
    problem = only(plan(pinned=(Pin("R1", at(27, 10)),)))
    expected = (
        "a pinned start when delegation UA and host FAST are both free for 60 minutes; "
        "at 27 April 2024 10:00 they are not"
    )
    assert problem == Problem(("requests", 0), "R1", expected, WARNING)


def test_a_delegation_without_any_meeting_is_a_warning():
    dutch = Delegation("NL", "Police ministry", 4, ("nl",), at(23, 9), at(23, 17))
    dinner = Fixed("DINNER", "Dinner", at(23, 19), at(23, 21), delegations=("NL",))
    assert validate(plan(delegations=(UA, dutch), fixed=(dinner,))) == []
    problem = only(plan(delegations=(UA, dutch)))
    expected = "at least one meeting request or fixed event with this delegation"
    assert problem == Problem(("delegations", 1), "NL", expected, WARNING)


def test_every_problem_is_reported_at_once():
    candidate = plan(
        slot_minutes=7,
        hosts=(replace(FAST, venue="NOWHERE", languages=("xx",)), MAYOR),
        requests=(replace(MEETING, priority="asap"), replace(MEETING, id="R1")),
    )
    paths = [p.path for p in validate(candidate)]
    assert ("slot_minutes",) in paths
    assert ("hosts", 0, "venue") in paths
    assert ("hosts", 0, "languages", 0) in paths
    assert ("requests", 0, "priority") in paths
    assert ("requests", 1, "id") in paths


# --- one problem is told once ---------------------------------------------------------------


def test_every_time_problem_is_reported_even_when_another_window_runs_backwards():
    backwards = Window(at(23, 12), at(23, 9))
    last_year = Window(at(23, 9).replace(year=2023), at(23, 12).replace(year=2023))
    problems = validate(plan(hosts=(replace(FAST, unavailable=(backwards, last_year)), MAYOR)))
    assert [p.path for p in problems] == [
        ("hosts", 0, "unavailable", 0, "end"),
        ("hosts", 0, "unavailable", 1),
    ]


def test_an_unknown_language_does_not_also_raise_an_interpretation_warning():
    problem = only(plan(hosts=(replace(FAST, languages=("vl",)), MAYOR)))
    assert problem.path == ("hosts", 0, "languages", 0)


def test_a_window_outside_the_visit_does_not_also_make_its_requests_unplaceable():
    last_year = Window(at(23, 9).replace(year=2023), at(23, 12).replace(year=2023))
    problem = only(plan(hosts=(replace(FAST, available=(last_year,)), MAYOR)))
    assert problem.path == ("hosts", 0, "available", 0)


def test_a_request_with_latest_before_earliest_is_not_also_unplaceable():
    problem = only(requests(earliest=at(24, 9), latest=at(23, 17)))
    assert problem.path == ("requests", 0, "latest")


def test_a_plan_without_delegations_uses_the_dates_of_its_windows():
    monday = replace(FAST, available=(Window(at(22, 9), at(22, 12)),))
    tuesday = replace(MAYOR, available=(Window(at(23, 9), at(23, 12)),))
    briefing = Request("BRIEF", 60, hosts=("FAST", "MAYOR"))
    internal = plan(
        delegations=(), hosts=(monday, replace(MAYOR, available=monday.available)), requests=(briefing,)
    )
    assert validate(internal) == []
    problem = only(replace(internal, hosts=(monday, tuesday)))
    expected = (
        "a time when host FAST and host MAYOR are both free for 60 minutes, "
        "starting on the 15-minute grid during the visit; there is none"
    )
    assert problem == Problem(("requests", 0), "BRIEF", expected, WARNING)


def test_an_unknown_time_zone_in_a_plan_built_in_code_is_an_error():
    problem = only(plan(timezone="Europe/Brusels"))
    assert problem == Problem(("timezone",), "Europe/Brusels", "an IANA time zone such as Europe/Brussels")


def test_a_pin_after_a_latest_date_says_which_date():
    problem = only(replace(requests(latest=date(2024, 4, 22)), pinned=(Pin("R1", at(23, 10)),)))
    expected = "a start within the request's earliest and latest: ending on 22 April 2024 at the latest"
    assert problem == Problem(("pinned", 0, "start"), "23 April 2024 10:00", expected)


def test_a_request_held_to_one_date_says_that_date():
    monday = replace(FAST, available=(Window(at(22, 9), at(22, 12)),))
    problem = only(
        plan(
            hosts=(monday, MAYOR),
            requests=(replace(MEETING, earliest=date(2024, 4, 23), latest=date(2024, 4, 23)),),
        )
    )
    expected = (
        "a time when delegation UA and host FAST are both free for 60 minutes, "
        "starting on the 15-minute grid on 23 April 2024; there is none"
    )
    assert problem == Problem(("requests", 0), "R1", expected, WARNING)


@pytest.mark.parametrize(
    ("text", "code"), [("nl", "nl"), ("NL", "nl"), (" Dutch ", "nl"), ("ukrainian", "uk"), ("vl", None)]
)
def test_language_code_reads_codes_in_any_case_and_english_names(text, code):
    assert language_code(text) == code


# --- the warnings agree with the solver -----------------------------------------------------


def _warned_unplaceable(candidate: Plan) -> set[str]:
    problems = validate(candidate)
    assert errors(problems) == []
    return {
        candidate.requests[p.path[1]].id for p in problems if p.path[0] == "requests" and len(p.path) == 2
    }


def test_a_request_warned_as_unplaceable_is_left_unscheduled_by_the_solver():
    monday = replace(FAST, available=(Window(at(22, 9), at(22, 12)),))
    tuesday_only = replace(MEETING, earliest=date(2024, 4, 23), latest=date(2024, 4, 23))
    candidate = plan(hosts=(monday, MAYOR), requests=(tuesday_only, BASE.requests[1]))
    assert _warned_unplaceable(candidate) == {"R1"}
    schedule = solve(candidate, SolveOptions(time_limit=2, workers=1, seed=1))
    assert {u.request for u in schedule.unscheduled} == {"R1"}


@pytest.mark.parametrize("seed", [3, 4])
def test_on_generated_plans_every_warned_request_stays_unscheduled(seed):
    generated = generate_plan(seed, delegations=3, requests=20)
    warned = _warned_unplaceable(generated)
    schedule = solve(generated, SolveOptions(time_limit=2, workers=1, seed=1))
    assert warned <= {u.request for u in schedule.unscheduled}


def test_a_pin_just_before_midnight_suggests_midnight():
    problem = only(plan(slot_minutes=60, pinned=(Pin("R1", at(23, 23, 50)),)))
    expected = "a start on the 60-minute grid, such as 23:00 or 00:00"
    assert problem == Problem(("pinned", 0, "start"), "23 April 2024 23:50", expected)


def test_an_interpreter_free_in_neither_visit_names_both():
    dutch = Delegation("NL", "Police ministry", 4, ("nl",), at(12, 9, month=6), at(12, 17, month=6))
    two = plan(
        delegations=(UA, dutch),
        requests=(*BASE.requests, Request("R3", 60, delegations=("NL",), hosts=("FAST",))),
    )
    away = (Window(at(22, 0), at(13, 0, month=6)),)  # without windows of its own it works every day between
    problem = only(replace(two, interpreters=(replace(OLENA, unavailable=away),)))
    expected = f"some free time during the visits ({VISIT}, 12 June 2024); this interpreter has none"
    assert problem == Problem(("interpreters", 0), "OLENA", expected, WARNING)


def test_a_day_counts_real_minutes_across_the_autumn_change_too():
    # 01:00-04:00 on Sunday 27 October 2024 in Brussels lasts four hours: 03:00 becomes 02:00 again.
    night = Delegation("UA", "Prosecutors", 6, ("uk", "en"), at(27, 0, month=10), at(27, 23, month=10))
    autumn = plan(delegations=(night,), day=DayWindow(time(1), time(4)), lunch=None)
    assert validate(replace(autumn, requests=(replace(MEETING, minutes=240),))) == []
    problem = only(replace(autumn, requests=(replace(MEETING, minutes=255),)))
    assert problem.expected.startswith("a length of at most 240 minutes")


def test_a_host_with_a_briefing_may_be_available_before_the_visit():
    friday = Window(at(19, 9), at(19, 12))
    briefing = Request(
        "BRIEF", 60, hosts=("FAST", "MAYOR"), earliest=date(2024, 4, 19), latest=date(2024, 4, 19)
    )
    both = (
        replace(FAST, available=(friday, Window(at(23, 9), at(23, 17)))),
        replace(MAYOR, available=(friday,)),
    )
    assert validate(plan(hosts=both, requests=(MEETING, briefing))) == []
    problems = validate(plan(hosts=both, requests=(MEETING,)))
    assert [p.path for p in problems] == [("hosts", 0, "available", 0), ("hosts", 1, "available", 0)]


def test_the_id_all_is_kept_for_the_calendar_with_everything():
    from scheduler.io.plan_json import plan_from_data
    from scheduler.validate import validate

    plan, problems = plan_from_data(
        {
            "name": "x",
            "venues": [{"id": "V", "name": "Venue"}],
            "hosts": [{"id": "All", "name": "Everyone", "venue": "V"}],
        }
    )
    assert problems == []
    found = [str(p) for p in validate(plan) if p.is_error]
    assert found == [
        'error: hosts[0].id: "All"; expected an id other than "all", '
        "which names the calendar with everything in it"
    ]
