"""What the database itself holds true, on a real SQLite file and a real PostgreSQL server: nothing is
written for a deleted plan, one live link per delegation, publications racing get a number each, and
a database made by an earlier version catches up on start."""

import json
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from scheduler.io.load import load_plan_file
from scheduler.io.plan_json import write_plan_json
from scheduler.solver import greedy
from scheduler.store import PlanGone, Store, links, plans, publications, schedules, versions
from tests.store_support import store, url

__all__ = ["store", "url"]  # the fixtures, imported for pytest

SAMPLE = "data/ukraine-prosecutors-2024.json"


def sample():
    plan, problems = load_plan_file(SAMPLE)
    assert plan is not None, problems
    return plan


def in_time(action, seconds: float = 30.0):
    """What `action` returns or raises, failing the test if it is still running after `seconds` (a
    publication once retried for ever when its plan was gone)."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(("returned", action()))
        except Exception as error:
            outcome.append(("raised", error))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still running after {seconds} s"
    return outcome[0]


def orphans(store: Store) -> dict[str, int]:
    with store.engine.connect() as db:
        return {
            table.name: db.scalar(
                sa.select(sa.func.count())
                .select_from(table)
                .where(table.c.plan_id.not_in(sa.select(plans.c.id)))
            )
            for table in (versions, schedules, publications, links)
        }


def test_nothing_is_saved_linked_or_published_for_a_deleted_plan(store):
    plan = sample()
    kept = store.create_plan(plan).plan_id
    gone = store.create_plan(replace(plan, name="Deleted visit")).plan_id
    schedule_id = store.save_schedule(gone, 1, greedy(plan))
    kept_schedule = store.save_schedule(kept, 1, greedy(plan))
    store.delete_plan(gone)

    with pytest.raises(PlanGone, match=r"this plan was deleted meanwhile .*: your edit was not saved"):
        store.save(gone, plan, base_version=1)
    with pytest.raises(PlanGone, match=r"deleted meanwhile .*: the programme was not kept"):
        store.save_schedule(gone, 1, greedy(plan))
    with pytest.raises(PlanGone, match=r"deleted meanwhile .*: no link was made"):
        store.issue_link(gone, plan.delegations[0].id)
    for schedule in (schedule_id, kept_schedule):
        kind, error = in_time(lambda s=schedule: store.publish(gone, s, "{}"))
        assert kind == "raised" and isinstance(error, PlanGone), error
        assert "nothing was published" in str(error)
    assert orphans(store) == {"plan_versions": 0, "schedules": 0, "publications": 0, "delegation_links": 0}
    # the plan still there is untouched by all this, and a schedule of another plan is not its to publish
    assert store.publish(kept, kept_schedule, "{}") == 1
    kind, error = in_time(lambda: store.publish(kept, schedule_id, "{}"))
    assert kind == "raised" and isinstance(error, KeyError)


def test_sqlite_checks_foreign_keys_on_every_connection(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'plans.db'}")
    for _ in range(3):  # new connections, not only the first
        with store.engine.connect() as db:
            assert db.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        store.engine.dispose()
    with pytest.raises(IntegrityError), store.engine.begin() as db:
        db.execute(
            sa.insert(links).values(token_hash="x" * 64, plan_id=99, delegation="ua", created_at=now())
        )


def now() -> datetime:
    return datetime.now(UTC)


def test_the_database_refuses_a_second_live_link_for_a_delegation(store):
    plan_id = store.create_plan(sample()).plan_id
    store.issue_link(plan_id, "ua")
    with pytest.raises(IntegrityError), store.engine.begin() as db:
        db.execute(
            sa.insert(links).values(token_hash="y" * 64, plan_id=plan_id, delegation="ua", created_at=now())
        )
    with store.engine.begin() as db:  # a revoked one beside the live one is fine
        db.execute(
            sa.insert(links).values(
                token_hash="z" * 64, plan_id=plan_id, delegation="ua", created_at=now(), revoked_at=now()
            )
        )


def live_links(store: Store, plan_id: int, delegation: str) -> int:
    with store.engine.connect() as db:
        return db.scalar(
            sa.select(sa.func.count())
            .select_from(links)
            .where(links.c.plan_id == plan_id, links.c.delegation == delegation, links.c.revoked_at.is_(None))
        )


def at_once(actions) -> list:
    """Runs the actions in threads released together; their results (or errors) in order."""
    results: list = [None] * len(actions)
    start = threading.Barrier(len(actions))

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = actions[index]()
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_clicks_on_make_a_new_link_at_once_leave_one_live_link(url):
    sessions = [Store(url), Store(url)]
    plan_id = sessions[0].create_plan(sample()).plan_id
    for trial in range(20):
        delegation = f"d{trial}"
        tokens = at_once([lambda s=s, d=delegation: s.issue_link(plan_id, d) for s in sessions])
        assert all(isinstance(token, str) for token in tokens), tokens
        assert live_links(sessions[0], plan_id, delegation) == 1, f"trial {trial}"
        opened = [sessions[0].resolve_link(token) for token in tokens]
        assert opened.count((plan_id, delegation)) == 1 and opened.count(None) == 1
    for session in sessions:
        session.engine.dispose()


def test_publications_at_the_same_moment_each_get_their_own_number(url):
    sessions = [Store(url) for _ in range(4)]
    plan_id = sessions[0].create_plan(sample()).plan_id
    schedule_id = sessions[0].save_schedule(plan_id, 1, greedy(sample()))
    numbers = at_once([lambda s=s: s.publish(plan_id, schedule_id, "{}") for s in sessions])
    assert sorted(numbers) == [1, 2, 3, 4]
    for session in sessions:
        session.engine.dispose()


def old_tables() -> sa.MetaData:
    """The tables as the version before calendar ids and the live-link index made them."""
    old = sa.MetaData()
    sa.Table(
        "plans",
        old,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_autoincrement=True,
    )
    for table in (versions, schedules, publications, links):
        table.to_metadata(old)
    old.tables["delegation_links"].indexes.clear()
    return old


def test_a_database_from_before_catches_up_keeping_its_calendar_uids_and_one_live_link(url):
    engine = sa.create_engine(url)
    old = old_tables()
    old.create_all(engine)
    plan = sample()
    moment = now()
    ids: list[int] = []
    with engine.begin() as db:
        for name in ("Published visit", "Draft visit"):
            plan_id = db.execute(
                sa.insert(old.tables["plans"]).values(created_at=moment)
            ).inserted_primary_key[0]
            ids.append(plan_id)
            content = write_plan_json(replace(plan, name=name)).decode()
            db.execute(sa.insert(versions).values(plan_id=plan_id, version=1, name=name, content=content,
                                                  saved_at=moment, author="", note=""))  # fmt: skip
        published, draft = ids
        schedule_id = db.execute(
            sa.insert(schedules).values(plan_id=published, plan_version=1, content="{}", created_at=moment)
        ).inserted_primary_key[0]
        record = json.dumps({"format": "publication/1", "plan": "Published visit", "events": {}})
        db.execute(sa.insert(publications).values(plan_id=1, number=1, schedule_id=schedule_id,
                                                  record=record, published_at=moment))  # fmt: skip
        for age, token in enumerate(("a" * 64, "b" * 64, "c" * 64)):  # left by two clicks at once
            db.execute(sa.insert(links).values(token_hash=token, plan_id=published, delegation="ua",
                                               created_at=moment - timedelta(minutes=age)))  # fmt: skip
    engine.dispose()

    store = Store(url)
    assert store.calendar_id(published) == "Published visit"  # the name its UIDs were derived from
    assert store.calendar_id(draft) == "Draft visit"
    assert live_links(store, published, "ua") == 1
    with store.engine.connect() as db:
        live = db.scalar(sa.select(links.c.token_hash).where(links.c.revoked_at.is_(None)))
    assert live == "a" * 64  # the newest
    with pytest.raises(IntegrityError), store.engine.begin() as db:
        db.execute(
            sa.insert(links).values(token_hash="d" * 64, plan_id=published, delegation="ua", created_at=now())
        )
    new = store.create_plan(plan).plan_id
    assert store.calendar_id(new) not in ("Published visit", "Draft visit", plan.name)
    store.engine.dispose()
    again = Store(url)  # a second start changes nothing
    assert [again.calendar_id(i) for i in ids] == ["Published visit", "Draft visit"]
    again.engine.dispose()
