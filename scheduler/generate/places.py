"""The Belgian setting of generated plans: cities, host organisations, visiting countries, venues and
a travel matrix that obeys the triangle inequality.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from scheduler.model import Room, Travel, Venue

CITIES = {  # id: (name, latitude, longitude, national languages spoken by local hosts)
    "BRU": ("Brussels", 50.8466, 4.3528, ("nl", "fr")),
    "ANT": ("Antwerp", 51.2194, 4.4025, ("nl",)),
    "GNT": ("Ghent", 51.0543, 3.7174, ("nl",)),
    "LEU": ("Leuven", 50.8798, 4.7005, ("nl",)),
    "MEC": ("Mechelen", 51.0259, 4.4776, ("nl",)),
    "LGE": ("Liège", 50.6326, 5.5797, ("fr",)),
    "NAM": ("Namur", 50.4674, 4.8720, ("fr",)),
    "BRG": ("Bruges", 51.2093, 3.2247, ("nl",)),
    "HAS": ("Hasselt", 50.9307, 5.3325, ("nl",)),
    "CRL": ("Charleroi", 50.4108, 4.4446, ("fr",)),
    "MON": ("Mons", 50.4542, 3.9567, ("fr",)),
    "KRT": ("Kortrijk", 50.8279, 3.2650, ("nl",)),
}
CITY_WEIGHTS = {"BRU": 8, "ANT": 4, "GNT": 3, "LEU": 3, "MEC": 2, "LGE": 3, "NAM": 2, "BRG": 1}


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    teams: tuple[str, ...]
    rooms: str  # "named" or "count"
    national: bool = False  # one office, in Brussels


ORGANISATIONS = (
    Organisation(
        "FEDPOL", "Federal Police", ("Fugitive search team", "Cybercrime unit", "Drugs unit"), "named", True
    ),
    Organisation(
        "FPS",
        "FPS Home Affairs",
        ("Integral security policy", "Crime prevention", "Crisis Centre"),
        "named",
        True,
    ),
    Organisation("SURVEY", "National security survey", ("Survey team", "Analysis"), "count", True),
    Organisation("EUCPN", "EUCPN secretariat", ("Secretariat", "Knowledge centre"), "count", True),
    Organisation(
        "PROS", "Public prosecutor's office", ("Prosecutor", "Victim support", "Youth desk"), "count"
    ),
    Organisation(
        "POL", "Local police zone", ("Chief of police", "Neighbourhood officers", "BIN coordinator"), "count"
    ),
    Organisation("CITY", "Town hall", ("Mayor", "Prevention service", "Safety coordinator"), "named"),
    Organisation("UNI", "University criminology", ("Professor", "Research group"), "named"),
)
UNIVERSITY_CITIES = ("LEU", "GNT", "LGE", "BRU", "ANT")

COUNTRIES = (  # code, name, languages (the first is the delegation's own)
    ("UA", "Ukraine", ("uk", "en")),
    ("NL", "Netherlands", ("nl", "en")),
    ("DE", "Germany", ("de", "en")),
    ("FR", "France", ("fr",)),
    ("PL", "Poland", ("pl", "en")),
    ("ES", "Spain", ("es",)),
    ("IT", "Italy", ("it", "en")),
    ("CZ", "Czechia", ("cs",)),
    ("RO", "Romania", ("ro", "fr")),
    ("PT", "Portugal", ("pt", "en")),
    ("GR", "Greece", ("el", "en")),
    ("SE", "Sweden", ("sv", "en")),
    ("HU", "Hungary", ("hu",)),
    ("LT", "Lithuania", ("lt", "en")),
    ("MD", "Moldova", ("ro", "ru")),
    ("GE", "Georgia", ("ka", "en")),
    ("JP", "Japan", ("ja",)),
    ("TR", "Türkiye", ("tr", "en")),
)
BODIES = ("prosecutors", "police", "ministry of the interior", "mayors", "crime prevention council")

EU_STATES = (  # the 22 states at the conference, with the languages of their delegates
    ("AT", "Austria", ("de", "en")), ("BG", "Bulgaria", ("bg", "en")), ("HR", "Croatia", ("hr", "en")),
    ("CY", "Cyprus", ("el", "en")), ("CZ", "Czechia", ("cs", "en")), ("DK", "Denmark", ("da", "en")),
    ("EE", "Estonia", ("et", "en")), ("FI", "Finland", ("fi", "en")), ("FR", "France", ("fr", "en")),
    ("DE", "Germany", ("de", "en")), ("GR", "Greece", ("el", "en")), ("HU", "Hungary", ("hu", "en")),
    ("IE", "Ireland", ("en",)), ("IT", "Italy", ("it", "en")), ("LV", "Latvia", ("lv", "en")),
    ("LT", "Lithuania", ("lt", "en")), ("LU", "Luxembourg", ("fr", "de", "en")),
    ("NL", "Netherlands", ("nl", "en")), ("PL", "Poland", ("pl", "en")), ("PT", "Portugal", ("pt", "fr")),
    ("ES", "Spain", ("es", "fr")), ("SE", "Sweden", ("sv", "en")),
)  # fmt: skip


def city_of(rng: random.Random, organisation: Organisation) -> str:
    if organisation.national:
        return "BRU"
    if organisation.code == "UNI":
        return rng.choice(UNIVERSITY_CITIES)
    cities = list(CITIES)
    return rng.choices(cities, weights=[CITY_WEIGHTS.get(c, 1) for c in cities])[0]


def office(rng: random.Random, organisation: Organisation, city: str) -> Venue:
    """The organisation's building in a city, a few hundred metres from the centre."""
    name, lat, lon, _ = CITIES[city]
    where = f"{organisation.name} {name}" if not organisation.national else organisation.name
    lat, lon = round(lat + rng.uniform(-0.012, 0.012), 5), round(lon + rng.uniform(-0.018, 0.018), 5)
    if organisation.rooms == "named":
        sizes = sorted(rng.sample((8, 10, 12, 16, 20, 30, 40), rng.randint(2, 4)))
        rooms = tuple(
            Room(f"{organisation.code}-{city}-R{k + 1}", f"Room {k + 1}", size)
            for k, size in enumerate(sizes)
        )
        return Venue(f"{organisation.code}-{city}", where, f"{name}, Belgium", lat, lon, rooms)
    count = rng.randint(1, 3)
    return Venue(
        f"{organisation.code}-{city}", where, f"{name}, Belgium", lat, lon, count, rng.choice((12, 16, 20))
    )


