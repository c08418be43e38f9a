"""Seeded plans that look like the directorate's real work, of any size, for tests and the benchmark.

The same seed and sizes always give the same plan. Delegations visit for 1-5 working days, hosts
sit in offices across Belgian cities with half-day availabilities, a few of them in high demand.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from scheduler.generate.conference import conference_plan
from scheduler.generate.fitting import PRIORITY_WEIGHTS, fit_rooms, missing_interpreters
from scheduler.generate.people import delegations_for, hosts_for, interpreters_for, meeting_dates
from scheduler.generate.places import travel_rows
from scheduler.model import (
    PRIORITIES,
    Delegation,
    Fixed,
    Host,
    Plan,
    Request,
    Schedule,
    Venue,
    Window,
)

MINUTES = (30, 45, 60, 60, 60, 90, 120)
DINNER = Venue("RESIDENCE", "Résidence Palace", "Rue de la Loi 155, Brussels", 50.8427, 4.3822, 1, 60)


def generate_plan(
    seed: int,
    delegations: int = 3,
    requests: int = 40,
    days: int = 5,
    conference: bool = False,
    start: date = date(2024, 4, 22),
    slot_minutes: int = 15,
) -> Plan:
    """A realistic plan: `delegations` visits over `days` working days and about `requests` requests.

    With `conference`, a one-day conference of EU states with bilaterals around it (see
    scheduler.generate.conference).
    """
    rng = random.Random(seed)
    if conference:
        return conference_plan(rng, seed, delegations, requests, start, slot_minutes)
    dates = meeting_dates(start, days)
    visits, hotels = delegations_for(rng, delegations, dates)
    hosts, offices, city_of_venue, demand = hosts_for(rng, max(4, round(requests / 4)), visits)
    interpreters = interpreters_for(rng, visits)
    wanted = [_request(rng, k, visits, hosts, demand) for k in range(requests)]
    interpreters += missing_interpreters(wanted, visits, hosts, interpreters)
    fixed = _dinners(rng, visits)
    venues = [*offices.values(), *hotels.values()] + ([DINNER] if fixed else [])
    city_of_venue |= {v.id: v.id.split("-")[1] for v in hotels.values()} | {DINNER.id: "BRU"}
    venues = fit_rooms(venues, wanted, visits, hosts, interpreters)
    return Plan(
        name=f"Generated plan {seed}: {delegations} delegations, {requests} requests, {days} days",
        slot_minutes=slot_minutes,
        venues=tuple(venues),
        travel=travel_rows(venues, city_of_venue),
        hosts=tuple(hosts),
        delegations=tuple(visits),
        interpreters=tuple(interpreters),
        requests=tuple(wanted),
        fixed=tuple(fixed),
    )


def host_away(plan: Plan, host_id: str, day: date) -> Plan:
    """The plan with one host away for the whole of `day`: the change that re-planning tests and the
    benchmark make to a plan after it has been solved."""
    away = Window(datetime.combine(day, time(0)), datetime.combine(day, time(23, 59)))
    hosts = tuple(
        replace(h, unavailable=(*h.unavailable, away)) if h.id == host_id else h for h in plan.hosts
    )
    return replace(plan, hosts=hosts)


def busiest_host(plan: Plan, schedule: Schedule) -> tuple[str, date, int]:
    """The host with the most meetings in `schedule`, the date of its first one, and how many it has."""
    hosting = {m.request: plan.request(m.request).hosts for m in schedule.meetings}
    [(host, meetings)] = Counter(h for hosts in hosting.values() for h in hosts).most_common(1)
    day = min(m.start for m in schedule.meetings if host in hosting[m.request]).date()
    return host, day, meetings


def _request(rng: random.Random, k: int, visits: list[Delegation], hosts: list[Host], demand) -> Request:
    """One request: mostly a delegation meeting one host; some joint, multi-host or internal.

    Hosts are drawn among those who work on a date of the visit, the ones in demand more often.
    """
    kind = rng.random()
    who = [] if kind < 0.03 else [rng.choices(visits, weights=[_days(v) for v in visits])[0]]
    if who and kind < 0.12:
        partner = [v for v in visits if v is not who[0] and _overlap(v, who[0]) and _share(v, who[0])]
        who += rng.sample(partner, 1) if partner else []
    dates = set(_common_dates(who)) if who else None
    candidates = [h for h in hosts if dates is None or not h.available or _works_on(h, dates)] or hosts
    first = rng.choices(candidates, weights=[demand[h.id] for h in candidates])[0]
    chosen = [first]
    if rng.random() < 0.15:
        others = [h for h in candidates if h is not first]
        near = [h for h in others if h.venue.split("-")[1] == first.venue.split("-")[1]]
        chosen += [rng.choice(near or others)] if others else []
    optional = [h for h in hosts if h.venue == first.venue and h not in chosen]
    optional = rng.sample(optional, 1) if optional and rng.random() < 0.2 else []
    title = f"{first.name}" + (f" with {', '.join(d.id for d in who)}" if who else " (briefing)")
    earliest = latest = None
    if who and rng.random() < 0.1:
        earliest = latest = rng.choice(_common_dates(who))
    return Request(
        id=f"REQ-{k + 1:04d}",
        minutes=rng.choice(MINUTES),
        title=title,
        delegations=tuple(d.id for d in who),
        hosts=tuple(h.id for h in chosen),
        optional_hosts=tuple(h.id for h in optional),
        priority=rng.choices(PRIORITIES, weights=PRIORITY_WEIGHTS)[0],
        earliest=earliest,
        latest=latest,
    )


def _days(visit: Delegation) -> int:
    return (visit.depart.date() - visit.arrive.date()).days + 1


def _overlap(a: Delegation, b: Delegation) -> bool:
    return a.arrive < b.depart and b.arrive < a.depart


def _share(a: Delegation, b: Delegation) -> bool:
    return bool(set(a.languages) & set(b.languages))


def _common_dates(visits: list[Delegation]) -> list[date]:
    """The working days all of the delegations are in the country."""
    first = max(v.arrive for v in visits).date()
    last = min(v.depart for v in visits).date()
    dates = [first + timedelta(days=k) for k in range(max(1, (last - first).days + 1))]
    return [d for d in dates if d.weekday() < 5] or dates[:1]


def _works_on(host: Host, dates: set[date]) -> bool:
    return any(window.start.date() in dates for window in host.available)


def _dinners(rng: random.Random, visits: list[Delegation]) -> list[Fixed]:
    """An official dinner for about one delegation in four, on an evening of its stay."""
    dinners = []
    for visit in visits:
        if _days(visit) > 1 and rng.random() < 0.25:
            day = visit.arrive.date() + timedelta(days=rng.randrange(_days(visit) - 1))
            start, end = datetime.combine(day, time(19, 30)), datetime.combine(day, time(22, 0))
            dinners.append(
                Fixed(
                    f"DINNER-{visit.id}", f"Official dinner, {visit.name}", start, end, DINNER.id, (visit.id,)
                )
            )
    return dinners
