"""The tables every part of the store shares, and where the database is.

Plans, their versions, schedules, publications and delegation links live in five tables; each part of
the store (plan_history, programmes, delegation_links) reads and writes its own through these.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

DEFAULT_PATH = Path(__file__).resolve().parent.parent.parent / "instance" / "scheduler.db"

metadata = sa.MetaData()
# On SQLite, AUTOINCREMENT keeps the id of a deleted plan or schedule from being given to a new one,
# which pages and caches that still hold the old id would take for the deleted one.
plans = sa.Table(
    "plans",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
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
