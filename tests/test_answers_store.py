"""A host's or interpreter's answer taken end to end on a real SQLite file and a real PostgreSQL server:
kept, made a plan version by them, retried on a newer version, refused for a meeting that moved."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta

import pytest

from scheduler.answers import (
    MOVED,
    answer_meeting,
    answers_by_meeting,
    answers_elsewhere,
    pending_answers,
    person_programme,
    sync_answer,
)
from scheduler.model import Window
from scheduler.publishing import publish_schedule
from scheduler.store import AnswerRefused, PlanGone, Store
from tests.store_support import store, url
from tests.test_solver_plans import at, meeting, plan_for, solved

__all__ = ["store", "url"]  # the fixtures, imported for pytest

FAST = "Host: Fugitive Active Search Team (private link)"


def stored_programme(store: Store):
    """A day of three meetings (M1 with FAST, M2 with PROS and the mayor optional, M3 with both FAST and
    PROS), solved and kept as the plan's programme."""
    plan = plan_for(
        (
            meeting("M1", "FAST", title="Fugitive search"),
            meeting("M2", "PROS", optional_hosts=("MAYOR",)),
            meeting("M3", "FAST", "PROS"),
        )
    )
    plan_id = store.create_plan(plan, author="anna").plan_id
    schedule = solved(plan)
    store.save_schedule(plan_id, 1, schedule)
    return plan_id, plan, schedule


def test_a_decline_is_kept_and_becomes_a_plan_version_by_the_host(store):
    plan_id, plan, schedule = stored_programme(store)
    m1 = schedule.meeting("M1")
    recorded = answer_meeting(store, plan_id, "host", "FAST", "M1", m1.start, "declined", "on leave that day")
    assert recorded.plan_version == 2 and not recorded.pending
    latest = store.latest(plan_id)
    away = Window(m1.start.replace(tzinfo=None), m1.end.replace(tzinfo=None))
    assert latest.plan.host("FAST").unavailable == (away,)
    assert latest.plan.requests == plan.requests and latest.plan.host("PROS") == plan.host("PROS")
    assert latest.author == FAST
    when = f"{m1.start:%a %d %b %H:%M}"
    assert latest.note == (
        f"declined “Fugitive search” ({when}): on leave that day; unavailable {when}–{m1.end:%H:%M}"
    )
    [answer] = store.answers(plan_id)
    assert (answer.answer, answer.author, answer.plan_version) == ("declined", FAST, 2)


def test_answering_twice_replaces_the_answer_keeps_the_history_and_adds_no_second_constraint(store):
    plan_id, _plan, schedule = stored_programme(store)
    m1 = schedule.meeting("M1")
    answer_meeting(store, plan_id, "host", "FAST", "M1", m1.start, "declined", "on leave")
    again = answer_meeting(store, plan_id, "host", "FAST", "M1", m1.start, "declined", "on leave, sorry")
    assert again.plan_version is None  # the plan already holds it
    assert store.latest(plan_id).version == 2
    assert len(store.latest(plan_id).plan.host("FAST").unavailable) == 1
    assert [a.reason for a in store.answer_history(plan_id)] == ["on leave", "on leave, sorry"]

    day = answer_meeting(store, plan_id, "host", "FAST", "M1", m1.start, "cannot", all_day=True)
    assert day.plan_version == 3
    assert store.latest(plan_id).plan.host("FAST").unavailable == (
        Window(at("00:00"), at("00:00") + timedelta(1)),
    )
    assert store.latest(plan_id).note.endswith(
        "unavailable Tue 23 Apr all day; free again Tue 23 Apr 09:00–10:00"
    )

    accepted = answer_meeting(store, plan_id, "host", "FAST", "M1", m1.start, "accepted")
    assert accepted.plan_version == 4
    assert store.latest(plan_id).plan.host("FAST").unavailable == ()
    assert [a.answer for a in store.answers(plan_id)] == ["accepted"]
    assert [a.answer for a in store.answer_history(plan_id)] == ["declined", "declined", "cannot", "accepted"]


def test_an_answer_to_a_meeting_no_longer_in_the_programme_is_refused(store):
    plan_id, _plan, schedule = stored_programme(store)
    m1 = schedule.meeting("M1")
    for request, start, who in (
        ("M1", m1.start + timedelta(minutes=15), "FAST"),  # the meeting moved since the page was drawn
        ("M9", m1.start, "FAST"),  # a request the programme does not have
        ("M1", m1.start, "PROS"),  # not their meeting
    ):
        with pytest.raises(AnswerRefused) as refused:
            answer_meeting(store, plan_id, "host", who, request, start, "declined", "away")
        assert str(refused.value) == MOVED
    with pytest.raises(AnswerRefused, match="needs a short reason"):
        answer_meeting(store, plan_id, "host", "FAST", "M1", m1.start, "declined", " ")
    assert store.answer_history(plan_id) == [] and store.latest(plan_id).version == 1


def test_a_plan_deleted_meanwhile_refuses_the_answer(store):
    store.create_plan(plan_for(()))
    plan_id, _plan, schedule = stored_programme(store)
    token = store.issue_person_link(plan_id, "host", "FAST")
    store.delete_plan(plan_id)
    assert person_programme(store, token) is None
    with pytest.raises(PlanGone, match="not recorded"):
        answer_meeting(store, plan_id, "host", "FAST", "M1", schedule.meeting("M1").start, "accepted")


