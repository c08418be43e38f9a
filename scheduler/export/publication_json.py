"""The publication record as a small JSON file kept next to the calendars (or in the store)."""

from __future__ import annotations

import json
from datetime import datetime

from scheduler.export.publication import Changes, Publication, Published
from scheduler.problems import Problem

FORMAT = "publication/1"


def publication_to_json(publication: Publication) -> bytes:
    data = {
        "format": FORMAT,
        "plan": publication.plan,
        "calendar_id": publication.calendar_id,
        "published_at": _moment(publication.published_at),
        "events": {key: _event_data(event) for key, event in publication.events.items()},
        "changes": {name: list(getattr(publication.changes, name)) for name in _CHANGE_NAMES},
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


def publication_from_json(content: bytes) -> tuple[Publication | None, list[Problem]]:
    """The record read back; a damaged file gives located problems, never an exception."""
    try:
        data = json.loads(content.decode("utf-8"))
    except UnicodeDecodeError:
        return None, [Problem(("file",), "bytes", "a publication record encoded as UTF-8")]
    except json.JSONDecodeError as error:
        return None, [Problem(("file",), f"line {error.lineno}", f"valid JSON ({error.msg})")]
    try:
        return _publication(data), []
    except _Bad as bad:
        return None, [Problem(bad.path, bad.value, bad.expected)]


_CHANGE_NAMES = ("added", "moved", "cancelled", "reassigned")


def _event_data(event: Published) -> dict:
    return {
        "kind": event.kind,
        "title": event.title,
        "start": _moment(event.start),
        "end": _moment(event.end),
        "venue": event.venue,
        "room": event.room,
        "attendees": list(event.attendees),
        "sequence": event.sequence,
        "cancelled": event.cancelled,
        "former": list(event.former),
        "origin": event.origin,
    }


def _moment(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


class _Bad(Exception):
    def __init__(self, path: tuple, value: object, expected: str):
        super().__init__(expected)
        self.path, self.value, self.expected = path, value, expected


def _publication(data: object) -> Publication:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _Bad(("format",), data.get("format") if isinstance(data, dict) else data, f'"{FORMAT}"')
    events = _typed(data, "events", dict, ())
    changes = _typed(data, "changes", dict, ())
    published_at = data.get("published_at")
    plan = _typed(data, "plan", str, ())
    # a record from before calendar ids: its UIDs were derived from the plan's name it keeps
    calendar_id = _typed(data, "calendar_id", str, ()) if "calendar_id" in data else plan
    return Publication(
        plan=plan,
        published_at=_aware({"published_at": published_at}, "published_at", ()) if published_at else None,
        events={key: _event(key, value) for key, value in events.items()},
        changes=Changes(*(tuple(_strings(changes, name, ("changes",))) for name in _CHANGE_NAMES)),
        calendar_id=calendar_id,
    )


def _event(key: str, item: object) -> Published:
    path = ("events", key)
    if not isinstance(item, dict):
        raise _Bad(path, item, "an object")
    optional = {name: item.get(name) for name in ("venue", "room", "origin")}
    for name, value in optional.items():
        if value is not None and not isinstance(value, str):
            raise _Bad((*path, name), value, "text or null")
    sequence = _typed(item, "sequence", int, path)
    if isinstance(sequence, bool) or sequence < 0:
        raise _Bad((*path, "sequence"), sequence, "a whole number, 0 or more")
    return Published(
        key=key,
        kind=_typed(item, "kind", str, path),
        title=_typed(item, "title", str, path),
        start=_aware(item, "start", path),
        end=_aware(item, "end", path),
        attendees=tuple(_strings(item, "attendees", path)),
        sequence=sequence,
        cancelled=_typed(item, "cancelled", bool, path),
        former=tuple(_strings(item, "former", path)),
        **optional,
    )


def _typed(item: dict, name: str, kind: type, path: tuple):
    value = item.get(name)
    if not isinstance(value, kind):
        raise _Bad(
            (*path, name),
            value,
            {str: "text", int: "a whole number", bool: "true or false"}.get(kind, "an object"),
        )
    return value


def _strings(item: dict, name: str, path: tuple) -> list[str]:
    value = item.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad((*path, name), value, "a list of ids")
    return value


def _aware(item: dict, name: str, path: tuple) -> datetime:
    value = _typed(item, name, str, path)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _Bad((*path, name), value, "a date-time with its UTC offset, like 2024-04-23T10:00:00+02:00")
    return moment
