"""Which message of which publication reached whom, on a real SQLite file and a real PostgreSQL server:
claimed before sending, so that two senders at once never both write to one person."""

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from scheduler.model import Objective, Plan, Schedule
from scheduler.store import PlanGone, Store
from scheduler.store.schema import now
from scheduler.store.sent_mail import FAILED, SENDING, SENT, sent_mail
from tests.store_support import store, url

__all__ = ["store", "url"]  # the fixtures, imported for pytest

PLAN = Plan(name="EU conference on citizen participation")
PEOPLE = {f"P{i:02d}": f"p{i:02d}@example.test" for i in range(40)}


def published(store: Store, times: int = 1) -> int:
    plan_id = store.create_plan(PLAN).plan_id
    schedule = Schedule(PLAN.name, "optimal", 0.1, Objective({}, {}))
    schedule_id = store.save_schedule(plan_id, 1, schedule)
    for _ in range(times):
        store.publish(plan_id, schedule_id, "{}")
    return plan_id


def send(store: Store, plan_id: int, number: int, claim: str, outcomes: dict[str, str | None]) -> None:
    """As a sender does: each outcome recorded as the next message goes out, the last one on its own."""
    gone: dict[str, str | None] = {}
    for person, why in outcomes.items():
        assert store.mail_going(plan_id, number, person, claim, gone)
        gone = {person: why}
    store.mail_gone(plan_id, number, claim, gone)


def age(store: Store, plan_id: int, person: str, by: timedelta) -> None:
    """As if the person's row had last changed `by` ago (a sender that stopped then)."""
    with store.engine.begin() as db:
        db.execute(
            sa.update(sent_mail)
            .where(sent_mail.c.plan_id == plan_id, sent_mail.c.person == person)
            .values(changed_at=now() - by)
        )


def test_a_message_that_went_is_never_claimed_again_and_one_that_failed_is(store):
    plan_id = published(store)
    addresses = dict(list(PEOPLE.items())[:3])
    claim, claimed = store.claim_mail(plan_id, 1, addresses)
    assert claimed == ["P00", "P01", "P02"]
    send(
        store, plan_id, 1, claim, {"P00": None, "P01": "the server refused the address (550 No such mailbox)"}
    )
    outcomes = store.mail_outcomes(plan_id, 1)
    assert {p: (o.state, o.address, o.reason) for p, o in outcomes.items() if p != "P02"} == {
        "P00": (SENT, "p00@example.test", ""),
        "P01": (FAILED, "p01@example.test", "the server refused the address (550 No such mailbox)"),
    }
    assert outcomes["P02"].in_hand(now())  # claimed by a sender still at work: nobody else takes it

    again, claimed = store.claim_mail(plan_id, 1, addresses)
    assert claimed == ["P01"]
    assert not store.mail_going(plan_id, 1, "P02", again)  # not this claim's
    assert not store.mail_going(plan_id, 1, "P01", claim)  # the first sender's claim on it is gone
    send(store, plan_id, 1, again, {"P01": None})
    assert store.mail_outcomes(plan_id, 1)["P01"].state == SENT
    assert store.claim_mail(plan_id, 1, {"P00": "p00@example.test"})[1] == []


def test_two_senders_at_once_never_both_claim_one_person(url):
    senders = [Store(url) for _ in range(4)]
    plan_id = published(senders[0])
    start = threading.Barrier(len(senders))
    claimed: list[list[str]] = [[] for _ in senders]

    def claim(index: int) -> None:
        start.wait()
        for person in PEOPLE:  # one at a time, so the claims interleave
            claimed[index] += senders[index].claim_mail(plan_id, 1, {person: PEOPLE[person]})[1]

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(senders))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everyone = [person for mine in claimed for person in mine]
    assert sorted(everyone) == sorted(PEOPLE)  # each person claimed exactly once
    for sender in senders:
        sender.engine.dispose()


def test_a_claim_left_behind_is_taken_over_and_its_first_sender_then_leaves_the_message(store):
    plan_id = published(store)
    first, _ = store.claim_mail(plan_id, 1, {"P00": PEOPLE["P00"], "P01": PEOPLE["P01"]})
    assert store.mail_going(plan_id, 1, "P01", first)
    age(store, plan_id, "P00", timedelta(minutes=3))  # claimed, never going out: surely not sent
    age(store, plan_id, "P01", timedelta(minutes=5))  # going out, but not for long: still in hand
    second, claimed = store.claim_mail(plan_id, 1, {"P00": PEOPLE["P00"], "P01": PEOPLE["P01"]})
    assert claimed == ["P00"]
    assert not store.mail_going(plan_id, 1, "P00", first)  # the first sender woke up: it leaves P00
    send(store, plan_id, 1, second, {"P00": None})

    age(store, plan_id, "P01", timedelta(minutes=20))  # its sender stopped while it went out
    outcome = store.mail_outcomes(plan_id, 1)["P01"]
    assert outcome.state == SENDING and outcome.cut_off(now()) and not outcome.in_hand(now())
    assert store.claim_mail(plan_id, 1, {"P01": PEOPLE["P01"]})[1] == ["P01"]


def test_the_publications_whose_message_missed_someone_since_the_last_that_reached_them(store):
    plan_id = published(store, times=4)
    outcomes = {
        1: {"P00": None, "P01": "refused", "P02": "refused"},
        2: {"P00": "timed out", "P01": None},
        3: {"P00": "timed out", "P02": "refused"},
    }
    for number, told in outcomes.items():
        claim, _ = store.claim_mail(plan_id, number, {p: PEOPLE[p] for p in told})
        send(store, plan_id, number, claim, told)
    assert store.mail_missed(plan_id, 4) == {"P00": 2, "P02": 1}
    assert store.mail_missed(plan_id, 2) == {"P01": 1, "P02": 1}
    assert store.mail_missed(plan_id, 1) == {}


def test_nothing_is_claimed_for_a_publication_that_is_gone_and_a_deleted_plan_takes_its_rows(store):
    plan_id = published(store)
    with pytest.raises(PlanGone):
        store.claim_mail(plan_id, 2, {"P00": PEOPLE["P00"]})
    claim, _ = store.claim_mail(plan_id, 1, {"P00": PEOPLE["P00"]})
    send(store, plan_id, 1, claim, {"P00": None})
    published(store)  # another plan, so that this one is not the last
    store.delete_plan(plan_id)
    with store.engine.connect() as db:
        assert db.scalar(sa.select(sa.func.count()).select_from(sent_mail)) == 0
