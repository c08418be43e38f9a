"""Publishing through the store: a private link opens one delegation's last published programme only."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from scheduler.io.load import load_plan_file
from scheduler.publishing import (
    days_gone_by,
    delegation_calendar,
    delegation_changes,
    delegation_entries,
    latest_published,
    publication_preview,
    publish_schedule,
    resolve_delegation,
)
from scheduler.solver import greedy
from scheduler.store import Store

SAMPLE = "data/conference-2024.json"


@pytest.fixture
def published(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'plans.db'}")
    plan, problems = load_plan_file(SAMPLE)
    assert plan is not None, problems
    plan_id = store.create_plan(plan).plan_id
    schedule = greedy(plan)
    schedule_id = store.save_schedule(plan_id, 1, schedule)
    number, changes = publish_schedule(store, plan_id, schedule_id)
    return store, plan_id, plan, schedule, number, changes


def test_a_first_publication_adds_every_meeting(published):
    store, plan_id, _plan, schedule, number, changes = published
    assert number == 1
    assert set(changes.added) >= {m.request for m in schedule.meetings}
    assert changes.moved == changes.cancelled == ()
    assert latest_published(store, plan_id).schedule.meetings == schedule.meetings


def test_a_link_shows_only_its_own_delegation(published):
    store, plan_id, plan, schedule, _, _ = published
    first, second = plan.delegations[0].id, plan.delegations[1].id
    token = store.issue_link(plan_id, first)
    programme, delegation = resolve_delegation(store, token)
    assert delegation == first
    own = {m.request for m in schedule.meetings if first in plan.request(m.request).delegations}
    shown = {e.key for e in delegation_entries(programme, first) if e.kind == "meeting"}
    assert shown == own
    calendar = delegation_calendar(programme, first).decode("utf-8")
    others = {
        r.title for r in plan.requests if second in r.delegations and first not in r.delegations and r.title
    }
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert not any(f"SUMMARY:{title}" in calendar for title in others)
    assert resolve_delegation(store, token + "x") is None
    store.revoke_link(plan_id, first)
    assert resolve_delegation(store, token) is None


def test_a_moved_meeting_is_a_change_and_the_feed_follows_the_latest_publication(published):
    store, plan_id, plan, schedule, _, _ = published
    moved = schedule.meetings[0]
    later = replace(moved, start=moved.start + timedelta(days=7), end=moved.end + timedelta(days=7))
    changed = replace(schedule, meetings=(later, *schedule.meetings[1:]))
    schedule_id = store.save_schedule(plan_id, 1, changed)
    assert publication_preview(store, plan_id, schedule_id).changes.moved == (moved.request,)
    assert latest_published(store, plan_id).number == 1  # a preview publishes nothing
    number, changes = publish_schedule(store, plan_id, schedule_id)
    assert (number, changes.moved) == (2, (moved.request,))
    programme = latest_published(store, plan_id)
    assert programme.schedule.meetings[0].start == later.start
    delegation = plan.request(moved.request).delegations[0]
    assert b"SEQUENCE:1" in delegation_calendar(programme, delegation)


def test_the_calendar_of_a_publication_is_the_same_bytes_every_time(published):
    store, plan_id, plan, *_ = published
    programme = latest_published(store, plan_id)
    delegation = plan.delegations[0].id
    assert delegation_calendar(programme, delegation) == delegation_calendar(
        latest_published(store, plan_id), delegation
    )
    assert delegation_calendar(programme, "NOT-A-DELEGATION") is None


def test_a_delegation_sees_what_the_latest_publication_changed_for_it(published):
    store, plan_id, plan, schedule, _, _ = published
    first = latest_published(store, plan_id)
    delegation = plan.request(schedule.meetings[0].request).delegations[0]
    assert delegation_changes(first, delegation) == ({}, [])  # a first publication marks nothing
    mine = [m for m in schedule.meetings if delegation in plan.request(m.request).delegations]
    moved, dropped = mine[0], mine[1]
    later = replace(moved, start=moved.start + timedelta(days=7), end=moved.end + timedelta(days=7))
    others = tuple(m for m in schedule.meetings if m.request not in (moved.request, dropped.request))
    schedule_id = store.save_schedule(plan_id, 1, replace(schedule, meetings=(later, *others)))
    publish_schedule(store, plan_id, schedule_id)
    marks, cancelled = delegation_changes(latest_published(store, plan_id), delegation)
    assert marks == {moved.request: "changed"}
    assert [(e.key, e.start, e.end) for e in cancelled] == [(dropped.request, dropped.start, dropped.end)]
    # another delegation of the dropped meeting sees it cancelled too; one not in it sees nothing of it
    for other in plan.delegations:
        _, theirs = delegation_changes(latest_published(store, plan_id), other.id)
        assert (dropped.request in [e.key for e in theirs]) == (
            other.id in plan.request(dropped.request).delegations
        )


def test_during_the_visit_the_page_folds_the_days_gone_by_and_otherwise_none():
    days = [date(2024, 4, 22), date(2024, 4, 23), date(2024, 4, 25)]
    assert days_gone_by(days, date(2024, 4, 21)) == []  # before the visit
    assert days_gone_by(days, date(2024, 4, 22)) == []  # its first day
    assert days_gone_by(days, date(2024, 4, 24)) == days[:2]  # a day without meetings
    assert days_gone_by(days, date(2024, 4, 25)) == days[:2]  # its last day
    assert days_gone_by(days, date(2024, 4, 26)) == []  # after it: the whole programme stays open
    assert days_gone_by([], date(2024, 4, 26)) == []


def test_a_delegation_taken_off_a_joint_meeting_sees_it_gone_and_the_other_sees_it_changed(published):
    store, plan_id, plan, schedule, _, _ = published
    joint = next(m for m in schedule.meetings if len(plan.request(m.request).delegations) >= 2)
    stays, leaves = plan.request(joint.request).delegations[:2]
    fewer = tuple(
        replace(r, delegations=tuple(d for d in r.delegations if d != leaves)) if r.id == joint.request else r
        for r in plan.requests
    )
    version = store.save(plan_id, replace(plan, requests=fewer), 1)
    publish_schedule(store, plan_id, store.save_schedule(plan_id, version, schedule))
    programme = latest_published(store, plan_id)
    marks, gone = delegation_changes(programme, leaves)
    assert joint.request not in marks
    assert [(e.key, e.start) for e in gone] == [(joint.request, joint.start)]
    marks, gone = delegation_changes(programme, stays)
    assert marks == {joint.request: "changed"} and gone == []
