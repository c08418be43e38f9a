"""The documented limits of one plan (docs/plan-format.md, "Limits"), checked before anything else.

Validation runs in near-linear time, but a plan far beyond what one office schedules is a mistake
or a file meant for something else: it is refused at once, with what it holds and the limit, before
its entries are decoded one by one. The limits leave a wide margin over the largest plans measured
(twice XL: 100 delegations and about 1,800 requests; the 800-meeting peer set).
"""

from __future__ import annotations

from scheduler.model import Plan
from scheduler.problems import Path, Problem

MAX_REQUESTS = 20_000
MAX_PEOPLE = 5_000
"""Hosts, delegations and interpreters together."""
MAX_ENTRIES = 20_000
"""Each other list of the plan: venues, travel times, fixed events, pins, orders, precedence."""

PEOPLE = ("hosts", "delegations", "interpreters")
OTHER_LISTS = ("venues", "travel", "fixed", "pinned", "order", "precedence")
ADVICE = "split the plan, for example by week or by group of delegations"


def data_beyond_limits(data: object) -> list[Problem]:
    """The limits a plan's plain data (parsed JSON, or a workbook read into the same form) goes beyond."""
    if not isinstance(data, dict):
        return []
    counts = {key: len(value) for key, value in data.items() if isinstance(value, list)}
    return beyond_limits(counts)


def plan_beyond_limits(plan: Plan) -> list[Problem]:
    counts = {key: len(getattr(plan, key)) for key in ("requests", *PEOPLE, *OTHER_LISTS)}
    return beyond_limits(counts)


def beyond_limits(counts: dict[str, int]) -> list[Problem]:
    """`counts`: the length of each of the plan's lists, by field name."""
    problems = []
    requests = counts.get("requests", 0)
    if requests > MAX_REQUESTS:
        expected = f"at most {MAX_REQUESTS:,} requests in one plan; {ADVICE}"
        problems.append(Problem(("requests",), f"{requests:,} requests", expected))
    people = {key: counts.get(key, 0) for key in PEOPLE}
    if sum(people.values()) > MAX_PEOPLE:
        found = (
            f"{sum(people.values()):,} people (" + ", ".join(f"{n:,} {k}" for k, n in people.items()) + ")"
        )
        expected = (
            f"at most {MAX_PEOPLE:,} hosts, delegations and interpreters together in one plan; {ADVICE}"
        )
        problems.append(Problem((), found, expected))
    for key in OTHER_LISTS:
        if counts.get(key, 0) > MAX_ENTRIES:
            path: Path = (key,)
            expected = f"at most {MAX_ENTRIES:,} entries in {key}; {ADVICE}"
            problems.append(Problem(path, f"{counts[key]:,} entries", expected))
    return problems
