"""Hosts' and interpreters' private links and answers, on a real SQLite file and a real PostgreSQL server."""

import threading
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from scheduler.model import Plan
from scheduler.store import AnswerRefused, PlanGone, Store, person_answers, person_links
from tests.store_support import store, url

__all__ = ["store", "url"]  # the fixtures, imported for pytest

PLAN = Plan(name="Ukrainian prosecutors, April 2024")
BRUSSELS = ZoneInfo("Europe/Brussels")
START = datetime(2024, 4, 23, 10, 0, tzinfo=BRUSSELS)
AWAY = (START, START + timedelta(hours=1))


def test_a_person_may_hold_several_links_and_revoking_stops_them_all(store):
    plan_id = store.create_plan(PLAN).plan_id
    first = store.issue_person_link(plan_id, "host", "FAST")
    second = store.issue_person_link(plan_id, "host", "FAST")
    interpreter = store.issue_person_link(plan_id, "interpreter", "I-EN")
    assert first != second and len(first) >= 43  # 32 random bytes, URL-safe
    assert store.resolve_person_link(first) == (plan_id, "host", "FAST")
    assert store.resolve_person_link(second) == (plan_id, "host", "FAST")
    assert store.resolve_person_link(interpreter) == (plan_id, "interpreter", "I-EN")
    assert store.person_link_counts(plan_id) == {("host", "FAST"): 2, ("interpreter", "I-EN"): 1}

    assert store.revoke_person_links(plan_id, "host", "FAST") == 2
    assert store.resolve_person_link(first) is None and store.resolve_person_link(second) is None
    assert not store.has_person_link(plan_id, "host", "FAST")
    assert store.has_person_link(plan_id, "interpreter", "I-EN")  # someone else's link keeps working
    assert store.revoke_person_links(plan_id, "host", "FAST") == 0
    # only the fingerprint is stored, never the token
    with store.engine.connect() as db:
        stored = set(db.scalars(sa.select(person_links.c.token_hash)))
    assert first not in stored and len(stored) == 3


def test_a_wrong_token_or_kind_opens_nothing(store):
    plan_id = store.create_plan(PLAN).plan_id
    token = store.issue_person_link(plan_id, "host", "FAST")
    for wrong in ("", "short", token[:-1] + ("A" if token[-1] != "A" else "B"), "x" * 500, None):
        assert store.resolve_person_link(wrong) is None  # type: ignore[arg-type]
    assert store.resolve_link(token) is None  # a host's link is not a delegation's
    with pytest.raises(AnswerRefused, match="neither a host nor an interpreter"):
        store.issue_person_link(plan_id, "delegation", "ua")


def test_an_answer_replaces_the_earlier_one_and_the_history_is_kept(store):
    plan_id = store.create_plan(PLAN).plan_id
    store.record_answer(plan_id, "host", "FAST", "R1", START, "accepted", author="Host: FAST (private link)")
    store.record_answer(plan_id, "host", "PROS", "R1", START, "accepted")
    later = START + timedelta(days=1)
    store.record_answer(plan_id, "host", "FAST", "R1", later, "accepted")  # another time: another meeting
    declined = store.record_answer(
        plan_id, "host", "FAST", "R1", START.astimezone(UTC), "declined", "  on leave\n that week ", away=AWAY
    )
    assert (declined.answer, declined.reason, declined.away) == ("declined", "on leave that week", AWAY)
    latest = {(a.person, a.start): a for a in store.answers(plan_id)}
    assert len(latest) == 3
    assert latest[("FAST", START)].answer == "declined"
    assert latest[("FAST", START)].answer_id == declined.answer_id
    assert latest[("FAST", later)].answer == "accepted"
    assert latest[("PROS", START)].answer == "accepted"
    history = store.answer_history(plan_id, "host", "FAST")
    assert [(a.answer, a.start) for a in history] == [
        ("accepted", START),
        ("accepted", later),
        ("declined", START),
    ]
    assert history[0].author == "Host: FAST (private link)" and history[0].answered_at <= declined.answered_at
    assert history[0].start.tzinfo is not None and history[2].away == AWAY

    store.mark_answer_recorded(declined.answer_id, 7)
    assert store.answers(plan_id)[-1].plan_version == 7


