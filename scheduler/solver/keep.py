"""Re-planning close to an earlier programme: which of its meetings could stay where they were, and the
criterion that counts those that do.

Staff re-solve after something changed: a host cancels a day, a request is added. The delegations
already hold the published programme in their calendars, and a meeting that moves without need costs
them more than a normal or low meeting more would bring. So, with an earlier programme to keep, the
objective of DESIGN.md gets criteria in front of its priorities:
  1. (only when the greedy start below leaves one out) as many must, then high meetings as possible,
     leaving aside those the earlier programme left out (the change is no reason to move others for
     them), and among those the most meetings at their time (a search cut short has then moved little);
  2. as many meetings as possible left at their time (then in their room, with their interpreter),
     without doing worse on priorities than the start: the greedy schedule that first leaves every
     meeting that still can stay where it was, then places the others (new ones, and those the change
     moved) in priority order;
  3. the priorities, then optional hosts, travel, compact days and earlier starts, as always.
A meeting thus moves only when the change leaves it no place, to make room for a must or high meeting
that is new or that the change moved, or to fit in more than the start could; staff who want the best
programme from scratch solve without keeping it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.model import Kept
from scheduler.solver.board import Board
from scheduler.solver.candidates import Candidate
from scheduler.solver.facts import PlanFacts
from scheduler.solver.variables import Variables


@dataclass(frozen=True)
class Place:
    start: int
    room: str | None = None
    interpreter: str | None = None


@dataclass(frozen=True)
class Earlier:
    """An earlier programme in solver terms: `places`, its meetings the plan still asks for at a start
    the request may still take; `left_out`, the requests it did not schedule."""

    places: dict[str, Place]
    left_out: frozenset[str]


def earlier_programme(facts: PlanFacts, candidates: dict[str, Candidate], keep: Iterable[Kept]) -> Earlier:
    places: dict[str, Place] = {}
    left_out = set()
    for kept in keep:
        candidate = candidates.get(kept.request)
        if candidate is None:
            continue
        if kept.start is None:
            left_out.add(kept.request)
            continue
        start = facts.axis.minute(kept.start)
        if start in candidate.starts:
            places[kept.request] = Place(start, kept.room, kept.interpreter)
    return Earlier(places, frozenset(left_out))


class Keeping:
    """The literals saying which kept meetings stay, made once for the stages that count them."""

    def __init__(self, v: Variables, earlier: Earlier):
        self.v, self.places, self.left_out = v, earlier.places, earlier.left_out
        self._at_time: list[cp_model.IntVar] | None = None
        self._details: list[cp_model.IntVar] = []

    def at_time(self) -> list[cp_model.IntVar]:
        """One literal per kept meeting the model can place: it is at its kept start."""
        if self._at_time is None:
            self._at_time = []
            model = self.v.model
            for rid, place in self.places.items():
                if rid not in self.v.presence:
                    continue
                stays = model.new_bool_var(f"kept[{rid}]")
                model.add(self.v.start[rid] == place.start).only_enforce_if(stays)
                model.add_implication(stays, self.v.presence[rid])
                now = self.v.current.get(rid)  # hinted from the schedule the stage starts from
                at = now is not None and now.start == place.start
                model.add_hint(stays, at)
                self._at_time.append(stays)
                room = self.v.room.get((rid, place.room)) if place.room is not None else None
                interpreter = (
                    self.v.attends.get((rid, place.interpreter)) if place.interpreter is not None else None
                )
                found = (
                    (room, at and now is not None and now.room == place.room),
                    (interpreter, at and now is not None and now.interpreter == place.interpreter),
                )
                for literal, alike in ((x, hint) for x, hint in found if x is not None):
                    same = model.new_bool_var(f"kept[{rid}] alike")
                    model.add_implication(same, stays)
                    model.add_implication(same, literal)
                    model.add_hint(same, alike)
                    self._details.append(same)
        return self._at_time

    def term(self) -> cp_model.LinearExpr | int:
        """The meetings left at their time, each worth more than every room and interpreter left unchanged
        together, so that the count of meetings at their time comes first."""
        at_time = self.at_time()
        if not at_time:
            return 0
        return (len(self._details) + 1) * sum(at_time) + sum(self._details)

    def first_term(self) -> cp_model.LinearExpr | int:
        """The must meetings scheduled, then the high ones (but those the earlier programme left out),
        then, to break ties so that a search cut short has moved as little as it could, the kept
        meetings at their time."""
        v, at_time = self.v, self.at_time()
        first = first_requests(v, self.left_out)
        highs = sum(1 for rid in first if v.candidates[rid].request.priority == "high")
        weights = {"must": highs + 1, "high": 1}
        placed = sum(weights[v.candidates[rid].request.priority] * v.presence[rid] for rid in first)
        return (len(at_time) + 1) * placed + sum(at_time)


def first_requests(v: Variables, left_out: frozenset[str]) -> list[str]:
    """The must and high requests a kept meeting makes room for: all but those the earlier programme
    left out (they were out before the change, and the change is no reason to move others for them)."""
    first = ("must", "high")
    return [rid for rid in v.presence if v.candidates[rid].request.priority in first and rid not in left_out]


def first_left(v: Variables, board: Board, earlier: Earlier) -> bool:
    """Does `board` leave out a must or high meeting a kept meeting would make room for?"""
    return any(rid not in board.placed for rid in first_requests(v, earlier.left_out))
