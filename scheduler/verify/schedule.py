"""Re-checks a schedule against every hard rule of DESIGN.md, independently of the solver.

Shares no code with the solver (nor the time axis): instants, travel times and windows are
derived again from the plan, so that a mistake in one shows up in the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from scheduler.model import Plan, Schedule
from scheduler.verify.context import SCHEDULE_RULE, Context, Finding, Placed, Violation, violation
from scheduler.verify.language import check_interpretation
from scheduler.verify.lunch import check_lunch
from scheduler.verify.meetings import check_availability, check_duration, check_pins, check_rooms
from scheduler.verify.order import check_order, check_position
from scheduler.verify.people import check_max_per_day, check_one_place

__all__ = ["CHECKS", "Violation", "verify"]

Check = Callable[[Context], Iterator[Finding]]

# Each hard rule's check, under the rule's id in `scheduler.rules` and in its order (a test ties the two).
CHECKS: dict[str, Check] = {
    "duration": check_duration,
    "availability": check_availability,
    "one-place": check_one_place,
    "rooms": check_rooms,
    "interpretation": check_interpretation,
    "lunch": check_lunch,
    "max-per-day": check_max_per_day,
    "pinned": check_pins,
    "position": check_position,
    "order": check_order,
}


def verify(plan: Plan, schedule: Schedule) -> list[Violation]:
    """Every way the schedule breaks a hard rule or leaves out a request; empty when it is valid."""
    placed, violations = _read_meetings(plan, schedule)
    violations += _account_for_requests(plan, schedule)
    violations += _account_for_lunches(plan, schedule)
    context = Context(plan, schedule, placed)
    for rule_id, check in CHECKS.items():
        violations += [violation(rule_id, found.request, found.text) for found in check(context)]
    return violations


def _read_meetings(plan: Plan, schedule: Schedule) -> tuple[list[Placed], list[Violation]]:
    """The meetings the rules can be checked on; the others become violations."""
    requests = {r.id: r for r in plan.requests}
    placed, seen, violations = [], set(), []
    for meeting in schedule.meetings:
        request = requests.get(meeting.request)
        if request is None:
            text = f"the meeting {meeting.request} matches no request of the plan"
            violations.append(violation(SCHEDULE_RULE, meeting.request, text))
            continue
        if meeting.request in seen:
            text = f'"{request.title or request.id}" is scheduled more than once'
            violations.append(violation(SCHEDULE_RULE, meeting.request, text))
            continue
        seen.add(meeting.request)
        if meeting.start.tzinfo is None or meeting.end.tzinfo is None:
            text = f'"{request.title or request.id}" has a start or end without UTC offset'
            violations.append(violation(SCHEDULE_RULE, meeting.request, text))
            continue
        strangers = [h for h in meeting.optional_hosts if h not in request.optional_hosts]
        if strangers:
            text = (
                f'"{request.title or request.id}" lists {", ".join(strangers)} as optional hosts, who are not'
            )
            violations.append(violation(SCHEDULE_RULE, meeting.request, text))
        placed.append(Placed(meeting, request, meeting.start, meeting.end))
    return placed, violations


def _account_for_requests(plan: Plan, schedule: Schedule) -> Iterator[Violation]:
    """Every request appears exactly once, in the meetings or among the unscheduled."""
    scheduled = {m.request for m in schedule.meetings}
    left: set[str] = set()
    known = {r.id for r in plan.requests}
    for item in schedule.unscheduled:
        if item.request not in known:
            yield violation(SCHEDULE_RULE, item.request, f"the unscheduled {item.request} matches no request")
        elif item.request in scheduled:
            yield violation(SCHEDULE_RULE, item.request, f"{item.request} is both scheduled and unscheduled")
        elif item.request in left:
            yield violation(SCHEDULE_RULE, item.request, f"{item.request} is listed twice as unscheduled")
        elif not any(reason.strip() for reason in item.reasons):
            yield violation(SCHEDULE_RULE, item.request, f"{item.request} is unscheduled without a reason")
        left.add(item.request)
    for request in plan.requests:
        if request.id not in scheduled and request.id not in left:
            text = f'"{request.title or request.id}" is neither scheduled nor listed as unscheduled'
            yield violation(SCHEDULE_RULE, request.id, text)


def _account_for_lunches(plan: Plan, schedule: Schedule) -> Iterator[Violation]:
    """Every lunch block belongs to a delegation of the plan (rule 6 checks the rest)."""
    known = {d.id for d in plan.delegations}
    for block in schedule.lunches:
        if block.delegation not in known:
            text = f"a lunch is reported for an unknown delegation {block.delegation}"
            yield violation(SCHEDULE_RULE, None, text)
