"""What a delegation's page marks as new, changed or cancelled: the changes of the latest publication, and
those of every publication of the last day, whatever was published since, so that a cancellation published
in the morning is still shown after a correction published an hour later."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from scheduler.export import Publication, publication_from_json
from scheduler.export.agenda import FIXED, MEETING, Entry
from scheduler.publishing import PublishedProgramme, delegation_changes
from scheduler.store import Store

MARKED_FOR = timedelta(days=1)
"""How long at least a change stays marked after it was published."""


def marked_changes(
    store: Store, plan_id: int, programme: PublishedProgramme, delegation: str, now: datetime
) -> tuple[dict[str, str], list[Entry]]:
    """{key: "new" | "changed"} for the delegation's meetings and fixed events, and the entries it no
    longer has (at their former times): what the latest publication changed, and what each publication
    made since `now` - MARKED_FOR changed, as long as it still holds in the latest one (a meeting cancelled
    then brought back is not shown cancelled; one added then moved stays "new")."""
    marks, cancelled = delegation_changes(programme, delegation)
    present = _attended(programme.record, delegation)
    gone = {entry.key for entry in cancelled}
    number, newer = programme.number - 1, programme.previous
    while newer is not None and number >= 2:
        published = store.publication(plan_id, number)
        if published is None or published.published_at < now - MARKED_FOR:
            break
        before = store.publication(plan_id, number - 1)
        older = publication_from_json(before.record.encode("utf-8"))[0] if before else None
        if older is None:
            break
        earlier_marks, earlier_gone = delegation_changes(
            replace(programme, record=newer, previous=older), delegation
        )
        for key, mark in earlier_marks.items():
            if key in present and (key not in marks or mark == "new"):
                marks[key] = mark
        for entry in earlier_gone:
            if entry.key not in present and entry.key not in gone:
                cancelled.append(entry)
                gone.add(entry.key)
        number, newer = number - 1, older
    return marks, sorted(cancelled, key=lambda e: (e.start, e.key))


def _attended(record: Publication, delegation: str) -> set[str]:
    return {
        key
        for key, event in record.events.items()
        if delegation in event.attendees and not event.cancelled and event.kind in (MEETING, FIXED)
    }
