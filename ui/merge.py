"""An edit refused because someone saved meanwhile, applied again to the newest version: a three-way merge.

Each kind of edit (a list, one person's availability windows, the settings, an imported file) knows the
version it started from, what it changed and how to apply that to a newer plan. Where the same cell (a
setting, a person's windows, a list of an imported file) was changed both by the edit and by the version
saved since, to different values, it is a clash: both values are shown and the person chooses.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time

import pandas as pd

from scheduler import DayWindow, Lunch, Plan, Problem, validate
from scheduler import workbook_layout as layout
from ui.edits import apply_edit
from ui.plan_tables import TABLES, availability_table, table, tables_to_plan, with_windows

DELETED = "(row deleted)"
SETTINGS = ("name", "timezone", "slot_minutes", "day", "lunch", "default_travel_minutes")
"""The Plan fields the Settings form edits."""


@dataclass(frozen=True)
class Clash:
    """One cell both sides changed: where it is, what it was, and the two values."""

    where: str
    was: str
    mine: str
    theirs: str


Merged = tuple[Plan | None, list[Problem]]


@dataclass(frozen=True)
class ListEdit:
    """The data editor's change to one list: rows matched by their first column (the id)."""

    title: str
    original: pd.DataFrame
    delta: dict

    @property
    def note(self) -> str:
        return f"edited {self.title}"

    def _clashes(self, latest: Plan) -> list[tuple[Clash, str, int, str | None]]:
        """Each clash with what to undo of the edit if theirs is kept: ("edit", row, column) or
        ("delete", row, None)."""
        theirs = table(latest, self._sheet())
        key = self.original.columns[0]
        found: list[tuple[Clash, str, int, str | None]] = []
        for position, changes in self.delta.get("edited_rows", {}).items():
            row = self.original.iloc[int(position)]
            where = f"{self.title}, row {_text(row[key])}"
            now = theirs[theirs[key] == row[key]]
            if now.empty:
                mine = "; ".join(f"{c} {_text(v)}" for c, v in changes.items())
                clash = Clash(where, "", f"keep the row, with {mine}", DELETED)
                found.append((clash, "edit", int(position), None))
                continue
            for column, value in changes.items():
                was, saved = _text(row.get(column)), _text(now.iloc[0].get(column))
                if saved != was and saved != _text(value):
                    found.append(
                        (Clash(f"{where}, {column}", was, _text(value), saved), "edit", int(position), column)
                    )
        for position in self.delta.get("deleted_rows", []):
            row = self.original.iloc[int(position)]
            now = theirs[theirs[key] == row[key]]
            if now.empty:
                continue
            changed = [
                f"{column} {_text(now.iloc[0][column])}"
                for column in self.original.columns
                if _text(now.iloc[0][column]) != _text(row[column])
            ]
            if changed:
                where = f"{self.title}, row {_text(row[key])}"
                found.append((Clash(where, "", DELETED, "; ".join(changed)), "delete", int(position), None))
        return found

    def clashes(self, latest: Plan) -> list[Clash]:
        return [clash for clash, *_ in self._clashes(latest)]

    def merged(self, latest: Plan, keep_theirs: set[int]) -> Merged:
        edited: dict[int, dict] = {int(k): dict(v) for k, v in self.delta.get("edited_rows", {}).items()}
        deleted: list[int] = [int(k) for k in self.delta.get("deleted_rows", [])]
        for number, (_clash, kind, position, column) in enumerate(self._clashes(latest)):
            if number not in keep_theirs:
                continue
            if kind == "delete":
                deleted.remove(position)
            elif column is None:  # the row they deleted stays deleted
                edited.pop(position, None)
            else:
                edited.get(position, {}).pop(column, None)
        delta = {
            "edited_rows": edited,
            "added_rows": self.delta.get("added_rows", []),
            "deleted_rows": deleted,
        }
        frame = apply_edit(self.original, delta, table(latest, self._sheet()))
        return tables_to_plan(latest, {self.title: frame})

    def _sheet(self) -> layout.Sheet:
        return next(s for s in TABLES if s.title == self.title)


