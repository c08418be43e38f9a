"""What every check of the verifier shares: the violation type and the schedule read against the plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scheduler.model import Meeting, Plan, Request, Schedule
from scheduler.rules import RULE_BY_ID
from scheduler.verify.clock import Clock, TravelTimes

SCHEDULE_RULE = "schedule"
"""Not a hard rule of the plan: the schedule must account for every request exactly once."""


@dataclass(frozen=True)
class Violation:
    """One broken rule: the rule's id (scheduler.rules, or "schedule"), the request, plain words."""

    rule: str
    request: str | None
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Finding:
    """What a rule's check found: the request concerned (if one is) and plain words.

    A check does not name its rule: `verify` knows each check by its rule id and turns a finding into
    a `Violation` of that rule."""

    request: str | None
    text: str


def violation(rule_id: str, request_id: str | None, text: str) -> Violation:
    if rule_id == SCHEDULE_RULE:
        return Violation(rule_id, request_id, f"Schedule: {text}")
    rule = RULE_BY_ID[rule_id]
    return Violation(rule_id, request_id, f'Rule {rule.number} "{rule.label}": {text}')


@dataclass(frozen=True)
class Placed:
    """A meeting of the schedule with its request and its UTC start and end."""

    meeting: Meeting
    request: Request
    start: datetime
    end: datetime

    @property
    def attending_optional(self) -> tuple[str, ...]:
        return tuple(h for h in self.meeting.optional_hosts if h in self.request.optional_hosts)

    def participants(self, interpreters: set[str]) -> list[str]:
        """Everyone who takes part: delegations, hosts, attending optional hosts, the interpreter."""
        people = [*self.request.delegations, *self.request.hosts, *self.attending_optional]
        if self.meeting.interpreter in interpreters:
            people.append(self.meeting.interpreter)
        return list(dict.fromkeys(people))


class Context:
    """The plan, the schedule's well-formed meetings, and ways to name things in a message."""

    def __init__(self, plan: Plan, schedule: Schedule, placed: list[Placed]):
        self.plan = plan
        self.schedule = schedule
        self.placed = placed
        self.clock = Clock(plan.timezone)
        self.travel = TravelTimes(plan)
        self.delegation_ids = {d.id for d in plan.delegations}
        self.host_ids = {h.id for h in plan.hosts}
        self.interpreter_ids = {i.id for i in plan.interpreters}
        self._venue_names = {v.id: v.name or v.id for v in plan.venues}

    def title(self, request: Request) -> str:
        return f'"{request.title or request.id}"'

    def venue_name(self, venue_id: str | None) -> str:
        if venue_id is None:
            return "no set venue"
        return self._venue_names.get(venue_id, venue_id)

    def who(self, participant_id: str) -> str:
        if participant_id in self.delegation_ids:
            return f"delegation {participant_id}"
        if participant_id in self.host_ids:
            return f"host {participant_id}"
        if participant_id in self.interpreter_ids:
            return f"interpreter {participant_id}"
        return participant_id

    def when(self, placed: Placed) -> str:
        return self.clock.when_text(placed.start, placed.end)
