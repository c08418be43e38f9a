"""Schedules built for a plan version, and the publications that made one of them what delegations see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from scheduler.io.schedule_json import read_schedule_json, write_schedule_json
from scheduler.model import Schedule
from scheduler.store.plan_history import Conflict, PlanGone
from scheduler.store.schema import aware, newest, now, plan_exists, publications, schedules, unique_violation

RACES = 8
"""How many times a publication is tried again after another one took its number at the same moment:
each retry means someone else's publication went in, so a handful of people publishing at once get
theirs in; beyond that the publication is refused with `Busy` rather than tried for ever."""


class Busy(Conflict):
    """Too many publications of the plan at the same moment; nothing was published (a `Conflict`, as
    pages already show one)."""

    def __init__(self, plan_id: int):
        Exception.__init__(
            self,
            f"{RACES + 1} publications of this plan at the same moment: nothing was published; try again",
        )
        self.plan_id, self.base_version, self.current_version = plan_id, 0, 0


@dataclass(frozen=True)
class StoredSchedule:
    schedule_id: int
    plan_version: int
    schedule: Schedule
    created_at: datetime


@dataclass(frozen=True)
class StoredPublication:
    number: int
    schedule_id: int
    record: str
    published_at: datetime


class Programmes:
    """The schedules and publications part of `Store`; needs only its `engine`."""

    engine: sa.Engine

    def save_schedule(self, plan_id: int, plan_version: int, schedule: Schedule) -> int:
        content = write_schedule_json(schedule).decode("utf-8")
        try:
            with self.engine.begin() as db:
                result = db.execute(
                    sa.insert(schedules).values(
                        plan_id=plan_id, plan_version=plan_version, content=content, created_at=now()
                    )
                )
                key = result.inserted_primary_key
                assert key is not None  # an insert of one row knows its key
                schedule_id: int = key[0]
                return schedule_id
        except IntegrityError:
            raise PlanGone(plan_id, "the programme was not kept") from None

    def schedule(self, schedule_id: int) -> StoredSchedule:
        with self.engine.connect() as db:
            row = db.execute(sa.select(schedules).where(schedules.c.id == schedule_id)).first()
        if row is None:
            raise KeyError(schedule_id)
        return _stored_schedule(row)

    def latest_schedule(self, plan_id: int) -> StoredSchedule | None:
        row = newest(self.engine, schedules, schedules.c.id, plan_id)
        return _stored_schedule(row) if row else None

    def publish(self, plan_id: int, schedule_id: int, record: str) -> int:
        """Record a publication (what delegations see); numbers count up from 1 per plan.

        `PlanGone` when the plan was deleted, `KeyError` when the schedule is not one of the plan's,
        `Busy` after RACES publications at the same moment took the number first."""
        for _ in range(RACES + 1):
            try:
                with self.engine.begin() as db:
                    # publishers of one plan take turns on PostgreSQL; a deleted plan is found here
                    if not plan_exists(db, plan_id, lock=True):
                        raise PlanGone(plan_id, "nothing was published")
                    owner = db.scalar(sa.select(schedules.c.plan_id).where(schedules.c.id == schedule_id))
                    if owner != plan_id:
                        raise KeyError(schedule_id)
                    number = 1 + (
                        db.scalar(
                            sa.select(sa.func.max(publications.c.number)).where(
                                publications.c.plan_id == plan_id
                            )
                        )
                        or 0
                    )
                    db.execute(
                        sa.insert(publications).values(
                            plan_id=plan_id,
                            number=number,
                            schedule_id=schedule_id,
                            record=record,
                            published_at=now(),
                        )
                    )
                return number
            except IntegrityError as refused:
                if not unique_violation(refused):  # the plan or the schedule went away meanwhile
                    raise PlanGone(plan_id, "nothing was published") from None
                # someone published at the same moment: take the next number
        raise Busy(plan_id)

    def latest_publication(self, plan_id: int) -> StoredPublication | None:
        row = newest(self.engine, publications, publications.c.number, plan_id)
        return _stored_publication(row) if row else None

    def publication(self, plan_id: int, number: int) -> StoredPublication | None:
        """Publication `number` of the plan (1 is the first), None if there is none such."""
        with self.engine.connect() as db:
            row = db.execute(
                sa.select(publications).where(
                    publications.c.plan_id == plan_id, publications.c.number == number
                )
            ).first()
        return _stored_publication(row) if row else None


def _stored_publication(row) -> StoredPublication:
    return StoredPublication(row.number, row.schedule_id, row.record, aware(row.published_at))


def _stored_schedule(row) -> StoredSchedule:
    schedule, problems = read_schedule_json(row.content.encode("utf-8"))
    if schedule is None:
        raise ValueError("; ".join(str(p) for p in problems))
    return StoredSchedule(row.id, row.plan_version, schedule, aware(row.created_at))
