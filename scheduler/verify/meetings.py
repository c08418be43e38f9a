"""The rules each meeting obeys on its own: length and dates (1), availability (2), rooms (4), pins (8)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from scheduler.model import Host, Interpreter, Room, Venue
from scheduler.verify.clock import free_spans, minutes_between
from scheduler.verify.context import Context, Finding, Placed


def check_duration(ctx: Context) -> Iterator[Finding]:
    """Rule 1: exact length, on the slot grid, inside earliest/latest, at the request's venue."""
    slot = ctx.plan.slot_minutes
    for placed in ctx.placed:
        request, title = placed.request, ctx.title(placed.request)
        length = minutes_between(placed.start, placed.end)
        if length != request.minutes:
            text = f"{title} lasts {length:g} minutes ({ctx.when(placed)}) instead of {request.minutes}"
            yield Finding(request.id, text)
        local = ctx.clock.local(placed.start)
        if (local.hour * 60 + local.minute) % slot or local.second or local.microsecond:
            text = (
                f"{title} starts at {local:%H:%M} on {ctx.clock.date_text(local)}, off the {slot}-minute grid"
            )
            yield Finding(request.id, text)
        if request.earliest is not None and placed.start < _from(ctx, request.earliest):
            earliest = _moment_text(ctx, request.earliest)
            text = f"{title} starts {ctx.when(placed)}, before its earliest {earliest}"
            yield Finding(request.id, text)
        if request.latest is not None and placed.end > _until(ctx, request.latest):
            text = f"{title} ends {ctx.when(placed)}, after its latest {_moment_text(ctx, request.latest)}"
            yield Finding(request.id, text)
        yield from _venue(ctx, placed)


def _from(ctx: Context, bound: date | datetime) -> datetime:
    if isinstance(bound, datetime):
        return ctx.clock.instant(bound)
    return ctx.clock.at(bound, time(0))


def _until(ctx: Context, bound: date | datetime) -> datetime:
    """A date as latest means the whole day: until the next local midnight."""
    if isinstance(bound, datetime):
        return ctx.clock.instant(bound)
    return ctx.clock.at(bound + timedelta(days=1), time(0))


def _moment_text(ctx: Context, bound: date | datetime) -> str:
    if isinstance(bound, datetime):
        return f"{ctx.clock.date_text(bound.date())} {bound:%H:%M}"
    return ctx.clock.date_text(bound)


def _venue(ctx: Context, placed: Placed) -> Iterator[Finding]:
    request, meeting = placed.request, placed.meeting
    try:
        expected = ctx.plan.request_venue(request)
    except KeyError:
        expected = None
    known = {v.id for v in ctx.plan.venues}
    if expected is not None and meeting.venue != expected:
        text = (
            f"{ctx.title(request)} is at {ctx.venue_name(meeting.venue)} "
            f"but belongs at {ctx.venue_name(expected)}"
        )
        yield Finding(request.id, text)
    elif meeting.venue not in known:
        yield Finding(request.id, f"{ctx.title(request)} is at an unknown venue {meeting.venue}")


def check_availability(ctx: Context) -> Iterator[Finding]:
    """Rule 2: every participant is free for the whole meeting."""
    cache: dict[str, tuple] = {}
    for placed in ctx.placed:
        for person in placed.participants(ctx.interpreter_ids):
            if person not in ctx.delegation_ids | ctx.host_ids | ctx.interpreter_ids:
                continue  # an unknown id: the plan's validation reports it
            if person not in cache:
                cache[person] = free_spans(ctx.plan, ctx.clock, person)
            free, busy = cache[person]
            head = f"{ctx.who(person)} is not available for {ctx.title(placed.request)} on {ctx.when(placed)}"
            if not any(s <= placed.start and placed.end <= e for s, e in free):
                yield Finding(placed.request.id, f"{head}: outside its {_hours(ctx, person)}")
            for start, end in busy:
                if start < placed.end and placed.start < end:
                    text = f"{head}: it is unavailable {ctx.clock.when_text(start, end)}"
                    yield Finding(placed.request.id, text)


def _hours(ctx: Context, person: str) -> str:
    if person in ctx.delegation_ids:
        return "visit and working hours"
    people: tuple[Host | Interpreter, ...] = (*ctx.plan.hosts, *ctx.plan.interpreters)
    has_windows = any(p.id == person and p.available for p in people)
    return "available times" if has_windows else "working hours on the visit dates"


