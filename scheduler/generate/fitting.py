"""What generated plans share: the mix of priorities, interpreters for the languages no one covers, and
rooms that fit the largest meeting, so that a generated plan is always valid."""

from __future__ import annotations

from dataclasses import replace

from scheduler.interpretation import no_common_language, spoken
from scheduler.model import Interpreter, Request, Venue

PRIORITY_WEIGHTS = (5, 20, 50, 25)  # must, high, normal, low


def parties_languages(request: Request, visits, hosts) -> list[frozenset[str]]:
    """What each party of a request speaks, before the plan that would answer it exists."""
    speak = {d.id: d.languages for d in visits} | {h.id: h.languages for h in hosts}
    found = [spoken(speak[p]) for p in (*request.delegations, *request.hosts)]
    return [languages for languages in found if languages]


def needs_interpreter(request: Request, visits, hosts) -> bool:
    """Rule 5, by the plan's one predicate (`scheduler.interpretation`)."""
    return no_common_language(parties_languages(request, visits, hosts))


def missing_interpreters(requests, visits, hosts, interpreters: list[Interpreter]) -> list[Interpreter]:
    """Interpreters for the language combinations no one in the plan covers yet."""
    added: list[Interpreter] = []
    for request in requests:
        if not needs_interpreter(request, visits, hosts):
            continue
        sets = parties_languages(request, visits, hosts)
        if any(all(set(i.languages) & s for s in sets) for i in (*interpreters, *added)):
            continue
        languages = tuple(sorted({sorted(s)[0] for s in sets}))
        added.append(
            Interpreter(f"INT-X{len(added) + 1}", f"Conference interpreter {len(added) + 1}", languages)
        )
    return added


def fit_rooms(venues: list[Venue], requests, visits, hosts, interpreters) -> list[Venue]:
    """Make the largest room of each venue hold its largest meeting (required participants)."""
    sizes = {d.id: d.size for d in visits} | {h.id: h.size for h in hosts}
    venue_of_host = {h.id: h.venue for h in hosts}
    largest: dict[str, int] = {}
    for request in requests:
        where = request.venue or venue_of_host[request.hosts[0]]
        persons = sum(sizes[p] for p in (*request.delegations, *request.hosts))
        persons += 1 if needs_interpreter(request, visits, hosts) else 0
        largest[where] = max(largest.get(where, 0), persons)
    fitted = []
    for venue in venues:
        need = largest.get(venue.id, 0)
        if isinstance(venue.rooms, int):
            if venue.capacity is not None and venue.capacity < need:
                venue = replace(venue, capacity=need)
        else:
            biggest = max(venue.rooms, key=lambda r: r.capacity or 0)
            if (biggest.capacity or 0) < need:
                rooms = tuple(replace(r, capacity=need) if r is biggest else r for r in venue.rooms)
                venue = replace(venue, rooms=rooms)
        fitted.append(venue)
    return fitted
