"""Checks of a request as a meeting: who attends, where it takes place, whether the room is big
enough and whether the parties can understand each other (DESIGN rules 1, 4 and 5). A party too big
for every room is a warning: the plan is still saved and solved, and that request left unscheduled."""

from __future__ import annotations

from scheduler.interpretation import can_interpret, listed, needs_interpreter, parties, parties_languages
from scheduler.languages.codes import language_name
from scheduler.model import INTERPRETER_AUTO, INTERPRETER_NONE, Plan, Request, Venue
from scheduler.problems import WARNING, Problem


def check_requests(plan: Plan, sound: set[int], languages_known: bool = True) -> list[Problem]:
    """`sound` holds the indexes of requests whose ids all resolve; only those are looked at deeper.
    Interpretation is judged only when every language code is known (a typo would mislead it)."""
    problems = []
    venues = {venue.id for venue in plan.venues}
    interpretable: dict[tuple[frozenset[str], ...], bool] = {}  # by the parties' languages
    for i, request in enumerate(plan.requests):
        path = ("requests", i)
        if not request.delegations and not request.hosts:
            expected = "at least one delegation or one required host: a meeting needs someone to attend"
            problems.append(Problem((*path, "delegations"), "", expected))
        if not request.hosts and request.venue is None:
            expected = "a venue: a meeting without a required host takes place where the plan says"
            problems.append(Problem((*path, "venue"), "", expected))
        if i not in sound:
            continue
        if languages_known:
            problems += _interpretation(plan, request, path, interpretable)
        venue_id = plan.request_venue(request)
        if venue_id in venues:
            problems += _capacity(plan, request, plan.venue(venue_id), path)
    return problems


def _interpretation(
    plan: Plan, request: Request, path, interpretable: dict[tuple[frozenset[str], ...], bool]
) -> list[Problem]:
    if not needs_interpreter(plan, request):
        return []
    who = _who_speaks_what(plan, request)
    if request.interpreter == INTERPRETER_NONE:
        expected = f'an interpreter ("auto" or an id): {who}, with no language in common'
        return [Problem((*path, "interpreter"), request.interpreter, expected)]
    if request.interpreter == INTERPRETER_AUTO:
        languages = tuple(parties_languages(plan, request))
        if languages not in interpretable:  # requests of the same parties ask the same question
            interpretable[languages] = any(
                can_interpret(plan, request, person.languages) for person in plan.interpreters
            )
        if not interpretable[languages]:
            expected = f"an interpreter in the plan who speaks a language of each party: {who}"
            return [Problem((*path, "interpreter"), request.interpreter, expected, WARNING)]
        return []
    interpreter = plan.interpreter(request.interpreter)
    if can_interpret(plan, request, interpreter.languages):
        return []
    speaks = _languages(listed(interpreter.languages))
    expected = f"an interpreter who speaks a language of each party ({who}); {interpreter.id} speaks {speaks}"
    return [Problem((*path, "interpreter"), request.interpreter, expected)]


def _who_speaks_what(plan: Plan, request: Request) -> str:
    return "; ".join(f"{party} speaks {_languages(spoken)}" for party, spoken in parties(plan, request))


def _languages(codes: tuple[str, ...]) -> str:
    names = [language_name(code) for code in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def persons(plan: Plan, request: Request) -> int:
    """Rule 4: delegation sizes + required host sizes + 1 for an interpreter."""
    count = sum(plan.delegation(d).size for d in request.delegations)
    count += sum(plan.host(h).size for h in request.hosts)
    if request.interpreter != INTERPRETER_NONE and needs_interpreter(plan, request):
        count += 1
    return count


def largest_room(venue: Venue) -> int | None:
    """The most persons one room of the venue holds; None when no limit is given."""
    if isinstance(venue.rooms, int):
        return venue.capacity
    capacities = [room.capacity if room.capacity is not None else venue.capacity for room in venue.rooms]
    if not capacities or None in capacities:
        return None
    return max(c for c in capacities if c is not None)


def _capacity(plan: Plan, request: Request, venue: Venue, path) -> list[Problem]:
    largest = largest_room(venue)
    needed = persons(plan, request)
    if largest is None or largest < 1 or needed <= largest:  # a capacity below 1 is reported itself
        return []
    where = "" if request.venue else " (the first host's venue)"
    expected = (
        f'a venue with room for {needed} persons; the largest room of "{venue.name}"{where} holds {largest}; '
        "the request is left unscheduled"
    )
    return [Problem((*path, "venue"), venue.id, expected, WARNING)]
