"""Every user-facing complaint about input is a Problem: a place, the value found, what was expected.

A problem is located by its JSON path into the plan (`requests[3].hosts[1]`); a plan read from a
workbook also carries the human place (`sheet "Requests", row 5, column "Hosts"`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

ERROR = "error"
WARNING = "warning"

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    path: Path
    value: object
    expected: str
    severity: str = ERROR
    where: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def place(self) -> str:
        return self.where or json_path(self.path)

    def __str__(self) -> str:
        return f"{self.severity}: {self.place}: {quote(self.value)}; expected {self.expected}"

    def at(self, where: str) -> Problem:
        return replace(self, where=where)


def json_path(path: Path) -> str:
    """`("requests", 3, "hosts")` -> `requests[3].hosts`; the empty path is the plan itself."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "plan"


MISSING = object()
"""The value of a problem about something absent (a missing field, sheet or column)."""


def quote(value: object) -> str:
    if value is MISSING:
        return "(missing)"
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, str):
        return '"' + _shortened(value).replace("\n", " ") + '"'
    if isinstance(value, bytes):
        return f"{len(value)} bytes"
    if isinstance(value, (dict, list, tuple)):
        return f"a {type(value).__name__} of {len(value)} items"
    return _shortened(str(value))


def _shortened(text: str, most: int = 60) -> str:
    """At most `most` characters, the middle given up: a long path keeps its file name."""
    if len(text) <= most:
        return text
    head = (most - 3) // 2
    return text[:head] + "..." + text[-(most - 3 - head) :]


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


class PlanError(Exception):
    """Raised where a caller asked for a plan and the input has errors; carries every problem."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
