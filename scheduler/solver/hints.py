"""Solution hints: the greedy schedule before the first stage, each stage's solution before the next."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.solver.board import Board
from scheduler.solver.lunch_trips import hint_trips
from scheduler.solver.variables import Variables


def hint_board(v: Variables, board: Board) -> None:
    """Hint every request variable (and lunch) with the board's placements."""
    values: dict[int, tuple[cp_model.IntVar, int]] = {}

    def hint(var: cp_model.IntVar, value: int) -> None:
        values[var.index] = (var, int(value))

    for rid, present in v.presence.items():
        placement = board.placed.get(rid)
        candidate = v.candidates[rid]
        start = placement.start if placement else candidate.starts[0]
        day = board.date_of(start)
        hint(v.start[rid], start)
        for other_day, literal in v.on_day.get(rid, {}).items():
            hint(literal, placement is not None and other_day == day)
        hint(present, placement is not None)
        for room in candidate.rooms:
            hint(v.room[(rid, room.id)], placement is not None and placement.room == room.id)
        for who in candidate.optional_starts:
            if (rid, who) in v.attends:
                joined = placement is not None and (
                    who == placement.interpreter or who in placement.optional_hosts
                )
                hint(v.attends[(rid, who)], joined)
    for first, second, literal in v.orders:
        a, b = board.placed.get(first), board.placed.get(second)
        hint(literal, a is not None and b is not None and a.start < b.start)
    for literal in v.pin_holds.values():
        hint(literal, True)
    lunches = {}
    for (delegation, day), lunch in v.lunch.items():
        lunch_start = board.earliest_lunch(delegation, day)
        low = v.model.proto.variables[lunch.index].domain[0]
        lunches[(delegation, day)] = (
            lunch_start if lunch_start is not None else low,
            lunch_start is not None,
        )
        hint(lunch, lunches[(delegation, day)][0])
        hint(v.lunch_present[(delegation, day)], lunch_start is not None)
    hint_trips(v, board, lunches, hint)
    for both, left, right in v.products:
        hint(both, values[left.index][1] and values[right.index][1])
    v.model.clear_hints()
    for var, value in values.values():
        v.model.add_hint(var, value)


def hint_values(v: Variables, solver: cp_model.CpSolver) -> None:
    """Hint every variable of the model with its value in the solver's last solution."""
    model = v.model
    count = len(model.proto.variables)
    values = [(model.get_int_var_from_proto_index(i), 0) for i in range(count)]
    model.clear_hints()
    for var, _ in values:
        model.add_hint(var, solver.value(var))
