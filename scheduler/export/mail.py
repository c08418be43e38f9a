"""The e-mail a publication sends: one message per person whose programme it changed.

A person is a delegation, a host or an interpreter with an `email`. Against the publication before
(none: everything is new), the message lists what was added, what moved (old -> new time or place)
and what was cancelled, in the person's language where the delegation page speaks it (the first of
their languages it speaks; English for interpreters, whose languages are those they work in), and
carries their calendar as last published (.ics). Only meetings and fixed events count: lunch and
travel blocks follow from them. A change of who else attends is not a change of one's own day.

The messages are built with Python's `email` package; `mail_files` gives them as .eml files, named
as the calendars are (`mail/<stem>.eml`).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from scheduler.export.agenda import FIXED, MEETING
from scheduler.export.ics import calendars
from scheduler.export.ics_files import calendar_stems
from scheduler.export.mail_words import ANSWER
from scheduler.export.publication import Publication, Published
from scheduler.languages import DEFAULT, languages_for, moment_text, room_text, word
from scheduler.model import Plan, Schedule

ADDED, MOVED, CANCELLED = "added", "moved", "cancelled"
FOLDER = "mail"


@dataclass(frozen=True)
class Change:
    """One change to a person's programme; `before` is the former version of a moved event."""

    kind: str
    event: Published
    before: Published | None = None


@dataclass(frozen=True)
class Notice:
    """What one publication changed for one person; `email` None when the plan gives no address."""

    person: str
    name: str
    email: str | None
    language: str
    changes: tuple[Change, ...]


def changed_programmes(
    plan: Plan,
    previous: Publication | None,
    record: Publication,
    since: Mapping[str, Publication | None] | None = None,
) -> list[Notice]:
    """Everyone whose programme the publication changed, in plan order (delegations, hosts, interpreters):
    against `previous`, or for a person in `since`, against the last publication they heard of (an
    earlier message did not reach them)."""
    people = [(d.id, d.name, d.email, languages_for(d.languages)[0]) for d in plan.delegations]
    people += [(h.id, h.name, h.email, languages_for(h.languages)[0]) for h in plan.hosts]
    people += [(i.id, i.name, i.email, DEFAULT) for i in plan.interpreters]
    since = since or {}
    found = []
    for person, name, email, language in people:
        changes = _changes(since.get(person, previous), record, person)
        if changes:
            address = (email or "").strip() or None
            found.append(Notice(person, name, address, language, changes))
    return found


def messages(
    plan: Plan,
    schedule: Schedule,
    previous: Publication | None,
    record: Publication,
    sender: str | None = None,
    since: Mapping[str, Publication | None] | None = None,
    only: Collection[str] | None = None,
    links: Mapping[str, str] | None = None,
) -> tuple[dict[str, EmailMessage], list[tuple[Notice, str]]]:
    """Person id -> message, for everyone with an address whose programme changed (of those, only `only`
    when given; `since` as for `changed_programmes`; a person in `links` is given that private address to
    accept or decline their meetings); and those who cannot be written to, each with the reason (no
    address, or one that is not an e-mail address)."""
    when = record.published_at
    sent: dict[str, EmailMessage] = {}
    unreachable: list[tuple[Notice, str]] = []
    found = changed_programmes(plan, previous, record, since)
    wanted = {n.person for n in found if n.email and (only is None or n.person in only)}
    mine = calendars(plan, schedule, record, now=when, only=wanted)
    stems = {reader: stem for stem, reader in calendar_stems(plan).items()}
    for notice in found:
        why = unreachable_reason(notice)
        if why is not None or notice.email is None:
            unreachable.append((notice, why or ""))
            continue
        if notice.person not in wanted:
            continue
        recipient = Address(display_name=notice.name, addr_spec=notice.email)
        link = (links or {}).get(notice.person)
        sent[notice.person] = _message(plan, record, notice, recipient, sender, link)
        if notice.person in mine:
            filename = f"{stems.get(notice.person, 'calendar')}.ics"
            content = mine[notice.person]
            sent[notice.person].add_attachment(
                content, maintype="text", subtype="calendar", filename=filename
            )
    return sent, unreachable