class StaffSavesFirst(Store):
    """A store whose every plan save finds that staff saved an edit a moment before (through another
    connection), as when the protocol office types while a host answers."""

    def __init__(self, url: str, times: int):
        super().__init__(url)
        self.staff, self.times = Store(url), times

    def save(self, plan_id, plan, base_version, author="", note=""):
        if self.times:
            self.times -= 1
            current = self.staff.latest(plan_id)
            renamed = replace(current.plan, name=f"{current.plan.name} (edit {current.version})")
            self.staff.save(plan_id, renamed, current.version, author="anna", note="renamed")
        return super().save(plan_id, plan, base_version, author, note)


def test_a_stale_version_is_retried_on_the_newest_and_the_staff_edit_is_kept(url):
    racing = StaffSavesFirst(url, times=2)
    plan_id, _plan, schedule = stored_programme(racing)
    m1 = schedule.meeting("M1")
    recorded = answer_meeting(racing, plan_id, "host", "FAST", "M1", m1.start, "declined", "on leave")
    assert recorded.plan_version == 4
    latest = racing.latest(plan_id)
    assert latest.plan.name.endswith("(edit 2)") and len(latest.plan.host("FAST").unavailable) == 1
    assert [(v.version, v.author) for v in racing.versions(plan_id)] == [
        (4, FAST),
        (3, "anna"),
        (2, "anna"),
        (1, "anna"),
    ]


def test_an_answer_the_plan_could_not_take_is_kept_and_offered_to_staff(url):
    racing = StaffSavesFirst(url, times=100)
    plan_id, _plan, schedule = stored_programme(racing)
    m1 = schedule.meeting("M1")
    recorded = answer_meeting(racing, plan_id, "host", "FAST", "M1", m1.start, "declined", "on leave")
    assert recorded.pending and recorded.plan_version is None
    quiet = Store(url)
    [waiting] = pending_answers(quiet.latest(plan_id).plan, quiet.answers(plan_id))
    assert waiting.answer_id == recorded.answer.answer_id
    assert sync_answer(quiet, plan_id, waiting).plan_version == quiet.latest(plan_id).version
    assert pending_answers(quiet.latest(plan_id).plan, quiet.answers(plan_id)) == []


def test_hosts_answering_at_once_all_reach_the_plan(url):
    first = Store(url)
    plan_id, _plan, schedule = stored_programme(first)
    who = [("M1", "FAST"), ("M2", "PROS"), ("M2", "MAYOR")]
    assert schedule.meeting("M2").optional_hosts == ("MAYOR",)
    stores = [Store(url) for _ in who]
    start = threading.Barrier(len(stores))
    errors: list[BaseException] = []

    def decline(index: int, request: str, host: str) -> None:
        start.wait()
        try:
            held = schedule.meeting(request)
            answer_meeting(stores[index], plan_id, "host", host, request, held.start, "declined", "away")
        except BaseException as error:  # every failure is reported below
            errors.append(error)

    threads = [threading.Thread(target=decline, args=(i, *w)) for i, w in enumerate(who)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    latest = first.latest(plan_id)
    assert all(len(latest.plan.host(host).unavailable) == 1 for _, host in who)
    assert sorted(v.author for v in first.versions(plan_id))[:3] == [
        "Host: Fugitive Active Search Team (private link)",
        "Host: Mayor of Mechelen (private link)",
        "Host: Prosecutor's office Brussels (private link)",
    ]
    assert latest.version == 4


def test_the_private_link_shows_the_persons_meetings_with_their_answers(store):
    plan_id, _plan, schedule = stored_programme(store)
    token = store.issue_person_link(plan_id, "host", "MAYOR")
    shown = person_programme(store, token)
    assert shown is not None and shown.name == "Mayor of Mechelen" and shown.publication is None
    assert [(m.request, m.role, m.published) for m in shown.meetings] == [("M2", "optional host", False)]
    publish_schedule(store, plan_id, store.latest_schedule(plan_id).schedule_id)
    m2 = schedule.meeting("M2")
    answer_meeting(store, plan_id, "host", "MAYOR", "M2", m2.start, "accepted")
    shown = person_programme(store, token)
    assert shown.publication == 1 and [m.published for m in shown.meetings] == [True]
    assert shown.answers[("M2", m2.start)].answer == "accepted"
    store.revoke_person_links(plan_id, "host", "MAYOR")
    assert person_programme(store, token) is None  # a link used after revocation opens nothing


def test_staff_see_every_persons_answer_per_meeting_and_those_to_earlier_times(store):
    plan_id, plan, schedule = stored_programme(store)
    m1 = schedule.meeting("M1")
    answer_meeting(store, plan_id, "host", "FAST", "M1", m1.start, "declined", "on leave")
    rows = answers_by_meeting(plan, schedule, store.answers(plan_id))
    by_person = {(r.request, r.person): r for r in rows}
    assert by_person[("M1", "FAST")].answer.reason == "on leave"
    assert by_person[("M2", "MAYOR")].answer is None and by_person[("M2", "MAYOR")].role == "optional host"
    assert sorted(by_person) == [
        ("M1", "FAST"),
        ("M2", "MAYOR"),
        ("M2", "PROS"),
        ("M3", "FAST"),
        ("M3", "PROS"),
    ]
    later = timedelta(hours=5)
    moved = replace(
        schedule,
        meetings=tuple(
            replace(m, start=m.start + later, end=m.end + later) if m.request == "M1" else m
            for m in schedule.meetings
        ),
    )
    at_new_time = {(r.request, r.person): r for r in answers_by_meeting(plan, moved, store.answers(plan_id))}
    assert at_new_time[("M1", "FAST")].answer is None  # the answer was to the earlier time
    [earlier] = answers_elsewhere(plan, moved, store.answers(plan_id))
    assert (earlier.request, earlier.start) == ("M1", m1.start)
    assert answers_elsewhere(plan, schedule, store.answers(plan_id)) == []
