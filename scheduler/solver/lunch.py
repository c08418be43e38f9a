"""Rule 6 before any choice: where a delegation's lunch block may lie on a date, and whether a block
keeps clear of its commitments and of the travel between two of them.

Shared by the CP-SAT model, the greedy board, the extraction and the explanations, so that all of them
read the rule the same way: a block on the slot grid, inside the lunch window and the stay, clear of
the meetings and fixed events of its date and of the trip between the one before it and the one after.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time, timedelta
from typing import Protocol

from scheduler.model import Delegation, Plan
from scheduler.timeaxis import Interval, TimeAxis
from scheduler.travel import TravelTimes

Stop = tuple[int, int, str | None]
"""A meeting or fixed event in solver minutes: start, end, venue."""


class FixedEvent(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def venue(self) -> str | None: ...
    @property
    def includes_lunch(self) -> bool: ...


class Facts(Protocol):
    """What the lunch rule reads of `PlanFacts`, which holds a `LunchFacts` (so this module cannot
    import it back)."""

    @property
    def plan(self) -> Plan: ...
    @property
    def axis(self) -> TimeAxis: ...
    @property
    def travel(self) -> TravelTimes: ...
    @property
    def fixed(self) -> Mapping[str, Sequence[FixedEvent]]: ...
    @property
    def delegations(self) -> Mapping[str, Delegation]: ...
    def at(self, day: date, clock: time) -> int: ...
    def date_of(self, minute: int) -> date: ...
    def starts_inside(self, window: Interval, minutes: int) -> list[int]: ...


class LunchFacts:
    def __init__(self, facts: Facts):
        self.facts = facts
        self.rule = facts.plan.lunch
        self._starts: dict[tuple[str, date], list[int]] = {}
        self._possible: dict[tuple[str, date], bool] = {}
        self.serving = {d for r in facts.plan.requests if r.includes_lunch for d in r.delegations}
        """Delegations with a request that serves lunch: whether they need a block depends on the search."""

    @property
    def minutes(self) -> int:
        return self.rule.minutes if self.rule is not None else 0

    def day_span(self, day: date) -> tuple[int, int]:
        """The date from local midnight to the next, in solver minutes."""
        return self.facts.at(day, time(0)), self.facts.at(day + timedelta(days=1), time(0))

    def fixed_stops(self, delegation_id: str, day: date) -> list[Stop]:
        """The delegation's fixed events that touch the date."""
        low, high = self.day_span(day)
        events = self.facts.fixed.get(delegation_id, ())
        return [(e.start, e.end, e.venue) for e in events if e.start < high and e.end > low]

    def served_by_fixed(self, delegation_id: str, day: date) -> bool:
        """Does a fixed event of the date that includes lunch take the delegation?"""
        low, high = self.day_span(day)
        events = self.facts.fixed.get(delegation_id, ())
        return any(e.includes_lunch and e.start < high and e.end > low for e in events)

    def starts(self, delegation_id: str, day: date) -> list[int]:
        """Grid starts of a block inside the lunch window and the stay, clear of the fixed events."""
        key = (delegation_id, day)
        if key not in self._starts:
            self._starts[key] = self._grid_starts(delegation_id, day) if self.rule is not None else []
        return self._starts[key]

    def _grid_starts(self, delegation_id: str, day: date) -> list[int]:
        assert self.rule is not None  # only asked under a lunch rule
        delegation = self.facts.delegations[delegation_id]
        axis = self.facts.axis
        low = max(self.facts.at(day, self.rule.earliest), axis.minute(delegation.arrive))
        high = min(self.facts.at(day, self.rule.latest), axis.minute(delegation.depart))
        fixed = self.fixed_stops(delegation_id, day)
        return [
            start
            for start in self.facts.starts_inside((low, high), self.minutes)
            if self.facts.date_of(start) == day
            and all(end <= start or start + self.minutes <= begin for begin, end, _ in fixed)
        ]

    def possible(self, delegation_id: str, day: date) -> bool:
        """Do the stay and the fixed events leave a block on the date? If not, lunch constrains nothing."""
        key = (delegation_id, day)
        if key not in self._possible:
            starts = self.starts(delegation_id, day)
            self._possible[key] = any(self.clear(delegation_id, s, []) for s in starts)
        return self._possible[key]

    def due(self, delegation_id: str, day: date, served: bool) -> bool:
        """Is a block due on a date the delegation has a meeting (`served`: a meeting serves lunch)?"""
        if self.rule is None or served or self.served_by_fixed(delegation_id, day):
            return False
        return self.possible(delegation_id, day)

    def clear(self, delegation_id: str, start: int, meetings: list[Stop]) -> bool:
        """Is the block at `start` clear of the meetings and fixed events of its date, and of the trip
        between the one just before it and the one just after it (the whole trip on one side)?"""
        end, day = start + self.minutes, self.facts.date_of(start)
        stops = self.fixed_stops(delegation_id, day) + [
            m for m in meetings if self.facts.date_of(m[0]) == day
        ]
        if any(begin < end and start < finish for begin, finish, _ in stops):
            return False
        before = [s for s in stops if s[1] <= start]
        after = [s for s in stops if s[0] >= end]
        if not before or not after:
            return True
        last_end, next_start = max(s[1] for s in before), min(s[0] for s in after)
        trip = max(
            self.facts.travel.minutes(a[2], b[2])
            for a in before
            if a[1] == last_end
            for b in after
            if b[0] == next_start
        )
        return start - last_end >= trip or next_start - end >= trip

    def first_clear(self, delegation_id: str, day: date, meetings: list[Stop]) -> int | None:
        """The earliest block of the date clear of the meetings, fixed events and trips (None: none)."""
        found = (s for s in self.starts(delegation_id, day) if self.clear(delegation_id, s, meetings))
        return next(found, None)

    def allows(self, delegation_id: str, start: int, end: int) -> bool:
        """Does a meeting [start, end) of the delegation, alone, leave a lunch block free?

        Only overlap is asked: travel can make a block clear with more meetings around it than with
        this one alone (a meeting between changes which trip the block lies on), so it is left to the
        search. Delegations with a request that serves lunch are not narrowed either."""
        if self.rule is None or delegation_id in self.serving:
            return True
        day = self.facts.date_of(start)
        if not self.due(delegation_id, day, served=False):
            return True
        return any(s + self.minutes <= start or s >= end for s in self.starts(delegation_id, day))
