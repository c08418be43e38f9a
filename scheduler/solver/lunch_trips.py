"""Rule 6's travel clause in CP-SAT: a lunch block lies on no trip between two commitments.

The block may lie between the delegation's commitment just before it (at venue X, ending at e) and
the one just after it (at venue Y, starting at s) only with the whole trip X -> Y on one side:
start >= e + travel or start + minutes + travel <= s. "Just before" and "just after" are stated
exactly: e is the latest end among the commitments of the date that end by the block's start and X
the venue of that commitment (s and Y likewise), so no trip between commitments further away is
asked for, whatever the travel times. Commitments are the delegation's meetings of the date and its
fixed events touching the date; fixed events ending (or starting) together count with every venue.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ortools.sat.python import cp_model

from scheduler.solver.board import Board
from scheduler.solver.variables import LunchSide, LunchTrip, Nearest, Part, Variables


def keep_trips_clear(
    v: Variables,
    delegation_id: str,
    day: date,
    start: cp_model.IntVar,
    present: cp_model.IntVar,
    parts: list[Part],
) -> None:
    lunches = v.facts.lunches
    minutes, starts = lunches.minutes, lunches.starts(delegation_id, day)
    fixed = lunches.fixed_stops(delegation_id, day)
    places = {v.candidates[p.request].venue for p in parts} | {stop[2] for stop in fixed}
    if not any(v.facts.travel.minutes(a, b) for a in places for b in places):
        return  # every commitment of the date is at one place: no trip to keep clear of
    before, after = _meeting_sides(v, day, start, present, parts, starts[0], starts[-1])
    fixed_before, fixed_after = _fixed_sides(v, fixed, start, starts)
    midnight, next_midnight = lunches.day_span(day)
    last = _nearest(v, before + fixed_before, midnight, starts[-1], latest=True)
    then = _nearest(v, after + fixed_after, starts[0] + minutes, next_midnight, latest=False)
    table = [_trip(v, a, b) for a in last.places for b in then.places]
    trip = v.model.new_int_var(0, max(table), "")  # from the place just before to the place just after
    v.model.add_element(last.place * len(then.places) + then.place, table, trip)
    trip_first = v.model.new_bool_var("")
    v.model.add(start >= last.moment + trip).only_enforce_if([present, trip_first])
    v.model.add(start + minutes + trip <= then.moment).only_enforce_if([present, ~trip_first])
    v.lunch_trips.append(LunchTrip(delegation_id, day, last, then, trip, trip_first, table))


def _venue_key(venues: frozenset[str | None]) -> list[str]:
    return sorted(str(venue) for venue in venues)


def _trip(v: Variables, earlier: frozenset, later: frozenset) -> int:
    return max((v.facts.travel.minutes(a, b) for a in earlier for b in later), default=0)


def _meeting_sides(v: Variables, day: date, start, present, parts: list[Part], low: int, high: int):
    """One literal per side a meeting of the date can take: it is that date, the block is there, and
    the meeting ends by the block's start (before) or starts after its end (after)."""
    minutes = v.facts.lunches.minutes
    before: list[LunchSide] = []
    after: list[LunchSide] = []
    for part in parts:
        rid, candidate = part.request, v.candidates[part.request]
        on, venues = v.on_day[rid][day], frozenset({candidate.venue})
        sides = []
        if any(s + candidate.minutes <= high for s in v.starts_on(rid, day)):
            literal = _side_literal(v, on, present)
            v.model.add(v.end(rid) <= start).only_enforce_if(literal)
            before.append(LunchSide(literal, v.end(rid), venues, rid))
            sides.append(literal)
        if any(s >= low + minutes for s in v.starts_on(rid, day)):
            literal = _side_literal(v, on, present)
            v.model.add(v.start[rid] >= start + minutes).only_enforce_if(literal)
            after.append(LunchSide(literal, v.start[rid], venues, rid))
            sides.append(literal)
        v.model.add_bool_or([~on, ~present, *sides])
    return before, after


def _side_literal(v: Variables, on, present) -> cp_model.IntVar:
    literal = v.model.new_bool_var("")
    v.model.add_implication(literal, on)
    v.model.add_implication(literal, present)
    return literal


