"""The hard rules of DESIGN.md, one id, label and sentence each.

Shared by the solver (constraint families), the verifier (violations), the explanations, the UI
and the tests, so that a rule has one name from code to user.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    number: int
    id: str
    label: str
    sentence: str


RULES = (
    Rule(
        1,
        "duration",
        "Length, slot grid and dates",
        "A meeting lasts exactly its minutes, starts on the slot grid, within its earliest/latest "
        "dates, at its venue (the first host's venue unless one is given).",
    ),
    Rule(
        2,
        "availability",
        "Availability",
        "Every participant is available for the whole meeting: delegations inside their visit and "
        "day window, hosts and interpreters inside their available windows, nobody in an unavailable one.",
    ),
    Rule(
        3,
        "one-place",
        "One place at a time, with travel",
        "Nobody is in two places at once; between two commitments at different venues lies the "
        "travel time, and a delegation with a hotel has time to get there and back each day.",
    ),
    Rule(
        4,
        "rooms",
        "Rooms and capacity",
        "A venue never holds more meetings at once than it has rooms, and every meeting fits its room.",
    ),
    Rule(
        5,
        "interpretation",
        "Interpretation",
        "A meeting without a common language has an interpreter who speaks a language of every party.",
    ),
    Rule(
        6,
        "lunch",
        "Lunch break",
        "On each date a delegation has a meeting and no event that serves lunch, it has one lunch "
        "block on the slot grid, inside the lunch window and its stay, clear of its meetings, fixed "
        "events and the travel between two of them, wherever its stay and fixed events leave room for one.",
    ),
    Rule(
        7,
        "max-per-day",
        "Meetings per day",
        "Nobody has more meetings on a date than their maximum per day.",
    ),
    Rule(
        8,
        "pinned",
        "Pinned meetings",
        "A pinned meeting takes place at exactly its pinned start.",
    ),
    Rule(
        9,
        "position",
        "First or last",
        "A meeting marked first comes before every other meeting of each of its delegations, one "
        "marked last after every other; fixed events do not count.",
    ),
    Rule(
        10,
        "order",
        "Order of meetings",
        "When both meetings of an order are scheduled, the second starts at least the gap after the "
        "first ends (on the same date when asked); a meeting that requires another takes place only "
        "if that one does.",
    ),
)

RULE_BY_ID = {rule.id: rule for rule in RULES}
