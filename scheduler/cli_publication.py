"""The publication an output folder holds, for `solve --out DIR`: kept by default, never gone back on.

DIR/calendars/publication.json is what delegations and hosts have imported or subscribed to. Solving
again into DIR keeps its meetings where they can stay (as the app keeps the published programme),
says what moved and what was cancelled, and counts SEQUENCE on from it. A record that cannot be read
is never published over: rebuilt from the calendars beside it on request (--rebuild-record).
"""

from __future__ import annotations

import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from scheduler.export import PUBLICATION_FILE, Publication, publication_from_json, publication_to_json
from scheduler.export.agenda import MEETING
from scheduler.export.ics_files import FOLDER, calendar_stems
from scheduler.export.publication_rebuild import rebuild_record
from scheduler.model import Kept, Plan
from scheduler.problems import ERROR, Problem
from scheduler.validate.words import counted

REBUILD = "--rebuild-record"


def folder_record(out: Path, plan: Plan, rebuild: bool) -> tuple[Publication | None, list[Problem]]:
    """The publication DIR holds (None: nothing published there yet) and what stops using it (errors)."""
    path = out / PUBLICATION_FILE
    calendars = sorted((out / FOLDER).glob("*.ics")) if (out / FOLDER).is_dir() else []
    if rebuild:
        return _rebuilt(out, plan, calendars)
    if not path.is_file():
        if not calendars:
            return None, []
        why = f"a publication record beside the calendars in {out / FOLDER} (rebuild it with {REBUILD})"
        return None, [Problem(("file",), str(path), why, where=str(path))]
    try:
        record, problems = publication_from_json(path.read_bytes())
    except OSError as error:
        record, problems = None, [Problem(("file",), error.strerror, "a readable file")]
    if record is None:
        advice = (
            f"; publishing over it would lower SEQUENCE and bring cancelled meetings back, so nothing was "
            f"written: rebuild it from the calendars beside it with {REBUILD}"
        )
        return None, [
            Problem(p.path, p.value, p.expected + advice, ERROR, f"{path}: {p.place}") for p in problems
        ]
    return record, []


def _rebuilt(out: Path, plan: Plan, calendars: list[Path]) -> tuple[Publication | None, list[Problem]]:
    from scheduler.io.schedule_json import read_schedule_json

    files = {path.name: path.read_bytes() for path in calendars}
    known: set[str] = set()
    schedule_file = out / "schedule.json"
    if schedule_file.is_file():  # the schedule last written may name requests the plan no longer has
        earlier, _problems = read_schedule_json(schedule_file.read_bytes())
        if earlier is not None:
            known = {m.request for m in earlier.meetings} | {u.request for u in earlier.unscheduled}
    record, problems = rebuild_record(plan, files, calendar_stems(plan), known)
    where = str(out / FOLDER)
    located = [Problem(p.path, p.value, p.expected, p.severity, f"{where}: {p.place}") for p in problems]
    if record is None:
        return None, [Problem(p.path, p.value, p.expected, ERROR, p.where) for p in located]
    cancelled = sum(e.cancelled for e in record.events.values())
    print(
        f"Rebuilt {out / PUBLICATION_FILE} from {counted(len(files), 'calendar')}: "
        f"{counted(len(record.events), 'event')}, {cancelled} of them cancelled.",
        file=sys.stderr,
    )
    return record, located


def record_bytes(record: Publication | None) -> bytes | None:
    return publication_to_json(record) if record is not None else None


def kept_from_record(record: Publication | None, plan: Plan) -> tuple[Kept, ...]:
    """The published meetings to keep in place (time, room, interpreter); cancelled ones stay out."""
    if record is None:
        return ()
    zone = ZoneInfo(plan.timezone)
    interpreters = {i.id for i in plan.interpreters}
    kept = []
    for event in record.events.values():
        if event.kind != MEETING:
            continue
        if event.cancelled:
            kept.append(Kept(event.key, None))
            continue
        interpreter = next((who for who in event.attendees if who in interpreters), None)
        kept.append(
            Kept(event.key, event.start.astimezone(zone).replace(tzinfo=None), event.room, interpreter)
        )
    return tuple(kept)


def publication_summary(before: Publication, after: Publication, path: Path, how: str) -> str:
    """E.g. "Against the publication in out/calendars/publication.json (kept; --fresh lets it all move):
    38 meetings as published, 2 moved (r4, r9), 1 cancelled (r12), 3 added." """
    changes = after.changes
    live = [k for k, e in before.events.items() if e.kind == MEETING and not e.cancelled]
    same = sum(k not in (*changes.moved, *changes.cancelled, *changes.reassigned) for k in live)
    parts = [f"{counted(same, 'meeting')} as published"]
    for label, keys in (
        ("moved", changes.moved),
        ("cancelled", changes.cancelled),
        ("with other attendees", changes.reassigned),
        ("added", changes.added),
    ):
        if keys:
            shown = ", ".join(keys[:8]) + (f" and {len(keys) - 8} more" if len(keys) > 8 else "")
            parts.append(f"{len(keys)} {label} ({shown})")
    return f"Against the publication in {path} ({how}): {', '.join(parts)}."
