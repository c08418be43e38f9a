"""Taking a host's or interpreter's answer from their private link.

The answer is kept first, so that it is never lost; then a decline, or a time they can no longer make,
becomes a new plan version by them (they are unavailable then), saved on the newest version: when
someone saved meanwhile, the change is worked out again on what they saved. What the plan gets is
read from the latest answers, not from this one alone, so two answers at once end in the plan their
order says, and answering the same thing twice changes the plan once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from scheduler.answers.constraint import person_of, wall_window, whole_day, with_answer
from scheduler.answers.meetings import PersonMeeting, person_meetings
from scheduler.model import Plan, Window
from scheduler.store import Answer, AnswerRefused, Conflict, PlanGone, Store

TRIES = 8
"""How many times the plan change is worked out again on a newer version before it is left for staff
(the answer is kept either way, and the Programme page offers to record it)."""
MOVED = (
    "this meeting is no longer in the programme at that time (it was moved or taken out since the page "
    "was opened); the page now shows the programme as it is"
)


@dataclass(frozen=True)
class PersonProgramme:
    """What a private link shows: the person's meetings in the latest programme, with their answers."""

    plan_id: int
    kind: str
    person: str
    name: str
    plan: Plan | None  # the version the programme was built for; None before the first solve
    meetings: tuple[PersonMeeting, ...]
    answers: dict[tuple[str, datetime], Answer]  # (request, start) -> their latest answer
    publication: int | None  # the latest publication's number


@dataclass(frozen=True)
class Recorded:
    answer: Answer
    plan_version: int | None  # the plan version that recorded it, when the plan changed
    pending: bool = False  # the plan changed too often meanwhile: staff are offered to record it


def person_programme(store: Store, token: str) -> PersonProgramme | None:
    """The programme a host's or interpreter's link opens; None for a link that is not valid."""
    found = store.resolve_person_link(token)
    if found is None:
        return None
    plan_id, kind, person = found
    try:
        current = store.latest(plan_id).plan
        built = store.latest_schedule(plan_id)
        plan = store.version(plan_id, built.plan_version).plan if built else None
    except KeyError:  # the plan was deleted meanwhile
        return None
    someone = person_of(current, kind, person)
    publication = store.latest_publication(plan_id)
    published = store.schedule(publication.schedule_id).schedule if publication else None
    meetings = person_meetings(plan, built.schedule, kind, person, published) if plan and built else []
    answers = {(a.request, a.start): a for a in store.answer_history(plan_id, kind, person)}
    number = publication.number if publication else None
    name = someone.name if someone else person
    return PersonProgramme(plan_id, kind, person, name, plan, tuple(meetings), answers, number)


def answer_meeting(
    store: Store,
    plan_id: int,
    kind: str,
    person: str,
    request_id: str,
    start: datetime,
    answer: str,
    reason: str = "",
    all_day: bool = False,
) -> Recorded:
    """Keeps the person's answer to their meeting `request_id` at `start` in the latest programme, and
    makes a decline or "cannot" (`all_day`: the whole of that date) a constraint of the plan.
    `AnswerRefused` when the meeting is no longer theirs at that time or the answer cannot be taken;
    `PlanGone` when the plan was deleted."""
    try:
        current = store.latest(plan_id).plan
    except KeyError:
        raise PlanGone(plan_id, "your answer was not recorded") from None
    built = store.latest_schedule(plan_id)
    plan = store.version(plan_id, built.plan_version).plan if built else current
    mine = person_meetings(plan, built.schedule, kind, person) if built else []
    meeting = next((m for m in mine if m.key == (request_id, start)), None)
    if meeting is None:
        raise AnswerRefused(MOVED)
    away: tuple[datetime, datetime] | None = None
    if answer == "cannot" and all_day:
        away = whole_day(plan, meeting.start)
    elif answer in ("declined", "cannot"):
        away = (meeting.start, meeting.end)
    someone = person_of(current, kind, person)
    author = f"{kind.capitalize()}: {someone.name if someone else person} (private link)"
    kept = store.record_answer(
        plan_id, kind, person, request_id, meeting.start, answer, reason, away=away, author=author
    )
    return sync_answer(store, plan_id, kept)


def sync_answer(store: Store, plan_id: int, answer: Answer) -> Recorded:
    """Brings the plan in line with the person's latest answer to the meeting `answer` is about, on the
    newest plan version (again on a newer one when someone saved meanwhile)."""
    for _ in range(TRIES):
        try:
            latest = store.latest(plan_id)
        except KeyError:
            raise PlanGone(plan_id, "your answer was kept, but the plan is gone") from None
        history = store.answer_history(plan_id, answer.kind, answer.person)  # read after the plan
        current, away, lifted = _wanted(latest.plan, history, answer)
        changed = with_answer(latest.plan, answer.kind, answer.person, away, lifted)
        if changed == latest.plan:
            return Recorded(current, None)
        note = change_note(latest.plan, current, away, lifted)
        try:
            version = store.save(plan_id, changed, latest.version, author=current.author, note=note)
        except PlanGone:
            raise
        except Conflict:
            continue
        store.mark_answer_recorded(current.answer_id, version)
        return Recorded(current, version)
    return Recorded(answer, None, pending=True)


def _wanted(plan: Plan, history: list[Answer], answer: Answer) -> tuple[Answer, Window | None, set[Window]]:
    """The latest answer to the meeting, the window it wants the person away, and the windows earlier
    answers to that meeting added that no latest answer of theirs wants any more."""
    same = [a for a in history if (a.request, a.start) == (answer.request, answer.start)]
    latest = {(a.request, a.start): a for a in history}

    def window(given: Answer) -> Window | None:
        return wall_window(plan, *given.away) if given.away else None

    wanted = {window(a) for a in latest.values()} - {None}
    lifted = {w for a in same if a.plan_version is not None and (w := window(a)) is not None} - wanted
    return same[-1], window(same[-1]), lifted


def change_note(plan: Plan, answer: Answer, away: Window | None, lifted: set[Window]) -> str:
    """What the version records, in a sentence: what was answered to which meeting, and the time made
    unavailable or free again."""
    request = next((r for r in plan.requests if r.id == answer.request), None)
    title = request.title or request.id if request else answer.request
    zone = ZoneInfo(plan.timezone)
    when = f"{answer.start.astimezone(zone):%a %d %b %H:%M}"
    said = {"accepted": "accepted", "declined": "declined", "cannot": "can no longer make"}[answer.answer]
    note = f"{said} “{title}” ({when})"
    if answer.reason:
        note += f": {answer.reason}"
    if away is not None:
        note += f"; unavailable {window_text(away)}"
    if lifted:
        note += "; free again " + ", ".join(window_text(w) for w in sorted(lifted, key=lambda w: w.start))
    return note


def window_text(window: Window) -> str:
    """ "Tue 23 Apr 10:00–11:00", or "Tue 23 Apr all day" for midnight to midnight."""
    day = f"{window.start:%a %d %b}"
    midnight = datetime.min.time()
    if window.start.time() == window.end.time() == midnight and (window.end - window.start).days == 1:
        return f"{day} all day"
    same_day = window.end.date() == window.start.date()
    end = f"{window.end:%H:%M}" if same_day else f"{window.end:%a %d %b %H:%M}"
    return f"{day} {window.start:%H:%M}–{end}"
