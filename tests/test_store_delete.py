"""Deleting a plan on a real SQLite file and a real PostgreSQL server: all of it goes, nothing else does."""

import threading
from dataclasses import replace

import pytest
import sqlalchemy as sa

from scheduler.io.load import load_plan_file
from scheduler.publishing import delegation_calendar, latest_published, publish_schedule, resolve_delegation
from scheduler.solver import greedy
from scheduler.store import LastPlan, Store, links, plans, publications, schedules, versions
from tests.store_support import store, url

__all__ = ["store", "url"]  # the fixtures, imported for pytest

SAMPLE = "data/ukraine-prosecutors-2024.json"


def published_plan(store: Store, name: str) -> tuple[int, str]:
    """A stored plan with two versions, a published schedule and a live link for its delegation."""
    plan, problems = load_plan_file(SAMPLE)
    assert plan is not None, problems
    plan_id = store.create_plan(replace(plan, name=name)).plan_id
    store.save(plan_id, plan, base_version=1, note="second")
    schedule_id = store.save_schedule(plan_id, 2, greedy(plan))
    publish_schedule(store, plan_id, schedule_id)
    delegation = plan.delegations[0].id
    return plan_id, store.issue_link(plan_id, delegation)


def rows_of(store: Store, plan_id: int) -> dict[str, int]:
    with store.engine.connect() as db:
        counts = {
            table.name: db.scalar(
                sa.select(sa.func.count()).select_from(table).where(table.c.plan_id == plan_id)
            )
            for table in (versions, schedules, publications, links)
        }
        counts["plans"] = db.scalar(
            sa.select(sa.func.count()).select_from(plans).where(plans.c.id == plan_id)
        )
    return counts


def test_deleting_a_plan_removes_it_with_everything_built_from_it(store):
    kept_id, kept_token = published_plan(store, "Kept visit")
    gone_id, gone_token = published_plan(store, "Deleted visit")
    kept_before = (store.versions(kept_id), store.latest_schedule(kept_id), store.latest_publication(kept_id))
    assert resolve_delegation(store, gone_token)[0] is not None  # its calendar feed answered before

    store.delete_plan(gone_id)

    assert set(rows_of(store, gone_id).values()) == {0}
    assert store.plan_ids() == [kept_id]
    assert store.resolve_link(gone_token) is None
    assert resolve_delegation(store, gone_token) is None  # the feed answers "this link is not valid"
    assert latest_published(store, gone_id) is None
    assert store.latest_schedule(gone_id) is None
    with pytest.raises(KeyError):
        store.latest(gone_id)
    # The other plan is untouched: history, programme, publication, link and calendar.
    assert (store.versions(kept_id), store.latest_schedule(kept_id), store.latest_publication(kept_id)) == (
        kept_before
    )
    programme, delegation = resolve_delegation(store, kept_token)
    assert delegation_calendar(programme, delegation).startswith(b"BEGIN:VCALENDAR")
    assert rows_of(store, kept_id) == {
        "plan_versions": 2,
        "schedules": 1,
        "publications": 1,
        "delegation_links": 1,
        "plans": 1,
    }


def test_the_last_plan_is_refused_and_kept_whole(store):
    plan_id, token = published_plan(store, "Only visit")
    before = rows_of(store, plan_id)
    with pytest.raises(LastPlan) as refused:
        store.delete_plan(plan_id)
    assert "only plan left" in str(refused.value)
    assert rows_of(store, plan_id) == before
    assert store.resolve_link(token) is not None


def test_an_unknown_plan_is_a_key_error_and_deletes_nothing(store):
    plan_id, _token = published_plan(store, "Visit")
    store.create_plan(store.latest(plan_id).plan)
    before = rows_of(store, plan_id)
    with pytest.raises(KeyError):
        store.delete_plan(plan_id + 100)
    assert rows_of(store, plan_id) == before


def test_a_deleted_plans_id_is_never_given_to_a_new_plan(store):
    plan = store.create_plan(load_plan_file(SAMPLE)[0]).plan
    first = store.create_plan(plan).plan_id
    newest = store.create_plan(plan).plan_id
    store.delete_plan(newest)
    assert store.create_plan(plan).plan_id > newest
    assert first in store.plan_ids()


def test_two_deletions_at_once_of_the_last_two_plans_leave_one(url):
    stores = [Store(url), Store(url)]
    plan = load_plan_file(SAMPLE)[0]
    ids = [stores[0].create_plan(plan).plan_id for _ in stores]
    outcomes: list[str] = []
    start = threading.Barrier(len(stores))

    def delete(index: int) -> None:
        start.wait()
        try:
            stores[index].delete_plan(ids[index])
            outcomes.append("deleted")
        except LastPlan:
            outcomes.append("refused")

    threads = [threading.Thread(target=delete, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["deleted", "refused"]
    assert len(stores[0].plan_ids()) == 1
    for each in stores:
        each.engine.dispose()
