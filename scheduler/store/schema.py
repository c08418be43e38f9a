"""The tables every part of the store shares, where the database is, and how an older database catches up.

Plans, their versions, schedules, publications and delegation links live in five tables; each part of
the store (plan_history, programmes, delegation_links) reads and writes its own through these. The
database enforces what must never be broken even by two clicks at once: no row names a plan (or a
schedule) that is gone (SQLite checks foreign keys only when asked, on every connection), and a
delegation has at most one live link.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

DEFAULT_PATH = Path(__file__).resolve().parent.parent.parent / "instance" / "scheduler.db"

metadata = sa.MetaData()
# On SQLite, AUTOINCREMENT keeps the id of a deleted plan or schedule from being given to a new one,
# which pages and caches that still hold the old id would take for the deleted one.
plans = sa.Table(
    "plans",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    # What every calendar UID of the plan is derived from, so that renaming the plan keeps them (a
    # database made before it existed gets it on start: see catch_up).
    sa.Column("calendar_id", sa.Text, nullable=True),
    sqlite_autoincrement=True,
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
    sqlite_autoincrement=True,
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
live_link = sa.Index(
    "one_live_link_per_delegation",
    links.c.plan_id,
    links.c.delegation,
    unique=True,
    sqlite_where=links.c.revoked_at.is_(None),
    postgresql_where=links.c.revoked_at.is_(None),
)


def connect(url: str) -> sa.Engine:
    """An engine on `url` with the tables in place (an older database is brought up to date)."""
    engine = sa.create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _foreign_keys_on)
    metadata.create_all(engine)
    catch_up(engine)
    return engine


def _foreign_keys_on(connection, _record) -> None:
    """SQLite checks foreign keys only on a connection that asks, each time it opens."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def catch_up(engine: sa.Engine) -> None:
    """What a database made by an earlier version lacks: each plan's calendar id, and the index that
    allows one live link per delegation. Safe to run on every start, and by two processes at once."""
    inspector = sa.inspect(engine)
    if "calendar_id" not in {column["name"] for column in inspector.get_columns("plans")}:
        try:
            with engine.begin() as db:
                db.execute(sa.text("ALTER TABLE plans ADD COLUMN calendar_id TEXT"))
        except sa.exc.DBAPIError:
            pass  # another process added it a moment ago
    with engine.begin() as db:
        for plan_id in db.scalars(sa.select(plans.c.id).where(plans.c.calendar_id.is_(None))):
            db.execute(
                sa.update(plans)
                .where(plans.c.id == plan_id, plans.c.calendar_id.is_(None))
                .values(calendar_id=_former_calendar_id(db, plan_id))
            )
    if live_link.name not in {index["name"] for index in sa.inspect(engine).get_indexes("delegation_links")}:
        with engine.begin() as db:
            _keep_newest_live_links(db)
            live_link.create(db, checkfirst=True)


def _former_calendar_id(db, plan_id: int) -> str:
    """The plan name its calendars were published under (UIDs used to come from it), so that what
    delegations imported keeps its UIDs; the newest version's name when nothing was published."""
    record = db.scalar(
        sa.select(publications.c.record)
        .where(publications.c.plan_id == plan_id)
        .order_by(publications.c.number.desc())
        .limit(1)
    )
    try:
        data = json.loads(record) if record else {}
    except ValueError:
        data = {}
    if isinstance(data, dict) and isinstance(data.get("calendar_id") or data.get("plan"), str):
        return str(data.get("calendar_id") or data["plan"])
    name = db.scalar(
        sa.select(versions.c.name).where(versions.c.plan_id == plan_id).order_by(versions.c.version.desc())
    )
    return name if name is not None else new_calendar_id()


def _keep_newest_live_links(db) -> None:
    """Two clicks at once could leave several live links for one delegation: the newest stays."""
    rows = db.execute(
        sa.select(links.c.token_hash, links.c.plan_id, links.c.delegation)
        .where(links.c.revoked_at.is_(None))
        .order_by(links.c.created_at.desc(), links.c.token_hash.desc())
    ).all()
    seen: set[tuple[int, str]] = set()
    for row in rows:
        if (row.plan_id, row.delegation) in seen:
            db.execute(sa.update(links).where(links.c.token_hash == row.token_hash).values(revoked_at=now()))
        seen.add((row.plan_id, row.delegation))


def new_calendar_id() -> str:
    return str(uuid.uuid4())


def unique_violation(error: IntegrityError) -> bool:
    """Whether the database refused a row for a key already taken (a race another writer won), rather
    than for a plan or schedule that is gone."""
    original = error.orig
    if getattr(original, "sqlstate", None) == "23505":  # PostgreSQL: unique_violation
        return True
    name = getattr(original, "sqlite_errorname", "")
    return name in ("SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY")


def plan_exists(db, plan_id: int, lock: bool = False) -> bool:
    """Whether the plan is stored; with `lock`, its row stays locked to the end of the transaction
    (PostgreSQL), so that writers for the same plan take turns and a deletion waits for them."""
    query = sa.select(plans.c.id).where(plans.c.id == plan_id)
    return db.scalar(query.with_for_update() if lock else query) is not None


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


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """SQLite gives back naive date-times; every stored moment is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def newest(engine: sa.Engine, table: sa.Table, order: sa.Column, plan_id: int):
    """The row of `table` for `plan_id` with the highest `order`, or None."""
    with engine.connect() as db:
        return db.execute(
            sa.select(table).where(table.c.plan_id == plan_id).order_by(order.desc()).limit(1)
        ).first()