def unreachable_reason(notice: Notice) -> str | None:
    """Why the person cannot be written to (no address, or one that is not an e-mail address); None if
    they can."""
    if notice.email is None:
        return "no e-mail address in the plan"
    try:
        Address(display_name=notice.name, addr_spec=notice.email)
    except (ValueError, IndexError, HeaderParseError):
        return f'"{notice.email}" is not an e-mail address (expected name@domain)'
    return None


def mail_files(
    plan: Plan,
    schedule: Schedule,
    previous: Publication | None,
    record: Publication,
    sender: str | None = None,
) -> dict[str, bytes]:
    """`mail/<stem>.eml` -> the message, for every message of the publication."""
    stems = {reader: stem for stem, reader in calendar_stems(plan).items()}
    sent, _unreachable = messages(plan, schedule, previous, record, sender)
    return {f"{FOLDER}/{stems[person]}.eml": message.as_bytes() for person, message in sent.items()}


def mail_zip(
    plan: Plan,
    schedule: Schedule,
    previous: Publication | None,
    record: Publication,
    sender: str | None = None,
) -> bytes:
    """The publication's messages as .eml files in one zip (an empty zip when nobody is to be told)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in sorted(mail_files(plan, schedule, previous, record, sender).items()):
            archive.writestr(path.rsplit("/", 1)[-1], content)
    return buffer.getvalue()


def _attended(record: Publication | None, person: str) -> dict[str, Published]:
    if record is None:
        return {}
    return {
        key: event
        for key, event in record.events.items()
        if person in event.attendees and not event.cancelled and event.kind in (MEETING, FIXED)
    }


def _changes(previous: Publication | None, record: Publication, person: str) -> tuple[Change, ...]:
    before, now = _attended(previous, person), _attended(record, person)
    found = [Change(ADDED, event) for key, event in now.items() if key not in before]
    found += [
        Change(MOVED, event, before[key])
        for key, event in now.items()
        if key in before and _place(before[key]) != _place(event)
    ]
    found += [Change(CANCELLED, event) for key, event in before.items() if key not in now]
    return tuple(sorted(found, key=lambda c: (c.event.start, c.event.key)))


def _place(event: Published) -> tuple:
    return event.start, event.end, event.venue, event.room


def _message(
    plan: Plan, record: Publication, notice: Notice, recipient: Address, sender: str | None, link: str | None
) -> EmailMessage:
    language = notice.language
    zone = ZoneInfo(plan.timezone)
    when = (record.published_at or datetime.now(zone)).astimezone(zone)
    published = word(language, "published", when=moment_text(language, when))
    message = EmailMessage()
    message["Subject"] = f"{plan.name}: {published}"
    if sender:
        message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(when)
    digest = hashlib.sha256(f"{record.calendar_id}|{when.isoformat()}|{notice.person}".encode()).hexdigest()
    message["Message-ID"] = f"<{digest[:32]}@publication.invalid>"
    lines = [plan.name, published, ""]
    for change in notice.changes:
        lines += _told(plan, change, language, zone)
    if link:
        lines += ["", ANSWER.get(language, ANSWER[DEFAULT]), link]
    lines += ["", word(language, "download")]
    message.set_content("\n".join(lines) + "\n")
    message["Content-Language"] = language
    return message


def _told(plan: Plan, change: Change, language: str, zone: ZoneInfo) -> list[str]:
    event = change.event
    title = event.title
    if change.kind == CANCELLED:
        return [word(language, "cancelled", title=title), f"  {_span(event, language, zone)}"]
    heading = word(language, "new" if change.kind == ADDED else "changed")
    span = _span(event, language, zone)
    if change.before is not None:
        span = f"{_span(change.before, language, zone)} -> {span}"
    where = _where(plan, event, language)
    return [f"{heading}: {title}", f"  {span}" + (f", {where}" if where else "")]


def _span(event: Published, language: str, zone: ZoneInfo) -> str:
    start, end = event.start.astimezone(zone), event.end.astimezone(zone)
    if start.date() == end.date():
        return f"{moment_text(language, start)}-{end:%H:%M}"
    return f"{moment_text(language, start)} - {moment_text(language, end)}"


def _where(plan: Plan, event: Published, language: str) -> str:
    venue = next((v for v in plan.venues if v.id == event.venue), None)
    if venue is None:
        return ""
    room = room_text(venue, event.room, language)
    return f"{venue.name} ({room})" if room else venue.name
