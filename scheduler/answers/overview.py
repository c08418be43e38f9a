"""The answers as staff read them: for every meeting of a programme, each host's and interpreter's
latest answer to it at its time (or none yet); answers to times the programme no longer has; and the
declines the plan does not hold yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scheduler.answers.constraint import person_of, wall_window
from scheduler.answers.meetings import person_meetings
from scheduler.model import Plan, Schedule
from scheduler.store import Answer


@dataclass(frozen=True)
class MeetingAnswer:
    """One person of one meeting and their answer to it (`answer` None: no answer yet)."""

    request: str
    start: datetime
    kind: str
    person: str
    name: str
    role: str
    answer: Answer | None


def answers_by_meeting(plan: Plan, schedule: Schedule, answers: list[Answer]) -> list[MeetingAnswer]:
    """Every host (required, and optional ones who attend) and interpreter of every meeting, in time
    order, each with their latest answer to the meeting at the time it has in `schedule`."""
    latest = {a.meeting: a for a in answers}
    rows = []
    for kind, people in (("host", plan.hosts), ("interpreter", plan.interpreters)):
        for person in people:
            for meeting in person_meetings(plan, schedule, kind, person.id):
                found = latest.get((kind, person.id, meeting.request, meeting.start))
                who = (kind, person.id, person.name, meeting.role)
                rows.append(MeetingAnswer(meeting.request, meeting.start, *who, found))
    return sorted(rows, key=lambda r: (r.start, r.request, r.kind != "host", r.role, r.name))


def answers_elsewhere(plan: Plan, schedule: Schedule, answers: list[Answer]) -> list[Answer]:
    """Latest answers to a time the programme no longer has for that person (the meeting moved, maybe
    because of that very decline, or they left it)."""
    current = {(r.kind, r.person, r.request, r.start) for r in answers_by_meeting(plan, schedule, answers)}
    return [a for a in answers if a.meeting not in current]


def pending_answers(plan: Plan, answers: list[Answer]) -> list[Answer]:
    """Latest declines and times that cannot be made which the plan does not hold (the plan changed too
    often at that moment to record them, or someone removed the window since): staff may record them."""
    found = []
    for answer in answers:
        someone = person_of(plan, answer.kind, answer.person)
        if answer.away is None or someone is None:
            continue
        away = wall_window(plan, *answer.away)
        if not any(w.start <= away.start and away.end <= w.end for w in someone.unavailable):
            found.append(answer)
    return found
