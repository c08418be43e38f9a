"""The people of a generated plan: visiting delegations, Belgian hosts and interpreters."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from scheduler.generate.places import BODIES, CITIES, COUNTRIES, ORGANISATIONS, TOPICS, city_of, hotel, office
from scheduler.languages.codes import language_name
from scheduler.model import Delegation, Host, Interpreter, Venue, Window

NATIONAL_LANGUAGES = ("nl", "fr", "en")
ORGANISATION_WEIGHTS = (3, 3, 1, 1, 3, 3, 3, 1)
MORNING, AFTERNOON, EVENING = time(9, 0), time(13, 0), time(18, 0)


def meeting_dates(start: date, days: int) -> list[date]:
    """`days` working days (Monday to Friday) from `start` on."""
    dates: list[date] = []
    day = start
    while len(dates) < days:
        if day.weekday() < 5:
            dates.append(day)
        day += timedelta(days=1)
    return dates


def delegations_for(
    rng: random.Random, count: int, dates: list[date]
) -> tuple[list[Delegation], dict[str, Venue]]:
    """Visits of 1-5 working days inside the plan's dates; most delegations stay at a hotel."""
    visits: list[Delegation] = []
    hotels: dict[str, Venue] = {}
    for k in range(count):
        code, country, languages = COUNTRIES[k % len(COUNTRIES)]
        body = BODIES[(k + k // len(COUNTRIES)) % len(BODIES)]
        length = min(rng.choices(range(1, 6), weights=(1, 2, 3, 3, 3))[0], len(dates))
        first = rng.randrange(len(dates) - length + 1)
        stay = dates[first : first + length]
        half_days = length > 1
        arrive = datetime.combine(stay[0], AFTERNOON if half_days and rng.random() < 0.2 else MORNING)
        depart = datetime.combine(stay[-1], AFTERNOON if half_days and rng.random() < 0.2 else EVENING)
        hotel_id = None
        if rng.random() < 0.8:
            city = rng.choice(("BRU", "BRU", "ANT", "GNT"))
            hotels.setdefault(city, hotel(rng, city, 1))
            hotel_id = hotels[city].id
        visits.append(
            Delegation(
                id=f"{code}-{k + 1}",
                name=f"{country} {body}",
                size=rng.randint(2, 8),
                languages=languages,
                arrive=arrive,
                depart=depart,
                country=country,
                hotel=hotel_id,
                unavailable=_weekends(stay[0], stay[-1]),
                max_meetings_per_day=rng.randint(4, 5) if rng.random() < 0.2 else None,
                interests=tuple(rng.sample(TOPICS, 3)),
            )
        )
    return visits, {v.id: v for v in hotels.values()}


def _weekends(first: date, last: date) -> tuple[Window, ...]:
    """A visit across a weekend holds no meetings on Saturday and Sunday."""
    windows, day = [], first
    while day <= last:
        if day.weekday() == 5:
            windows.append(
                Window(datetime.combine(day, time(0)), datetime.combine(day + timedelta(2), time(0)))
            )
        day += timedelta(days=1)
    return tuple(windows)


def visit_dates(visits: list[Delegation]) -> list[date]:
    """The working days on which at least one delegation is in the country."""
    found = set()
    for visit in visits:
        day = visit.arrive.date()
        while day <= visit.depart.date():
            if day.weekday() < 5:
                found.add(day)
            day += timedelta(days=1)
    return sorted(found)


def half_days(rng: random.Random, dates: list[date], chance: float) -> tuple[Window, ...]:
    """Mornings (09:00-13:00) and afternoons (13:00-18:00), each taken with `chance`; at least one."""
    windows = []
    for day in dates:
        morning, afternoon = rng.random() < chance, rng.random() < chance
        start = MORNING if morning else AFTERNOON
        end = EVENING if afternoon else AFTERNOON
        if morning or afternoon:
            windows.append(Window(datetime.combine(day, start), datetime.combine(day, end)))
    if not windows and dates:
        day = rng.choice(dates)
        windows.append(Window(datetime.combine(day, MORNING), datetime.combine(day, AFTERNOON)))
    return tuple(windows)


def hosts_for(rng: random.Random, count: int, visits: list[Delegation]):
    """Hosts in offices across Belgium: (hosts, offices by id, city of each office, demand weights).

    The first tenth are in high demand: asked for more often, and available less.
    """
    dates = visit_dates(visits)
    hosts, offices, city_of_venue, demand = [], {}, {}, {}
    popular = max(1, count // 10)
    for j in range(count):
        organisation = rng.choices(ORGANISATIONS, weights=ORGANISATION_WEIGHTS)[0]
        city = city_of(rng, organisation)
        venue_id = f"{organisation.code}-{city}"
        if venue_id not in offices:
            offices[venue_id] = office(rng, organisation, city)
            city_of_venue[venue_id] = city
        languages = ("nl", "fr") if organisation.national else CITIES[city][3]
        if organisation.national or rng.random() < 0.7:
            languages += ("en",)
        windows = rng.random() < (0.8 if j < popular else 0.55)
        suffix = "" if organisation.national else f" {CITIES[city][0]}"
        host = Host(
            id=f"{venue_id}-{j + 1}",
            name=f"{rng.choice(organisation.teams)}, {organisation.name}{suffix}",
            venue=venue_id,
            organisation=f"{organisation.name}{suffix}",
            size=rng.randint(1, 3),
            languages=languages,
            topics=tuple(rng.sample(TOPICS, 2)),
            available=half_days(rng, dates, 0.4 if j < popular else 0.6) if windows else (),
            max_meetings_per_day=rng.randint(2, 4) if rng.random() < 0.2 else None,
        )
        hosts.append(host)
        demand[host.id] = 4 if j < popular else 1
    return hosts, offices, city_of_venue, demand


def interpreters_for(rng: random.Random, visits: list[Delegation]) -> list[Interpreter]:
    """One or two interpreters per foreign language, between it and Dutch and French."""
    interpreters = []
    foreign = dict.fromkeys(v.languages[0] for v in visits if v.languages[0] not in NATIONAL_LANGUAGES)
    for language in foreign:
        speakers = [v for v in visits if language in v.languages]
        for n in range(1, rng.randint(1, 2) + 1):
            languages = (language, "nl", "fr") + (("en",) if rng.random() < 0.5 else ())
            windows = half_days(rng, visit_dates(speakers), 0.7) if rng.random() < 0.4 else ()
            interpreters.append(
                Interpreter(
                    id=f"INT-{language.upper()}-{n}",
                    name=f"{language_name(language)} interpreter {n}",
                    languages=languages,
                    available=windows,
                    max_meetings_per_day=rng.randint(3, 5) if rng.random() < 0.3 else None,
                )
            )
    return interpreters
