"""For each request, everything that can be decided before search: who must be there, where, how many
persons, which interpreters and rooms qualify, and the grid starts that every fixed fact allows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scheduler.interpretation import can_interpret, needs_interpreter
from scheduler.model import INTERPRETER_AUTO, INTERPRETER_NONE, Plan, Request, Room, Venue
from scheduler.solver.facts import PlanFacts, overlap


@dataclass
class Candidate:
    request: Request
    venue: str | None
    required: tuple[str, ...]
    optional: tuple[str, ...]
    persons: int
    needs_interpreter: bool
    interpreters: tuple[str, ...]
    starts: tuple[int, ...] = ()
    optional_starts: dict[str, frozenset[int]] = field(default_factory=dict)
    capacity: int | None = None
    rooms: tuple[Room, ...] = ()

    @property
    def id(self) -> str:
        return self.request.id

    @property
    def minutes(self) -> int:
        return self.request.minutes

    @property
    def interpreter_attends(self) -> bool:
        return self.needs_interpreter and self.request.interpreter != INTERPRETER_NONE


def interpreter_choices(plan: Plan, request: Request, needed: bool) -> tuple[str, ...]:
    """Who may interpret: the named one if qualified, else every qualified one (none if not needed)."""
    if not needed or request.interpreter == INTERPRETER_NONE:
        return ()
    if request.interpreter != INTERPRETER_AUTO:
        return (
            (request.interpreter,)
            if can_interpret(plan, request, plan.interpreter(request.interpreter).languages)
            else ()
        )
    return tuple(i.id for i in plan.interpreters if can_interpret(plan, request, i.languages))


def base_persons(plan: Plan, request: Request, interpreter: bool) -> int:
    sizes = [plan.delegation(d).size for d in request.delegations] + [
        plan.host(h).size for h in request.hosts
    ]
    return sum(sizes) + (1 if interpreter else 0)


def fits(capacity: int | None, persons: int) -> bool:
    return capacity is None or persons <= capacity


def room_capacity(venue: Venue, room_id: str | None) -> int | None:
    """A named room's capacity (the venue's when the room gives none); the venue's for counted rooms."""
    if isinstance(venue.rooms, int):
        return venue.capacity
    room = next(r for r in venue.rooms if r.id == room_id)
    return room.capacity if room.capacity is not None else venue.capacity


def describe_candidate(facts: PlanFacts, request: Request) -> Candidate:
    """The candidate without its starts: participants, venue, persons, interpreters, rooms."""
    plan = facts.plan
    needed = needs_interpreter(plan, request)
    candidate = Candidate(
        request=request,
        venue=plan.request_venue(request),
        required=(*request.delegations, *request.hosts),
        optional=tuple(h for h in dict.fromkeys(request.optional_hosts) if h not in request.hosts),
        persons=0,
        needs_interpreter=needed,
        interpreters=interpreter_choices(plan, request, needed),
    )
    candidate.persons = base_persons(plan, request, candidate.interpreter_attends)
    if candidate.venue is not None:
        venue = plan.venue(candidate.venue)
        if isinstance(venue.rooms, int):
            candidate.capacity = venue.capacity
        else:
            candidate.rooms = tuple(
                r for r in venue.rooms if fits(room_capacity(venue, r.id), candidate.persons)
            )
    return candidate


def room_blocked(facts: PlanFacts, candidate: Candidate) -> bool:
    if candidate.venue is None:
        return False
    venue = facts.plan.venue(candidate.venue)
    if isinstance(venue.rooms, int):
        return venue.rooms < 1 or not fits(venue.capacity, candidate.persons)
    return not candidate.rooms


def common_starts(facts: PlanFacts, candidate: Candidate) -> list[int]:
    """Grid starts inside [earliest, latest] where every required participant is free and clear."""
    windows = [facts.date_bounds(candidate.request)]
    for who in candidate.required:
        windows = overlap(windows, facts.free(who))
    length, venue = candidate.minutes, candidate.venue
    checked = [who for who in candidate.required if facts.needs_clearing(who)]
    starts = []
    for window in windows:
        for start in facts.starts_inside(window, length):
            if all(facts.clear(who, start, start + length, venue) for who in checked):
                starts.append(start)
    return starts


def build_candidate(facts: PlanFacts, request: Request) -> Candidate:
    candidate = describe_candidate(facts, request)
    if room_blocked(facts, candidate) or (candidate.needs_interpreter and not candidate.interpreters):
        return candidate
    starts = common_starts(facts, candidate)
    if candidate.interpreter_attends:
        candidate.optional_starts.update(_allowed_starts(facts, candidate, candidate.interpreters, starts))
        served = set().union(*candidate.optional_starts.values())
        starts = [s for s in starts if s in served]
    candidate.optional_starts.update(_allowed_starts(facts, candidate, candidate.optional, starts))
    candidate.starts = tuple(starts)
    return candidate


def _allowed_starts(
    facts: PlanFacts, candidate: Candidate, people: tuple[str, ...], starts: list[int]
) -> dict[str, frozenset[int]]:
    """Each person's starts among `starts`. Those free at every start share one set: on the 800-meeting
    peer set, a set per person held 7 million entries (over 400 MB) where 1.5 million say the same."""
    allowed, every = {}, None
    for who in people:
        found = facts.allowed_starts(who, starts, candidate.minutes, candidate.venue)
        if len(found) == len(starts):
            every = every if every is not None else frozenset(starts)
            allowed[who] = every
        else:
            allowed[who] = frozenset(found)
    return allowed


def build_candidates(facts: PlanFacts) -> dict[str, Candidate]:
    return {r.id: build_candidate(facts, r) for r in facts.plan.requests}
