"""Publishing a schedule to the delegations, and what a private link may show: one delegation's programme.

The store keeps each publication's record (scheduler.export.Publication as JSON) beside the
schedule it published; calendars and the delegation page are always rebuilt from the latest one,
so a subscription answers what staff last published, never a draft.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime

from scheduler.export import (
    Changes,
    Publication,
    calendar_files,
    calendars,
    publication_from_json,
    publication_to_json,
    publish,
)
from scheduler.export.agenda import FIXED, MEETING, Entry, entries
from scheduler.export.publication import Published
from scheduler.model import Plan, Schedule
from scheduler.store import Store


@dataclass(frozen=True)
class PublishedProgramme:
    number: int
    published_at: datetime
    plan: Plan
    schedule: Schedule
    record: Publication
    previous: Publication | None = None
    """The record of the publication before this one, to tell a delegation what changed."""


def publication_preview(store: Store, plan_id: int, schedule_id: int) -> Publication:
    """The record that publishing this schedule would write, with its changes (nothing is written)."""
    plan, schedule = _plan_and_schedule(store, plan_id, schedule_id)
    return publish(plan, schedule, _latest_record(store, plan_id), datetime.now(UTC))


def publish_schedule(store: Store, plan_id: int, schedule_id: int) -> tuple[int, Changes]:
    """Make a stored schedule the one delegations see; returns the publication number and the changes."""
    plan, schedule = _plan_and_schedule(store, plan_id, schedule_id)
    record = publish(plan, schedule, _latest_record(store, plan_id), datetime.now(UTC))
    number = store.publish(plan_id, schedule_id, publication_to_json(record).decode("utf-8"))
    return number, record.changes


def latest_published(store: Store, plan_id: int) -> PublishedProgramme | None:
    publication = store.latest_publication(plan_id)
    if publication is None:
        return None
    record, _problems = publication_from_json(publication.record.encode("utf-8"))
    if record is None:
        return None
    plan, schedule = _plan_and_schedule(store, plan_id, publication.schedule_id)
    before = store.publication(plan_id, publication.number - 1)
    previous = publication_from_json(before.record.encode("utf-8"))[0] if before else None
    return PublishedProgramme(publication.number, publication.published_at, plan, schedule, record, previous)


def delegation_changes(programme: PublishedProgramme, delegation: str) -> tuple[dict[str, str], list[Entry]]:
    """What the latest publication changed in the delegation's programme against the one before:
    {key: "new" | "changed"} for its meetings and fixed events (changed: time, place or who attends),
    and the entries it no longer has (cancelled, or the delegation taken off them), at their former
    times. Nothing is marked in a first publication."""
    if programme.previous is None:
        return {}, []
    before, now = _attended(programme.previous, delegation), _attended(programme.record, delegation)
    marks = {key: "new" for key in now if key not in before}
    marks |= {key: "changed" for key, event in now.items() if key in before and _changed(before[key], event)}
    gone = [event.entry() for key, event in before.items() if key not in now]
    return marks, sorted(gone, key=lambda e: (e.start, e.key))


def _attended(record: Publication, delegation: str) -> dict[str, Published]:
    """The meetings and fixed events of the delegation in a publication, cancelled ones left out."""
    return {
        key: event
        for key, event in record.events.items()
        if delegation in event.attendees and not event.cancelled and event.kind in (MEETING, FIXED)
    }


def _changed(old: Published, new: Published) -> bool:
    place = (old.start, old.end, old.venue, old.room, set(old.attendees))
    return place != (new.start, new.end, new.venue, new.room, set(new.attendees))


def days_gone_by(days: list[date], today: date) -> list[date]:
    """The days a delegation's page folds away: those before today, while the visit is under way (before
    it starts and after it ends, every day stays open)."""
    if not days or not days[0] < today <= days[-1]:
        return []
    return [day for day in days if day < today]


def delegation_calendar(programme: PublishedProgramme, delegation: str) -> bytes | None:
    """The delegation's .ics as last published (DTSTAMP is the publication time, so the bytes are stable);
    None when the delegation is no longer in the published plan."""
    mine = calendars(
        programme.plan, programme.schedule, programme.record, now=programme.published_at, only={delegation}
    )
    return mine.get(delegation)


def delegation_entries(programme: PublishedProgramme, delegation: str) -> list[Entry]:
    """Its meetings, fixed events, lunch and travel blocks, in order; nothing of anyone else."""
    return [e for e in entries(programme.plan, programme.schedule) if delegation in e.attendees]


def latest_record(store: Store, plan_id: int) -> Publication:
    """The record of the last publication, against which a draft's calendars count their SEQUENCE."""
    return _latest_record(store, plan_id)


def calendars_zip(
    plan: Plan, schedule: Schedule, record: Publication | None, now: datetime | None = None
) -> bytes:
    """Every calendar of a schedule in one zip, named as `solve --out` names them (<id>.ics, all.ics)."""
    previous = publication_to_json(record) if record else None
    files, _problems = calendar_files(plan, schedule, previous, now)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in sorted(files.items()):
            if path.endswith(".ics"):
                archive.writestr(path.rsplit("/", 1)[-1], content)
    return buffer.getvalue()


def resolve_delegation(store: Store, token: str) -> tuple[PublishedProgramme | None, str] | None:
    """The published programme and delegation a private link opens; None for a link that is not valid."""
    found = store.resolve_link(token)
    if found is None:
        return None
    plan_id, delegation = found
    return latest_published(store, plan_id), delegation


def _latest_record(store: Store, plan_id: int) -> Publication:
    """The last publication's record; before the first one, an empty record with the plan's calendar id,
    so that drafts and the first publication have the UIDs every later one keeps."""
    publication = store.latest_publication(plan_id)
    if publication is None:
        return Publication("", None, calendar_id=store.calendar_id(plan_id))
    record, problems = publication_from_json(publication.record.encode("utf-8"))
    if record is None:  # publishing afresh would lower SEQUENCE and bring cancelled meetings back
        why = "; ".join(map(str, problems))
        number = publication.number
        raise ValueError(
            f"publication {number} of this plan cannot be read ({why}): nothing is published over it"
        )
    return record


def _plan_and_schedule(store: Store, plan_id: int, schedule_id: int) -> tuple[Plan, Schedule]:
    stored = store.schedule(schedule_id)
    return store.version(plan_id, stored.plan_version).plan, stored.schedule
