"""A host's or interpreter's meetings in a programme, as their private page lists them: when, where, with
which delegation, in which language, and whether the delegations see it yet (published) or it is
proposed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from scheduler.interpretation import listed, parties, parties_languages
from scheduler.languages import language_name
from scheduler.model import Delegation, Host, Interpreter, Meeting, Plan, Request, Schedule, Venue

ROLES = {"host": "host", "optional": "optional host", "interpreter": "interpreter"}


@dataclass(frozen=True)
class PersonMeeting:
    """One meeting of the person; `start`/`end` are aware, on the plan's clock."""

    request: str
    title: str
    start: datetime
    end: datetime
    venue: Venue | None
    room: str | None
    delegations: tuple[str, ...]  # names
    others: tuple[str, ...]  # the other hosts' and the interpreter's names
    role: str  # "host", "optional host" or "interpreter"
    language: str  # "in English", "Ukrainian / Dutch, interpreted by Olena"; "" when the plan says nothing
    published: bool  # the latest publication has it at this time
    notes: str

    @property
    def key(self) -> tuple[str, datetime]:
        """What an answer is tied to: the request and its start."""
        return self.request, self.start


def person_meetings(
    plan: Plan, schedule: Schedule, kind: str, person: str, published: Schedule | None = None
) -> list[PersonMeeting]:
    """The person's meetings in `schedule` (built for `plan`), in time order; `published` is the
    schedule of the latest publication, to tell which of them the delegations see as shown."""
    zone = ZoneInfo(plan.timezone)
    requests = {r.id: r for r in plan.requests}
    found = []
    for meeting in schedule.meetings:
        request = requests.get(meeting.request)
        role = _role(request, meeting, kind, person) if request else None
        if request is None or role is None:
            continue
        shown = published.meeting(meeting.request) if published else None
        found.append(
            PersonMeeting(
                request=request.id,
                title=request.title or request.id,
                start=meeting.start.astimezone(zone),
                end=meeting.end.astimezone(zone),
                venue=next((v for v in plan.venues if v.id == meeting.venue), None),
                room=_room(plan, meeting),
                delegations=tuple(_name(plan, d) for d in request.delegations),
                others=tuple(_name(plan, p) for p in _people(request, meeting) if p != person),
                role=role,
                language=meeting_language(plan, request, meeting.interpreter, viewer=person),
                published=shown is not None and shown.start == meeting.start,
                notes=(request.notes or "").strip(),
            )
        )
    return sorted(found, key=lambda m: (m.start, m.request))


def _role(request: Request, meeting: Meeting, kind: str, person: str) -> str | None:
    if kind == "interpreter":
        return ROLES["interpreter"] if meeting.interpreter == person else None
    if person in request.hosts:
        return ROLES["host"]
    return ROLES["optional"] if person in meeting.optional_hosts else None


def _people(request: Request, meeting: Meeting) -> tuple[str, ...]:
    return (*request.hosts, *meeting.optional_hosts, *((meeting.interpreter,) if meeting.interpreter else ()))


def _name(plan: Plan, who: str) -> str:
    people: tuple[Delegation | Host | Interpreter, ...] = (*plan.delegations, *plan.hosts, *plan.interpreters)
    return next((p.name for p in people if p.id == who), who)


def _room(plan: Plan, meeting: Meeting) -> str | None:
    venue = next((v for v in plan.venues if v.id == meeting.venue), None)
    if venue is None or meeting.room is None or isinstance(venue.rooms, int):
        return meeting.room
    return next((r.name or r.id for r in venue.rooms if r.id == meeting.room), meeting.room)


def meeting_language(plan: Plan, request: Request, interpreter: str | None, viewer: str | None = None) -> str:
    """The language the meeting is held in (the first of the first party's that every party speaks), or
    the language of each party that the interpreter works from and into, and who interprets ("you" for
    the interpreter reading it)."""
    spoken = parties_languages(plan, request)
    if not spoken:
        return ""
    first = parties(plan, request)[0][1]
    common = [code for code in first if all(code in each for each in spoken)]
    if common:
        return f"in {language_name(common[0])}"
    works = next((listed(i.languages) for i in plan.interpreters if i.id == interpreter), ())
    each = [
        next((c for c in languages if c in works), languages[0]) for _, languages in parties(plan, request)
    ]
    names = " / ".join(dict.fromkeys(language_name(code) for code in each))
    if interpreter is None:
        return f"{names}, without an interpreter"
    return f"{names}, " + (
        "you interpret" if interpreter == viewer else f"interpreted by {_name(plan, interpreter)}"
    )