def _fixed_sides(v: Variables, stops, start, starts: list[int]) -> tuple[list[LunchSide], list[LunchSide]]:
    """Fixed events by the moment they end (before the block) and start (after it): one literal per
    moment that holds exactly when the block starts at or after it (or ends by it)."""
    minutes = v.facts.lunches.minutes
    before: list[LunchSide] = []
    after: list[LunchSide] = []
    for end in sorted({stop[1] for stop in stops}):
        venues = frozenset(stop[2] for stop in stops if stop[1] == end)
        if end <= starts[0]:
            before.append(LunchSide(None, end, venues))
        elif end <= starts[-1]:
            literal = v.model.new_bool_var("")
            v.model.add(start >= end).only_enforce_if(literal)
            v.model.add(start < end).only_enforce_if(~literal)
            before.append(LunchSide(literal, end, venues))
    for begin in sorted({stop[0] for stop in stops}):
        venues = frozenset(stop[2] for stop in stops if stop[0] == begin)
        if begin >= starts[-1] + minutes:
            after.append(LunchSide(None, begin, venues))
        elif begin >= starts[0] + minutes:
            literal = v.model.new_bool_var("")
            v.model.add(start + minutes <= begin).only_enforce_if(literal)
            v.model.add(start + minutes > begin).only_enforce_if(~literal)
            after.append(LunchSide(literal, begin, venues))
    return before, after


def _nearest(v: Variables, sides: list[LunchSide], low: int, high: int, latest: bool) -> Nearest:
    """The side nearest the block, when and where (index into `places`, 0: none): the latest end
    before it (`latest`) or the earliest start after it."""
    model = v.model
    places = [frozenset(), *sorted({side.venues for side in sides}, key=_venue_key)]
    moment, place = model.new_int_var(low, high, ""), model.new_int_var(0, len(places) - 1, "")
    picks = []
    for side in sides:
        pick = model.new_bool_var("")
        reach = (moment >= side.moment) if latest else (moment <= side.moment)
        if side.literal is None:
            model.add(reach)
        else:
            model.add_implication(pick, side.literal)
            model.add(reach).only_enforce_if(side.literal)
        model.add(moment <= side.moment if latest else moment >= side.moment).only_enforce_if(pick)
        model.add(place == places.index(side.venues)).only_enforce_if(pick)
        picks.append(pick)
    nothing = None
    literals = [side.literal for side in sides if side.literal is not None]
    if len(literals) == len(sides):  # there may be nothing on that side
        nothing = model.new_bool_var("")
        for literal in literals:
            model.add_implication(nothing, ~literal)
        model.add(place == 0).only_enforce_if(nothing)
        model.add(moment == (low if latest else high)).only_enforce_if(nothing)
    model.add_exactly_one([*picks, *([nothing] if nothing is not None else [])])
    return Nearest(sides, picks, nothing, moment, place, places, latest)


def hint_trips(
    v: Variables,
    board: Board,
    lunches: dict[tuple[str, date], tuple[int, bool]],
    hint: Callable[[cp_model.IntVar, int], None],
) -> None:
    """Hint the trip variables from the board: its meetings and `lunches`, the hinted start of each
    delegation's lunch block of a date and whether the block is there."""
    for trip in v.lunch_trips:
        start, present = lunches[(trip.delegation, trip.day)]
        mine = [
            p for p in board.meetings_of(trip.delegation) if present and board.date_of(p.start) == trip.day
        ]
        last = _hint_nearest(v, trip.before, mine, start, hint)
        then = _hint_nearest(v, trip.after, mine, start, hint)
        minutes = trip.table[last[1] * len(trip.after.places) + then[1]]
        hint(trip.trip, minutes)
        hint(trip.trip_first, start >= last[0] + minutes)


def _hint_nearest(
    v: Variables, nearest: Nearest, mine: list, start: int, hint: Callable[[cp_model.IntVar, int], None]
) -> tuple[int, int]:
    """Hint which side lies nearest the block at `start`, among `mine` (the meetings of the date, none
    when the block is not there) and the fixed events; return its moment and place index."""
    latest, minutes, meetings = nearest.latest, v.facts.lunches.minutes, {p.request: p for p in mine}
    held = []
    for k, side in enumerate(nearest.sides):
        if side.request is not None:
            meeting = meetings.get(side.request)
            there = meeting is not None and (
                meeting.end <= start if latest else meeting.start >= start + minutes
            )
            moment = 0 if meeting is None else (meeting.end if latest else meeting.start)
        else:
            assert isinstance(side.moment, int)  # a fixed event's moment is known
            there = side.literal is None or (
                side.moment <= start if latest else start + minutes <= side.moment
            )
            moment = side.moment
        if side.literal is not None:
            hint(side.literal, there)
        if there:
            held.append((moment if latest else -moment, k))
    chosen = max(held, default=None)
    for k, pick in enumerate(nearest.picks):
        hint(pick, chosen is not None and chosen[1] == k)
    if nearest.nothing is not None:
        hint(nearest.nothing, chosen is None)
    domain = list(v.model.proto.variables[nearest.moment.index].domain)  # the proto's [-1] reads 0
    moment = (chosen[0] if latest else -chosen[0]) if chosen else (domain[0] if latest else domain[-1])
    place = nearest.places.index(nearest.sides[chosen[1]].venues) if chosen else 0
    hint(nearest.moment, moment)
    hint(nearest.place, place)
    return moment, place
