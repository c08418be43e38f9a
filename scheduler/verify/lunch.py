"""Rule 6, lunch, recomputed from the plan alone.

A delegation has one lunch block on a date when it has a meeting that date, no meeting or fixed event
of the date includes lunch, and its stay and fixed events leave room for one. The block lasts the
lunch minutes, starts on the slot grid, lies inside the lunch window and the stay, overlaps none of
the delegation's meetings and fixed events of the date, and lies on no trip: between the commitment
just before it and the one just after it, the whole trip fits on one side of it. A block on a date
that needs none (no meeting, lunch served, no room) is a violation too: the programme would show a
lunch break the delegation does not get.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from scheduler.model import Delegation, Lunch, LunchBlock
from scheduler.verify.clock import minutes_between
from scheduler.verify.context import Context, Finding, Placed


@dataclass(frozen=True)
class Stop:
    """A meeting or fixed event of the delegation on the date."""

    start: datetime
    end: datetime
    venue: str | None
    title: str
    request: str | None  # None for a fixed event
    includes_lunch: bool


def check_lunch(ctx: Context) -> Iterator[Finding]:
    lunch = ctx.plan.lunch
    if lunch is None:
        for block in ctx.schedule.lunches:
            yield Finding(None, f"{_head(ctx, block)} is reported, but the plan has no lunch rule")
        return
    meetings = _meetings_by_date(ctx)
    blocks: dict[tuple[str, date], list[LunchBlock]] = defaultdict(list)
    for block in ctx.schedule.lunches:
        if block.delegation in ctx.delegation_ids:  # the schedule's own check reports the others
            blocks[(block.delegation, ctx.clock.date_of(block.start))].append(block)
    for delegation in ctx.plan.delegations:
        days = {d for (who, d) in (*meetings, *blocks) if who == delegation.id}
        for day in sorted(days):
            stops = _stops(ctx, delegation.id, day, meetings.get((delegation.id, day), []))
            yield from _date(ctx, lunch, delegation, day, stops, blocks.get((delegation.id, day), []))


def _date(
    ctx: Context, lunch: Lunch, delegation: Delegation, day: date, stops: list[Stop], blocks: list[LunchBlock]
) -> Iterator[Finding]:
    meets = [s for s in stops if s.request]
    served = [s for s in stops if s.includes_lunch]
    fixed = [s for s in stops if not s.request]
    room = any(_clear(ctx, lunch, s, fixed) for s in _grid_starts(ctx, lunch, delegation, day))
    if blocks and not (meets and room and not served):
        why = (
            "the delegation has no meeting that date"
            if not meets
            else f"lunch is served at {served[0].title}"
            if served
            else "its stay and fixed events leave no lunch block that date"
        )
        yield Finding(None, f"{_head(ctx, blocks[0])} is reported, but {why}")
    elif meets and room and not served and not blocks:
        yield _missing(ctx, lunch, delegation, day, stops)
    if len(blocks) > 1:
        text = f"delegation {delegation.id} has {len(blocks)} lunch blocks on {ctx.clock.date_text(day)}"
        yield Finding(None, text)
    for block in blocks:
        yield from _block(ctx, lunch, delegation, block, stops)


def _missing(ctx: Context, lunch: Lunch, delegation: Delegation, day: date, stops: list[Stop]) -> Finding:
    meets = [s for s in stops if s.request]
    free = next((s for s in _grid_starts(ctx, lunch, delegation, day) if _clear(ctx, lunch, s, stops)), None)
    if free is not None:
        until = free + timedelta(minutes=lunch.minutes)
        span = f"{ctx.clock.clock_text(free)}-{ctx.clock.clock_text(until)}"
        given = f"delegation {delegation.id} is given no lunch block on {ctx.clock.date_text(day)}"
        text = f"{given}, though {span} is free"
        return Finding(meets[0].request, text)
    low, high = ctx.clock.at(day, lunch.earliest), ctx.clock.at(day, lunch.latest)
    near = [s for s in meets if s.start < high and low < s.end] or meets
    shown = ", ".join(f"{s.title} {ctx.clock.when_text(s.start, s.end)}" for s in near)
    text = (
        f"delegation {delegation.id} has no free {lunch.minutes} minutes between "
        f"{lunch.earliest:%H:%M} and {lunch.latest:%H:%M} on {ctx.clock.date_text(day)} ({shown})"
    )
    return Finding(near[0].request, text)


def _block(
    ctx: Context, lunch: Lunch, delegation: Delegation, block: LunchBlock, stops: list[Stop]
) -> Iterator[Finding]:
    start, end = ctx.clock.instant(block.start), ctx.clock.instant(block.end)
    day, head, slot = ctx.clock.date_of(start), _head(ctx, block), ctx.plan.slot_minutes
    if (
        start < ctx.clock.at(day, lunch.earliest)
        or end > ctx.clock.at(day, lunch.latest)
        or (minutes_between(start, end) != lunch.minutes)
    ):
        yield Finding(
            None,
            f"{head} is not {lunch.minutes} minutes between {lunch.earliest:%H:%M} and {lunch.latest:%H:%M}",
        )
    local = ctx.clock.local(start)
    if (local.hour * 60 + local.minute) % slot or local.second or local.microsecond:
        yield Finding(None, f"{head} starts off the {slot}-minute grid")
    arrive, depart = ctx.clock.instant(delegation.arrive), ctx.clock.instant(delegation.depart)
    if start < arrive or end > depart:
        yield Finding(None, f"{head} lies outside its stay ({ctx.clock.when_text(arrive, depart)})")
    crossed = [s for s in stops if s.start < end and start < s.end]
    for stop in crossed:
        yield Finding(
            stop.request, f"{head} overlaps {stop.title} ({ctx.clock.when_text(stop.start, stop.end)})"
        )
    trip = None if crossed else _trip(ctx, start, end, stops)
    if trip is not None:
        first, then, minutes = trip
        since = f"{first.title} until {ctx.clock.clock_text(first.end)}"
        until = f"{then.title} at {ctx.clock.clock_text(then.start)}"
        text = (
            f"{head} lies on the {minutes}-minute trip from {ctx.venue_name(first.venue)} ({since}) "
            f"to {ctx.venue_name(then.venue)} ({until})"
        )
        yield Finding(first.request or then.request, text)


def _head(ctx: Context, block: LunchBlock) -> str:
    start, end = ctx.clock.instant(block.start), ctx.clock.instant(block.end)
    return f"the lunch of delegation {block.delegation} on {ctx.clock.when_text(start, end)}"


def _meetings_by_date(ctx: Context) -> dict[tuple[str, date], list[Placed]]:
    result: dict[tuple[str, date], list[Placed]] = defaultdict(list)
    for placed in ctx.placed:
        for delegation in dict.fromkeys(placed.request.delegations):
            result[(delegation, ctx.clock.date_of(placed.start))].append(placed)
    return result


def _stops(ctx: Context, delegation_id: str, day: date, meetings: list[Placed]) -> list[Stop]:
    """The delegation's meetings of the date and its fixed events touching the date, in order."""
    stops = [
        Stop(p.start, p.end, p.meeting.venue, ctx.title(p.request), p.request.id, p.request.includes_lunch)
        for p in meetings
    ]
    low, high = ctx.clock.at(day, time(0)), ctx.clock.at(day + timedelta(days=1), time(0))
    for event in ctx.plan.fixed:
        start, end = ctx.clock.instant(event.start), ctx.clock.instant(event.end)
        if delegation_id in event.delegations and start < high and end > low:
            title = f'the fixed event "{event.title}"'
            stops.append(Stop(start, end, event.venue, title, None, event.includes_lunch))
    return sorted(stops, key=lambda s: (s.start, s.end))


