"""Private delegation links: only a hash of each token is stored, and a new link revokes the old one."""

from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa

from scheduler.store.schema import links, now


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class DelegationLinks:
    """The private links part of `Store`; needs only its `engine`."""

    engine: sa.Engine

    def issue_link(self, plan_id: int, delegation: str) -> str:
        """A new private token (256 bits) for a delegation; any earlier one stops working."""
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as db:
            _revoke(db, plan_id, delegation)
            db.execute(
                sa.insert(links).values(
                    token_hash=token_hash(token), plan_id=plan_id, delegation=delegation, created_at=now()
                )
            )
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