HOTEL_NAMES = {
    "BRU": ("Hotel Amigo", "Hotel Métropole", "Hotel Le Plaza"),
    "ANT": ("Hotel Franq", "Hotel De Witte Lelie"),
    "GNT": ("Hotel Harmony", "Hotel Pillows Ghent"),
}
TOPICS = (
    "integral security policy",
    "neighbourhood information networks",
    "fugitive search",
    "local prosecution",
    "crime prevention",
    "security survey",
    "cybercrime",
    "victim support",
)


def hotel(rng: random.Random, city: str, number: int) -> Venue:
    name, lat, lon, _ = CITIES[city]
    lat, lon = round(lat + rng.uniform(-0.01, 0.01), 5), round(lon + rng.uniform(-0.01, 0.01), 5)
    names = HOTEL_NAMES.get(city, ())
    title = names[(number - 1) % len(names)] if names else f"Hotel {number} {name}"
    return Venue(f"HOTEL-{city}-{number}", title, f"{name}, Belgium", lat, lon)


# --- travel ----------------------------------------------------------------------------------


def coordinate_minutes(first: Venue, second: Venue) -> int:
    """DESIGN.md's estimate: great-circle km x 1.3 at 40 km/h, up to whole 5 minutes."""
    assert first.lat is not None and first.lon is not None  # every generated place has its coordinates
    assert second.lat is not None and second.lon is not None
    lat1, lon1, lat2, lon2 = (math.radians(x) for x in (first.lat, first.lon, second.lat, second.lon))
    half = (
        math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    km = 2 * 6371.0 * math.asin(min(1.0, math.sqrt(half)))
    return 5 * math.ceil(round(km * 1.3 / 40 * 60, 6) / 5)


def travel_rows(venues: list[Venue], city_of_venue: dict[str, str]) -> tuple[Travel, ...]:
    """Explicit rows where city traffic makes a trip slower than the estimate (at least 10 minutes).

    The slower times are closed under shortest paths, so the whole matrix keeps the triangle
    inequality: no detour through a third venue is ever quicker than the direct trip.
    """
    ids = [v.id for v in venues]
    times = {(a.id, b.id): coordinate_minutes(a, b) for a in venues for b in venues if a.id != b.id}
    for (a, b), minutes in times.items():
        if city_of_venue[a] == city_of_venue[b]:
            times[(a, b)] = max(minutes, 10)
    for middle in ids:
        for a in ids:
            if a == middle:
                continue
            via = times[(a, middle)]
            for b in ids:
                if b not in (a, middle) and via + times[(middle, b)] < times[(a, b)]:
                    times[(a, b)] = via + times[(middle, b)]
    by_id = {v.id: v for v in venues}
    rows = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if times[(a, b)] != coordinate_minutes(by_id[a], by_id[b]):
                rows.append(Travel(a, b, times[(a, b)]))
    return tuple(rows)