def _grid_starts(ctx: Context, lunch: Lunch, delegation: Delegation, day: date) -> Iterator[datetime]:
    """Grid starts of a block inside the lunch window and the stay."""
    slot, length = ctx.plan.slot_minutes, timedelta(minutes=lunch.minutes)
    arrive, depart = ctx.clock.instant(delegation.arrive), ctx.clock.instant(delegation.depart)
    low, high = ctx.clock.at(day, lunch.earliest), ctx.clock.at(day, lunch.latest)
    first = -(-(lunch.earliest.hour * 60 + lunch.earliest.minute) // slot) * slot
    for minute in range(first, lunch.latest.hour * 60 + lunch.latest.minute, slot):
        start = ctx.clock.at(day, time(minute // 60, minute % 60))
        if low <= start and start + length <= high and arrive <= start and start + length <= depart:
            yield start


def _clear(ctx: Context, lunch: Lunch, start: datetime, stops: list[Stop]) -> bool:
    end = start + timedelta(minutes=lunch.minutes)
    if any(s.start < end and start < s.end for s in stops):
        return False
    return _trip(ctx, start, end, stops) is None


def _trip(ctx: Context, start: datetime, end: datetime, stops: list[Stop]) -> tuple[Stop, Stop, int] | None:
    """The trip the block [start, end) lies on: the longest from a commitment ending last before it to
    one starting first after it, when neither side of the block holds it (None: no such trip)."""
    before = [s for s in stops if s.end <= start]
    after = [s for s in stops if s.start >= end]
    if not before or not after:
        return None
    last_end, next_start = max(s.end for s in before), min(s.start for s in after)
    pairs = [(a, b) for a in before if a.end == last_end for b in after if b.start == next_start]
    first, then = max(pairs, key=lambda pair: ctx.travel.minutes(pair[0].venue, pair[1].venue))
    minutes = ctx.travel.minutes(first.venue, then.venue)
    if minutes_between(last_end, start) >= minutes or minutes_between(end, next_start) >= minutes:
        return None
    return first, then, minutes
