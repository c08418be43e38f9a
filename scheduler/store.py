"""Persistence that loses nothing: every save is a new version, and a stale save is refused.

SQLAlchemy Core over an embedded SQLite file by default, or PostgreSQL through `DATABASE_URL`.
Two people saving on top of the same version race for the same (plan, version) key: the
database's primary key lets exactly one win, the other gets a `Conflict` and keeps its edit.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from scheduler.io.plan_json import read_plan_json, write_plan_json
from scheduler.io.schedule_json import read_schedule_json, write_schedule_json
from scheduler.model import Plan, Schedule

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "instance" / "scheduler.db"

metadata = sa.MetaData()
plans = sa.Table(
    "plans",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
versions = sa.Table(
    "plan_versions",
    metadata,
    sa.Column("plan_id", sa.ForeignKey("plans.id"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("author", sa.Text, nullable=False, default=""),
    sa.Column("note", sa.Text, nullable=False, default=""),
)
schedules = sa.Table(
    "schedules",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("plan_id", sa.ForeignKey("plans.id"), nullable=False),
    sa.Column("plan_version", sa.Integer, nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
publications = sa.Table(
    "publications",
    metadata,
    sa.Column("plan_id", sa.ForeignKey("plans.id"), primary_key=True),
    sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("schedule_id", sa.ForeignKey("schedules.id"), nullable=False),
    sa.Column("record", sa.Text, nullable=False),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
)
links = sa.Table(
    "delegation_links",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("plan_id", sa.ForeignKey("plans.id"), nullable=False),
    sa.Column("delegation", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
)


class Conflict(Exception):
    """The plan changed since the version the edit started from; nothing was saved."""

    def __init__(self, plan_id: int, base_version: int, current_version: int):
        super().__init__(
            f"this plan was changed by someone else (now version {current_version}, your edit started "
            f"from version {base_version}); your edit was not saved and is kept to apply again"
        )
        self.plan_id, self.base_version, self.current_version = plan_id, base_version, current_version


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


def database_url() -> str:
    """`DATABASE_URL` when set (PostgreSQL for a shared deployment), else the embedded SQLite file."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url:
        return url
    DEFAULT_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_PATH}"


