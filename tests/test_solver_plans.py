"""Small hand-made plans for the solver tests: one day of the Ukrainian prosecutors' visit in Brussels.

Only builders live here (no tests): each solver test states the changes that make its case.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from scheduler.model import (
    Delegation,
    Host,
    Interpreter,
    Lunch,
    Plan,
    Request,
    Room,
    Schedule,
    Travel,
    Venue,
    Window,
)
from scheduler.solver import SolveOptions, solve
from scheduler.verify import verify

DAY = date(2024, 4, 23)


def at(clock: str, day: date = DAY) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock))


def window(start: str, end: str, day: date = DAY) -> Window:
    return Window(at(start, day), at(end, day))


def plan_for(requests: tuple[Request, ...], **changes) -> Plan:
    """Venues HQ (one room for 10), TOWN (rooms R1 for 10, R2 for 4) and a hotel; the UA delegation
    (3 persons, Ukrainian and English) here on 23 April; hosts FAST and PROS at HQ, MAYOR at TOWN."""
    plan = Plan(
        name="UA day",
        lunch=None,
        venues=(
            Venue("HQ", "Federal Police HQ", lat=50.8466, lon=4.3528, rooms=1, capacity=10),
            Venue(
                "TOWN",
                "Mechelen town hall",
                lat=51.0277,
                lon=4.4803,
                rooms=(Room("R1", "Aula", 10), Room("R2", "Office", 4)),
            ),
            Venue("HOTEL", "Hotel Metropole", lat=50.8515, lon=4.3550),
        ),
        travel=(Travel("HQ", "TOWN", 40), Travel("HOTEL", "HQ", 30), Travel("HOTEL", "TOWN", 45)),
        hosts=(
            Host("FAST", "Fugitive Active Search Team", "HQ", languages=("nl", "en")),
            Host("PROS", "Prosecutor's office Brussels", "HQ", languages=("nl", "fr", "en")),
            Host("MAYOR", "Mayor of Mechelen", "TOWN", languages=("nl",)),
        ),
        delegations=(Delegation("UA", "Ukrainian prosecutors", 3, ("uk", "en"), at("08:00"), at("19:00")),),
        requests=requests,
    )
    return replace(plan, **changes)


def meeting(rid: str, *hosts: str, minutes: int = 60, **fields) -> Request:
    fields.setdefault("delegations", ("UA",))
    return Request(rid, minutes, title=fields.pop("title", f"Meeting {rid}"), hosts=hosts, **fields)


def solved(plan: Plan, time_limit: float = 10, **options) -> Schedule:
    """Solve with one worker and a fixed seed, and insist the verifier accepts the result."""
    schedule = solve(plan, SolveOptions(time_limit=time_limit, workers=1, seed=3, **options))
    if schedule.status != "infeasible":
        assert verify(plan, schedule) == []
    return schedule


def clock(schedule: Schedule, rid: str) -> str:
    """`HH:MM-HH:MM` of a scheduled request, in the plan's wall time."""
    found = schedule.meeting(rid)
    assert found is not None, f"{rid} not scheduled: {reasons(schedule, rid)}"
    return f"{found.start:%H:%M}-{found.end:%H:%M}"


def reasons(schedule: Schedule, rid: str) -> str:
    return " | ".join(next((u.reasons for u in schedule.unscheduled if u.request == rid), ()))


LUNCH = Lunch()
UKRAINIAN_ONLY = Delegation("UA", "Ukrainian prosecutors", 3, ("uk",), at("08:00"), at("19:00"))
INTERPRETERS = (
    Interpreter("I-EN", "Olena (English)", ("uk", "en")),
    Interpreter("I-PM", "Taras", ("uk", "nl"), available=(window("14:00", "18:00"),)),
    Interpreter("I-AM", "Iryna", ("uk", "nl"), available=(window("10:00", "12:00"),)),
)
