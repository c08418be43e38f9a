"""The schedule's JSON form (DESIGN.md "What comes out"): Schedule <-> bytes."""

from __future__ import annotations

import json
from datetime import datetime

from scheduler.model import (
    PRIORITIES,
    Criterion,
    LunchBlock,
    Meeting,
    Objective,
    Schedule,
    Unscheduled,
)
from scheduler.problems import Problem


def schedule_to_data(schedule: Schedule) -> dict:
    objective = {
        "scheduled": {p: schedule.objective.scheduled.get(p, 0) for p in PRIORITIES},
        "requested": {p: schedule.objective.requested.get(p, 0) for p in PRIORITIES},
        "travel_minutes": schedule.objective.travel_minutes,
    }
    if schedule.objective.bound is not None:
        objective["bound"] = schedule.objective.bound
    if schedule.objective.criteria:
        objective["criteria"] = [
            {
                "name": c.name,
                "value": c.value,
                "bound": c.bound,
                "proven": c.proven,
                "seconds": round(c.seconds, 3),
                **({"stalled": True} if c.stalled else {}),
            }
            for c in schedule.objective.criteria
        ]
    return {
        "plan": schedule.plan,
        "status": schedule.status,
        "solve_seconds": round(schedule.solve_seconds, 3),
        "objective": objective,
        "meetings": [_meeting(m) for m in schedule.meetings],
        "lunches": [
            {"delegation": b.delegation, "start": _moment(b.start), "end": _moment(b.end)}
            for b in schedule.lunches
        ],
        "unscheduled": [{"request": u.request, "reasons": list(u.reasons)} for u in schedule.unscheduled],
    }


def _meeting(meeting: Meeting) -> dict:
    return {
        "request": meeting.request,
        "start": _moment(meeting.start),
        "end": _moment(meeting.end),
        "venue": meeting.venue,
        "room": meeting.room,
        "interpreter": meeting.interpreter,
        "optional_hosts": list(meeting.optional_hosts),
    }


def _moment(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def write_schedule_json(schedule: Schedule) -> bytes:
    return (json.dumps(schedule_to_data(schedule), indent=2, ensure_ascii=False) + "\n").encode()


def read_schedule_json(content: bytes) -> tuple[Schedule | None, list[Problem]]:
    """A Schedule from its JSON; located problems instead of exceptions."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
        return schedule_from_data(data), []
    except UnicodeDecodeError:
        return None, [Problem(("file",), "bytes", "a schedule.json encoded as UTF-8")]
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        return None, [Problem(("file",), where, f"valid JSON ({error.msg})")]
    except _ShapeError as error:
        return None, [Problem(error.path, error.value, error.expected)]


class _ShapeError(Exception):
    def __init__(self, path, value, expected):
        super().__init__(expected)
        self.path, self.value, self.expected = path, value, expected


def schedule_from_data(data: object) -> Schedule:
    root = _object(data, ())
    objective = _object(root.get("objective", {}), ("objective",))
    meetings = tuple(
        Meeting(
            request=_text(m, "request", path),
            start=_aware(m, "start", path),
            end=_aware(m, "end", path),
            venue=_text(m, "venue", path),
            room=m.get("room"),
            interpreter=m.get("interpreter"),
            optional_hosts=tuple(m.get("optional_hosts") or ()),
        )
        for path, m in _items(root, "meetings")
    )
    lunches = tuple(
        LunchBlock(_text(b, "delegation", path), _aware(b, "start", path), _aware(b, "end", path))
        for path, b in _items(root, "lunches")
    )
    unscheduled = tuple(
        Unscheduled(_text(u, "request", path), tuple(str(r) for r in u.get("reasons") or ()))
        for path, u in _items(root, "unscheduled")
    )
    return Schedule(
        plan=str(root.get("plan", "")),
        status=str(root.get("status", "unknown")),
        solve_seconds=float(root.get("solve_seconds") or 0),
        objective=Objective(
            scheduled=dict(objective.get("scheduled") or {}),
            requested=dict(objective.get("requested") or {}),
            travel_minutes=int(objective.get("travel_minutes") or 0),
            bound=objective.get("bound"),
            criteria=tuple(_criterion(c, path) for path, c in _items(objective, "criteria", ("objective",))),
        ),
        meetings=meetings,
        lunches=lunches,
        unscheduled=unscheduled,
    )


def _object(value, path) -> dict:
    if not isinstance(value, dict):
        raise _ShapeError(path, value, "an object")
    return value


def _items(root: dict, key: str, within: tuple = ()):
    items = root.get(key) or []
    if not isinstance(items, list):
        raise _ShapeError((*within, key), items, "a list")
    return [((*within, key, i), _object(item, (*within, key, i))) for i, item in enumerate(items)]


def _criterion(item: dict, path) -> Criterion:
    numbers = {}
    for key in ("value", "bound", "seconds"):
        value = item.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _ShapeError((*path, key), value, "a number")
        numbers[key] = float(value)
    proven = item.get("proven")
    if not isinstance(proven, bool):
        raise _ShapeError((*path, "proven"), proven, "true or false")
    stalled = item.get("stalled", False)  # optional: written only when true
    if not isinstance(stalled, bool):
        raise _ShapeError((*path, "stalled"), stalled, "true or false")
    name = _text(item, "name", path)
    return Criterion(name, numbers["value"], numbers["bound"], proven, numbers["seconds"], stalled)


def _text(item: dict, key: str, path) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value:
        raise _ShapeError((*path, key), value, "text")
    return value


def _aware(item: dict, key: str, path) -> datetime:
    value = item.get(key)
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _ShapeError((*path, key), value, "a date-time with UTC offset like 2024-04-23T10:00:00+02:00")
    return moment
