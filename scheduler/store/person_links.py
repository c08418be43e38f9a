"""Private links for hosts and interpreters, and their answers to the meetings those links show.

As for delegations only a hash of each token is stored; unlike a delegation, a person may hold several
live links at once (each message can carry its own), so making one revokes nothing. An answer is tied
to a meeting as proposed: the request and its start. Answers are never overwritten: a second answer
to the same meeting is a new row, and the latest one counts. Deleting a plan takes both tables' rows
with it (ON DELETE CASCADE, which SQLite honours since every connection turns foreign keys on).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from scheduler.store.delegation_links import token_hash
from scheduler.store.plan_history import PlanGone
from scheduler.store.schema import aware, metadata, now, plan_exists

KINDS = ("host", "interpreter")
ANSWERS = ("accepted", "declined", "cannot")
REASON_CHARS = 300
"""A reason is a short sentence for staff ("on leave that week"), not a letter."""

person_links = sa.Table(
    "person_links",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("plan_id", sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("person", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind in ('host', 'interpreter')", name="person_link_kind"),
)
sa.Index("person_links_by_person", person_links.c.plan_id, person_links.c.kind, person_links.c.person)
person_answers = sa.Table(
    "person_answers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("plan_id", sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("person", sa.Text, nullable=False),
    sa.Column("request", sa.Text, nullable=False),
    sa.Column("start", sa.DateTime(timezone=True), nullable=False),  # UTC, as every stored moment
    sa.Column("answer", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False, default=""),
    # the time the person cannot make (declined: the meeting's; cannot: the meeting's or more)
    sa.Column("away_start", sa.DateTime(timezone=True), nullable=True),
    sa.Column("away_end", sa.DateTime(timezone=True), nullable=True),
    sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("author", sa.Text, nullable=False, default=""),
    sa.Column("plan_version", sa.Integer, nullable=True),  # the version that made it a constraint
    sa.CheckConstraint("kind in ('host', 'interpreter')", name="person_answer_kind"),
    sa.CheckConstraint("answer in ('accepted', 'declined', 'cannot')", name="person_answer_value"),
    sqlite_autoincrement=True,
)
sa.Index(
    "person_answers_by_meeting",
    person_answers.c.plan_id,
    person_answers.c.kind,
    person_answers.c.person,
    person_answers.c.request,
    person_answers.c.start,
)


class AnswerRefused(ValueError):
    """An answer that cannot be taken as given (what is wrong is the message); nothing was stored."""


@dataclass(frozen=True)
class Answer:
    """One answer of a host or interpreter to one meeting (request at `start`); moments are aware (UTC)."""

    answer_id: int
    plan_id: int
    kind: str
    person: str
    request: str
    start: datetime
    answer: str
    reason: str
    away: tuple[datetime, datetime] | None
    answered_at: datetime
    author: str
    plan_version: int | None

    @property
    def meeting(self) -> tuple[str, str, str, datetime]:
        """What answers replace one another on: the same person, the same request at the same start."""
        return self.kind, self.person, self.request, self.start


class PersonLinks:
    """The hosts' and interpreters' links and answers part of `Store`; needs only its `engine`."""

    engine: sa.Engine

    def issue_person_link(self, plan_id: int, kind: str, person: str) -> str:
        """A new private token (256 bits) for a host or interpreter; their other links keep working.
        `PlanGone` when the plan was deleted."""
        _check_kind(kind)
        token = secrets.token_urlsafe(32)
        try:
            with self.engine.begin() as db:
                if not plan_exists(db, plan_id):
                    raise PlanGone(plan_id, "no link was made")
                db.execute(
                    sa.insert(person_links).values(
                        token_hash=token_hash(token),
                        plan_id=plan_id,
                        kind=kind,
                        person=person,
                        created_at=now(),
                    )
                )
        except IntegrityError:  # the plan went between the look and the insert
            raise PlanGone(plan_id, "no link was made") from None
        return token

    def revoke_person_links(self, plan_id: int, kind: str, person: str) -> int:
        """Every live link of the person stops working; returns how many there were."""
        with self.engine.begin() as db:
            result = db.execute(
                sa.update(person_links)
                .where(*_of(plan_id, kind, person), person_links.c.revoked_at.is_(None))
                .values(revoked_at=now())
            )
        return result.rowcount

    def has_person_link(self, plan_id: int, kind: str, person: str) -> bool:
        return self.person_link_counts(plan_id).get((kind, person), 0) > 0

    def person_link_counts(self, plan_id: int) -> dict[tuple[str, str], int]:
        """(kind, person) -> how many live links the person has, for those who have any."""
        with self.engine.connect() as db:
            rows = db.execute(
                sa.select(person_links.c.kind, person_links.c.person, sa.func.count())
                .where(person_links.c.plan_id == plan_id, person_links.c.revoked_at.is_(None))
                .group_by(person_links.c.kind, person_links.c.person)
            ).all()
        return {(row[0], row[1]): int(row[2]) for row in rows}

    def resolve_person_link(self, token: str) -> tuple[int, str, str] | None:
        """The (plan, kind, person) a live token opens, or None for a wrong, malformed or revoked one."""
        if not isinstance(token, str) or not 20 <= len(token) <= 100:
            return None
        with self.engine.connect() as db:
            row = db.execute(
                sa.select(person_links.c.plan_id, person_links.c.kind, person_links.c.person).where(
                    person_links.c.token_hash == token_hash(token), person_links.c.revoked_at.is_(None)
                )
            ).first()
        return (row.plan_id, row.kind, row.person) if row else None

    def record_answer(
        self,
        plan_id: int,
        kind: str,
        person: str,
        request_id: str,
        start: datetime,
        answer: str,
        reason: str = "",
        *,
        away: tuple[datetime, datetime] | None = None,
        author: str = "",
    ) -> Answer:
        """Keeps one answer to the meeting `request_id` at `start` (aware): "accepted", "declined" (a
        reason is required) or "cannot" (`away`: the time they can no longer make, required for both of
        the last two). It replaces any earlier answer to that meeting, which stays in the history.
        `AnswerRefused` for an answer that is not one of these; `PlanGone` when the plan was deleted."""
        _check_kind(kind)
        reason = " ".join(reason.split())
        _check_answer(answer, reason, start, away)
        values = {
            "plan_id": plan_id,
            "kind": kind,
            "person": person,
            "request": request_id,
            "start": start.astimezone(UTC),
            "answer": answer,
            "reason": reason,
            "away_start": away[0].astimezone(UTC) if away and answer != "accepted" else None,
            "away_end": away[1].astimezone(UTC) if away and answer != "accepted" else None,
            "answered_at": now(),
            "author": author,
        }
        try:
            with self.engine.begin() as db:
                if not plan_exists(db, plan_id):
                    raise PlanGone(plan_id, "your answer was not recorded")
                key = db.execute(sa.insert(person_answers).values(**values)).inserted_primary_key
        except IntegrityError:  # the plan went between the look and the insert
            raise PlanGone(plan_id, "your answer was not recorded") from None
        assert key is not None  # an insert of one row knows its key
        return _answer(values | {"id": key[0], "plan_version": None})

    def mark_answer_recorded(self, answer_id: int, plan_version: int) -> None:
        """Notes the plan version in which an answer became a constraint of the plan."""
        with self.engine.begin() as db:
            mine = person_answers.c.id == answer_id
            db.execute(sa.update(person_answers).where(mine).values(plan_version=plan_version))

    def answers(self, plan_id: int) -> list[Answer]:
        """The latest answer of each person to each meeting, in the order they were given."""
        latest: dict[tuple, Answer] = {}
        for answer in self.answer_history(plan_id):
            latest.pop(answer.meeting, None)  # re-inserted: a dict keeps the order of the latest
            latest[answer.meeting] = answer
        return list(latest.values())

    def answer_history(
        self, plan_id: int, kind: str | None = None, person: str | None = None
    ) -> list[Answer]:
        """Every answer ever given for the plan (by one person, when named), oldest first."""
        query = sa.select(person_answers).where(person_answers.c.plan_id == plan_id)
        if kind is not None:
            query = query.where(person_answers.c.kind == kind)
        if person is not None:
            query = query.where(person_answers.c.person == person)
        with self.engine.connect() as db:
            rows = db.execute(query.order_by(person_answers.c.id)).mappings().all()
        return [_answer(dict(row)) for row in rows]


def _of(plan_id: int, kind: str, person: str) -> tuple:
    return (person_links.c.plan_id == plan_id, person_links.c.kind == kind, person_links.c.person == person)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise AnswerRefused(f"{kind!r} is neither a host nor an interpreter")


def _check_answer(answer: str, reason: str, start: datetime, away: tuple[datetime, datetime] | None) -> None:
    if answer not in ANSWERS:
        raise AnswerRefused(f"{answer!r} is not an answer; expected one of {', '.join(ANSWERS)}")
    if start.tzinfo is None:
        raise AnswerRefused("the meeting's start has no UTC offset")
    if len(reason) > REASON_CHARS:
        raise AnswerRefused(f"the reason is {len(reason)} characters long; at most {REASON_CHARS}, please")
    if answer == "declined" and not reason:
        raise AnswerRefused("a decline needs a short reason, for the protocol office")
    unclear = away is None or away[0].tzinfo is None or away[1].tzinfo is None or not away[0] < away[1]
    if answer != "accepted" and unclear:
        raise AnswerRefused("the time that cannot be made needs a start before its end, with UTC offsets")


def _answer(row: dict) -> Answer:
    away_start, away_end = row.get("away_start"), row.get("away_end")
    away = None
    if away_start is not None and away_end is not None:
        away = (aware(away_start).astimezone(UTC), aware(away_end).astimezone(UTC))
    return Answer(
        answer_id=row["id"],
        plan_id=row["plan_id"],
        kind=row["kind"],
        person=row["person"],
        request=row["request"],
        start=aware(row["start"]).astimezone(UTC),
        answer=row["answer"],
        reason=row["reason"],
        away=away,
        answered_at=aware(row["answered_at"]),
        author=row["author"],
        plan_version=row["plan_version"],
    )
