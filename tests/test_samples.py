"""The sample plans in data/ (the three 2024 visits) load, validate and say what they are meant to say."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scheduler.io.plan_json import plan_from_data, read_plan_json
from scheduler.io.workbook import workbook_to_data
from scheduler.model import Plan
from scheduler.problems import errors
from scheduler.validate import validate

DATA = Path(__file__).resolve().parent.parent / "data"
UKRAINE = "ukraine-prosecutors-2024"
CONFERENCE = "conference-2024"
NETHERLANDS = "netherlands-exchange-2024"
SAMPLES = (UKRAINE, CONFERENCE, NETHERLANDS)


def load(name: str) -> Plan:
    plan, problems = read_plan_json((DATA / f"{name}.json").read_bytes())
    assert problems == []
    assert plan is not None
    return plan


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_loads_without_problems(name):
    load(name)


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_is_valid(name):
    assert errors(validate(load(name))) == []


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_workbook_holds_the_same_plan(name):
    data, problems, _ = workbook_to_data((DATA / f"{name}.xlsx").read_bytes())
    assert problems == []
    plan, problems = plan_from_data(data, lenient=True)
    assert problems == []
    assert plan == load(name)


@pytest.mark.parametrize("name", SAMPLES)
def test_venues_are_real_places_in_belgium(name):
    for venue in load(name).venues:
        assert venue.address and venue.address[-1] != ","
        assert 49.5 < venue.lat < 51.5 and 2.5 < venue.lon < 6.4, venue.id


@pytest.mark.parametrize("name", SAMPLES)
def test_every_request_fits_some_room_of_its_venue(name):
    plan = load(name)
    for request in plan.requests:
        persons = sum(plan.delegation(d).size for d in request.delegations)
        persons += sum(plan.host(h).size for h in request.hosts)
        venue = plan.venue(plan.request_venue(request))
        rooms = venue.rooms if isinstance(venue.rooms, tuple) else ()
        capacities = [room.capacity for room in rooms] or [venue.capacity]
        assert any(c is None or persons + 1 <= c for c in capacities), request.id


def needs_interpretation(plan: Plan, request) -> bool:
    parties = [plan.delegation(d) for d in request.delegations] + [plan.host(h) for h in request.hosts]
    return not set.intersection(*(set(p.languages) for p in parties))


def test_ukraine_week_and_delegation():
    plan = load(UKRAINE)
    (delegation,) = plan.delegations
    assert (delegation.arrive.date(), delegation.depart.date()) == (date(2024, 4, 22), date(2024, 4, 26))
    assert delegation.size == 6 and delegation.languages[0] == "uk"
    assert 12 <= len(plan.requests) <= 18
    assert {r.priority for r in plan.requests} == {"must", "high", "normal", "low"}
    assert any(r.optional_hosts for r in plan.requests)
    assert any(isinstance(v.rooms, tuple) and len({r.capacity for r in v.rooms}) > 1 for v in plan.venues)


def test_ukraine_needs_interpreters_for_dutch_and_french():
    plan = load(UKRAINE)
    pairs = set()
    for request in plan.requests:
        if request.delegations and needs_interpretation(plan, request):
            hosts = {lang for h in request.hosts for lang in plan.host(h).languages}
            pairs |= {("uk", lang) for lang in hosts & {"nl", "fr"}}
    assert pairs == {("uk", "nl"), ("uk", "fr")}
    spoken = [set(i.languages) for i in plan.interpreters]
    assert any({"uk", "nl"} <= s for s in spoken) and any({"uk", "fr"} <= s for s in spoken)


def test_conference_has_22_delegations_all_at_the_museum_on_30_may():
    plan = load(CONFERENCE)
    assert len(plan.delegations) == 22
    assert all(2 <= d.size <= 3 and d.country for d in plan.delegations)
    museum = plan.venue("rmfab")
    assert museum.address == "Rue de la Régence 3, 1000 Brussels"
    conference = [f for f in plan.fixed if f.venue == "rmfab" and f.start.date() == date(2024, 5, 30)]
    assert conference
    assert all(set(f.delegations) == {d.id for d in plan.delegations} for f in conference)
    assert 30 <= len(plan.requests) <= 40
    between_delegations = [r for r in plan.requests if not r.hosts]
    assert between_delegations and all(len(r.delegations) >= 2 and r.venue for r in between_delegations)
    stays = {(d.arrive.date(), d.depart.date()) for d in plan.delegations}
    assert all(
        date(2024, 5, 29) <= arrive <= date(2024, 5, 30) <= depart <= date(2024, 5, 31)
        for arrive, depart in stays
    )


def test_netherlands_is_one_day_without_interpreters():
    plan = load(NETHERLANDS)
    (delegation,) = plan.delegations
    assert delegation.arrive.date() == delegation.depart.date() == date(2024, 6, 12)
    assert "nl" in delegation.languages
    assert 4 <= len(plan.requests) <= 6
    assert plan.interpreters == ()
    assert not any(needs_interpretation(plan, r) for r in plan.requests)
    assert [r.id for r in plan.requests if r.interpreter == "none"] == ["nl-polbru"]
