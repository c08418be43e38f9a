"""Hypothesis strategies for valid-shaped, realistic plans, shared by every property test.

Ids are unique across the whole plan and references mostly point at ids of the right kind; the plans
are not promised to be semantically valid (a reference may dangle, a request may not fit).
"""

from __future__ import annotations

import string
from datetime import date, datetime, time, timedelta

from hypothesis import strategies as st

from scheduler.model import (
    POSITIONS,
    PRIORITIES,
    SLOT_SIZES,
    DayWindow,
    Delegation,
    Fixed,
    Host,
    Interpreter,
    Lunch,
    Order,
    Pin,
    Plan,
    Request,
    Room,
    Travel,
    Venue,
    Window,
)

ID_CHARS = string.ascii_letters + string.digits + "_.-"
ZONES = ("Europe/Brussels", "Europe/Amsterdam", "Europe/Kyiv", "UTC")
LANGUAGE_CODES = ("nl", "fr", "de", "en", "uk", "pl", "es", "it")
TOPICS = ("fugitive search", "local prosecution", "neighbourhood watch", "security survey", "youth, crime",
          '"BIN" networks')  # fmt: skip
TRICKY_TEXTS = (
    '=HYPERLINK("http://example.org","x")', "=1+1", "+32 2 500 00 00", "-5", "@home", "12", "0.5",
    "2024-04-23", "09:00", "TRUE", "none", "Zoë & Łukasz", "Прокуратура", "a, b",
)  # fmt: skip
REAL_NAMES = (
    "Fugitive Active Search Team", "Local police zone Brussels-Capital/Ixelles", "BIN coordinator",
    "Prosecutor General's Office of Ukraine", "FPS Home Affairs", "Royal Museums of Fine Arts",
)  # fmt: skip


def ids() -> st.SearchStrategy[str]:
    realistic = st.builds(
        "{}-{}".format, st.sampled_from(["FAST", "PZ", "UA", "NL", "R", "INT"]), st.integers(0, 99)
    )
    return st.one_of(realistic, st.text(ID_CHARS, min_size=1, max_size=10))


def texts() -> st.SearchStrategy[str]:
    """Free text as users type it: non-empty, no surrounding spaces, no control characters."""
    typed = st.text(st.characters(blacklist_categories=("C",)), min_size=1, max_size=30)
    return st.one_of(st.sampled_from(TRICKY_TEXTS + REAL_NAMES), typed.filter(lambda s: s == s.strip()))


def items() -> st.SearchStrategy[str]:
    """One entry of a list (a topic, an interest); it may hold a comma or a quote."""
    typed = st.text(st.characters(blacklist_categories=("C",)), min_size=1, max_size=15)
    return st.one_of(st.sampled_from(TOPICS), typed.filter(lambda s: s == s.strip()))


def languages() -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(LANGUAGE_CODES), max_size=3, unique=True).map(tuple)


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def times() -> st.SearchStrategy[time]:
    return st.builds(time, st.integers(0, 23), st.integers(0, 59))


def dates() -> st.SearchStrategy[date]:
    return st.dates(date(2024, 1, 1), date(2026, 12, 31))


def datetimes() -> st.SearchStrategy[datetime]:
    return st.builds(datetime.combine, dates(), times())


def windows() -> st.SearchStrategy[Window]:
    return st.builds(lambda start, minutes: Window(start, start + timedelta(minutes=minutes)),
                     datetimes(), st.integers(1, 3 * 24 * 60))  # fmt: skip


