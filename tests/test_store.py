"""The store on a real SQLite file and a real PostgreSQL server: versions, conflicts, links."""

import threading
from dataclasses import replace
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from scheduler.model import Meeting, Objective, Plan, Schedule
from scheduler.store import Conflict, Store
from tests.store_support import store, url

__all__ = ["store", "url"]  # the fixtures, imported for pytest

PLAN = Plan(name="Ukrainian prosecutors, April 2024")


def test_every_save_is_a_new_version_and_any_version_can_be_restored(store):
    stored = store.create_plan(PLAN, author="anna")
    assert (stored.version, stored.plan) == (1, PLAN)
    second = store.save(stored.plan_id, replace(PLAN, slot_minutes=30), base_version=1, note="grid")
    third = store.save(stored.plan_id, replace(PLAN, slot_minutes=60), base_version=second)
    assert store.latest(stored.plan_id).plan.slot_minutes == 60
    restored = store.restore(stored.plan_id, 2, base_version=third, author="ben")
    latest = store.latest(stored.plan_id)
    assert (restored, latest.version, latest.plan.slot_minutes) == (4, 4, 30)
    assert [v.version for v in store.versions(stored.plan_id)] == [4, 3, 2, 1]
    assert store.versions(stored.plan_id)[0].note == "restored version 2"
    assert store.version(stored.plan_id, 1).plan == PLAN


def test_a_save_on_a_stale_version_is_refused_and_nothing_is_lost(url):
    first, second = Store(url), Store(url)  # two browser sessions, two connections
    plan_id = first.create_plan(PLAN).plan_id
    first.save(plan_id, replace(PLAN, name="Edit by Anna"), base_version=1)
    with pytest.raises(Conflict) as refused:
        second.save(plan_id, replace(PLAN, name="Edit by Ben"), base_version=1)
    assert refused.value.current_version == 2
    assert "not saved" in str(refused.value)
    assert second.latest(plan_id).plan.name == "Edit by Anna"
    # Ben re-applies his edit on the current version: both edits are in the history.
    second.save(plan_id, replace(PLAN, name="Edit by Ben"), base_version=2)
    assert [v.name for v in first.versions(plan_id)] == ["Edit by Ben", "Edit by Anna", PLAN.name]


def test_simultaneous_saves_against_one_version_let_exactly_one_win(url):
    stores = [Store(url) for _ in range(4)]
    plan_id = stores[0].create_plan(PLAN).plan_id
    outcomes: list[str] = []
    start = threading.Barrier(len(stores))

    def save(index: int) -> None:
        start.wait()
        try:
            stores[index].save(plan_id, replace(PLAN, name=f"edit {index}"), base_version=1)
            outcomes.append("saved")
        except Conflict:
            outcomes.append("refused")

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "refused", "refused", "saved"]
    assert stores[0].latest(plan_id).version == 2


def test_schedules_and_publications_are_kept(store):
    plan_id = store.create_plan(PLAN).plan_id
    start = datetime(2024, 4, 23, 7, 0, tzinfo=UTC)
    schedule = Schedule(
        plan=PLAN.name,
        status="optimal",
        solve_seconds=1.5,
        objective=Objective({"must": 1}, {"must": 1}),
        meetings=(Meeting("R1", start, start.replace(hour=8), "FPS"),),
    )
    schedule_id = store.save_schedule(plan_id, 1, schedule)
    assert store.latest_schedule(plan_id).schedule.meetings == schedule.meetings
    assert store.latest_publication(plan_id) is None
    assert store.publish(plan_id, schedule_id, '{"meetings": {}}') == 1
    assert store.publish(plan_id, schedule_id, '{"meetings": {"R1": 1}}') == 2
    assert store.latest_publication(plan_id).record == '{"meetings": {"R1": 1}}'
    assert store.publication(plan_id, 1).record == '{"meetings": {}}'  # the one before stays readable
    assert store.publication(plan_id, 3) is None and store.publication(plan_id, 0) is None


def test_delegation_links_are_hashed_revocable_and_reissuable(store):
    plan_id = store.create_plan(PLAN).plan_id
    token = store.issue_link(plan_id, "UA")
    assert len(token) >= 43  # 256 random bits, URL-safe
    assert store.resolve_link(token) == (plan_id, "UA")
    with store.engine.connect() as db:
        stored = db.execute(sa.text("select token_hash from delegation_links")).scalars().all()
    assert token not in stored
    reissued = store.issue_link(plan_id, "UA")
    assert store.resolve_link(token) is None
    assert store.resolve_link(reissued) == (plan_id, "UA")
    store.revoke_link(plan_id, "UA")
    assert store.resolve_link(reissued) is None
    assert not store.has_link(plan_id, "UA")
    for wrong in ("", "x", "' or 1=1 --", reissued[:-1] + "A", "é" * 40):
        assert store.resolve_link(wrong) is None
