"""Semantic checks of a decoded plan: every problem at once, each located by its JSON path.

The decoder has already checked shapes and types; these checks look at what the values mean
(ids and references, numbers, languages, rooms, times), so that the solver only ever sees a plan
it can work with. Errors make a plan unusable; warnings point at something that will not work out.
"""

from __future__ import annotations

import re

from scheduler.model import INTERPRETER_AUTO, INTERPRETER_NONE, Plan, Request
from scheduler.problems import WARNING, Path, Problem
from scheduler.validate.index import indexed
from scheduler.validate.limits import plan_beyond_limits
from scheduler.validate.requests import check_requests
from scheduler.validate.sequence import check_sequence
from scheduler.validate.times import check_times
from scheduler.validate.values import check_languages, check_numbers, check_text

ID_PATTERN = re.compile(r"[A-Za-z0-9_.-]+")
ID_TEXT = "a short code of letters, digits, - _ or . (no spaces)"

COLLECTIONS = (
    ("venues", "venue"),
    ("hosts", "host"),
    ("delegations", "delegation"),
    ("interpreters", "interpreter"),
    ("requests", "request"),
    ("fixed", "fixed event"),
)


def validate(plan: Plan) -> list[Problem]:
    """Every semantic problem of the plan, errors and warnings, in the order of the checks."""
    refused = plan_beyond_limits(plan)
    if refused:
        return refused
    plan = indexed(plan)
    kinds = id_kinds(plan)
    problems = [*check_ids(plan), *check_references(plan, kinds)]
    languages = check_languages(plan)
    problems += check_numbers(plan) + languages + check_text(plan)
    sound = {i for i, request in enumerate(plan.requests) if _resolves(request, kinds)}
    problems += check_requests(plan, sound, languages_known=not languages)
    troubled = {p.path[1] for p in problems if p.is_error and p.path[:1] == ("requests",)}
    problems += check_times(plan, sound - troubled)
    problems += check_sequence(plan, kinds)
    problems += idle_delegations(plan)
    return problems


def id_kinds(plan: Plan) -> dict[str, set[str]]:
    """What each id names: "venue", "host", ... (more than one when it is wrongly used twice)."""
    kinds: dict[str, set[str]] = {}
    for key, kind in COLLECTIONS:
        for item in getattr(plan, key):
            kinds.setdefault(item.id, set()).add(kind)
    return kinds


def check_ids(plan: Plan) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    path: Path
    for key, kind in COLLECTIONS:
        for i, item in enumerate(getattr(plan, key)):
            path = (key, i, "id")
            if not ID_PATTERN.fullmatch(item.id):
                problems.append(Problem(path, item.id, f"an id: {ID_TEXT}"))
            elif item.id in seen:
                expected = f"an id used only once in the plan; it is already the id of {seen[item.id]}"
                problems.append(Problem(path, item.id, expected))
            else:
                seen[item.id] = f'the {kind} "{_name(item)}"'
            if kind in ("delegation", "host", "interpreter") and item.id.lower() == "all":
                expected = 'an id other than "all", which names the calendar with everything in it'
                problems.append(Problem(path, item.id, expected))
            if kind == "interpreter" and item.id in (INTERPRETER_AUTO, INTERPRETER_NONE):
                expected = 'an id other than "auto" and "none", which a request uses to choose an interpreter'
                problems.append(Problem(path, item.id, expected))
    for i, venue in enumerate(plan.venues):
        for j, room in enumerate(venue.rooms if isinstance(venue.rooms, tuple) else ()):
            path = ("venues", i, "rooms", j, "id")
            if not ID_PATTERN.fullmatch(room.id):
                problems.append(Problem(path, room.id, f"a room id: {ID_TEXT}"))
            elif room.id in seen:
                expected = f"an id used only once in the plan; it is already the id of {seen[room.id]}"
                problems.append(Problem(path, room.id, expected))
            else:
                seen[room.id] = f'the room "{room.name or room.id}" of the venue "{venue.name}"'
    return problems


def _name(item) -> str:
    name: str | None = getattr(item, "name", None) or getattr(item, "title", None)
    return name or item.id


