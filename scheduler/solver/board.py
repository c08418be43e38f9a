"""A partial schedule in plain Python that answers "can this request start here, and who is in the way?".

The greedy baseline fills it meeting by meeting; the explanations ask it which placed meetings block
an unscheduled request. It applies the same rules, the same way, as the CP-SAT model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from scheduler.model import PRIORITIES
from scheduler.solver.candidates import Candidate, fits, room_capacity
from scheduler.solver.facts import PlanFacts

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Placement:
    request: str
    start: int
    end: int
    venue: str | None
    room: str | None = None
    interpreter: str | None = None
    optional_hosts: tuple[str, ...] = ()


class Board:
    def __init__(self, facts: PlanFacts, candidates: dict[str, Candidate]):
        self.facts, self.candidates = facts, candidates
        self.placed: dict[str, Placement] = {}
        self._by_who: dict[str, dict[str, Placement]] = {}
        self._by_who_day: dict[tuple[str, date], dict[str, Placement]] = {}
        self._by_venue: dict[str | None, dict[str, Placement]] = {}

    def participants(self, placement: Placement) -> list[str]:
        candidate = self.candidates[placement.request]
        extra = (placement.interpreter,) if placement.interpreter else ()
        return [*candidate.required, *extra, *placement.optional_hosts]

    def meetings_of(self, who: str) -> list[Placement]:
        return list(self._by_who.get(who, {}).values())

    def meetings_near(self, who: str, day: date) -> list[Placement]:
        """Meetings of `who` on `day` and the days either side: the only ones a meeting on `day` can touch."""
        found: list[Placement] = []
        for near in (day - ONE_DAY, day, day + ONE_DAY):
            found.extend(self._by_who_day.get((who, near), {}).values())
        return found

    def meetings_on(self, who: str, day: date) -> list[str]:
        """The requests of the meetings `who` takes part in on `day`."""
        return list(self._by_who_day.get((who, day), {}))

    def at_venue(self, venue: str | None) -> list[Placement]:
        return list(self._by_venue.get(venue, {}).values())

    def store(self, placement: Placement) -> None:
        self.remove(placement.request)
        self.placed[placement.request] = placement
        self._by_venue.setdefault(placement.venue, {})[placement.request] = placement
        day = self.date_of(placement.start)
        for who in self.participants(placement):
            self._by_who.setdefault(who, {})[placement.request] = placement
            self._by_who_day.setdefault((who, day), {})[placement.request] = placement

    def remove(self, rid: str) -> None:
        old = self.placed.pop(rid, None)
        if old is not None:
            self._by_venue[old.venue].pop(rid, None)
            day = self.date_of(old.start)
            for who in self.participants(old):
                self._by_who[who].pop(rid, None)
                self._by_who_day[(who, day)].pop(rid, None)

    def date_of(self, minute: int) -> date:
        return self.facts.date_of(minute)

    # --- what stands in the way -----------------------------------------------------------

    def person_blockers(self, who: str, rid: str, start: int) -> set[str]:
        """Placed meetings of `who` that clash with `rid` at `start` (overlap, travel, lunch, day full)."""
        candidate = self.candidates[rid]
        end, venue, travel = start + candidate.minutes, candidate.venue, self.facts.travel
        day = self.date_of(start)
        blocking = set()
        for other in self.meetings_near(who, day):
            apart = other.end + travel.minutes(other.venue, venue) <= start or (
                end + travel.minutes(venue, other.venue) <= other.start
            )
            if not apart and other.request != rid:
                blocking.add(other.request)
        limit, eats = self._max_per_day(who), who in self.facts.delegation_ids
        if limit is None and not eats:
            return blocking
        same_day = [p for p in self._by_who_day.get((who, day), {}).values() if p.request != rid]
        if limit is not None and len(same_day) >= limit:
            blocking.add(self.least_important([p.request for p in same_day]))
        if eats and not self.lunch_fits(who, rid, start, same_day) and self.lunch_fits(who, rid, start, []):
            blocking.update(self._in_lunch_way(who, rid, start, same_day))
        return blocking

    def sequence_blockers(self, rid: str, start: int) -> dict[str, str]:
        """Placed meetings that rules 9 and 10 keep from `rid` at `start`, each with what it is to `rid`:
        "first" or "last" (a delegation's opening or closing that `rid` would come before or after),
        "mine" (a meeting in the way of `rid`'s own position), "before" or "after" (an order)."""
        candidate, facts = self.candidates[rid], self.facts
        end, request, blocking = start + candidate.minutes, candidate.request, {}
        for delegation_id in dict.fromkeys(request.delegations):
            if request.position in ("first", "last"):
                for other in self.meetings_of(delegation_id):
                    ahead = other.start < end if request.position == "first" else other.end > start
                    if other.request != rid and ahead:
                        blocking[other.request] = "mine"
            for marked in facts.positioned.get(delegation_id, ()):
                there = self.placed.get(marked.id)
                if there is None or marked.id == rid:
                    continue
                if (marked.position == "first" and start < there.end) or (
                    marked.position == "last" and end > there.start
                ):
                    blocking[marked.id] = marked.position or ""
        for order in facts.orders_of.get(rid, ()):
            other_id = order.before if order.after == rid else order.after
            partner = self.placed.get(other_id)
            if partner is None:
                continue
            first, second = (partner.start, partner.end), (start, end)
            if order.before == rid:
                first, second = second, first
            apart = second[0] >= first[1] + order.min_gap_minutes
            if not apart or (order.same_day and self.date_of(first[0]) != self.date_of(second[0])):
                blocking[other_id] = "before" if order.before == other_id else "after"
        return blocking

    def sequence_refuses(self, rid: str) -> str | None:
        """The request `rid` requires (rule 10) that is not placed, if any: nothing can then give way."""
        for order in self.facts.orders_of.get(rid, ()):
            if order.after == rid and order.requires and order.before not in self.placed:
                return order.before
        return None

    def least_important(self, rids: list[str]) -> str:
        """The request of lowest priority (the latest placed among equals): the first to give way."""
        return max(
            rids, key=lambda r: (PRIORITIES.index(self.facts.requests[r].priority), self.placed[r].start)
        )

    def _max_per_day(self, who: str) -> int | None:
        return self.facts.max_per_day.get(who)

    def lunch_fits(self, delegation_id: str, rid: str, start: int, mine: list[Placement]) -> bool:
        """Does a lunch block of the date, where one is due, fit around `mine` (the delegation's other
        meetings that date) and `rid` at `start`: clear of them, of the fixed events and of the trips?"""
        candidate, day = self.candidates[rid], self.date_of(start)
        meetings = [*mine, Placement(rid, start, start + candidate.minutes, candidate.venue)]
        if not self._lunch_due(delegation_id, day, meetings):
            return True
        return self._clear_lunch(delegation_id, day, meetings) is not None

    def lunch_refuses(self, rid: str, start: int) -> bool:
        """Does lunch alone rule out `rid` at `start` for one of its delegations, whatever other meeting of
        the date gave way? (Then no placed meeting is to blame: see person_blockers.)"""
        day = self.date_of(start)
        for delegation_id in dict.fromkeys(self.candidates[rid].request.delegations):
            mine = [p for p in self._by_who_day.get((delegation_id, day), {}).values() if p.request != rid]
            alone = self.lunch_fits(delegation_id, rid, start, [])
            if not alone and not self.lunch_fits(delegation_id, rid, start, mine):
                return True
        return False

    def _in_lunch_way(self, delegation_id: str, rid: str, start: int, mine: list[Placement]) -> list[str]:
        """The meetings that keep lunch out: those inside the lunch window if moving them is enough."""
        lunch, day = self.facts.plan.lunch, self.date_of(start)
        assert lunch is not None  # lunch always fits without a lunch rule
        low, high = self.facts.at(day, lunch.earliest), self.facts.at(day, lunch.latest)
        near = [p for p in mine if p.start < high and low < p.end]
        rest = [p for p in mine if not (p.start < high and low < p.end)]
        if near and self.lunch_fits(delegation_id, rid, start, rest):
            return [p.request for p in near]
        return [p.request for p in mine]

    def earliest_lunch(self, delegation_id: str, day: date) -> int | None:
        """The earliest lunch block of the date clear of the delegation's meetings, fixed events and trips,
        where one is due (None: the delegation does not meet that date, or needs no block)."""
        mine = list(self._by_who_day.get((delegation_id, day), {}).values())
        return (
            self._clear_lunch(delegation_id, day, mine) if self._lunch_due(delegation_id, day, mine) else None
        )

    def _lunch_due(self, delegation_id: str, day: date, meetings: list[Placement]) -> bool:
        """Is a block due with these meetings on the date (none of them serving lunch)?"""
        served = any(self.facts.requests[p.request].includes_lunch for p in meetings)
        return bool(meetings) and self.facts.lunches.due(delegation_id, day, served)

    def _clear_lunch(self, delegation_id: str, day: date, meetings: list[Placement]) -> int | None:
        stops = [(p.start, p.end, p.venue) for p in meetings]
        return self.facts.lunches.first_clear(delegation_id, day, stops)

    def room_choice(
        self, rid: str, start: int, prefer: str | None = None
    ) -> tuple[bool, str | None, set[str]]:
        """(fits, named room chosen (`prefer` when it is free), meetings filling the venue at that time)."""
        candidate = self.candidates[rid]
        if candidate.venue is None:
            return True, None, set()
        end = start + candidate.minutes
        at_venue = self._by_venue.get(candidate.venue, {}).values()
        here = [p for p in at_venue if p.request != rid and p.start < end and start < p.end]
        rooms = self.facts.plan.venue(candidate.venue).rooms
        if isinstance(rooms, int):
            fullest = _fullest_moment(here, start)
            if len(fullest) < rooms:
                return True, None, set()
            return (
                False,
                None,
                {p.request for p in fullest}
                if rooms == 1
                else {self.least_important([p.request for p in fullest])},
            )
        taken = {p.room for p in here}
        venue = self.facts.plan.venue(candidate.venue)
        sizes = {r.id: room_capacity(venue, r.id) for r in candidate.rooms}
        for room in sorted(
            candidate.rooms, key=lambda r: (r.id != prefer, sizes[r.id] is None, sizes[r.id] or 0)
        ):
            if room.id not in taken:
                return True, room.id, set()
        by_room = [[p.request for p in here if p.room == room.id] for room in candidate.rooms]
        if not by_room:
            return False, None, set()
        cheapest = min(by_room, key=self._weight)
        return False, None, set(cheapest)

    def _weight(self, rids: list[str]) -> tuple[int, int]:
        """How much moving these meetings costs: the most important priority among them, then how many."""
        ranks = [len(PRIORITIES) - PRIORITIES.index(self.facts.requests[r].priority) for r in rids]
        return max(ranks, default=0), len(rids)

    # --- placing --------------------------------------------------------------------------

    def try_place(
        self,
        rid: str,
        start: int,
        room: str | None = None,
        interpreter: str | None = None,
        invite: bool = True,
    ) -> Placement | None:
        """Place `rid` at `start` if every rule allows it, choosing its room and interpreter (`room` and
        `interpreter` when they are free) and, if `invite`, the optional hosts who are free."""
        candidate = self.candidates[rid]
        if any(self.person_blockers(who, rid, start) for who in candidate.required):
            return None
        if self.lunch_refuses(rid, start):
            return None
        if self.sequence_refuses(rid) is not None or self.sequence_blockers(rid, start):
            return None
        fits_room, room, _ = self.room_choice(rid, start, room)
        if not fits_room:
            return None
        chosen = None
        if candidate.interpreter_attends:
            choices = sorted(candidate.interpreters, key=lambda i: i != interpreter)
            chosen = next((i for i in choices if self._free(i, rid, start)), None)
            if chosen is None:
                return None
        placement = Placement(rid, start, start + candidate.minutes, candidate.venue, room, chosen)
        self.store(placement)
        if invite:
            self.invite_optional_hosts(placement)
        return self.placed[rid]

    def _free(self, who: str, rid: str, start: int) -> bool:
        allowed = self.candidates[rid].optional_starts.get(who, ())
        return start in allowed and not self.person_blockers(who, rid, start)

    def invite_optional_hosts(self, placement: Placement) -> None:
        candidate = self.candidates[placement.request]
        capacity = self._capacity(placement)
        persons, joined = candidate.persons, []
        for host in candidate.optional:
            size = self.facts.plan.host(host).size
            if self._free(host, placement.request, placement.start) and fits(capacity, persons + size):
                joined.append(host)
                persons += size
                self.store(_with_hosts(placement, joined))

    def _capacity(self, placement: Placement) -> int | None:
        if placement.venue is None:
            return None
        return room_capacity(self.facts.plan.venue(placement.venue), placement.room)


def _fullest_moment(here: list[Placement], start: int) -> list[Placement]:
    """Of the meetings overlapping a new one that starts at `start`, those under way together at the
    moment when most are: a venue's count of rooms bounds the meetings at any one moment (rule 4), not
    all those a new meeting overlaps (two may end before another begins)."""
    moments = {start} | {p.start for p in here if p.start > start}
    together = ([p for p in here if p.start <= t < p.end] for t in moments)
    return max(together, key=len, default=[])


def _with_hosts(placement: Placement, hosts: list[str]) -> Placement:
    return Placement(
        placement.request,
        placement.start,
        placement.end,
        placement.venue,
        placement.room,
        placement.interpreter,
        tuple(hosts),
    )
