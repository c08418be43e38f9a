"""Plans and their versions: every save is a new version, and a stale save is refused.

Two people saving on top of the same version race for the same (plan, version) key: the
database's primary key lets exactly one win, the other gets a `Conflict` and keeps its edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from scheduler.io.plan_json import read_plan_json, write_plan_json
from scheduler.model import Plan
from scheduler.store.schema import (
    aware,
    links,
    new_calendar_id,
    newest,
    now,
    plans,
    publications,
    schedules,
    unique_violation,
    versions,
)


class Conflict(Exception):
    """The plan changed since the version the edit started from; nothing was saved."""

    def __init__(self, plan_id: int, base_version: int, current_version: int):
        super().__init__(
            f"this plan was changed by someone else (now version {current_version}, your edit started "
            f"from version {base_version}); your edit was not saved and is kept to apply again"
        )
        self.plan_id, self.base_version, self.current_version = plan_id, base_version, current_version


class PlanGone(Conflict):
    """The plan was deleted meanwhile (by someone else): nothing was saved, linked or published for it.

    A `Conflict`, so that a page that keeps an edit on a conflict keeps it here too."""

    def __init__(self, plan_id: int, what: str = "your edit was not saved"):
        Exception.__init__(self, f"this plan was deleted meanwhile (by someone else): {what}")
        self.plan_id, self.base_version, self.current_version = plan_id, 0, 0


class LastPlan(Exception):
    """The plan is the only one left: every session works on some plan, so it stays; nothing was deleted."""

    def __init__(self, plan_id: int):
        super().__init__("this is the only plan left: start another plan first, then delete this one")
        self.plan_id = plan_id


@dataclass(frozen=True)
class StoredPlan:
    plan_id: int
    version: int
    plan: Plan
    saved_at: datetime
    author: str
    note: str


@dataclass(frozen=True)
class VersionInfo:
    version: int
    name: str
    saved_at: datetime
    author: str
    note: str


class PlanHistory:
    """The plans and versions part of `Store`; needs only its `engine`."""

    engine: sa.Engine

    def create_plan(self, plan: Plan, author: str = "", note: str = "created") -> StoredPlan:
        with self.engine.begin() as db:
            key = db.execute(
                sa.insert(plans).values(created_at=now(), calendar_id=new_calendar_id())
            ).inserted_primary_key
            assert key is not None  # an insert of one row knows its key
            plan_id: int = key[0]
            _insert_version(db, plan_id, 1, plan, author, note)
        return self.latest(plan_id)

    def plan_ids(self) -> list[int]:
        with self.engine.connect() as db:
            return list(db.scalars(sa.select(plans.c.id).order_by(plans.c.id)))

    def latest(self, plan_id: int) -> StoredPlan:
        row = newest(self.engine, versions, versions.c.version, plan_id)
        if row is None:
            raise KeyError(plan_id)
        return _stored(row)

    def version(self, plan_id: int, version: int) -> StoredPlan:
        with self.engine.connect() as db:
            row = db.execute(
                sa.select(versions).where(versions.c.plan_id == plan_id, versions.c.version == version)
            ).first()
        if row is None:
            raise KeyError((plan_id, version))
        return _stored(row)

    def versions(self, plan_id: int) -> list[VersionInfo]:
        with self.engine.connect() as db:
            rows = db.execute(
                sa.select(versions.c.version, versions.c.name, versions.c.saved_at, versions.c.author)
                .add_columns(versions.c.note)
                .where(versions.c.plan_id == plan_id)
                .order_by(versions.c.version.desc())
            ).all()
        return [VersionInfo(r.version, r.name, aware(r.saved_at), r.author, r.note) for r in rows]

    def calendar_id(self, plan_id: int) -> str:
        """What the plan's calendar UIDs come from: fixed when the plan is created, kept by a rename."""
        with self.engine.connect() as db:
            found = db.scalar(sa.select(plans.c.calendar_id).where(plans.c.id == plan_id))
        if found is None:
            raise KeyError(plan_id)
        return str(found)

    def save(self, plan_id: int, plan: Plan, base_version: int, author: str = "", note: str = "") -> int:
        """Store `plan` as the version after `base_version`; `Conflict` if that one exists already,
        `PlanGone` if the plan was deleted."""
        try:
            with self.engine.begin() as db:
                _insert_version(db, plan_id, base_version + 1, plan, author, note)
        except IntegrityError as refused:
            if not unique_violation(refused):
                raise PlanGone(plan_id) from None
            try:
                current = self.latest(plan_id).version
            except KeyError:  # deleted between the save and this look
                raise PlanGone(plan_id) from None
            raise Conflict(plan_id, base_version, current) from None
        return base_version + 1

    def restore(self, plan_id: int, version: int, base_version: int, author: str = "") -> int:
        """An earlier version becomes the newest one again; history is never rewritten."""
        old = self.version(plan_id, version)
        return self.save(plan_id, old.plan, base_version, author, note=f"restored version {version}")

    def delete_plan(self, plan_id: int) -> None:
        """Remove a plan with its versions, schedules, publications and delegation links, all or nothing.

        Its links then open nothing and its calendar feeds answer "not valid". `KeyError` for a plan that
        is not stored (any more); `LastPlan` for the only one left.
        """
        with self.engine.begin() as db:
            # Locking every plan row keeps two deletions at once from removing the last two plans on
            # PostgreSQL; SQLite lets one writer in at a time, and the count after deleting catches it there.
            stored = list(db.scalars(sa.select(plans.c.id).with_for_update()))
            if plan_id not in stored:
                raise KeyError(plan_id)
            if len(stored) == 1:
                raise LastPlan(plan_id)
            # Publications name schedules, and everything names the plan: delete in that order.
            for table in (publications, schedules, links, versions):
                db.execute(sa.delete(table).where(table.c.plan_id == plan_id))
            db.execute(sa.delete(plans).where(plans.c.id == plan_id))
            if not db.scalar(sa.select(sa.func.count()).select_from(plans)):
                raise LastPlan(plan_id)


def _insert_version(db, plan_id: int, version: int, plan: Plan, author: str, note: str) -> None:
    db.execute(
        sa.insert(versions).values(
            plan_id=plan_id,
            version=version,
            name=plan.name,
            content=write_plan_json(plan).decode("utf-8"),
            saved_at=now(),
            author=author,
            note=note,
        )
    )


def _stored(row) -> StoredPlan:
    plan, problems = read_plan_json(row.content.encode("utf-8"))
    if plan is None:  # only a bug could store an unreadable plan
        raise ValueError("; ".join(str(p) for p in problems))
    return StoredPlan(row.plan_id, row.version, plan, aware(row.saved_at), row.author, row.note)
