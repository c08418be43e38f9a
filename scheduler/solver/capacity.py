"""The capacity argument: a participant (or room) cannot hold more meetings than its free time on the grid.

Every start lies on the slot grid, so a meeting of m minutes keeps its participant from starting another
one for ceil(m / slot) whole slots: on a 15-minute grid a 20-minute meeting blocks 30 minutes. The slots a
participant's meetings can cover at all (the union, over its requests, of the slots each could block) are
its free time on the grid, and the blocked slots of its meetings never overlap. Hence, per participant and
per named room (and per date where the model says on which date a meeting falls):

    sum over its meetings of ceil(minutes / slot) x attends  <=  its free slots

CP-SAT's relaxation does not see this by itself: without it a host with 7 h 30 free and 22 requests of
20 minutes reads as room for 22 x 20 min = 7 h 20, so the bound stays 7 meetings above what fits and the
priorities are never proven. The constraints are redundant (every schedule satisfies them), and the same
arithmetic, said in words, explains to the protocol officer why some requests cannot all be placed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scheduler.solver.candidates import Candidate
from scheduler.solver.facts import PlanFacts
from scheduler.solver.variables import Variables
from scheduler.solver.words import days_text


@dataclass(frozen=True)
class Capacity:
    """A participant's or a named room's free slots on the grid against what its requests would block."""

    key: str  # the participant's id, or "venue/room" for a named room
    name: str  # how a protocol officer calls it
    slot: int  # minutes of one grid slot
    free: int  # free slots: those its requests could block at all
    demand: int  # slots its requests would block if all took place
    requests: tuple[str, ...]
    days: tuple[date, ...]

    @property
    def short(self) -> bool:
        return self.demand > self.free

    def sentence(self) -> str:
        """E.g. "EUCPN Secretariat has 7 h 30 free on 29 and 31 May; its 22 requested meetings need 11 h
        on the 15-minute grid"."""
        count = len(self.requests)
        meetings = "meeting needs" if count == 1 else "meetings need"
        return (
            f"{self.name} has {hours_text(self.free * self.slot)} free on {days_text(list(self.days))}; its "
            f"{count} requested {meetings} {hours_text(self.demand * self.slot)} on the "
            f"{self.slot}-minute grid"
        )

    def fitting(self, slots_each: int) -> int:
        """How many meetings that each block `slots_each` slots its free time holds at most."""
        return self.free // max(1, slots_each)


def hours_text(minutes: int) -> str:
    """`7 h 30`, `11 h`, `45 min`."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest:02d}"


def slots_of(facts: PlanFacts, minutes: int) -> int:
    slot = facts.plan.slot_minutes
    return -(-minutes // slot)


def _cells(facts: PlanFacts, starts, minutes: int, phase: int) -> set[int] | None:
    """The grid slots that a meeting of `minutes` at any of `starts` would block (slot k runs from minute
    k x slot + phase); None when a start lies off that grid."""
    slot, blocked = facts.plan.slot_minutes, slots_of(facts, minutes)
    cells: set[int] = set()
    for start in starts:
        first, off = divmod(start - phase, slot)
        if off:
            return None
        cells.update(range(first, first + blocked))
    return cells


def _capacity(
    facts: PlanFacts, key: str, name: str, members: list[tuple[Candidate, frozenset[int] | tuple[int, ...]]]
) -> tuple[Capacity, dict[date, set[int]]] | None:
    cells: set[int] = set()
    demand = 0
    slot = facts.plan.slot_minutes
    phase = next((min(starts) % slot for _, starts in members if starts), 0)
    for candidate, starts in members:
        found = _cells(facts, starts, candidate.minutes, phase)
        if found is None:
            return None
        cells |= found
        demand += slots_of(facts, candidate.minutes)
    by_day: dict[date, set[int]] = {}
    for cell in cells:
        by_day.setdefault(facts.date_of(cell * slot + phase), set()).add(cell)
    found_capacity = Capacity(
        key, name, slot, len(cells), demand, tuple(c.id for c, _ in members), tuple(sorted(by_day))
    )
    return found_capacity, by_day


def participant_capacities(facts: PlanFacts, candidates: dict[str, Candidate]) -> list[Capacity]:
    """Every delegation's and host's capacity over the requests it must attend (those with a start)."""
    plan = facts.plan
    names = {d.id: d.name for d in plan.delegations} | {h.id: h.name for h in plan.hosts}
    members: dict[str, list[tuple[Candidate, tuple[int, ...]]]] = {}
    for candidate in candidates.values():
        if candidate.starts:
            for who in dict.fromkeys(candidate.required):
                members.setdefault(who, []).append((candidate, candidate.starts))
    found = []
    for who, listed in members.items():
        result = _capacity(facts, who, names.get(who, who), list(listed))
        if result is not None:
            found.append(result[0])
    return found


def short_capacities(facts: PlanFacts, candidates: dict[str, Candidate]) -> list[Capacity]:
    """The participants whose requests cannot all fit in their free time on the grid, most short first."""
    short = [c for c in participant_capacities(facts, candidates) if c.short]
    return sorted(short, key=lambda c: (c.free - c.demand, c.key))


def add_capacity(v: Variables) -> bool:
    """The redundant capacity constraints of each participant and named room, in all and per date.
    True when some participant or room is short of time: its requests cannot all take place."""
    facts, short = v.facts, False
    for who, parts in v.parts.items():
        members = []
        literals = []
        for part in parts:
            candidate = v.candidates[part.request]
            starts = candidate.optional_starts.get(who, ()) if part.optional else candidate.starts
            members.append((candidate, starts))
            literals.append((part, slots_of(facts, candidate.minutes)))
        result = _capacity(facts, who, who, members)
        if result is None:
            continue
        capacity, by_day = result
        if capacity.short:
            short = True
            v.model.add(sum(k * part.literal for part, k in literals) <= capacity.free)
        _per_day(v, [(p.request, k) for p, k in literals if not p.optional], by_day)
    rooms: dict[str, list[str]] = {}
    for rid, room_id in v.room:
        rooms.setdefault(room_id, []).append(rid)
    for room_id, rids in rooms.items():
        members = [(v.candidates[r], v.candidates[r].starts) for r in rids]
        result = _capacity(facts, room_id, room_id, members)
        if result is None or not result[0].short:
            continue
        short = True
        v.model.add(
            sum(slots_of(facts, v.candidates[r].minutes) * v.room[(r, room_id)] for r in rids)
            <= result[0].free
        )
    return short


def _per_day(v: Variables, members: list[tuple[str, int]], by_day: dict[date, set[int]]) -> None:
    """Per date, where every member says on which date it falls: its meetings that date fit that date."""
    if len(by_day) < 2 or any(rid not in v.on_day for rid, _ in members):
        return
    for day, cells in by_day.items():
        terms = [(k, v.on_day[rid][day]) for rid, k in members if day in v.on_day[rid]]
        if sum(k for k, _ in terms) > len(cells):
            v.model.add(sum(k * literal for k, literal in terms) <= len(cells))
