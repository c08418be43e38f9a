"""Messy plans shaped like real ones are saved and solved, never refused whole (DESIGN, format v1.1).

A host's availability imported for the whole week of a four-day visit, a party one person too big for
the largest room, a meeting longer than anyone is free: each is a warning; the window is ignored, the
request is left unscheduled with its reason, and the rest of the programme is built and verified.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from scheduler.generate import generate_plan
from scheduler.io.plan_json import read_plan_json
from scheduler.model import Plan, Window
from scheduler.problems import WARNING, Problem, errors, json_path
from scheduler.solver import SolveOptions, solve
from scheduler.validate import validate
from scheduler.validate.requests import largest_room, persons
from scheduler.verify import verify

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = SolveOptions(time_limit=10, workers=1, seed=1)
VISIT = "22-25 April 2024"


def week(first: int, last: int) -> list[dict]:
    """09:00-17:00 on every day of April 2024 from `first` to `last`, as JSON windows."""
    return [
        {"start": f"2024-04-{d:02d}T09:00", "end": f"2024-04-{d:02d}T17:00"} for d in range(first, last + 1)
    ]


def messy_data() -> dict:
    """Four days of visit (22-25 April); FAST gave its availability from Saturday to Sunday."""
    return {
        "name": "Ukrainian prosecutors in Antwerp",
        "venues": [
            {
                "id": "ANT4",
                "name": "Antwerpen 4",
                "rooms": [{"id": "ANT4.S", "capacity": 8}, {"id": "ANT4.L", "capacity": 12}],
            },
        ],
        "hosts": [
            {
                "id": "FAST",
                "name": "Fugitive search team",
                "venue": "ANT4",
                "size": 2,
                "languages": ["en"],
                "available": week(20, 28),
            },
            {
                "id": "PROS",
                "name": "Prosecutor's office Antwerp",
                "venue": "ANT4",
                "size": 7,
                "languages": ["en"],
            },
        ],
        "delegations": [
            {
                "id": "UA",
                "name": "Prosecutors",
                "size": 6,
                "languages": ["en"],
                "arrive": "2024-04-22T08:00",
                "depart": "2024-04-25T18:00",
            },
        ],
        "requests": [
            {"id": "SEARCH", "delegations": ["UA"], "hosts": ["FAST"], "minutes": 90, "priority": "must"},
            {"id": "CROWD", "delegations": ["UA"], "hosts": ["PROS"], "minutes": 60, "priority": "high"},
            {"id": "MARATHON", "delegations": ["UA"], "hosts": ["FAST"], "minutes": 500},
        ],
    }


def messy_plan() -> Plan:
    plan, problems = read_plan_json(json.dumps(messy_data()).encode())
    assert plan is not None and problems == []
    return plan


def reasons(schedule, request: str) -> tuple[str, ...]:
    return next(u.reasons for u in schedule.unscheduled if u.request == request)


def test_a_whole_week_of_availability_is_warned_window_by_window_and_ignored():
    problems = validate(messy_plan())
    assert errors(problems) == []
    windows = [p for p in problems if p.path[:3] == ("hosts", 0, "available")]
    expected = f"a window during the visit ({VISIT}); it is ignored"
    assert windows == [
        Problem(("hosts", 0, "available", 0), "20 April 2024 09:00-17:00", expected, WARNING),
        Problem(("hosts", 0, "available", 1), "21 April 2024 09:00-17:00", expected, WARNING),
        Problem(("hosts", 0, "available", 6), "26 April 2024 09:00-17:00", expected, WARNING),
        Problem(("hosts", 0, "available", 7), "27 April 2024 09:00-17:00", expected, WARNING),
        Problem(("hosts", 0, "available", 8), "28 April 2024 09:00-17:00", expected, WARNING),
    ]
    assert str(windows[0]) == (
        'warning: hosts[0].available[0]: "20 April 2024 09:00-17:00"; '
        f"expected a window during the visit ({VISIT}); it is ignored"
    )


def test_the_requests_of_a_host_with_ignored_windows_are_still_checked_on_the_visit_dates():
    # FAST is free 09:00-17:00 on every day: 480 minutes at most, wherever its windows lie.
    marathon = next(p for p in validate(messy_plan()) if p.path == ("requests", 2, "minutes"))
    expected = (
        "a length of at most 480 minutes, the longest time host FAST is free (22 April 2024 09:00-17:00); "
        "the request is left unscheduled"
    )
    assert marathon == Problem(("requests", 2, "minutes"), 500, expected, WARNING)


def test_a_party_too_big_for_every_room_is_a_warning_with_its_place():
    crowd = next(p for p in validate(messy_plan()) if p.path[:2] == ("requests", 1))
    expected = (
        'a venue with room for 13 persons; the largest room of "Antwerpen 4" (the first host\'s venue) '
        "holds 12; the request is left unscheduled"
    )
    assert crowd == Problem(("requests", 1, "venue"), "ANT4", expected, WARNING)


def test_a_messy_plan_is_solved_its_impossible_requests_unscheduled_with_their_reasons():
    plan = messy_plan()
    schedule = solve(plan, OPTIONS)
    assert [m.request for m in schedule.meetings] == ["SEARCH"]
    meeting = schedule.meetings[0]
    assert date(2024, 4, 22) <= meeting.start.date() <= date(2024, 4, 25)  # never on an ignored window
    assert reasons(schedule, "CROWD") == (
        "room too small: 13 persons, the largest room of Antwerpen 4 holds 12",
    )
    assert reasons(schedule, "MARATHON") == (
        "host Fugitive search team has no free 500 minutes during the visit",
    )
    assert verify(plan, schedule) == []


def test_a_party_too_big_for_a_venue_of_alike_rooms_gives_the_same_reason():
    data = messy_data()
    data["venues"][0] = {"id": "ANT4", "name": "Antwerpen 4", "rooms": 3, "capacity": 12}
    plan, _ = read_plan_json(json.dumps(data).encode())
    assert plan is not None and errors(validate(plan)) == []
    schedule = solve(plan, OPTIONS)
    assert reasons(schedule, "CROWD") == (
        "room too small: 13 persons, the largest room of Antwerpen 4 holds 12",
    )
    assert verify(plan, schedule) == []


def test_a_delegation_unavailable_before_it_arrives_is_ignored():
    data = messy_data()
    data["delegations"][0]["unavailable"] = [{"start": "2024-04-20T09:00", "end": "2024-04-20T12:00"}]
    plan, _ = read_plan_json(json.dumps(data).encode())
    assert plan is not None
    problems = validate(plan)
    expected = f"a window during the delegation's stay ({VISIT}); it is ignored"
    assert (
        Problem(("delegations", 0, "unavailable", 0), "20 April 2024 09:00-12:00", expected, WARNING)
        in problems
    )
    assert errors(problems) == []
    schedule = solve(plan, OPTIONS)
    assert [m.request for m in schedule.meetings] == ["SEARCH"]
    assert verify(plan, schedule) == []


def test_a_window_that_runs_backwards_is_still_an_error():
    data = messy_data()
    data["hosts"][0]["available"][0]["end"] = "2024-04-20T08:00"
    plan, _ = read_plan_json(json.dumps(data).encode())
    assert plan is not None
    assert [json_path(p.path) for p in errors(validate(plan))] == ["hosts[0].available[0].end"]


# --- through the command line ---------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scheduler", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


def test_validate_calls_a_messy_plan_valid_and_lists_its_warnings(tmp_path):
    path = tmp_path / "messy.json"
    path.write_text(json.dumps(messy_data()), encoding="utf-8")
    done = run("validate", str(path))
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert len(lines) == 7 and all(line.startswith("warning: ") for line in lines)
    assert f"{path}: valid: 1 delegation, 2 hosts, 3 requests, 7 warnings" in done.stdout


def test_solve_on_a_messy_plan_exits_0_and_writes_the_schedule_with_its_reasons(tmp_path):
    path, out = tmp_path / "messy.json", tmp_path / "out"
    path.write_text(json.dumps(messy_data()), encoding="utf-8")
    done = run("solve", str(path), "--out", str(out), "--time-limit", "10", "--workers", "1", "--seed", "1")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert 'warning: requests[1].venue: "ANT4"' in done.stderr
    written = json.loads((out / "schedule.json").read_text(encoding="utf-8"))
    assert [m["request"] for m in written["meetings"]] == ["SEARCH"]
    unscheduled = {u["request"]: u["reasons"] for u in written["unscheduled"]}
    assert unscheduled["CROWD"] == ["room too small: 13 persons, the largest room of Antwerpen 4 holds 12"]
    assert unscheduled["MARATHON"] == ["host Fugitive search team has no free 500 minutes during the visit"]
    checked = run("check", str(path), str(out / "schedule.json"))
    assert checked.returncode == 0, checked.stdout


# --- a generated plan made messy ------------------------------------------------------------


def whole_week(plan: Plan, host_id: str) -> Plan:
    """The host's availability widened to the plan's working day on every date from two days
    before the first arrival to two days after the last departure."""
    first = min(d.arrive.date() for d in plan.delegations) - timedelta(days=2)
    last = max(d.depart.date() for d in plan.delegations) + timedelta(days=2)
    days = [first + timedelta(days=k) for k in range((last - first).days + 1)]
    windows = tuple(
        Window(datetime.combine(d, plan.day.start), datetime.combine(d, plan.day.end)) for d in days
    )
    hosts = tuple(replace(h, available=windows) if h.id == host_id else h for h in plan.hosts)
    return replace(plan, hosts=hosts)


def shrunk(plan: Plan, venue_id: str, capacity: int) -> Plan:
    """Every room of the venue holds at most `capacity` persons."""

    def smaller(venue):
        if isinstance(venue.rooms, int):
            return replace(venue, capacity=min(venue.capacity or capacity, capacity))
        rooms = tuple(replace(r, capacity=min(r.capacity or capacity, capacity)) for r in venue.rooms)
        return replace(venue, rooms=rooms, capacity=None)

    return replace(plan, venues=tuple(smaller(v) if v.id == venue_id else v for v in plan.venues))


@pytest.mark.parametrize("seed", [5, 11])
def test_a_generated_plan_made_messy_validates_with_warnings_only_solves_and_verifies(seed):
    generated = generate_plan(seed, delegations=3, requests=20)
    internal = {h for r in generated.requests if not r.delegations for h in (*r.hosts, *r.optional_hosts)}
    host = next(
        h
        for h in generated.hosts
        if h.id not in internal and any(h.id in r.hosts and r.delegations for r in generated.requests)
    )
    parties = [(persons(generated, r), r) for r in generated.requests if r.delegations]
    biggest, crowd = max(parties, key=lambda item: item[0])
    venue = generated.venue(generated.request_venue(crowd))
    plan = shrunk(whole_week(generated, host.id), venue.id, biggest - 1)
    assert largest_room(plan.venue(venue.id)) == biggest - 1

    problems = validate(plan)
    assert errors(problems) == [], "\n".join(map(str, errors(problems)))
    index = {r.id: i for i, r in enumerate(plan.requests)}
    h = next(i for i, x in enumerate(plan.hosts) if x.id == host.id)
    ignored = [p for p in problems if p.path[:3] == ("hosts", h, "available")]
    assert len(ignored) >= 4 and all(p.expected.endswith("; it is ignored") for p in ignored)
    too_big = [
        r for r in plan.requests if plan.request_venue(r) == venue.id and persons(plan, r) > biggest - 1
    ]
    assert crowd in too_big
    warned = {p.path[1] for p in problems if p.path[2:] == ("venue",) and p.path[0] == "requests"}
    assert warned == {index[r.id] for r in too_big}

    schedule = solve(plan, SolveOptions(time_limit=15, workers=2, seed=1))
    assert schedule.meetings
    for request in too_big:
        assert reasons(schedule, request.id) == (
            f"room too small: {persons(plan, request)} persons, the largest room of {venue.name} "
            f"holds {biggest - 1}",
        )
    stay = {d.id: (d.arrive, d.depart) for d in plan.delegations}
    for meeting in schedule.meetings:
        for delegation in plan.request(meeting.request).delegations:
            assert stay[delegation][0] <= meeting.start.replace(tzinfo=None) < stay[delegation][1]
    assert verify(plan, schedule) == []