def _now() -> datetime:
    return datetime.now(UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Store:
    def __init__(self, url: str | None = None):
        self.engine = sa.create_engine(url or database_url(), future=True, pool_pre_ping=True)
        metadata.create_all(self.engine)

    # --- plans and versions ---------------------------------------------------------------

    def create_plan(self, plan: Plan, author: str = "", note: str = "created") -> StoredPlan:
        with self.engine.begin() as db:
            plan_id = db.execute(sa.insert(plans).values(created_at=_now())).inserted_primary_key[0]
            self._insert_version(db, plan_id, 1, plan, author, note)
        return self.latest(plan_id)

    def plan_ids(self) -> list[int]:
        with self.engine.connect() as db:
            return list(db.scalars(sa.select(plans.c.id).order_by(plans.c.id)))

    def latest(self, plan_id: int) -> StoredPlan:
        with self.engine.connect() as db:
            row = db.execute(
                sa.select(versions)
                .where(versions.c.plan_id == plan_id)
                .order_by(versions.c.version.desc())
                .limit(1)
            ).first()
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
        return [VersionInfo(r.version, r.name, _aware(r.saved_at), r.author, r.note) for r in rows]

    def save(self, plan_id: int, plan: Plan, base_version: int, author: str = "", note: str = "") -> int:
        """Store `plan` as the version after `base_version`; `Conflict` if that one exists already."""
        try:
            with self.engine.begin() as db:
                self._insert_version(db, plan_id, base_version + 1, plan, author, note)
        except IntegrityError:
            raise Conflict(plan_id, base_version, self.latest(plan_id).version) from None
        return base_version + 1

    def restore(self, plan_id: int, version: int, base_version: int, author: str = "") -> int:
        """An earlier version becomes the newest one again; history is never rewritten."""
        old = self.version(plan_id, version)
        return self.save(plan_id, old.plan, base_version, author, note=f"restored version {version}")

    def _insert_version(self, db, plan_id: int, version: int, plan: Plan, author: str, note: str) -> None:
        db.execute(
            sa.insert(versions).values(
                plan_id=plan_id,
                version=version,
                name=plan.name,
                content=write_plan_json(plan).decode("utf-8"),
                saved_at=_now(),
                author=author,
                note=note,
            )
        )

    # --- schedules and publications -------------------------------------------------------

    def save_schedule(self, plan_id: int, plan_version: int, schedule: Schedule) -> int:
        content = write_schedule_json(schedule).decode("utf-8")
        with self.engine.begin() as db:
            result = db.execute(
                sa.insert(schedules).values(
                    plan_id=plan_id, plan_version=plan_version, content=content, created_at=_now()
                )
            )
            return result.inserted_primary_key[0]

    def schedule(self, schedule_id: int) -> StoredSchedule:
        with self.engine.connect() as db:
            row = db.execute(sa.select(schedules).where(schedules.c.id == schedule_id)).first()
        if row is None:
            raise KeyError(schedule_id)
        return _stored_schedule(row)

    def latest_schedule(self, plan_id: int) -> StoredSchedule | None:
        with self.engine.connect() as db:
            row = db.execute(
                sa.select(schedules)
                .where(schedules.c.plan_id == plan_id)
                .order_by(schedules.c.id.desc())
                .limit(1)
            ).first()
        return _stored_schedule(row) if row else None

    def publish(self, plan_id: int, schedule_id: int, record: str) -> int:
        """Record a publication (what delegations see); numbers count up from 1 per plan."""
        while True:
            number = (self.latest_publication(plan_id) or _NO_PUBLICATION).number + 1
            try:
                with self.engine.begin() as db:
                    db.execute(
                        sa.insert(publications).values(
                            plan_id=plan_id,
                            number=number,
                            schedule_id=schedule_id,
                            record=record,
                            published_at=_now(),
                        )
                    )
                return number
            except IntegrityError:
                continue  # someone published at the same moment: take the next number

    def latest_publication(self, plan_id: int) -> StoredPublication | None:
        with self.engine.connect() as db:
            row = db.execute(
                sa.select(publications)
                .where(publications.c.plan_id == plan_id)
                .order_by(publications.c.number.desc())
                .limit(1)
            ).first()
        if row is None:
            return None
        return StoredPublication(row.number, row.schedule_id, row.record, _aware(row.published_at))

    # --- private delegation links ---------------------------------------------------------

    def issue_link(self, plan_id: int, delegation: str) -> str:
        """A new private token (256 bits) for a delegation; any earlier one stops working."""
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as db:
            self._revoke(db, plan_id, delegation)
            db.execute(
                sa.insert(links).values(
                    token_hash=token_hash(token), plan_id=plan_id, delegation=delegation, created_at=_now()
                )
            )
        return token

    def revoke_link(self, plan_id: int, delegation: str) -> None:
        with self.engine.begin() as db:
            self._revoke(db, plan_id, delegation)

    def _revoke(self, db, plan_id: int, delegation: str) -> None:
        db.execute(
            sa.update(links)
            .where(links.c.plan_id == plan_id, links.c.delegation == delegation, links.c.revoked_at.is_(None))
            .values(revoked_at=_now())
        )

    def has_link(self, plan_id: int, delegation: str) -> bool:
        with self.engine.connect() as db:
            found = db.execute(
                sa.select(links.c.token_hash).where(
                    links.c.plan_id == plan_id, links.c.delegation == delegation, links.c.revoked_at.is_(None)
                )
            ).first()
        return found is not None

    def resolve_link(self, token: str) -> tuple[int, str] | None:
        """The (plan, delegation) a live token opens, or None for a wrong, malformed or revoked one."""
        if not isinstance(token, str) or not 20 <= len(token) <= 100:
            return None
        with self.engine.connect() as db:
            row = db.execute(
                sa.select(links.c.plan_id, links.c.delegation).where(
                    links.c.token_hash == token_hash(token), links.c.revoked_at.is_(None)
                )
            ).first()
        return (row.plan_id, row.delegation) if row else None


_NO_PUBLICATION = StoredPublication(0, 0, "", datetime.min.replace(tzinfo=UTC))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _stored(row) -> StoredPlan:
    plan, problems = read_plan_json(row.content.encode("utf-8"))
    if plan is None:  # only a bug could store an unreadable plan
        raise ValueError("; ".join(str(p) for p in problems))
    return StoredPlan(row.plan_id, row.version, plan, _aware(row.saved_at), row.author, row.note)


def _stored_schedule(row) -> StoredSchedule:
    schedule, problems = read_schedule_json(row.content.encode("utf-8"))
    if schedule is None:
        raise ValueError("; ".join(str(p) for p in problems))
    return StoredSchedule(row.id, row.plan_version, schedule, _aware(row.created_at))
