"""The rules that look at one participant's whole programme: one place at a time with travel and the
hotel (3), lunch (6) and meetings per day (7)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from scheduler.verify_clock import merged, minutes_between
from scheduler.verify_context import SCHEDULE_RULE, Context, Placed, Violation, violation


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


def check_one_place(ctx: Context) -> Iterator[Violation]:
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
                    yield violation("one-place", second.request or first.request, text)
        for first, second in pairwise(items):
            yield from _travel(ctx, person, first, second)
        if person in ctx.delegation_ids:
            yield from _hotel(ctx, person, items)


def _travel(ctx: Context, person: str, first: Commitment, second: Commitment) -> Iterator[Violation]:
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
    yield violation("one-place", second.request or first.request, text)


def _hotel(ctx: Context, person: str, items: list[Commitment]) -> Iterator[Violation]:
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
                yield violation("one-place", first.request, text)
        if last.request:
            back = ctx.travel.minutes(last.venue, delegation.hotel)
            if last.end > ctx.clock.at(day, hours.end) - timedelta(minutes=back):
                text = (
                    f"{ctx.who(person)} ends {last.title} at {ctx.clock.clock_text(last.end)} on "
                    f"{ctx.clock.date_text(day)} at {ctx.venue_name(last.venue)}, but its day ends at "
                    f"{hours.end:%H:%M} and the way back to the hotel {hotel} takes {back} minutes"
                )
                yield violation("one-place", last.request, text)


def check_lunch(ctx: Context) -> Iterator[Violation]:
    """Rule 6: on every date a delegation has a meeting, a free lunch block inside the window."""
    lunch = ctx.plan.lunch
    if lunch is None:
        return
    meetings = _meetings_by_delegation_and_date(ctx)
    for (delegation, day), placed in sorted(meetings.items()):
        start, end = ctx.clock.at(day, lunch.earliest), ctx.clock.at(day, lunch.latest)
        busy = merged([(max(p.start, start), min(p.end, end)) for p in placed])
        edges = [start] + [t for span in busy for t in span] + [end]
        longest = max(minutes_between(edges[k], edges[k + 1]) for k in range(0, len(edges), 2))
        if longest < lunch.minutes:
            inside = [p for p in placed if p.start < end and start < p.end]
            shown = ", ".join(f"{ctx.title(p.request)} {ctx.when(p)}" for p in inside)
            text = (
                f"delegation {delegation} has no free {lunch.minutes} minutes between "
                f"{lunch.earliest:%H:%M} and {lunch.latest:%H:%M} on {ctx.clock.date_text(day)} ({shown})"
            )
            yield violation("lunch", inside[0].request.id, text)
    yield from _reported_lunches(ctx, meetings)


def _meetings_by_delegation_and_date(ctx: Context) -> dict[tuple[str, date], list[Placed]]:
    result: dict[tuple[str, date], list[Placed]] = defaultdict(list)
    for placed in ctx.placed:
        for delegation in dict.fromkeys(placed.request.delegations):
            result[(delegation, ctx.clock.date_of(placed.start))].append(placed)
    return result


def _reported_lunches(ctx: Context, meetings: dict) -> Iterator[Violation]:
    lunch = ctx.plan.lunch
    for block in ctx.schedule.lunches:
        if block.delegation not in ctx.delegation_ids:
            yield violation(
                SCHEDULE_RULE, None, f"a lunch is reported for an unknown delegation {block.delegation}"
            )
            continue
        start, end = ctx.clock.instant(block.start), ctx.clock.instant(block.end)
        day, when = ctx.clock.date_of(start), ctx.clock.when_text(start, end)
        head = f"the lunch of delegation {block.delegation} on {when}"
        window = ctx.clock.at(day, lunch.earliest), ctx.clock.at(day, lunch.latest)
        if start < window[0] or end > window[1] or minutes_between(start, end) < lunch.minutes:
            window_text = f"{lunch.earliest:%H:%M} and {lunch.latest:%H:%M}"
            text = f"{head} is not {lunch.minutes} minutes between {window_text}"
            yield violation("lunch", None, text)
        for placed in meetings.get((block.delegation, day), []):
            if placed.start < end and start < placed.end:
                text = f"{head} overlaps {ctx.title(placed.request)} ({ctx.when(placed)})"
                yield violation("lunch", placed.request.id, text)


def check_max_per_day(ctx: Context) -> Iterator[Violation]:
    """Rule 7: nobody has more meetings on a local date than their maximum."""
    limits = {
        p.id: p.max_meetings_per_day for p in (*ctx.plan.delegations, *ctx.plan.hosts, *ctx.plan.interpreters)
    }
    counted: dict[tuple[str, date], list[Placed]] = defaultdict(list)
    for placed in ctx.placed:
        for person in placed.participants(ctx.interpreter_ids):
            counted[(person, ctx.clock.date_of(placed.start))].append(placed)
    for (person, day), placed in sorted(counted.items()):
        limit = limits.get(person)
        if limit is not None and len(placed) > limit:
            titles = ", ".join(ctx.title(p.request) for p in placed)
            on_day = f"{len(placed)} meetings on {ctx.clock.date_text(day)}"
            text = f"{ctx.who(person)} has {on_day} ({titles}), but at most {limit} a day"
            yield violation("max-per-day", placed[-1].request.id, text)
