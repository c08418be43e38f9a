"""Persistence that loses nothing: every save is a new version, and a stale save is refused.

SQLAlchemy Core over an embedded SQLite file by default, or PostgreSQL through `DATABASE_URL`.
`Store` is the one way in; its parts live beside it: schema (tables, where the database is),
plan_history (plans, versions, conflicts), programmes (schedules, publications), delegation_links,
person_links (hosts' and interpreters' links and answers), sent_mail (which message reached whom).
"""

from __future__ import annotations

import sqlalchemy as sa

from scheduler.store.delegation_links import DelegationLinks, token_hash
from scheduler.store.person_links import (
    ANSWERS,
    KINDS,
    REASON_CHARS,
    Answer,
    AnswerRefused,
    PersonLinks,
    person_answers,
    person_links,
)
from scheduler.store.plan_history import Conflict, LastPlan, PlanGone, PlanHistory, StoredPlan, VersionInfo
from scheduler.store.programmes import Busy, Programmes, StoredPublication, StoredSchedule
from scheduler.store.schema import (
    DEFAULT_PATH,
    connect,
    database_url,
    links,
    metadata,
    plans,
    publications,
    schedules,
    versions,
)
from scheduler.store.sent_mail import MailOutcome, SentMail


class Store(PlanHistory, Programmes, DelegationLinks, PersonLinks, SentMail):
    """Plans with their versions, the schedules and publications built from them, delegation links, and
    hosts' and interpreters' links with their answers, and which messages reached whom."""

    def __init__(self, url: str | None = None):
        self.engine: sa.Engine = connect(url or database_url())


__all__ = [
    "ANSWERS",
    "DEFAULT_PATH",
    "KINDS",
    "REASON_CHARS",
    "Answer",
    "AnswerRefused",
    "Busy",
    "Conflict",
    "LastPlan",
    "MailOutcome",
    "PlanGone",
    "Store",
    "StoredPlan",
    "StoredPublication",
    "StoredSchedule",
    "VersionInfo",
    "database_url",
    "links",
    "metadata",
    "person_answers",
    "person_links",
    "plans",
    "publications",
    "schedules",
    "token_hash",
    "versions",
]
