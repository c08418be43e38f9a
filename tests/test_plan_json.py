"""The v1 JSON codec: defaults, offsets, explicit nulls and structural problems, located by JSON path."""

import json
from datetime import date, datetime, time

from scheduler.io.plan_json import plan_from_data, plan_to_data, read_plan_json, write_plan_json
from scheduler.model import Lunch, Plan, Room

MINIMAL = {
    "name": "Dutch exchange",
    "venues": [{"id": "FPS", "name": "FPS Home Affairs", "rooms": [{"id": "R1", "capacity": 12}]}],
    "hosts": [{"id": "DGSP", "name": "Security and Prevention", "venue": "FPS"}],
    "delegations": [
        {
            "id": "NL",
            "name": "Ministry of Justice and Security",
            "size": 4,
            "languages": ["nl", "en"],
            "arrive": "2024-06-12T08:30",
            "depart": "2024-06-12T18:00",
        }
    ],
    "requests": [{"id": "R-1", "delegations": ["NL"], "hosts": ["DGSP"], "minutes": 90}],
}


def messages(data) -> list[str]:
    return [str(p) for p in plan_from_data(data)[1]]


def test_defaults_are_those_of_the_design():
    plan, problems = plan_from_data(MINIMAL)
    assert problems == []
    assert plan.timezone == "Europe/Brussels"
    assert plan.slot_minutes == 15
    assert (plan.day.start, plan.day.end) == (time(9, 0), time(18, 0))
    assert plan.lunch == Lunch(time(12, 0), time(14, 0), 60)
    assert plan.default_travel_minutes == 30
    assert plan.requests[0].priority == "normal"
    assert plan.requests[0].interpreter == "auto"
    assert plan.hosts[0].size == 1
    assert plan.venues[0].rooms == (Room("R1", None, 12),)


def test_an_explicit_offset_becomes_wall_time_in_the_plan_zone():
    data = json.loads(json.dumps(MINIMAL))
    data["delegations"][0]["arrive"] = "2024-06-12T06:30:00+00:00"
    plan, problems = plan_from_data(data)
    assert problems == []
    assert plan.delegations[0].arrive == datetime(2024, 6, 12, 8, 30)


def test_lunch_null_is_kept_and_written_back():
    data = dict(MINIMAL, lunch=None)
    plan, _ = plan_from_data(data)
    assert plan.lunch is None
    assert plan_to_data(plan)["lunch"] is None
    assert "lunch" not in plan_to_data(plan_from_data(MINIMAL)[0])


def test_earliest_and_latest_keep_date_or_date_time():
    data = json.loads(json.dumps(MINIMAL))
    data["requests"][0].update(earliest="2024-06-12", latest="2024-06-12T16:00")
    plan, _ = plan_from_data(data)
    assert plan.requests[0].earliest == date(2024, 6, 12)
    assert plan.requests[0].latest == datetime(2024, 6, 12, 16, 0)
    assert plan_to_data(plan)["requests"][0]["earliest"] == "2024-06-12"


def test_json_round_trip_is_exact():
    plan, _ = plan_from_data(MINIMAL)
    again, problems = read_plan_json(write_plan_json(plan))
    assert problems == [] and again == plan
    assert plan_to_data(plan) == MINIMAL


def test_structural_problems_are_all_reported_with_their_path():
    data = json.loads(json.dumps(MINIMAL))
    data["colour"] = "blue"
    data["slot_minutes"] = "fifteen"
    data["hosts"][0].pop("venue")
    data["delegations"][0]["arrive"] = "22/04/2024"
    data["requests"][0]["hosts"] = "DGSP"
    data["timezone"] = "Europe/Brusels"
    assert messages(data) == [
        'error: timezone: "Europe/Brusels"; expected an IANA time zone such as Europe/Brussels',
        'error: colour: "colour"; expected one of the fields of a plan: name, timezone, slot_minutes, '
        "day, lunch, default_travel_minutes, venues, travel, hosts, delegations, interpreters, "
        "requests, fixed, pinned, order, precedence",
        'error: slot_minutes: "fifteen"; expected a whole number',
        "error: hosts[0].venue: (missing); expected a value: every host needs a venue",
        'error: delegations[0].arrive: "22/04/2024"; expected a date and time like 2024-04-23T09:00',
        'error: requests[0].hosts: "DGSP"; expected a list of texts',
    ]


def test_a_file_that_is_not_json_is_located_by_line_and_column():
    plan, problems = read_plan_json(b'{"name": "x",\n  "hosts": [}\n')
    assert plan is None
    assert [str(p) for p in problems] == [
        'error: line 2, column 13: ""hosts": [}"; expected valid JSON (Expecting value)'
    ]


def test_not_an_object_and_not_utf8():
    assert messages([1, 2]) == [
        "error: plan: a list of 2 items; expected a plan: a JSON object with fields such as name and hosts"
    ]
    assert [str(p) for p in read_plan_json(b"\xff\xfe{")[1]] == [
        'error: byte 0: "0xff"; expected a text file encoded as UTF-8'
    ]


def test_plan_equality_is_by_value():
    assert plan_from_data(MINIMAL)[0] == plan_from_data(json.loads(json.dumps(MINIMAL)))[0]
    assert isinstance(plan_from_data(MINIMAL)[0], Plan)
