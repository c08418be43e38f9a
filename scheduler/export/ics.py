"""Calendars (.ics) that delegations, hosts and interpreters import or subscribe to.

One calendar per delegation (its meetings, fixed events, lunch and travel blocks), per host and
per interpreter (their meetings and fixed events), and "all" (every meeting and fixed event).
Events keep their UID across re-solves and renames (uuid5 of the publication record's calendar id,
fixed at the plan's first publication, and the request or event id) and
carry the SEQUENCE of the publication record, so a client updates a moved meeting in place and
strikes out a cancelled one. Every event has an ORGANIZER, as iTIP wants with METHOD:PUBLISH:
the plan's protocol office, `protocol@<plan name as a domain label>.invalid` unless one is given
(the reserved .invalid domain makes sure no client ever mails a made-up address).
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import (
    STATUS,
    TRANSP,
    Alarm,
    Calendar,
    Event,
    Parameters,
    vCalAddress,
    vDuration,
)
from icalendar.parser import Contentline

from scheduler.export.agenda import FIXED, MEETING
from scheduler.export.ics_text import Wording, Words, one_line
from scheduler.export.ics_timezone import vtimezone
from scheduler.export.publication import Publication, Published, publish
from scheduler.model import Plan, Schedule

PRODID = "-//Delegation exchange scheduler//Programme calendars//EN"


class Text(str):
    """A TEXT value escaped exactly as RFC 5545 (3.3.11) says: backslash, semicolon, comma and line break.

    icalendar's own escaping first turns the two characters `\\N` into a line break, so a name that
    holds them would reach the reader changed."""

    def to_ical(self) -> bytes:
        text = self.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
        return text.encode("utf-8")


class Categories(tuple):
    """A CATEGORIES value: each category escaped as `Text`, joined by commas."""

    def to_ical(self) -> bytes:
        return b",".join(Text(category).to_ical() for category in self)


ALL = "all"
REFRESH = timedelta(hours=1)
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:delegation-exchange-scheduler:event")


def calendars(
    plan: Plan,
    schedule: Schedule,
    published: Publication | None = None,
    now: datetime | None = None,
    reminder_minutes: int | None = None,
    organizer: str | None = None,
    only: Collection[str] | None = None,
) -> dict[str, bytes]:
    """Every calendar of the plan, keyed by participant id (and "all"), as .ics bytes; with `only`,
    just those readers' (a delegation's page asks for its own, not a thousand others).

    `published` is the record of the previous publication or of this one (publish() run on the same
    schedule again changes nothing), so SEQUENCE and cancellations are right either way. Only
    DTSTAMP depends on `now`: exporting an unchanged schedule twice gives the same bytes otherwise.
    """
    now = (now or datetime.now(UTC)).astimezone(UTC)
    record = publish(plan, schedule, published, now)
    events = sorted(record.events.values(), key=lambda e: (e.start, e.key))
    years = [moment.year for e in events for moment in (e.start, e.end)] or [now.year]
    timezone = vtimezone(plan.timezone, min(years) - 1, max(years) + 1)
    writer = _Writer(plan, now, reminder_minutes, organizer, record.calendar_id)
    readers = [(ALL, f"{plan.name} – full programme")]
    readers += [(d.id, f"{plan.name} – {d.name}") for d in plan.delegations]
    readers += [(h.id, f"{plan.name} – {h.name}") for h in plan.hosts]
    readers += [(i.id, f"{plan.name} – {i.name}") for i in plan.interpreters]
    if only is not None:
        readers = [(reader, name) for reader, name in readers if reader in only]
    zone_text = timezone.to_ical()
    shown = _shown(events)
    result = {}
    for reader, name in readers:
        body = b"".join(writer.event(e, reader, cancelled) for e, cancelled in shown.get(reader, ()))
        uid = _uid(record.calendar_id, f"calendar/{reader}")
        result[reader] = _calendar(plan, one_line(name), uid, record.calendar_id, zone_text, body)
    return result


def event_uid(plan: Plan, key: str, calendar_id: str = "") -> str:
    """The UID of a request's (or fixed event's) calendar event: the same in every export of the plan,
    under its new name too, given the calendar id of its publication record (without one: the name)."""
    return _uid(calendar_id or plan.name, key)


def _uid(calendar_id: str, key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{calendar_id}/{key}"))


def _shown(events: list[Published]) -> dict[str, list[tuple[Published, bool]]]:
    """Reader -> the events in its calendar, in order, each with whether it shows as cancelled: its
    attendees see it as it stands, those taken off it see it cancelled, "all" shows the programme
    (meetings and fixed events) without the delegations' lunch and travel blocks."""
    shown: dict[str, list[tuple[Published, bool]]] = {}
    for event in events:
        if event.kind in (MEETING, FIXED):
            shown.setdefault(ALL, []).append((event, event.cancelled))
        for reader in dict.fromkeys(event.attendees):
            shown.setdefault(reader, []).append((event, event.cancelled))
        for reader in event.former:
            shown.setdefault(reader, []).append((event, True))
    return shown


