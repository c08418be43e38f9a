"""What was last published in the calendars, so that a new schedule can be published as a change.

Calendar clients keep the version of an event with the highest SEQUENCE. The record keeps, for
each request (and each fixed event, lunch and travel block, under its agenda key), the time,
place, attendees and SEQUENCE last published and whether it was cancelled. Publishing again:
  - SEQUENCE rises by one when the time or the place (venue or room) changed, when the attendees
    changed (someone no longer attending must see it cancelled in their own calendar) and when a
    published event is cancelled or comes back;
  - an event that was published and is no longer scheduled stays in the record as cancelled, with
    its last published times, so that it keeps appearing as STATUS:CANCELLED;
  - nothing else changes it, so an unchanged schedule publishes identical events.
The record also keeps the calendar id every UID is derived from: chosen at the first publication
(the store's id of the plan, a new one for a folder), it stays when the plan is renamed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from scheduler.export.agenda import FIXED, MEETING, Entry, entries
from scheduler.model import Plan, Schedule


@dataclass(frozen=True)
class Published:
    """The last published version of one event. `former` attended an earlier version but not this one."""

    key: str
    kind: str
    title: str
    start: datetime
    end: datetime
    venue: str | None
    room: str | None
    attendees: tuple[str, ...]
    sequence: int = 0
    cancelled: bool = False
    former: tuple[str, ...] = ()
    origin: str | None = None

    def entry(self) -> Entry:
        return Entry(self.key, self.kind, self.title, self.start, self.end, self.venue, self.room,
                     self.attendees, self.origin)  # fmt: skip


@dataclass(frozen=True)
class Changes:
    """Request and fixed-event ids that changed in a publication (lunch and travel blocks left out)."""

    added: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()
    reassigned: tuple[str, ...] = ()


@dataclass(frozen=True)
class Publication:
    plan: str
    published_at: datetime | None
    events: Mapping[str, Published] = field(default_factory=dict)
    changes: Changes = field(default_factory=Changes)
    calendar_id: str = ""
    """What every UID is derived from (`ics.event_uid`); empty: the plan's name, as before there was one."""


def publish(
    plan: Plan, schedule: Schedule, previous: Publication | None, now: datetime, calendar_id: str = ""
) -> Publication:
    """The record after publishing `schedule`, given the one before (None: nothing published yet).

    The calendar id is the previous record's; only a first publication takes `calendar_id` (else the
    plan's name). Publishing the same schedule twice in a row gives the same events (only the time
    stamp moves).
    """
    calendar_id = (previous.calendar_id if previous else "") or calendar_id or plan.name
    before = previous.events if previous else {}
    events: dict[str, Published] = {}
    found: dict[str, list[str]] = {
        "added": [],
        "moved": [],
        "cancelled": [],
        "reassigned": [],
        "restored": [],
    }
    for entry in entries(plan, schedule):
        events[entry.key], change = _republish(entry, before.get(entry.key))
        if change:
            found[change].append(entry.key)
    for key, old in before.items():
        if key not in events:
            events[key] = old if old.cancelled else replace(old, cancelled=True, sequence=old.sequence + 1)
            if not old.cancelled:
                found["cancelled"].append(key)

    def planned(*kinds: str) -> tuple[str, ...]:
        """Requests and fixed events only: lunch and travel blocks follow from them."""
        return tuple(sorted(k for kind in kinds for k in found[kind] if events[k].kind in (MEETING, FIXED)))

    changes = Changes(
        planned("added", "restored"), planned("moved"), planned("cancelled"), planned("reassigned")
    )
    return Publication(schedule.plan or plan.name, now, dict(sorted(events.items())), changes, calendar_id)


def _republish(entry: Entry, old: Published | None) -> tuple[Published, str | None]:
    fresh = Published(entry.key, entry.kind, entry.title, entry.start, entry.end, entry.venue, entry.room,
                      entry.attendees, origin=entry.origin)  # fmt: skip
    if old is None:
        return fresh, "added"
    moved = (old.start, old.end, old.venue, old.room) != (entry.start, entry.end, entry.venue, entry.room)
    reassigned = set(old.attendees) != set(entry.attendees)
    former = tuple(sorted((set(old.former) | set(old.attendees)) - set(entry.attendees)))
    if old.cancelled:
        change = "restored"
    elif moved:
        change = "moved"
    elif reassigned:
        change = "reassigned"
    else:
        change = None
    return replace(fresh, sequence=old.sequence + (1 if change else 0), former=former), change