def day_windows() -> st.SearchStrategy[DayWindow]:
    minutes = st.lists(st.integers(0, 24 * 60 - 1), min_size=2, max_size=2, unique=True).map(sorted)
    return minutes.map(lambda pair: DayWindow(*(time(m // 60, m % 60) for m in pair)))


def lunches() -> st.SearchStrategy[Lunch | None]:
    return optional(
        st.builds(
            lambda day, minutes: Lunch(day.start, day.end, minutes), day_windows(), st.integers(15, 120)
        )
    )


def references(pool: list[str]) -> st.SearchStrategy[str]:
    """Mostly an id of the right kind; now and then one that dangles."""
    return st.sampled_from(pool) if pool else ids()


def reference_lists(pool: list[str]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(references(pool), max_size=3).map(tuple)


@st.composite
def plans(draw, max_items: int = 4) -> Plan:
    """A plan of up to `max_items` of each kind, every id unique across the whole plan."""
    counts = {kind: draw(st.integers(0, max_items)) for kind in ("venue", "host", "delegation", "interpreter",
                                                                 "request", "fixed", "room")}  # fmt: skip
    pool = draw(st.lists(ids(), min_size=sum(counts.values()), max_size=sum(counts.values()), unique=True))
    taken = {}
    for kind, count in counts.items():
        taken[kind], pool = pool[:count], pool[count:]
    venue_ids, host_ids, delegation_ids = taken["venue"], taken["host"], taken["delegation"]
    venues = tuple(draw(_venue(venue_id, taken["room"])) for venue_id in venue_ids)
    return Plan(
        name=draw(texts()),
        timezone=draw(st.sampled_from(ZONES)),
        slot_minutes=draw(st.sampled_from(SLOT_SIZES)),
        day=draw(day_windows()),
        lunch=draw(lunches()),
        default_travel_minutes=draw(st.integers(0, 120)),
        venues=venues,
        travel=tuple(draw(st.lists(_travel(venue_ids), max_size=3))),
        hosts=tuple(draw(_host(host_id, venue_ids)) for host_id in host_ids),
        delegations=tuple(draw(_delegation(delegation_id, venue_ids)) for delegation_id in delegation_ids),
        interpreters=tuple(draw(_interpreter(interpreter_id)) for interpreter_id in taken["interpreter"]),
        requests=tuple(draw(_request(request_id, taken)) for request_id in taken["request"]),
        fixed=tuple(draw(_fixed(fixed_id, taken)) for fixed_id in taken["fixed"]),
        pinned=tuple(draw(st.lists(_pin(taken["request"]), max_size=2))),
        order=tuple(draw(st.lists(_order(taken["request"]), max_size=2))),
        precedence=draw(reference_lists(delegation_ids)),
    )


@st.composite
def _venue(draw, venue_id: str, room_ids: list[str]) -> Venue:
    mine = [room_id for room_id in room_ids if draw(st.booleans())]
    room_ids[:] = [room_id for room_id in room_ids if room_id not in mine]
    named = tuple(
        draw(st.builds(Room, st.just(r), optional(texts()), optional(st.integers(1, 200)))) for r in mine
    )
    # Excel keeps 15 significant digits and no negative zero; a position to a tenth of a metre needs less
    coordinate = st.floats(-90, 90, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 6) + 0.0)
    return Venue(
        id=venue_id,
        name=draw(texts()),
        address=draw(optional(texts())),
        lat=draw(optional(coordinate)),
        lon=draw(optional(coordinate)),
        rooms=named or draw(st.integers(1, 6)),
        capacity=draw(optional(st.integers(1, 300))),
    )


def _travel(venue_ids: list[str]) -> st.SearchStrategy[Travel]:
    return st.builds(Travel, references(venue_ids), references(venue_ids), st.integers(0, 180))


def _windows() -> st.SearchStrategy[tuple[Window, ...]]:
    return st.lists(windows(), max_size=2).map(tuple)


def _item_lists() -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(items(), max_size=3).map(tuple)


def _host(host_id: str, venue_ids: list[str]) -> st.SearchStrategy[Host]:
    return st.builds(
        Host, id=st.just(host_id), name=texts(), venue=references(venue_ids), organisation=optional(texts()),
        size=st.integers(1, 5), languages=languages(), topics=_item_lists(), email=optional(texts()),
        available=_windows(), unavailable=_windows(), max_meetings_per_day=optional(st.integers(1, 8)),
    )  # fmt: skip


@st.composite
def _delegation(draw, delegation_id: str, venue_ids: list[str]) -> Delegation:
    arrive = draw(datetimes())
    return Delegation(
        id=delegation_id, name=draw(texts()), size=draw(st.integers(1, 30)), languages=draw(languages()),
        arrive=arrive, depart=arrive + timedelta(minutes=draw(st.integers(60, 7 * 24 * 60))),
        country=draw(optional(texts())), hotel=draw(optional(references(venue_ids))),
        day=draw(optional(day_windows())), unavailable=draw(_windows()),
        max_meetings_per_day=draw(optional(st.integers(1, 8))), interests=draw(_item_lists()),
        contact=draw(optional(texts())),
    )  # fmt: skip


def _interpreter(interpreter_id: str) -> st.SearchStrategy[Interpreter]:
    return st.builds(
        Interpreter, id=st.just(interpreter_id), name=texts(), languages=languages(), available=_windows(),
        unavailable=_windows(), max_meetings_per_day=optional(st.integers(1, 8)),
    )  # fmt: skip


def _request(request_id: str, taken: dict[str, list[str]]) -> st.SearchStrategy[Request]:
    moment = optional(st.one_of(dates(), datetimes()))
    interpreter = st.one_of(st.sampled_from(["auto", "none"]), references(taken["interpreter"]))
    return st.builds(
        Request, id=st.just(request_id), minutes=st.integers(5, 240), title=optional(texts()),
        delegations=reference_lists(taken["delegation"]), hosts=reference_lists(taken["host"]),
        optional_hosts=reference_lists(taken["host"]), priority=st.sampled_from(PRIORITIES),
        venue=optional(references(taken["venue"])), earliest=moment, latest=moment,
        interpreter=interpreter, notes=optional(texts()), includes_lunch=st.booleans(),
        position=optional(st.sampled_from(POSITIONS)),
    )  # fmt: skip


def _fixed(fixed_id: str, taken: dict[str, list[str]]) -> st.SearchStrategy[Fixed]:
    return st.builds(
        lambda window, **fields: Fixed(start=window.start, end=window.end, **fields),
        windows(), id=st.just(fixed_id), title=texts(), venue=optional(references(taken["venue"])),
        delegations=reference_lists(taken["delegation"]), hosts=reference_lists(taken["host"]),
        interpreters=reference_lists(taken["interpreter"]), notes=optional(texts()),
        includes_lunch=st.booleans(),
    )  # fmt: skip


def _order(request_ids: list[str]) -> st.SearchStrategy[Order]:
    return st.builds(
        Order,
        references(request_ids),
        references(request_ids),
        st.integers(0, 600),
        st.booleans(),
        st.booleans(),
    )


def _pin(request_ids: list[str]) -> st.SearchStrategy[Pin]:
    return st.builds(Pin, references(request_ids), datetimes())