def _calendar(plan: Plan, name: str, uid: str, calendar_id: str, timezone: bytes, body: bytes) -> bytes:
    calendar = Calendar.new(name=name, method="PUBLISH", prodid=PRODID, uid=uid)
    # how often a subscribed client should look again (RFC 7986 asks for VALUE=DURATION), and the
    # same hint in the words Outlook and Apple Calendar read
    calendar.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    calendar.add("X-WR-TIMEZONE", plan.timezone)
    end = b"END:VCALENDAR\r\n"
    head: bytes = calendar.to_ical()  # icalendar leaves to_ical unannotated
    if calendar_id != plan.name:  # what the UIDs come from, so that a lost record can be rebuilt
        head = head.removesuffix(end) + _line("X-WR-RELCALID", calendar_id) + end
    return head.removesuffix(end) + timezone + body + end


def _line(name: str, text: str) -> bytes:
    line: bytes = Contentline.from_parts(name, Parameters(), Text(text)).to_ical()
    return line + b"\r\n"


class _Writer:
    """Serialises each event once, and its description and place once per language: only the title (and
    the reminder that repeats it) differs by reader."""

    def __init__(
        self, plan: Plan, now: datetime, reminder_minutes: int | None, organizer: str | None, calendar_id: str
    ):
        self.plan = plan
        self.calendar_id = calendar_id
        self.zone = ZoneInfo(plan.timezone)
        self.now = now
        self.reminder = reminder_minutes
        self.wording = Wording(plan)
        email = organizer or f"protocol@{_domain_label(plan.name)}.invalid"
        self.organizer = vCalAddress.new(email, cn=one_line(f"Protocol office – {plan.name}"))
        self._bodies: dict[tuple[str, bool], bytes] = {}
        self._voiced: dict[tuple[str, bool, str | None], bytes] = {}
        self._summaries: dict[str, bytes] = {}
        self._alarm = b""
        if reminder_minutes is not None:
            alarm = Alarm.new(description="Reminder")  # clients show the event's own title with it
            alarm.add("ACTION", "DISPLAY")
            alarm.add("TRIGGER", timedelta(minutes=-reminder_minutes))
            self._alarm = alarm.to_ical()

    def event(self, event: Published, reader: str, cancelled: bool) -> bytes:
        """The event as `reader` sees it: the title depends on the reader, the description and place on
        the reader's language, the rest is the same for all."""
        summary = self.wording.summary(event, reader, cancelled)
        if (event.key, cancelled) not in self._bodies:
            self._bodies[(event.key, cancelled)] = _inner(self._render(event, cancelled))
        voiced = (event.key, cancelled, self.wording.voice(reader))
        if voiced not in self._voiced:
            self._voiced[voiced] = self._voice_lines(self.wording.words(event, cancelled, voiced[2]))
        alarm = b""
        if self.reminder is not None and not cancelled and event.kind in (MEETING, FIXED):
            alarm = self._alarm
        body = self._bodies[(event.key, cancelled)] + self._voiced[voiced]
        return _BEGIN + self._summary(summary) + body + alarm + _END

    def _render(self, event: Published, cancelled: bool) -> Event:
        """Everything but the title, description, place and categories."""
        component = Event.new(
            uid=event_uid(self.plan, event.key, self.calendar_id),
            start=self._local(event.start, event.end),
            end=self._local(event.end, event.start),
            stamp=self.now,
            sequence=event.sequence,
            status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
            transparency=TRANSP.TRANSPARENT if cancelled else TRANSP.OPAQUE,
            organizer=self.organizer,
        )
        geo = self.wording.geo(event)
        if geo:
            component.add("GEO", geo)
        return component

    @staticmethod
    def _voice_lines(words: Words) -> bytes:
        """The CATEGORIES, DESCRIPTION and LOCATION lines, escaped and folded by icalendar."""
        lines = [
            ("CATEGORIES", Categories(words.categories)),
            ("DESCRIPTION", Text(words.description) if words.description else None),
            ("LOCATION", Text(words.location) if words.location else None),
        ]
        return b"".join(
            Contentline.from_parts(name, Parameters(), value).to_ical() + b"\r\n"
            for name, value in lines
            if value is not None
        )

    def _summary(self, summary: str) -> bytes:
        """The SUMMARY line alone, escaped and folded by icalendar (a whole Event costs three times more)."""
        if summary not in self._summaries:
            line = Contentline.from_parts("SUMMARY", Parameters(), Text(summary))
            self._summaries[summary] = line.to_ical() + b"\r\n"
        return self._summaries[summary]

    def _local(self, moment: datetime, other_end: datetime) -> datetime:
        """Wall time in the plan's zone; UTC for both ends when either falls in the hour repeated in
        autumn: RFC 5545 reads such a wall time as the first pass, ical.js and libical as the second."""
        if self._repeated(moment) or self._repeated(other_end):
            return moment.astimezone(UTC)
        return moment.astimezone(self.zone)

    def _repeated(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        return local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset()


_BEGIN, _END = b"BEGIN:VEVENT\r\n", b"END:VEVENT\r\n"


def _inner(component: Event) -> bytes:
    """The serialised properties of an event, without its BEGIN and END lines."""
    text: bytes = component.to_ical()  # icalendar leaves to_ical unannotated
    return text[len(_BEGIN) : -len(_END)]


def _domain_label(name: str) -> str:
    """A DNS label from free text: 'Ukrainian prosecutors 2024' -> 'ukrainian-prosecutors-2024'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    label = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:63].strip("-")
    return label or "plan"
