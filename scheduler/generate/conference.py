"""A generated conference: EU states at a one-day conference in Brussels, with bilaterals around it.

Like the citizen-participation conference of 30 May 2024 at the Royal Museums of Fine Arts: every
delegation comes the day before and leaves the day after, and most side meetings are bilaterals
between two delegations in one of the museum's six meeting rooms.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from itertools import combinations

from scheduler.generate.fitting import PRIORITY_WEIGHTS, fit_rooms, missing_interpreters
from scheduler.generate.places import EU_STATES, hotel, travel_rows
from scheduler.model import PRIORITIES, Delegation, Fixed, Host, Interpreter, Plan, Request, Venue

MUSEUM = Venue("KMSKB", "Royal Museums of Fine Arts", "Rue de la Régence 3, Brussels", 50.8418, 4.3579, 6, 12)
EUCPN = Venue("EUCPN-BRU", "EUCPN secretariat", "Boulevard de Waterloo 76, Brussels", 50.8372, 4.3556, 2, 16)


def conference_plan(
    rng: random.Random, seed: int, states: int, bilaterals: int, start: date, slot_minutes: int
) -> Plan:
    """`states` delegations over three days, the middle one the conference, and `bilaterals` requests."""
    days = [start + timedelta(days=k) for k in range(3)]
    hotels = [hotel(rng, "BRU", n) for n in (1, 2, 3)]
    visits = [_delegate(rng, k, days, hotels) for k in range(states)]
    hosts = [
        Host("EUCPN-SEC", "EUCPN secretariat", EUCPN.id, "EUCPN", 2, ("en", "fr", "nl")),
        Host(
            "FPS-PREV",
            "Crime prevention, FPS Home Affairs",
            EUCPN.id,
            "FPS Home Affairs",
            1,
            ("nl", "fr", "en"),
        ),
    ]
    pairs = list(combinations(range(len(visits)), 2))
    rng.shuffle(pairs)
    requests = []
    for k in range(bilaterals):
        if rng.random() < 0.1 or k >= len(pairs):
            requests.append(_with_host(rng, k, visits, hosts))
        else:
            a, b = pairs[k]
            requests.append(_bilateral(rng, k, visits[a], visits[b]))
    interpreters = [
        Interpreter(f"INT-CONF-{n}", f"Conference interpreter {n}", ("en", "fr", "de", "es", "pt"))
        for n in (1, 2)
    ]
    interpreters += missing_interpreters(requests, visits, hosts, interpreters)
    conference = Fixed(
        "CONFERENCE",
        "Conference on citizen participation in crime prevention",
        datetime.combine(days[1], time(9, 30)),
        datetime.combine(days[1], time(17, 0)),
        MUSEUM.id,
        tuple(v.id for v in visits),
        tuple(h.id for h in hosts),
    )
    venues = fit_rooms([MUSEUM, EUCPN, *hotels], requests, visits, hosts, interpreters)
    return Plan(
        name=f"Generated conference {seed}: {states} states, {bilaterals} side meetings",
        slot_minutes=slot_minutes,
        venues=tuple(venues),
        travel=travel_rows(venues, {v.id: "BRU" for v in venues}),
        hosts=tuple(hosts),
        delegations=tuple(visits),
        interpreters=tuple(interpreters),
        requests=tuple(requests),
        fixed=(conference,),
    )


def _delegate(rng: random.Random, k: int, days: list[date], hotels: list[Venue]) -> Delegation:
    code, country, languages = EU_STATES[k % len(EU_STATES)]
    number = f"-{k // len(EU_STATES) + 1}" if k >= len(EU_STATES) else ""
    return Delegation(
        id=f"{code}{number}",
        name=f"{country} delegation",
        size=rng.randint(2, 4),
        languages=languages,
        arrive=datetime.combine(days[0], time(9, 0) if rng.random() < 0.6 else time(13, 0)),
        depart=datetime.combine(days[2], time(18, 0) if rng.random() < 0.6 else time(13, 0)),
        country=country,
        hotel=rng.choice(hotels).id,
    )


def _bilateral(rng: random.Random, k: int, first: Delegation, second: Delegation) -> Request:
    return Request(
        id=f"BIL-{k + 1:03d}",
        minutes=rng.choice((30, 30, 45)),
        title=f"Bilateral {first.country} - {second.country}",
        delegations=(first.id, second.id),
        priority=rng.choices(PRIORITIES, weights=PRIORITY_WEIGHTS)[0],
        venue=MUSEUM.id,
    )


def _with_host(rng: random.Random, k: int, visits: list[Delegation], hosts: list[Host]) -> Request:
    visit, host = rng.choice(visits), rng.choice(hosts)
    return Request(
        id=f"BIL-{k + 1:03d}",
        minutes=45,
        title=f"{host.name} with {visit.country}",
        delegations=(visit.id,),
        hosts=(host.id,),
        optional_hosts=tuple(h.id for h in hosts if h is not host and rng.random() < 0.3),
        priority=rng.choices(PRIORITIES, weights=PRIORITY_WEIGHTS)[0],
        venue=MUSEUM.id,
    )
