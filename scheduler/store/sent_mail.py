"""Which message of which publication reached whom, so that nobody is written to twice.

One row per publication and person, its key the database's: a sender first claims the rows of the
people it is about to write to (one transaction), marks each one "sending" right before it goes (only
while the claim is still its own), then "sent" or "failed" with the reason. Two sends at once, from two
browsers or two processes, therefore never both write to one person, and a retry takes only the rows
that failed. A claim left behind by a process that stopped is taken over after a while: one that never
reached "sending" was surely not sent; one that did is reported as cut off (it may have arrived).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from scheduler.store.plan_history import PlanGone
from scheduler.store.schema import aware, metadata, now

CLAIMED, SENDING, SENT, FAILED = "claimed", "sending", "sent", "failed"
CLAIM_EXPIRES = timedelta(minutes=2)
"""A claim not yet sending this long after it was made was left by a sender that stopped: another may
take it (the first, should it wake, finds the claim gone and leaves the message)."""
SENDING_EXPIRES = timedelta(minutes=15)
"""A message "sending" this long (a single message takes at most a few server timeouts of 300 s) was cut
off with its sender: whether it arrived is not known."""

sent_mail = sa.Table(
    "sent_mail",
    metadata,
    sa.Column("plan_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("publication", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("person", sa.Text, primary_key=True),
    sa.Column("state", sa.String(8), nullable=False),
    sa.Column("claim", sa.String(32), nullable=False),
    sa.Column("address", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False, default=""),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    # Deleting a plan deletes its publications, and with them what was sent for them.
    sa.ForeignKeyConstraint(
        ["plan_id", "publication"],
        ["publications.plan_id", "publications.number"],
        ondelete="CASCADE",
    ),
)


@dataclass(frozen=True)
class MailOutcome:
    """Where one person's message of a publication stands: `state` is one of the four above."""

    person: str
    state: str
    address: str
    reason: str
    changed_at: datetime

    def cut_off(self, moment: datetime) -> bool:
        """Whether its sender stopped while it went out: it may or may not have arrived."""
        return self.state == SENDING and moment - self.changed_at > SENDING_EXPIRES

    def in_hand(self, moment: datetime) -> bool:
        """Whether a sender is at it now (claimed or going out, and not left behind)."""
        if self.state == CLAIMED:
            return moment - self.changed_at <= CLAIM_EXPIRES
        return self.state == SENDING and not self.cut_off(moment)


class SentMail:
    """The sent-mail part of `Store`; needs only its `engine`."""

    engine: sa.Engine

    def claim_mail(self, plan_id: int, number: int, addresses: Mapping[str, str]) -> tuple[str, list[str]]:
        """Claims, for publication `number`, the people (id -> address) whose message has not reached them
        and is not in another sender's hands; returns the claim and those claimed. `PlanGone` when the
        publication is gone (the plan was deleted)."""
        if not addresses:
            return "", []
        claim, moment = secrets.token_hex(16), now()
        rows = [
            {"plan_id": plan_id, "publication": number, "person": person, "state": CLAIMED, "claim": claim,
             "address": address, "reason": "", "changed_at": moment}
            for person, address in addresses.items()
        ]  # fmt: skip
        mine = _of(plan_id, number, addresses)
        try:
            with self.engine.begin() as db:
                # The first statement writes, so SQLite takes its write lock before anything is read.
                db.execute(_insert_new(self.engine).on_conflict_do_nothing(), rows)
                left = (sent_mail.c.state == CLAIMED) & (sent_mail.c.changed_at < moment - CLAIM_EXPIRES)
                cut = (sent_mail.c.state == SENDING) & (sent_mail.c.changed_at < moment - SENDING_EXPIRES)
                db.execute(
                    sa.update(sent_mail)
                    .where(mine, (sent_mail.c.state == FAILED) | left | cut)
                    .values(state=CLAIMED, claim=claim, changed_at=moment)
                )
                taken = db.scalars(
                    sa.select(sent_mail.c.person).where(mine, sent_mail.c.claim == claim)
                ).all()
        except IntegrityError:
            raise PlanGone(plan_id, "no message was sent") from None
        return claim, [person for person in addresses if person in set(taken)]

    def mail_going(
        self, plan_id: int, number: int, person: str, claim: str, gone: Mapping[str, str | None] | None = None
    ) -> bool:
        """Marks the person's message as going out now, if the claim is still this sender's; in the same
        transaction (one per message, each a disk write), records the outcomes `gone` of the ones before."""
        with self.engine.begin() as db:
            _record(db, plan_id, number, claim, gone or {})
            done = db.execute(
                sa.update(sent_mail)
                .where(_of(plan_id, number, [person]), sent_mail.c.claim == claim)
                .where(sent_mail.c.state == CLAIMED)
                .values(state=SENDING, changed_at=now())
            )
        return done.rowcount == 1

    def mail_gone(self, plan_id: int, number: int, claim: str, gone: Mapping[str, str | None]) -> None:
        """Records the outcome of each person's message (reason None: the server took it)."""
        with self.engine.begin() as db:
            _record(db, plan_id, number, claim, gone)

    def mail_outcomes(self, plan_id: int, number: int) -> dict[str, MailOutcome]:
        """Person -> where their message of publication `number` stands (nobody: none was tried)."""
        with self.engine.connect() as db:
            rows = db.execute(
                sa.select(sent_mail).where(sent_mail.c.plan_id == plan_id, sent_mail.c.publication == number)
            ).all()
        return {row.person: _outcome(row) for row in rows}

    def mail_missed(self, plan_id: int, number: int) -> dict[str, int]:
        """Person -> the first publication before `number` whose message did not reach them, among those
        since the last one that did: what they have not heard of begins there."""
        with self.engine.connect() as db:
            rows = db.execute(
                sa.select(sent_mail)
                .where(sent_mail.c.plan_id == plan_id, sent_mail.c.publication < number)
                .order_by(sent_mail.c.publication)
            ).all()
        moment, missed = now(), dict[str, int]()
        for row in rows:
            outcome = _outcome(row)
            if outcome.state == SENT:
                missed.pop(row.person, None)
            elif not outcome.in_hand(moment):  # failed, or left behind by a sender that stopped
                missed.setdefault(row.person, row.publication)
        return missed


def _record(db, plan_id: int, number: int, claim: str, gone: Mapping[str, str | None]) -> None:
    for person, reason in gone.items():
        db.execute(
            sa.update(sent_mail)
            .where(_of(plan_id, number, [person]), sent_mail.c.claim == claim)
            .where(sent_mail.c.state.in_((CLAIMED, SENDING)))
            .values(state=SENT if reason is None else FAILED, reason=reason or "", changed_at=now())
        )


def _of(plan_id: int, number: int, people: Iterable[str]):
    return sa.and_(
        sent_mail.c.plan_id == plan_id,
        sent_mail.c.publication == number,
        sent_mail.c.person.in_(list(people)),
    )


def _insert_new(engine: sa.Engine):
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(sent_mail)


def _outcome(row) -> MailOutcome:
    return MailOutcome(row.person, row.state, row.address, row.reason, aware(row.changed_at))
