"""A publication's messages, sent so that each reaches each person once, whoever presses and however often.

Before sending, the store claims the people about to be written to (a second browser or process finds
them taken); each outcome is recorded as it happens, so a retry, a reload or another session sends
only to those not reached yet. Someone an earlier publication's message did not reach is told, in the
next one that concerns them, everything since the last publication they heard of.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from email.message import EmailMessage

from scheduler.export import Publication, publication_from_json
from scheduler.export.mail import Notice, changed_programmes, messages, unreachable_reason
from scheduler.export.mail_send import SmtpSettings, send_messages
from scheduler.model import Plan
from scheduler.publishing import PublishedProgramme
from scheduler.store import Store
from scheduler.store.schema import now
from scheduler.store.sent_mail import SENT


@dataclass(frozen=True)
class Delivery:
    """Where the messages of publication `number` stand; people by id, in plan order."""

    number: int
    notices: tuple[Notice, ...]
    unreachable: tuple[tuple[Notice, str], ...] = ()
    """Those the plan gives no address for, or a wrong one, with the reason."""
    sent: tuple[str, ...] = ()
    not_reached: dict[str, str] = field(default_factory=dict)
    """Tried and not reached (or cut off while going out), with the reason."""
    in_hand: tuple[str, ...] = ()
    """Being sent at this moment (by this or another session)."""
    waiting: tuple[str, ...] = ()
    """With an address, and not tried yet."""
    carried: dict[str, int] = field(default_factory=dict)
    """Person -> the earlier publication their message tells the changes from (one did not reach them)."""

    @property
    def to_send(self) -> tuple[str, ...]:
        return (*self.not_reached, *self.waiting)

    def name(self, person: str) -> str:
        return next((n.name for n in self.notices if n.person == person), person)


def mail_delivery(store: Store, plan_id: int, number: int | None = None) -> Delivery | None:
    """The messages of publication `number` (default the latest) and how far they got; None before the
    first publication."""
    programme = published(store, plan_id, number)
    if programme is None:
        return None
    notices, _since, carried = _notices(store, plan_id, programme)
    outcomes, moment = store.mail_outcomes(plan_id, programme.number), now()
    unreachable = tuple((n, why) for n in notices if (why := unreachable_reason(n)) is not None)
    sent, not_reached, in_hand, waiting = [], {}, [], []
    for notice in notices:
        outcome = outcomes.get(notice.person)
        if any(notice is n for n, _ in unreachable):
            continue
        if outcome is None:
            waiting.append(notice.person)
        elif outcome.state == SENT:
            sent.append(notice.person)
        elif outcome.cut_off(moment):
            when = outcome.changed_at.strftime("%d %b %H:%M UTC")
            not_reached[notice.person] = f"the sending was cut off at {when}: the message may have arrived"
        elif outcome.in_hand(moment):
            in_hand.append(notice.person)
        else:
            not_reached[notice.person] = outcome.reason or "the sending stopped before this message"
    return Delivery(programme.number, tuple(notices), unreachable, tuple(sent), not_reached,
                    tuple(in_hand), tuple(waiting), carried)  # fmt: skip


def send_publication(
    store: Store,
    plan_id: int,
    settings: SmtpSettings,
    number: int | None = None,
    only: Collection[str] | None = None,
    page_address: str | None = None,
) -> Delivery | None:
    """Sends the messages of publication `number` (default the latest) that have not reached their
    person and are not being sent by someone else (of those, only `only` when given); the outcome of
    each is recorded as it happens. With the app's `page_address` (https://host/), each host's and
    interpreter's message carries a new private link of theirs (?h=) to accept or decline their meetings.
    Returns where they all stand; None before the first publication."""
    programme = published(store, plan_id, number)
    if programme is None:
        return None
    notices, since, _carried = _notices(store, plan_id, programme)
    addresses = {
        n.person: n.email
        for n in notices
        if n.email and unreachable_reason(n) is None and (only is None or n.person in only)
    }
    claim, claimed = store.claim_mail(plan_id, programme.number, addresses)
    if claimed:
        answer = _links(store, plan_id, programme.plan, claimed, page_address) if page_address else {}
        built, _unreachable = messages(
            programme.plan, programme.schedule, programme.previous, programme.record,
            sender=settings.sender, since=since, only=claimed, links=answer,
        )  # fmt: skip
        going: dict[str, EmailMessage] = {person: built[person] for person in claimed if person in built}
        tally = _Tally(store, plan_id, programme.number, claim)
        try:
            send_messages(settings, going, going=tally.going, gone=tally.gone)
        finally:
            tally.close()
    return mail_delivery(store, plan_id, programme.number)


def _links(store: Store, plan_id: int, plan: Plan, people: Collection[str], address: str) -> dict[str, str]:
    """Person -> a new private link, for each host and interpreter among `people`."""
    kinds = {h.id: "host" for h in plan.hosts} | {i.id: "interpreter" for i in plan.interpreters}
    base = address.rstrip("/")
    return {p: f"{base}/?h={store.issue_person_link(plan_id, kinds[p], p)}" for p in people if p in kinds}


class _Tally:
    """Records each message's outcome in the transaction that marks the next one going out (nothing is
    sent in between), the last ones at the end: one disk write per message rather than two."""

    def __init__(self, store: Store, plan_id: int, number: int, claim: str) -> None:
        self.store, self.plan_id, self.number, self.claim = store, plan_id, number, claim
        self.gone_by: dict[str, str | None] = {}

    def going(self, person: str) -> bool:
        gone, self.gone_by = self.gone_by, {}
        return self.store.mail_going(self.plan_id, self.number, person, self.claim, gone)

    def gone(self, person: str, why: str | None) -> None:
        self.gone_by[person] = why

    def close(self) -> None:
        if self.gone_by:
            self.store.mail_gone(self.plan_id, self.number, self.claim, self.gone_by)


def published(store: Store, plan_id: int, number: int | None = None) -> PublishedProgramme | None:
    """Publication `number` (default the latest) with its plan, schedule and the record before it."""
    stored = store.publication(plan_id, number) if number else store.latest_publication(plan_id)
    record = _record(store, plan_id, stored.number) if stored else None
    if stored is None or record is None:
        return None
    schedule = store.schedule(stored.schedule_id)
    plan = store.version(plan_id, schedule.plan_version).plan
    previous = _record(store, plan_id, stored.number - 1)
    return PublishedProgramme(stored.number, stored.published_at, plan, schedule.schedule, record, previous)


def _notices(
    store: Store, plan_id: int, programme: PublishedProgramme
) -> tuple[list[Notice], dict[str, Publication | None], dict[str, int]]:
    """Who the publication concerns, each against the last publication they heard of."""
    carried = store.mail_missed(plan_id, programme.number)
    records = {programme.number - 1: programme.previous}
    for before in {first - 1 for first in carried.values()} - set(records):
        records[before] = _record(store, plan_id, before)
    since = {person: records[first - 1] for person, first in carried.items()}
    notices = changed_programmes(programme.plan, programme.previous, programme.record, since)
    return notices, since, carried


def _record(store: Store, plan_id: int, number: int) -> Publication | None:
    stored = store.publication(plan_id, number) if number > 0 else None
    return publication_from_json(stored.record.encode("utf-8"))[0] if stored else None
