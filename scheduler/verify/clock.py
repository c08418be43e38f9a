"""Wall time, travel times and working windows as the verifier computes them, from the plan alone.

Kept apart from the time axis and the solver on purpose: the verifier re-derives every instant
with zoneinfo, so a mistake in the solver's arithmetic shows up as a violation instead of hiding.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from scheduler.model import DayWindow, Host, Interpreter, Plan, Window

Span = tuple[datetime, datetime]
"""Two UTC instants, start included, end excluded."""

EARTH_RADIUS_KM = 6371.0
ROAD_FACTOR = 1.3
KM_PER_HOUR = 40.0


class Clock:
    """Instants and local dates in the plan's time zone."""

    def __init__(self, timezone: str):
        self.zone = ZoneInfo(timezone)

    def instant(self, moment: datetime) -> datetime:
        """The UTC instant of a moment; a naive one is wall time in the plan's zone."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.zone)
        return moment.astimezone(UTC)

    def at(self, day: date, clock: time) -> datetime:
        return self.instant(datetime.combine(day, clock))

    def local(self, moment: datetime) -> datetime:
        return self.instant(moment).astimezone(self.zone)

    def date_of(self, moment: datetime) -> date:
        return self.local(moment).date()

    def span(self, window: Window) -> Span:
        return self.instant(window.start), self.instant(window.end)

    def day_span(self, day: date, hours: DayWindow) -> Span:
        return self.at(day, hours.start), self.at(day, hours.end)

    def clock_text(self, moment: datetime) -> str:
        return self.local(moment).strftime("%H:%M")

    def date_text(self, moment: datetime | date) -> str:
        day = self.date_of(moment) if isinstance(moment, datetime) else moment
        return f"{day.day} {day.strftime('%B %Y')}"

    def when_text(self, start: datetime, end: datetime) -> str:
        """`23 April 2024 09:00-10:00`, or both dates when the span crosses midnight."""
        if self.date_of(start) == self.date_of(end):
            return f"{self.date_text(start)} {self.clock_text(start)}-{self.clock_text(end)}"
        start_text = f"{self.date_text(start)} {self.clock_text(start)}"
        return f"{start_text} to {self.date_text(end)} {self.clock_text(end)}"


def minutes_between(first: datetime, second: datetime) -> float:
    """Real elapsed minutes between two aware instants (never wall-clock difference)."""
    return (second.astimezone(UTC) - first.astimezone(UTC)).total_seconds() / 60


def date_range(first: date, last: date) -> list[date]:
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


# --- travel ---------------------------------------------------------------------------------


class TravelTimes:
    """Door-to-door minutes between venues: rows first, then coordinates, then the plan's default."""

    def __init__(self, plan: Plan):
        self.default = plan.default_travel_minutes
        self.rows: dict[tuple[str, str], int] = {}
        for row in plan.travel:
            self.rows[(row.from_, row.to)] = row.minutes
        for row in plan.travel:
            self.rows.setdefault((row.to, row.from_), row.minutes)
        self.places = {v.id: (v.lat, v.lon) for v in plan.venues if v.lat is not None and v.lon is not None}

    def minutes(self, origin: str | None, destination: str | None) -> int:
        if origin is None or destination is None or origin == destination:
            return 0
        if (origin, destination) in self.rows:
            return self.rows[(origin, destination)]
        if origin in self.places and destination in self.places:
            return coordinate_minutes(self.places[origin], self.places[destination])
        return self.default


def coordinate_minutes(origin: tuple[float, float], destination: tuple[float, float]) -> int:
    """Great-circle km x 1.3 at 40 km/h, rounded up to whole 5 minutes."""
    km = great_circle_km(origin, destination)
    minutes = km * ROAD_FACTOR / KM_PER_HOUR * 60
    return 5 * math.ceil(round(minutes, 6) / 5)


def great_circle_km(origin: tuple[float, float], destination: tuple[float, float]) -> float:
    lat1, lon1 = (math.radians(x) for x in origin)
    lat2, lon2 = (math.radians(x) for x in destination)
    half = (
        math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(half)))


# --- when a participant can meet (rule 2) ----------------------------------------------------


def merged(spans: list[Span]) -> list[Span]:
    """Sorted spans with touching or overlapping ones joined."""
    result: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def working_dates(plan: Plan) -> list[date]:
    """The dates a host or interpreter without windows of its own is assumed to work."""
    if plan.delegations:
        first = min(d.arrive.date() for d in plan.delegations)
        last = max(d.depart.date() for d in plan.delegations)
        return date_range(first, last)
    moments = [p.start for p in plan.pinned]
    people: tuple[Host | Interpreter, ...] = (*plan.hosts, *plan.interpreters)
    for person in people:
        for window in (*person.available, *person.unavailable):
            moments += [window.start, window.end]
    for event in plan.fixed:
        moments += [event.start, event.end]
    if not moments:
        return []
    return date_range(min(moments).date(), max(moments).date())


def free_spans(plan: Plan, clock: Clock, participant_id: str) -> tuple[list[Span], list[Span]]:
    """(when the participant may meet, when it may not) as UTC spans."""
    delegation = next((d for d in plan.delegations if d.id == participant_id), None)
    if delegation is not None:
        hours = delegation.day or plan.day
        stay = clock.instant(delegation.arrive), clock.instant(delegation.depart)
        spans = []
        for day in date_range(delegation.arrive.date(), delegation.depart.date()):
            start, end = clock.day_span(day, hours)
            spans.append((max(start, stay[0]), min(end, stay[1])))
        return merged(spans), [clock.span(w) for w in delegation.unavailable]
    people: tuple[Host | Interpreter, ...] = (*plan.hosts, *plan.interpreters)
    person = next(p for p in people if p.id == participant_id)
    if person.available:
        spans = [clock.span(w) for w in person.available]
    else:
        spans = [clock.day_span(day, plan.day) for day in working_dates(plan)]
    return merged(spans), [clock.span(w) for w in person.unavailable]
