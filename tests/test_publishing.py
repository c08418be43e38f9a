"""Publishing through the store: a private link opens one delegation's last published programme only."""

import json
import subprocess
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from scheduler.export import calendars, publication_from_json, publication_to_json
from scheduler.io.load import load_plan_file
from scheduler.publishing import (
    days_gone_by,
    delegation_calendar,
    delegation_changes,
    delegation_entries,
    latest_published,
    latest_record,
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


def uids(calendar: bytes, folder: Path) -> set[str]:
    """The event UIDs of a calendar, read with libical (not the library that wrote it)."""
    probe = subprocess.run(["/usr/bin/python3", "-c", "import gi; gi.require_version('ICalGLib', '3.0')"],
                           capture_output=True)  # fmt: skip
    if probe.returncode != 0:
        pytest.skip("libical through GObject is missing: apt-get install python3-gi gir1.2-ical-3.0")
    path = folder / f"read-{len(list(folder.iterdir()))}.ics"
    path.write_bytes(calendar)
    done = subprocess.run(["/usr/bin/python3", "tests/libical_read.py", str(path)], capture_output=True,
                          check=True)  # fmt: skip
    return {event["uid"] for event in json.loads(done.stdout)[str(path)]["events"]}


def test_renaming_a_published_plan_keeps_every_calendar_uid(published, tmp_path):
    store, plan_id, plan, schedule, _, _ = published
    before = latest_published(store, plan_id)
    renamed = replace(plan, name="Citizen participation conference (renamed)")
    version = store.save(plan_id, renamed, base_version=1)
    schedule_id = store.save_schedule(plan_id, version, replace(schedule, plan=renamed.name))
    publish_schedule(store, plan_id, schedule_id)
    after = latest_published(store, plan_id)
    assert after.plan.name == renamed.name
    for delegation in plan.delegations:
        old, new = delegation_calendar(before, delegation.id), delegation_calendar(after, delegation.id)
        assert uids(old, tmp_path) and uids(old, tmp_path) == uids(new, tmp_path), delegation.id


def test_a_draft_has_the_uids_its_first_publication_will_have(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'plans.db'}")
    plan = load_plan_file(SAMPLE)[0]
    plan_id = store.create_plan(plan).plan_id
    schedule = greedy(plan)
    draft = calendars(plan, schedule, latest_record(store, plan_id))["all"]
    publish_schedule(store, plan_id, store.save_schedule(plan_id, 1, schedule))
    published_all = calendars(plan, schedule, latest_published(store, plan_id).record)["all"]
    assert uids(draft, tmp_path) == uids(published_all, tmp_path)
    assert store.calendar_id(plan_id) in published_all.decode()  # X-WR-RELCALID: the record can be rebuilt


def test_a_record_from_before_calendar_ids_keeps_the_uids_it_was_published_with(published):
    store, plan_id, *_ = published
    old = json.loads(publication_to_json(latest_published(store, plan_id).record))
    del old["calendar_id"]
    old["plan"] = "The name it was published under"
    again, problems = publication_from_json(json.dumps(old).encode())
    assert problems == [] and again.calendar_id == "The name it was published under"