def check_references(plan: Plan, kinds: dict[str, set[str]]) -> list[Problem]:
    """Every id that points at something names a thing of the right kind in this plan."""
    problems: list[Problem] = []

    def refer(path, value, kind):
        if kind not in kinds.get(value, ()):
            problems.append(Problem(path, value, _reference_text(kind, kinds.get(value), value)))

    for i, host in enumerate(plan.hosts):
        refer(("hosts", i, "venue"), host.venue, "venue")
    for i, delegation in enumerate(plan.delegations):
        if delegation.hotel is not None:
            refer(("delegations", i, "hotel"), delegation.hotel, "venue")
    for i, request in enumerate(plan.requests):
        path = ("requests", i)
        _refer_all(refer, problems, path, "delegations", request.delegations, "delegation")
        _refer_all(refer, problems, path, "hosts", request.hosts, "host")
        _refer_all(refer, problems, path, "optional_hosts", request.optional_hosts, "host")
        for j, host_id in enumerate(request.optional_hosts):
            if host_id in request.hosts:
                expected = "a host who is not already among the required hosts of this request"
                problems.append(Problem((*path, "optional_hosts", j), host_id, expected))
        if request.venue is not None:
            refer((*path, "venue"), request.venue, "venue")
        chosen = request.interpreter not in (INTERPRETER_AUTO, INTERPRETER_NONE)
        if chosen and "interpreter" not in kinds.get(request.interpreter, ()):
            expected = (
                'the id of an interpreter in this plan, "auto" (the scheduler chooses one) '
                'or "none" (no interpretation)'
            )
            problems.append(Problem((*path, "interpreter"), request.interpreter, expected))
    for i, event in enumerate(plan.fixed):
        path = ("fixed", i)
        if event.venue is not None:
            refer((*path, "venue"), event.venue, "venue")
        _refer_all(refer, problems, path, "delegations", event.delegations, "delegation")
        _refer_all(refer, problems, path, "hosts", event.hosts, "host")
        _refer_all(refer, problems, path, "interpreters", event.interpreters, "interpreter")
    _pins_and_travel(plan, refer, problems)
    return problems


def _refer_all(refer, problems, path, key, ids, kind) -> None:
    for j, item in enumerate(ids):
        refer((*path, key, j), item, kind)
        if item in ids[:j]:
            problems.append(Problem((*path, key, j), item, f"each {kind} listed once; it is already listed"))


def _pins_and_travel(plan: Plan, refer, problems: list[Problem]) -> None:
    pinned: set[str] = set()
    for i, pin in enumerate(plan.pinned):
        refer(("pinned", i, "request"), pin.request, "request")
        if pin.request in pinned:
            expected = "one pin per request; this request is already pinned above"
            problems.append(Problem(("pinned", i, "request"), pin.request, expected))
        pinned.add(pin.request)
    pairs: set[tuple[str, str]] = set()
    for i, travel in enumerate(plan.travel):
        refer(("travel", i, "from"), travel.from_, "venue")
        refer(("travel", i, "to"), travel.to, "venue")
        if (travel.from_, travel.to) in pairs:
            expected = f"one travel time from {travel.from_} to {travel.to}; it is already given above"
            problems.append(Problem(("travel", i, "to"), travel.to, expected))
        pairs.add((travel.from_, travel.to))


def _reference_text(kind: str, actual: set[str] | None, value: object) -> str:
    text = f"the id of {_a(kind)} in this plan"
    if actual:
        text += f' ("{value}" is {" and ".join(_a(other) for other in sorted(actual))})'
    return text


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _resolves(request: Request, kinds: dict[str, set[str]]) -> bool:
    """True when every id the request names exists with the right kind (deeper checks need that)."""
    wanted = [(d, "delegation") for d in request.delegations]
    wanted += [(h, "host") for h in (*request.hosts, *request.optional_hosts)]
    if request.venue is not None:
        wanted.append((request.venue, "venue"))
    if request.interpreter not in (INTERPRETER_AUTO, INTERPRETER_NONE):
        wanted.append((request.interpreter, "interpreter"))
    return all(kind in kinds.get(item, ()) for item, kind in wanted)


def idle_delegations(plan: Plan) -> list[Problem]:
    """A delegation nobody asked to meet is probably a forgotten row of the requests."""
    busy = {d for request in plan.requests for d in request.delegations}
    busy |= {d for event in plan.fixed for d in event.delegations}
    expected = "at least one meeting request or fixed event with this delegation"
    return [
        Problem(("delegations", i), delegation.id, expected, WARNING)
        for i, delegation in enumerate(plan.delegations)
        if delegation.id not in busy
    ]
