"""The rules on the order of meetings: first or last of a delegation (9) and the plan's orders (10)."""

from __future__ import annotations

from collections.abc import Iterator

from scheduler.verify.clock import minutes_between
from scheduler.verify.context import Context, Finding, Placed


def check_position(ctx: Context) -> Iterator[Finding]:
    """Rule 9: a meeting marked first ends before every other meeting of each of its delegations starts;
    one marked last starts after every other has ended. Fixed events do not count."""
    by_delegation: dict[str, list[Placed]] = {}
    for placed in ctx.placed:
        for delegation in placed.request.delegations:
            by_delegation.setdefault(delegation, []).append(placed)
    for placed in ctx.placed:
        position = placed.request.position
        if position not in ("first", "last"):
            continue
        title = ctx.title(placed.request)
        for delegation in dict.fromkeys(placed.request.delegations):
            for other in by_delegation.get(delegation, []):
                if other.request.id == placed.request.id:
                    continue
                if position == "first" and other.start < placed.end:
                    text = (
                        f"{title} ({ctx.when(placed)}) must be the first meeting of {ctx.who(delegation)}, "
                        f"but {ctx.title(other.request)} is {ctx.when(other)}"
                    )
                    yield Finding(placed.request.id, text)
                if position == "last" and other.end > placed.start:
                    text = (
                        f"{title} ({ctx.when(placed)}) must be the last meeting of {ctx.who(delegation)}, "
                        f"but {ctx.title(other.request)} is {ctx.when(other)}"
                    )
                    yield Finding(placed.request.id, text)


def check_order(ctx: Context) -> Iterator[Finding]:
    """Rule 10: when both are scheduled, `after` starts at least the gap after `before` ends, on the
    same local date with `same_day`; with `requires`, `after` is scheduled only if `before` is."""
    placed = {p.request.id: p for p in ctx.placed}
    titles = {r.id: f'"{r.title or r.id}"' for r in ctx.plan.requests}
    for order in ctx.plan.order:
        first, second = placed.get(order.before), placed.get(order.after)
        if second is not None and first is None and order.requires:
            second_title, first_title = titles.get(order.after), titles.get(order.before)
            yield Finding(order.after, f"{second_title} requires {first_title}, which is not scheduled")
        if first is None or second is None:
            continue
        gap = minutes_between(first.end, second.start)
        if gap < order.min_gap_minutes:
            needed = f"at least {order.min_gap_minutes} minutes after" if order.min_gap_minutes else "after"
            text = (
                f"{ctx.title(second.request)} ({ctx.when(second)}) must start {needed} "
                f"{ctx.title(first.request)} ends ({ctx.when(first)})"
            )
            yield Finding(order.after, text)
        if order.same_day and ctx.clock.date_of(first.start) != ctx.clock.date_of(second.start):
            text = (
                f"{ctx.title(second.request)} ({ctx.when(second)}) must be on the same date as "
                f"{ctx.title(first.request)} ({ctx.when(first)})"
            )
            yield Finding(order.after, text)
