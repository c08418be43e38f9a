"""What a host's or interpreter's answer changes in the plan: a decline, or a time they can no longer
make, makes them unavailable then; changing the answer back frees that time again.

Pure functions of the plan, so that the change is tested without a store or a page. The constraint is
the person's `unavailable` windows (rule 2): a required host who is away moves the meeting, an
optional host who is away lets it happen without them, an interpreter who is away gives the meeting
another interpreter or time.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.model import Host, Interpreter, Plan, Window


def person_of(plan: Plan, kind: str, person: str) -> Host | Interpreter | None:
    """The host or interpreter of that id in the plan, or None (removed from the plan since)."""
    people: tuple[Host | Interpreter, ...] = plan.hosts if kind == "host" else plan.interpreters
    return next((p for p in people if p.id == person), None)


def wall_window(plan: Plan, start: datetime, end: datetime) -> Window:
    """Two aware moments as a window of the plan's wall time (the plan format's local date-times)."""
    zone = ZoneInfo(plan.timezone)
    return Window(start.astimezone(zone).replace(tzinfo=None), end.astimezone(zone).replace(tzinfo=None))


def whole_day(plan: Plan, start: datetime) -> tuple[datetime, datetime]:
    """The local date of `start`, midnight to midnight, as aware moments: "I am away all that day"."""
    zone = ZoneInfo(plan.timezone)
    day = start.astimezone(zone).date()
    midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
    following = day + timedelta(days=1)
    return midnight, datetime(following.year, following.month, following.day, tzinfo=zone)


def with_answer(
    plan: Plan, kind: str, person: str, away: Window | None, lifted: Collection[Window] = ()
) -> Plan:
    """The plan with the person unavailable during `away` (unless a window of theirs already covers
    it) and without those of their windows in `lifted` (times an earlier answer made unavailable that
    no answer asks for any more). The same plan, unchanged, when nothing needs to change or the person
    is no longer in the plan."""
    found = person_of(plan, kind, person)
    if found is None:
        return plan
    kept = tuple(w for w in found.unavailable if w not in lifted or w == away)
    if away is not None and not any(w.start <= away.start and away.end <= w.end for w in kept):
        kept = (*kept, away)
    if kept == found.unavailable:
        return plan
    changed = replace(found, unavailable=kept)
    if isinstance(changed, Host):
        return replace(plan, hosts=tuple(changed if h.id == person else h for h in plan.hosts))
    return replace(plan, interpreters=tuple(changed if i.id == person else i for i in plan.interpreters))
