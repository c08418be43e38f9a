"""The calendar files of an output folder: DIR/calendars/<id>.ics and the publication record beside them.

Still pure (bytes in, bytes out): the caller reads the previous record, if any, and writes what
comes back. File names come from ids only, made safe, and stay distinct even on file systems
that ignore case ("D1" and "d1" are different ids but would be one file on Windows or macOS).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from scheduler.export.ics import ALL, calendars
from scheduler.export.names import safe_file_name
from scheduler.export.publication import Publication, publish
from scheduler.export.publication_json import publication_from_json, publication_to_json
from scheduler.model import Plan, Schedule
from scheduler.problems import WARNING, Problem

FOLDER = "calendars"
PUBLICATION_FILE = f"{FOLDER}/publication.json"


def calendar_files(
    plan: Plan,
    schedule: Schedule,
    previous_record: bytes | None = None,
    now: datetime | None = None,
    reminder_minutes: int | None = None,
    calendar_id: str = "",
) -> tuple[dict[str, bytes], list[Problem]]:
    """Relative path -> content: every calendar and the updated publication record.

    A damaged previous record is reported (a warning naming the file) and publishing starts
    afresh; a caller writing into a folder refuses that first (see scheduler.cli_publication), since
    it would lower SEQUENCE and bring cancelled events back. `calendar_id`: what the UIDs of a first
    publication derive from (a later one keeps the previous record's).
    """
    now = now or datetime.now(UTC)
    previous, problems = _previous(previous_record)
    record = publish(plan, schedule, previous, now, calendar_id)
    named = _named(calendars(plan, schedule, record, now, reminder_minutes))
    files = {f"{FOLDER}/{stem}.ics": content for stem, content in named.items()}
    files[PUBLICATION_FILE] = publication_to_json(record)
    return files, problems


def _previous(content: bytes | None) -> tuple[Publication | None, list[Problem]]:
    if content is None:
        return None, []
    record, problems = publication_from_json(content)
    located = [
        Problem(p.path, p.value, p.expected, WARNING, f"{PUBLICATION_FILE}: {p.place}") for p in problems
    ]
    return record, located


def calendar_stems(plan: Plan) -> dict[str, str]:
    """File stem -> reader (participant id or "all"), as `calendar_files` names the calendars."""
    readers = [ALL, *(d.id for d in plan.delegations), *(h.id for h in plan.hosts)]
    readers += [i.id for i in plan.interpreters]
    return {stem: key.decode() for stem, key in _named({r: r.encode() for r in readers}).items()}


def _named(files: dict[str, bytes]) -> dict[str, bytes]:
    """File stem -> calendar; "all" keeps its name; a stem already taken (ignoring case) gets a hash."""
    named: dict[str, bytes] = {}
    taken: set[str] = set()
    for key in sorted(files, key=lambda k: k != ALL):  # stable: otherwise in plan order
        stem = safe_file_name(key)
        if stem.casefold() in taken or (key != ALL and stem.casefold() == ALL):
            stem = f"{stem}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"
        taken.add(stem.casefold())
        named[stem] = files[key]
    return named
