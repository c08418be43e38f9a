"""What holds about a plan before any choice: time axis, travel times, free time and fixed events.

Computed once and shared by the CP-SAT model, the greedy baseline and the explanations, so all three
see the same grid, the same availability and the same travel times.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from scheduler.model import Delegation, Host, Interpreter, Order, Plan, Request
from scheduler.solver.lunch import LunchFacts
from scheduler.timeaxis import Interval, TimeAxis, availability, plan_axis
from scheduler.travel import TravelTimes


@dataclass(frozen=True)
class Commitment:
    """A fixed event in a participant's day, in solver minutes."""

    start: int
    end: int
    venue: str | None
    title: str
    includes_lunch: bool = False


def overlap(first: list[Interval], second: list[Interval]) -> list[Interval]:
    """The intersection of two sorted, disjoint interval lists, in one merge pass."""
    result, i, j = [], 0, 0
    while i < len(first) and j < len(second):
        start, end = max(first[i][0], second[j][0]), min(first[i][1], second[j][1])
        if end > start:
            result.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return result


class PlanFacts:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.axis: TimeAxis = plan_axis(plan)
        self.travel = TravelTimes(plan)
        self._free: dict[str, list[Interval]] = {}
        self._grid: dict[date, list[int]] = {}
        self._dates: dict[int, date] = {}
        self._clock: dict[tuple[date, time], int] = {}
        self.fixed: dict[str, list[Commitment]] = {}
        for event in plan.fixed:
            moment = Commitment(
                self.axis.minute(event.start),
                self.axis.minute(event.end),
                event.venue,
                event.title,
                event.includes_lunch,
            )
            for who in (*event.delegations, *event.hosts, *event.interpreters):
                self.fixed.setdefault(who, []).append(moment)

    @cached_property
    def requests(self) -> dict[str, Request]:
        return {r.id: r for r in self.plan.requests}

    @cached_property
    def orders(self) -> list[Order]:
        """The plan's orders between two requests it has (validation refuses others), each pair once."""
        known, seen, found = self.requests, set(), []
        for order in self.plan.order:
            pair = (order.before, order.after)
            usable = order.before in known and order.after in known and order.before != order.after
            if usable and pair not in seen:
                seen.add(pair)
                found.append(order)
        return found

    @cached_property
    def orders_of(self) -> dict[str, list[Order]]:
        """Each request's orders, whether it comes before or after in them (rule 10)."""
        found: dict[str, list[Order]] = {}
        for order in self.orders:
            found.setdefault(order.before, []).append(order)
            found.setdefault(order.after, []).append(order)
        return found

    @cached_property
    def positioned(self) -> dict[str, list[Request]]:
        """Per delegation, its requests marked first or last (rule 9)."""
        found: dict[str, list[Request]] = {}
        for request in self.plan.requests:
            if request.position in ("first", "last"):
                for delegation in dict.fromkeys(request.delegations):
                    found.setdefault(delegation, []).append(request)
        return found

    @cached_property
    def delegations(self) -> dict[str, Delegation]:
        return {d.id: d for d in self.plan.delegations}

    @cached_property
    def max_per_day(self) -> dict[str, int | None]:
        people: tuple[Delegation | Host | Interpreter, ...] = (
            *self.plan.delegations,
            *self.plan.hosts,
            *self.plan.interpreters,
        )
        return {p.id: p.max_meetings_per_day for p in people}

    @cached_property
    def delegation_ids(self) -> set[str]:
        return {d.id for d in self.plan.delegations}

    def free(self, who: str) -> list[Interval]:
        """A participant's availability (DESIGN rule 2) as sorted solver-minute intervals."""
        if who not in self._free:
            self._free[who] = availability(self.plan, self.axis, who)
        return self._free[who]

    def date_of(self, minute: int) -> date:
        """The local date of a solver minute (cached: asked very often)."""
        day = self._dates.get(minute)
        if day is None:
            day = self._dates[minute] = self.axis.date_of(minute)
        return day

    def at(self, day: date, clock: time) -> int:
        """The solver minute of a wall-clock time on a date (cached)."""
        minute = self._clock.get((day, clock))
        if minute is None:
            minute = self._clock[(day, clock)] = self.axis.at(day, clock)
        return minute

    def grid(self, day: date) -> list[int]:
        if day not in self._grid:
            self._grid[day] = self.axis.slot_starts(day, self.plan.slot_minutes)
        return self._grid[day]

    def starts_inside(self, window: Interval, minutes: int) -> list[int]:
        """Grid starts s with [s, s + minutes) inside the window."""
        first, last = window[0], window[1] - minutes
        if last < first:
            return []
        starts: list[int] = []
        day = self.date_of(first)
        while day <= self.date_of(last):
            grid = self.grid(day)
            starts.extend(grid[bisect_left(grid, first) : bisect_right(grid, last)])
            day += timedelta(days=1)
        return starts

    def date_bounds(self, request: Request) -> Interval:
        """[earliest, latest] of a request in solver minutes; a date means the whole day."""
        low, high = -(10**9), 10**9
        if isinstance(request.earliest, datetime):
            low = self.axis.minute(request.earliest)
        elif isinstance(request.earliest, date):
            low = self.at(request.earliest, time(0))
        if isinstance(request.latest, datetime):
            high = self.axis.minute(request.latest)
        elif isinstance(request.latest, date):
            high = self.at(request.latest + timedelta(days=1), time(0))
        return low, high

    def clear_of_fixed(self, who: str, start: int, end: int, venue: str | None) -> bool:
        """True when a meeting [start, end) at venue keeps travel time to every fixed event of `who`."""
        for event in self.fixed.get(who, ()):
            before = end + self.travel.minutes(venue, event.venue) <= event.start
            after = event.end + self.travel.minutes(event.venue, venue) <= start
            if not (before or after):
                return False
        return True

    def day_window(self, delegation_id: str, day: date) -> Interval:
        delegation = self.delegations[delegation_id]
        window = delegation.day or self.plan.day
        return self.at(day, window.start), self.at(day, window.end)

    def hotel_allows(self, delegation_id: str, start: int, end: int, venue: str | None) -> bool:
        """Rule 3 for a delegation with a hotel: time to come from it and go back to it that day.

        Asked of every meeting, not only the first and last of a date: with travel times that obey
        the triangle inequality the two are the same, and otherwise this is the safer reading.
        """
        hotel = self.delegations[delegation_id].hotel
        if hotel is None:
            return True
        day = self.date_of(start)
        day_start, day_end = self.day_window(delegation_id, day)
        events = [e for e in self.fixed.get(delegation_id, ()) if self.date_of(e.start) == day]
        came = start >= day_start + self.travel.minutes(hotel, venue) or any(e.start < start for e in events)
        goes = end <= day_end - self.travel.minutes(venue, hotel) or any(e.start >= end for e in events)
        return came and goes

    @cached_property
    def lunches(self) -> LunchFacts:
        return LunchFacts(self)

    def lunch_allows(self, delegation_id: str, start: int, end: int) -> bool:
        """Does the meeting alone leave the delegation a lunch block on its date (rule 6)?"""
        return self.lunches.allows(delegation_id, start, end)

    def covered(self, who: str, start: int, end: int) -> bool:
        """Is [start, end) inside one of the participant's free windows?"""
        free = self.free(who)
        k = bisect_right(free, (start, 10**12)) - 1
        return k >= 0 and free[k][0] <= start and end <= free[k][1]

    def clear(self, who: str, start: int, end: int, venue: str | None) -> bool:
        """Fixed events, hotel journeys and lunch leave room for a meeting [start, end) at venue."""
        if not self.clear_of_fixed(who, start, end, venue):
            return False
        if who not in self.delegation_ids:
            return True
        return self.hotel_allows(who, start, end, venue) and self.lunch_allows(who, start, end)

    def needs_clearing(self, who: str) -> bool:
        return who in self.fixed or who in self.delegation_ids

    def allowed_starts(self, who: str, starts: list[int], minutes: int, venue: str | None) -> list[int]:
        """The sorted `starts` at which `who` can take part in a meeting of `minutes` at venue.

        Each free interval (sorted, apart) holds a run of the sorted starts, found by bisecting."""
        found = []
        for low, high in self.free(who):
            found.extend(starts[bisect_left(starts, low) : bisect_right(starts, high - minutes)])
        if self.needs_clearing(who):
            found = [start for start in found if self.clear(who, start, start + minutes, venue)]
        return found

    def allowed(self, who: str, start: int, end: int, venue: str | None) -> bool:
        """Can `who` take part in a meeting [start, end) at venue, looking only at fixed facts?"""
        return self.covered(who, start, end) and self.clear(who, start, end, venue)
