"""The rules that look at one participant's whole programme: one place at a time with travel and the
hotel (3) and meetings per day (7); lunch (6) has its own module."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from scheduler.model import Delegation, Host, Interpreter
from scheduler.verify.clock import minutes_between
from scheduler.verify.context import Context, Finding, Placed


@dataclass(frozen=True)
class Commitment:
    """A meeting or fixed event in someone's programme."""

    start: datetime
    end: datetime
    venue: str | None
    title: str
    request: str | None  # None for a fixed event


def programmes(ctx: Context) -> dict[str, list[Commitment]]:
    """Every participant's meetings and fixed events, in order of start."""
    result: dict[str, list[Commitment]] = defaultdict(list)
    for placed in ctx.placed:
        item = Commitment(
            placed.start, placed.end, placed.meeting.venue, ctx.title(placed.request), placed.request.id
        )
        for person in placed.participants(ctx.interpreter_ids):
            result[person].append(item)
    for event in ctx.plan.fixed:
        start, end = ctx.clock.instant(event.start), ctx.clock.instant(event.end)
        item = Commitment(start, end, event.venue, f'the fixed event "{event.title}"', None)
        for person in dict.fromkeys((*event.delegations, *event.hosts, *event.interpreters)):
            result[person].append(item)
    return {person: sorted(items, key=lambda c: (c.start, c.end)) for person, items in result.items()}


def check_one_place(ctx: Context) -> Iterator[Finding]:
    """Rule 3: no overlaps, travel time between consecutive commitments, and the hotel."""
    for person, items in programmes(ctx).items():
        for i, first in enumerate(items):
            for second in items[i + 1 :]:
                if second.start >= first.end:
                    break
                if first.request or second.request:
                    one = f"{first.title} ({ctx.clock.when_text(first.start, first.end)})"
                    other = f"{second.title} ({ctx.clock.when_text(second.start, second.end)})"
                    text = f"{ctx.who(person)} has {one} and {other} at the same time"
                    yield Finding(second.request or first.request, text)
        for first, second in pairwise(items):
            yield from _travel(ctx, person, first, second)
        if person in ctx.delegation_ids:
            yield from _hotel(ctx, person, items)


def _travel(ctx: Context, person: str, first: Commitment, second: Commitment) -> Iterator[Finding]:
    if second.start < first.end or not (first.request or second.request):
        return
    needed = ctx.travel.minutes(first.venue, second.venue)
    if minutes_between(first.end, second.start) >= needed:
        return
    clock = ctx.clock
    same_day = clock.date_of(first.end) == clock.date_of(second.start)
    until = clock.clock_text(first.end) + ("" if same_day else f" on {clock.date_text(first.end)}")
    text = (
        f"{ctx.who(person)} has {first.title} at {ctx.venue_name(first.venue)} until {until} "
        f"and {second.title} at {ctx.venue_name(second.venue)} at {clock.clock_text(second.start)} "
        f"on {clock.date_text(second.start)}, but the travel takes {needed} minutes"
    )
    yield Finding(second.request or first.request, text)


def _hotel(ctx: Context, person: str, items: list[Commitment]) -> Iterator[Finding]:
    delegation = ctx.plan.delegation(person)
    if not delegation.hotel:
        return
    hours, hotel = delegation.day or ctx.plan.day, ctx.venue_name(delegation.hotel)
    by_date: dict[date, list[Commitment]] = defaultdict(list)
    for item in items:
        by_date[ctx.clock.date_of(item.start)].append(item)
    for day, today in by_date.items():
        first, last = today[0], max(today, key=lambda c: c.end)
        if first.request:
            away = ctx.travel.minutes(delegation.hotel, first.venue)
            if first.start < ctx.clock.at(day, hours.start) + timedelta(minutes=away):
                text = (
                    f"{ctx.who(person)} starts {first.title} at {ctx.clock.clock_text(first.start)} on "
                    f"{ctx.clock.date_text(day)} at {ctx.venue_name(first.venue)}, but its day starts at "
                    f"{hours.start:%H:%M} and the way from the hotel {hotel} takes {away} minutes"
                )
                yield Finding(first.request, text)
        if last.request:
            back = ctx.travel.minutes(last.venue, delegation.hotel)
            if last.end > ctx.clock.at(day, hours.end) - timedelta(minutes=back):
                text = (
                    f"{ctx.who(person)} ends {last.title} at {ctx.clock.clock_text(last.end)} on "
                    f"{ctx.clock.date_text(day)} at {ctx.venue_name(last.venue)}, but its day ends at "
                    f"{hours.end:%H:%M} and the way back to the hotel {hotel} takes {back} minutes"
                )
                yield Finding(last.request, text)


def check_max_per_day(ctx: Context) -> Iterator[Finding]:
    """Rule 7: nobody has more meetings on a local date than their maximum."""
    people: tuple[Delegation | Host | Interpreter, ...] = (
        *ctx.plan.delegations,
        *ctx.plan.hosts,
        *ctx.plan.interpreters,
    )
    limits = {p.id: p.max_meetings_per_day for p in people}
    counted: dict[tuple[str, date], list[Placed]] = defaultdict(list)
    for placed in ctx.placed:
        for person in placed.participants(ctx.interpreter_ids):
            counted[(person, ctx.clock.date_of(placed.start))].append(placed)
    for (person, day), day_meetings in sorted(counted.items()):
        limit = limits.get(person)
        if limit is not None and len(day_meetings) > limit:
            titles = ", ".join(ctx.title(p.request) for p in day_meetings)
            on_day = f"{len(day_meetings)} meetings on {ctx.clock.date_text(day)}"
            text = f"{ctx.who(person)} has {on_day} ({titles}), but at most {limit} a day"
            yield Finding(day_meetings[-1].request.id, text)