@dataclass(frozen=True)
class WindowsEdit:
    """One person's availability windows, as edited (Kind, Start, End)."""

    who: str
    original: pd.DataFrame
    edited: pd.DataFrame

    @property
    def note(self) -> str:
        return f"edited the windows of {self.who}"

    def clashes(self, latest: Plan) -> list[Clash]:
        was, mine = _windows(self.original), _windows(self.edited)
        theirs = _windows(availability_table(latest, self.who).iloc[:, 1:])
        if theirs in (was, mine):
            return []
        return [Clash(f"Availability windows of {self.who}", was, mine, theirs)]

    def merged(self, latest: Plan, keep_theirs: set[int]) -> Merged:
        if keep_theirs and self.clashes(latest):
            return latest, []
        frame = with_windows(latest, self.who, self.edited)
        return tables_to_plan(latest, {layout.AVAILABILITY.title: frame})


@dataclass(frozen=True)
class PlanEdit:
    """A whole plan as edited (the Settings form: `only` its fields; an imported file: every field)."""

    original: Plan
    mine: Plan
    note: str
    only: tuple[str, ...] = ()

    def _fields(self) -> list[str]:
        return list(self.only) or [f.name for f in fields(Plan)]

    def _clashing(self, latest: Plan) -> list[str]:
        found = []
        for name in self._fields():
            was, mine, theirs = (getattr(p, name) for p in (self.original, self.mine, latest))
            if mine != was and theirs != was and mine != theirs:
                found.append(name)
        return found

    def clashes(self, latest: Plan) -> list[Clash]:
        return [
            Clash(
                _label(name),
                _field_text(getattr(self.original, name)),
                _field_text(getattr(self.mine, name)),
                _field_text(getattr(latest, name)),
            )
            for name in self._clashing(latest)
        ]

    def merged(self, latest: Plan, keep_theirs: set[int]) -> Merged:
        clashing = self._clashing(latest)
        kept = {clashing[k] for k in keep_theirs if k < len(clashing)}
        changes = {
            name: getattr(self.mine, name)
            for name in self._fields()
            if name not in kept and getattr(self.mine, name) != getattr(self.original, name)
        }
        plan = replace(latest, **changes)
        problems = validate(plan)
        return (None if any(p.is_error for p in problems) else plan), problems


Edit = ListEdit | WindowsEdit | PlanEdit


def _label(name: str) -> str:
    words = {"slot_minutes": "meetings start every (minutes)", "day": "working day",
             "default_travel_minutes": "travel minutes between venues", "timezone": "time zone",
             "name": "name of the plan", "lunch": "lunch break"}  # fmt: skip
    return f"Settings, {words[name]}" if name in words else name.replace("_", " ").capitalize()


def _field_text(value: object) -> str:
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return f"{len(value)} row{'' if len(value) == 1 else 's'}"
    if value is None:
        return "none"
    if isinstance(value, DayWindow):
        return f"{value.start:%H:%M}–{value.end:%H:%M}"
    if isinstance(value, Lunch):
        return f"{value.minutes} minutes between {value.earliest:%H:%M} and {value.latest:%H:%M}"
    return str(value)


def _windows(frame: pd.DataFrame) -> str:
    rows = [" ".join(_text(v) for v in row) for _, row in frame.iterrows()]
    rows = sorted(r for r in rows if r.strip())
    return "; ".join(rows) if rows else "none"


_MOMENT = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d")


def _text(value: object) -> str:
    """A cell as staff read it, the same whether it comes from a table or from the editor's change."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    if hasattr(value, "tolist") and not isinstance(value, (str, pd.Timestamp)):
        return _text(value.tolist())
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, str) and _MOMENT.match(value):
        try:
            return f"{datetime.fromisoformat(value.replace('Z', '')):%d/%m/%Y %H:%M}"
        except ValueError:
            return value.strip()
    return str(value).strip()
