"""The later stage for a file whose list entries partly failed to decode: the entries that did decode
are validated as a plan of their own, so that one reading names a bad date in one row and a mistyped
host id in another, instead of the second only once the first is corrected.

Only errors are added (warnings wait for a file that reads), and none that may come from a dropped
entry: an error naming the id of an entry that failed to decode is left out.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from scheduler.io.fields import json_whole
from scheduler.io.plan_json import plan_from_data
from scheduler.problems import Problem

LIST_SECTIONS = (
    "venues",
    "travel",
    "hosts",
    "delegations",
    "interpreters",
    "requests",
    "fixed",
    "pinned",
    "order",
)


def later_problems(data: object, decoded: list[Problem], lenient: bool) -> list[Problem]:
    """Validation errors of the entries that decoded, at their places in `data`; none when a decode
    problem lies outside the list entries (a setting, a whole list: nothing can be read around it)."""
    broken = _broken_entries(data, decoded)
    if broken is None or not isinstance(data, dict):
        return []
    reduced, kept, dropped = dict(data), {}, set()
    for section, bad in broken.items():
        entries = data[section]
        kept[section] = [i for i in range(len(entries)) if i not in bad]
        reduced[section] = [entries[i] for i in kept[section]]
        dropped |= {str(entries[i]["id"]) for i in bad if isinstance(entries[i], dict) and "id" in entries[i]}
    plan, problems = plan_from_data(reduced, lenient=lenient)
    if plan is None or problems:
        return []
    from scheduler.validate import validate

    found = []
    for problem in validate(plan):
        if problem.is_error and not _names_any(problem, dropped):
            found.append(_renumbered(problem, kept))
    return found


def json_later_problems(content: bytes, decoded: list[Problem]) -> list[Problem]:
    """`later_problems` for a JSON file (read again: only when it parsed and its problems lie in entries)."""
    if _broken_entries({}, decoded, check_data=False) is None:
        return []
    try:
        data = json.loads(content.decode("utf-8-sig"), parse_int=json_whole)
    except (ValueError, RecursionError):
        return []
    return later_problems(data, decoded, lenient=False)


def _broken_entries(
    data: object, decoded: list[Problem], check_data: bool = True
) -> dict[str, set[int]] | None:
    """The entries (list, index) the decode problems lie in; None if any lies elsewhere."""
    if not decoded:
        return None
    broken: dict[str, set[int]] = {}
    for problem in decoded:
        path = problem.path
        if len(path) < 2 or path[0] not in LIST_SECTIONS or not isinstance(path[1], int):
            return None
        broken.setdefault(str(path[0]), set()).add(path[1])
    if check_data:
        if not isinstance(data, dict):
            return None
        for section, bad in broken.items():
            entries = data.get(section)
            if not isinstance(entries, list) or max(bad) >= len(entries):
                return None
    return broken


def _names_any(problem: Problem, ids: set[str]) -> bool:
    said = f"{problem.value} {problem.expected}"
    return any(re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", said) for i in ids)


def _renumbered(problem: Problem, kept: dict[str, list[int]]) -> Problem:
    """The problem at its entry's index in the file (entries before it may have been left out)."""
    path = problem.path
    if len(path) >= 2 and path[0] in kept and isinstance(path[1], int) and path[1] < len(kept[path[0]]):
        return replace(problem, path=(path[0], kept[str(path[0])][path[1]], *path[2:]))
    return problem
