"""Private delegation links: only a hash of each token is stored, and a new link revokes the old one.

One live link per delegation is the database's rule (a unique index over the links not revoked), so
two clicks on "Make a new link" at the same moment cannot leave two links that open the programme.
"""

from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from scheduler.store.plan_history import PlanGone
from scheduler.store.schema import links, now, plan_exists, unique_violation

TRIES = 5
"""Making a link tries again (a bounded number of times) only when another link for the same
delegation went in at the same moment; that one is then revoked by this one."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class DelegationLinks:
    """The private links part of `Store`; needs only its `engine`."""

    engine: sa.Engine

    def issue_link(self, plan_id: int, delegation: str) -> str:
        """A new private token (256 bits) for a delegation; any earlier one stops working.
        `PlanGone` when the plan was deleted."""
        token = secrets.token_urlsafe(32)
        for attempt in range(1, TRIES + 1):
            try:
                with self.engine.begin() as db:
                    # links of one plan are made in turn on PostgreSQL; a deleted plan is found here
                    if not plan_exists(db, plan_id, lock=True):
                        raise PlanGone(plan_id, "no link was made")
                    _revoke(db, plan_id, delegation)
                    db.execute(
                        sa.insert(links).values(
                            token_hash=token_hash(token),
                            plan_id=plan_id,
                            delegation=delegation,
                            created_at=now(),
                        )
                    )
                break
            except IntegrityError as refused:
                if not unique_violation(refused):
                    raise PlanGone(plan_id, "no link was made") from None
                if attempt == TRIES:
                    raise
        return token

    def revoke_link(self, plan_id: int, delegation: str) -> None:
        with self.engine.begin() as db:
            _revoke(db, plan_id, delegation)

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


def _revoke(db, plan_id: int, delegation: str) -> None:
    db.execute(
        sa.update(links)
        .where(links.c.plan_id == plan_id, links.c.delegation == delegation, links.c.revoked_at.is_(None))
        .values(revoked_at=now())
    )
