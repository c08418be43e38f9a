"""How the explanations name things: people by role and name, days as "23 April", meetings by title."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from scheduler.languages.codes import language_name
from scheduler.model import Plan, Request
from scheduler.timeaxis import Interval, TimeAxis


def day_text(day: date) -> str:
    return f"{day.day} {day:%B}"


def days_text(days: list[date]) -> str:
    """`22, 23 and 25 April`, or `30 April and 2 May` across months."""
    days = sorted(set(days))
    if not days:
        return "no date"
    if len({(d.year, d.month) for d in days}) == 1:
        numbers = [str(d.day) for d in days]
        listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
        return f"{listed} {days[0]:%B}"
    texts = [day_text(d) for d in days]
    return ", ".join(texts[:-1]) + " and " + texts[-1]


def moment_text(axis: TimeAxis, minute: int) -> str:
    local = axis.local(minute)
    return f"{day_text(local.date())} {local:%H:%M}"


def span_text(axis: TimeAxis, span: Interval) -> str:
    start, end = axis.local(span[0]), axis.local(span[1])
    if start.date() == end.date():
        return f"{day_text(start.date())} {start:%H:%M}-{end:%H:%M}"
    return f"{moment_text(axis, span[0])} to {moment_text(axis, span[1])}"


def who(plan: Plan, person_id: str) -> str:
    for kind, people in (
        ("delegation", plan.delegations),
        ("host", plan.hosts),
        ("interpreter", plan.interpreters),
    ):
        for person in people:
            if person.id == person_id:
                return f"{kind} {person.name}"
    return person_id


def title(request: Request) -> str:
    return f'"{request.title or request.id}"'


def venue_text(plan: Plan, venue_id: str | None) -> str:
    if venue_id is None:
        return "no venue"
    try:
        return plan.venue(venue_id).name
    except KeyError:
        return venue_id


def language_pair(parties: Iterable[Collection[str]]) -> str:
    """`Ukrainian-Dutch`: one language per party, in the parties' order, without repeats."""
    names = []
    for spoken in parties:
        name = " or ".join(sorted(language_name(code) for code in spoken))
        if name not in names:
            names.append(name)
    return "-".join(names)


def listed(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