def check_rooms(ctx: Context) -> Iterator[Finding]:
    """Rule 4: room counts, named rooms without double booking, and capacity."""
    for venue in ctx.plan.venues:
        here = sorted((p for p in ctx.placed if p.meeting.venue == venue.id), key=lambda p: p.start)
        if isinstance(venue.rooms, int):
            yield from _counted_rooms(ctx, venue, venue.rooms, here)
        else:
            yield from _named_rooms(ctx, venue, venue.rooms, here)
        for placed in here:
            yield from _capacity(ctx, venue, placed)


def _counted_rooms(ctx: Context, venue: Venue, count: int, here: list[Placed]) -> Iterator[Finding]:
    reported: set[frozenset[str]] = set()
    for placed in here:
        if placed.meeting.room is not None:
            title = ctx.title(placed.request)
            text = f"{title} has room {placed.meeting.room}, but {venue.name} has no named rooms"
            yield Finding(placed.request.id, text)
        at_once = [p for p in here if p.start <= placed.start < p.end]
        ids = frozenset(p.request.id for p in at_once)
        if len(at_once) > count and ids not in reported:
            reported.add(ids)
            titles = ", ".join(ctx.title(p.request) for p in at_once)
            text = (
                f"{len(at_once)} meetings take place at once at {venue.name} at "
                f"{ctx.clock.clock_text(placed.start)} on {ctx.clock.date_text(placed.start)} ({titles}), "
                f"but it has {count} room{'s' if count != 1 else ''}"
            )
            yield Finding(placed.request.id, text)


def _named_rooms(
    ctx: Context, venue: Venue, named: tuple[Room, ...], here: list[Placed]
) -> Iterator[Finding]:
    rooms = {room.id for room in named}
    for i, placed in enumerate(here):
        room, title = placed.meeting.room, ctx.title(placed.request)
        if room not in rooms:
            listed = ", ".join(sorted(rooms))
            found = f"room {room}" if room else "no room"
            text = f"{title} at {venue.name} has {found}; it needs one of {listed}"
            yield Finding(placed.request.id, text)
            continue
        for other in here[:i]:
            if other.meeting.room == room and other.end > placed.start:
                text = (
                    f"{ctx.title(other.request)} ({ctx.when(other)}) and {title} ({ctx.when(placed)}) "
                    f"both use room {room} at {venue.name}"
                )
                yield Finding(placed.request.id, text)


def _capacity(ctx: Context, venue: Venue, placed: Placed) -> Iterator[Finding]:
    capacity, where = venue.capacity, venue.name
    if not isinstance(venue.rooms, int):
        room: Room | None = next((r for r in venue.rooms if r.id == placed.meeting.room), None)
        if room is None:
            return
        capacity = room.capacity if room.capacity is not None else venue.capacity
        where = f"room {room.name or room.id} at {venue.name}"
    persons = meeting_persons(ctx, placed)
    if capacity is not None and persons > capacity:
        text = f"{ctx.title(placed.request)} brings {persons} persons to {where}, which holds {capacity}"
        yield Finding(placed.request.id, text)


def meeting_persons(ctx: Context, placed: Placed) -> int:
    """Delegation sizes + sizes of attending hosts + 1 for an interpreter."""
    sizes = {d.id: d.size for d in ctx.plan.delegations} | {h.id: h.size for h in ctx.plan.hosts}
    people = [*placed.request.delegations, *placed.request.hosts, *placed.attending_optional]
    persons = sum(sizes.get(p, 0) for p in dict.fromkeys(people))
    return persons + (1 if placed.meeting.interpreter in ctx.interpreter_ids else 0)


def check_pins(ctx: Context) -> Iterator[Finding]:
    """Rule 8: a pinned request takes place at exactly its pinned start."""
    by_request = {p.request.id: p for p in ctx.placed}
    for pin in ctx.plan.pinned:
        wanted = ctx.clock.instant(pin.start)
        shown = f"{pin.start:%H:%M} on {ctx.clock.date_text(pin.start.date())}"
        placed = by_request.get(pin.request)
        if placed is None:
            yield Finding(pin.request, f"{pin.request} is pinned at {shown} but not scheduled")
        elif placed.start != wanted:
            text = f"{ctx.title(placed.request)} is pinned at {shown} but starts {ctx.when(placed)}"
            yield Finding(pin.request, text)