@pytest.mark.parametrize(
    ("answer", "reason", "away", "refusal"),
    [
        ("maybe", "", None, "not an answer"),
        ("declined", "   ", AWAY, "needs a short reason"),
        ("declined", "x" * 301, AWAY, "301 characters long; at most 300"),
        ("declined", "on leave", None, "needs a start before its end"),
        ("cannot", "", (AWAY[1], AWAY[0]), "needs a start before its end"),
    ],
)
def test_a_bad_answer_is_refused_and_nothing_is_stored(store, answer, reason, away, refusal):
    plan_id = store.create_plan(PLAN).plan_id
    with pytest.raises(AnswerRefused, match=refusal):
        store.record_answer(plan_id, "host", "FAST", "R1", START, answer, reason, away=away)
    with pytest.raises(AnswerRefused, match="no UTC offset"):
        store.record_answer(plan_id, "host", "FAST", "R1", START.replace(tzinfo=None), "accepted")
    assert store.answer_history(plan_id) == []


def test_a_plan_deleted_meanwhile_takes_its_links_and_answers_and_refuses_new_ones(store):
    kept = store.create_plan(PLAN).plan_id
    gone = store.create_plan(PLAN).plan_id
    token = store.issue_person_link(gone, "host", "FAST")
    kept_token = store.issue_person_link(kept, "host", "FAST")
    store.record_answer(gone, "host", "FAST", "R1", START, "accepted")
    store.record_answer(kept, "host", "FAST", "R1", START, "accepted")

    store.delete_plan(gone)  # the cascade lets the plan go although rows name it

    assert store.resolve_person_link(token) is None
    assert store.resolve_person_link(kept_token) == (kept, "host", "FAST")
    assert store.answer_history(gone) == [] and len(store.answer_history(kept)) == 1
    with store.engine.connect() as db:
        for table in (person_links, person_answers):
            count = db.scalar(sa.select(sa.func.count()).select_from(table).where(table.c.plan_id == gone))
            assert count == 0, table.name
    with pytest.raises(PlanGone, match="no link was made"):
        store.issue_person_link(gone, "host", "FAST")
    with pytest.raises(PlanGone, match="your answer was not recorded"):
        store.record_answer(gone, "host", "FAST", "R1", START, "accepted")


def test_two_answers_at_once_are_both_kept_and_one_counts(url):
    stores = [Store(url) for _ in range(4)]
    plan_id = stores[0].create_plan(PLAN).plan_id
    start = threading.Barrier(len(stores))
    errors: list[BaseException] = []

    def answer(index: int) -> None:
        start.wait()
        try:
            stores[index].record_answer(
                plan_id, "host", "FAST", "R1", START, "declined", f"reason {index}", away=AWAY
            )
        except BaseException as error:  # every failure is reported below
            errors.append(error)

    threads = [threading.Thread(target=answer, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    history = stores[0].answer_history(plan_id)
    assert sorted(a.reason for a in history) == [f"reason {i}" for i in range(4)]
    [latest] = stores[0].answers(plan_id)
    assert latest.answer_id == max(a.answer_id for a in history)
    for each in stores:
        each.engine.dispose()


def test_a_start_in_another_zone_is_the_same_meeting(store):
    plan_id = store.create_plan(PLAN).plan_id
    store.record_answer(plan_id, "interpreter", "I-EN", "R1", START, "accepted")
    elsewhere = START.astimezone(timezone(timedelta(hours=5)))
    store.record_answer(plan_id, "interpreter", "I-EN", "R1", elsewhere, "cannot", away=AWAY)
    [latest] = store.answers(plan_id)
    assert latest.answer == "cannot" and latest.start == START and latest.start.tzinfo == UTC
