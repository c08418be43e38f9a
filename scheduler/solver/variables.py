"""The CP-SAT variables of a plan, and the one place that knows how they are indexed.

One optional interval per request (presence = scheduled) on the candidate starts; one literal per date
the request may fall on, where a rule or criterion asks for it; one attendance literal and interval per
optional host and interpreter choice; one literal per named room that fits; one lunch interval per
delegation and date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ortools.sat.python import cp_model

from scheduler.solver.board import Placement
from scheduler.solver.candidates import Candidate
from scheduler.solver.facts import PlanFacts


@dataclass(frozen=True)
class Part:
    """A participant's possible part in one request: attends when `literal` is true."""

    request: str
    literal: cp_model.IntVar
    interval: cp_model.IntervalVar
    optional: bool


@dataclass(frozen=True)
class LunchSide:
    """A meeting, or the fixed events ending (or starting) at one moment, that may lie just before (or
    just after) a lunch block: there when `literal` is true (None: there whatever the block's start)."""

    literal: cp_model.IntVar | None
    moment: cp_model.LinearExpr | int  # its end (before the block) or its start (after it)
    venues: frozenset[str | None]
    request: str | None = None  # the meeting's request; None for fixed events


@dataclass(frozen=True)
class Nearest:
    """Which side lies nearest the block (`picks`, or `nothing` when none may be empty), when and where."""

    sides: list[LunchSide]
    picks: list[cp_model.IntVar]
    nothing: cp_model.IntVar | None
    moment: cp_model.IntVar
    place: cp_model.IntVar
    places: list[frozenset[str | None]]
    latest: bool  # the side before the block (the latest end); else the one after it (the earliest start)


@dataclass(frozen=True)
class LunchTrip:
    """The variables that keep a delegation's lunch block of a date off the trip between the commitment
    just before it and the one just after it (solver.lunch_trips)."""

    delegation: str
    day: date
    before: Nearest
    after: Nearest
    trip: cp_model.IntVar
    trip_first: cp_model.IntVar
    table: list[int]


class Variables:
    def __init__(
        self,
        model: cp_model.CpModel,
        facts: PlanFacts,
        candidates: dict[str, Candidate],
        pins: dict[str, int] | None = None,
    ):
        self.model, self.facts, self.candidates = model, facts, candidates
        self.pins = dict(pins or {})
        self.pin_holds: dict[str, cp_model.IntVar] = {}
        self.orders: list[tuple[str, str, cp_model.IntVar]] = []
        """(a, b, literal): a comes before b, for meetings of one participant at different venues."""
        self.products: list[tuple[cp_model.IntVar, cp_model.IntVar, cp_model.IntVar]] = []
        """(both, first, second): both is at least first and second (meetings per day of optional people)."""
        self.current: dict[str, Placement] = {}
        """The best schedule so far, to hint variables that a later objective stage adds."""
        self.presence: dict[str, cp_model.IntVar] = {}
        self.start: dict[str, cp_model.IntVar] = {}
        self.interval: dict[str, cp_model.IntervalVar] = {}
        self.on_day: dict[str, dict[date, cp_model.IntVar]] = {}
        self.attends: dict[tuple[str, str], cp_model.IntVar] = {}
        self.room: dict[tuple[str, str], cp_model.IntVar] = {}
        self.lunch: dict[tuple[str, date], cp_model.IntVar] = {}
        """The start of a delegation's lunch block on a date where one may be due."""
        self.lunch_present: dict[tuple[str, date], cp_model.IntVar] = {}
        """True when that block is due: the delegation meets that date and no meeting serves lunch."""
        self.lunch_trips: list[LunchTrip] = []
        self.parts: dict[str, list[Part]] = {}
        self._starts_by_day: dict[str, dict[date, list[int]]] = {}
        self.gaps: dict[tuple[str, date], list[tuple[int, cp_model.IntVar]]] = {}
        """Per delegation and date with a travel circuit: (minutes, arc) such that the sum over the arcs
        taken is at most the time from the day's first start to its last end (see objective.idle_term)."""
        for candidate in candidates.values():
            if candidate.starts:
                self._add_request(candidate)

    @property
    def placeable(self) -> list[Candidate]:
        return [self.candidates[r] for r in self.presence]

    def _add_request(self, candidate: Candidate) -> None:
        model, rid = self.model, candidate.id
        present = model.new_bool_var(f"present[{rid}]")
        start = model.new_int_var_from_domain(cp_model.Domain.from_values(candidate.starts), f"start[{rid}]")
        interval = model.new_optional_fixed_size_interval_var(start, candidate.minutes, present, f"at[{rid}]")
        self.presence[rid], self.start[rid], self.interval[rid] = present, start, interval
        for who in candidate.required:
            self.parts.setdefault(who, []).append(Part(rid, present, interval, False))
        for who, allowed in candidate.optional_starts.items():
            if not allowed:
                continue
            literal = model.new_bool_var(f"attends[{rid},{who}]")
            part = model.new_optional_fixed_size_interval_var(
                start, candidate.minutes, literal, f"at[{rid},{who}]"
            )
            self.attends[(rid, who)] = literal
            self.parts.setdefault(who, []).append(Part(rid, literal, part, True))
        if self._counts_days(candidate):
            days = sorted({self.facts.date_of(s) for s in candidate.starts})
            if len(days) == 1:
                self.on_day[rid] = {days[0]: present}
            else:
                self.on_day[rid] = {day: model.new_bool_var(f"day[{rid},{day}]") for day in days}
        for room in candidate.rooms:
            self.room[(rid, room.id)] = model.new_bool_var(f"room[{rid},{room.id}]")

    def _counts_days(self, candidate: Candidate) -> bool:
        """Does any rule or criterion ask on which date the request falls? Lunch, compact days and
        travel ask it of a delegation's meetings, a maximum per day of its holder's, rule 10 of a request
        in an order kept to one date. Without the question no date literal is made: the 800-meeting peer
        set, over 72 dates, would have 57,000 of them."""
        facts = self.facts
        if any(o.same_day for o in facts.orders_of.get(candidate.id, ())):
            return True
        people = (*candidate.required, *candidate.optional_starts)
        return any(who in facts.delegation_ids or facts.max_per_day.get(who) is not None for who in people)

    def end(self, rid: str) -> cp_model.LinearExpr:
        return self.start[rid] + self.candidates[rid].minutes

    def starts_on(self, rid: str, day: date) -> list[int]:
        """The request's candidate starts on `day`, grouped once per request: asked for every date of a
        request, a scan of all its starts each time took 10 s on the 800-meeting peer set."""
        by_day = self._starts_by_day.get(rid)
        if by_day is None:
            by_day = self._starts_by_day[rid] = {}
            for start in self.candidates[rid].starts:
                by_day.setdefault(self.facts.date_of(start), []).append(start)
        return by_day.get(day, [])

    def attendance(self, rid: str, who: str) -> cp_model.IntVar | None:
        """The literal saying `who` takes part in `rid` (the presence itself for a required participant)."""
        if who in self.candidates[rid].required:
            return self.presence.get(rid)
        return self.attends.get((rid, who))
