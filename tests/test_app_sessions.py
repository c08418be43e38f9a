"""The staff pages across reruns and sessions: a solve outliving its page, edits from two browsers."""

from __future__ import annotations

import time
from dataclasses import replace

from scheduler import verify
from tests.app_support import app, button, fresh_store, plan_id_of, solve_on_page, texts, unescaped

__all__ = ["fresh_store"]  # the fixture, imported for pytest


def test_pins_apply_to_a_plan_another_session_saved_meanwhile(fresh_store):
    at = solve_on_page(app())
    at.switch_page("programme_page.py").run()
    plan_id = plan_id_of(fresh_store)
    button(at, "Pin it at this time (kept on the next solve)").click().run()
    pinned = fresh_store.latest(plan_id)
    elsewhere = replace(pinned.plan, name="Renamed in another browser")
    fresh_store.save(plan_id, elsewhere, pinned.version, note="renamed elsewhere")

    at.run()
    button(at, "Unpin this meeting").click().run()
    assert not at.error, [e.value for e in at.error]
    after = fresh_store.latest(plan_id)
    assert after.version == pinned.version + 2
    assert after.plan.name == "Renamed in another browser"
    assert after.plan.pinned == first_pins(fresh_store, plan_id)


def first_pins(store, plan_id: int) -> tuple:
    return store.version(plan_id, 1).plan.pinned


def test_an_old_solver_error_goes_away_with_the_next_solve(fresh_store):
    at = app("solve_page.py")
    at.session_state["solve_error"] = "RuntimeError: out of memory"  # what a failed solve leaves behind
    at.run()
    stopped = "The solver stopped with an error: RuntimeError: out of memory"
    assert [unescaped(e.value) for e in at.error] == [stopped]
    solve_on_page(at)
    assert not at.error, [e.value for e in at.error]


def test_a_solve_finishing_while_staff_look_at_another_page_is_kept(fresh_store):
    at = app("solve_page.py")
    at.slider[0].set_value(5)
    button(at, "Build the programme").click().run()
    job = at.session_state["solve_job"]
    at.switch_page("programme_page.py").run()
    job.thread.join(timeout=60)
    assert job.result is not None
    at.run()
    assert not at.exception, at.exception
    assert "No programme yet: build one on the Solve page." not in texts(at)
    assert fresh_store.latest_schedule(plan_id_of(fresh_store)) is not None
    assert "Result" in texts(at)


def test_every_page_copes_with_an_empty_plan(fresh_store):
    at = app("settings_page.py")
    button(at, "Create").click().run()
    plan_id = at.session_state["plan_id"]
    assert fresh_store.latest(plan_id).plan.requests == ()
    solve_on_page(at)
    for page in ("programme_page.py", "export_page.py", "links_page.py", "solve_page.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert not at.error, (page, [e.value for e in at.error])


def test_a_solve_is_kept_with_its_own_plan_when_staff_switch_plans(fresh_store):
    first = plan_id_of(fresh_store)
    at = app("solve_page.py")
    at.slider[0].set_value(5)
    button(at, "Build the programme").click().run()
    job = at.session_state["solve_job"]
    at.switch_page("settings_page.py").run()
    button(at, "Create").click().run()  # an empty plan, now the one this session works on
    second = at.session_state["plan_id"]
    assert second != first
    job.thread.join(timeout=60)
    at.run()
    assert fresh_store.latest_schedule(first) is not None
    assert fresh_store.latest_schedule(second) is None


def test_stop_keeps_the_best_schedule_found_so_far(fresh_store):
    at = app("settings_page.py")
    next(s for s in at.selectbox if s.label == "From").set_value("conference-2024")
    button(at, "Create").click().run()
    plan_id = at.session_state["plan_id"]
    at.switch_page("solve_page.py").run()
    at.slider[0].set_value(120)
    button(at, "Build the programme").click().run()
    job = at.session_state["solve_job"]
    deadline = time.monotonic() + 60
    while job.latest is None and time.monotonic() < deadline:  # the first (greedy) report
        time.sleep(0.2)
        job.drain()
    at.run()
    assert at.progress and at.progress[0].text.startswith("Solving…")
    button(at, "Stop and keep the best schedule so far").click().run()
    job.thread.join(timeout=60)
    at.run()
    stored = fresh_store.latest_schedule(plan_id)
    assert stored is not None and stored.schedule.solve_seconds < 120
    assert stored.schedule.status in ("feasible", "optimal")
    assert "Result" in texts(at)


def test_two_staff_sessions_pin_one_meeting_each(fresh_store):
    first = solve_on_page(app())
    second = app()
    for at in (first, second):
        at.switch_page("programme_page.py").run()
    plan_id = plan_id_of(fresh_store)
    meetings = sorted(fresh_store.latest_schedule(plan_id).schedule.meetings, key=lambda m: m.start)
    for at, meeting in ((first, meetings[0]), (second, meetings[1])):
        next(s for s in at.selectbox if s.label == "Meeting details").set_value(meeting.request).run()
    for at in (first, second):
        button(at, "Pin it at this time (kept on the next solve)").click().run()
        assert not at.error, [e.value for e in at.error]
    pinned = {p.request for p in fresh_store.latest(plan_id).plan.pinned}
    assert {meetings[0].request, meetings[1].request} <= pinned
    assert fresh_store.latest(plan_id).version == 3


def test_solve_says_when_the_plan_changed_after_its_schedule(fresh_store):
    at = solve_on_page(app())
    plan_id = plan_id_of(fresh_store)
    stored = fresh_store.latest(plan_id)
    fresh_store.save(plan_id, replace(stored.plan, name="Renamed"), stored.version)
    at.run()
    assert "The schedule below was built for version 1; the plan has changed since." in texts(at)


def test_a_clashing_move_by_hand_is_not_called_valid_anywhere(fresh_store):
    at = solve_on_page(app())
    at.switch_page("programme_page.py").run()
    first, second = sorted(
        fresh_store.latest_schedule(plan_id_of(fresh_store)).schedule.meetings, key=lambda m: m.start
    )[:2]
    next(s for s in at.selectbox if s.label == "Meeting details").set_value(second.request).run()
    at.date_input[0].set_value(first.start.date())
    at.time_input[0].set_value(first.start.time().replace(tzinfo=None))
    button(at, "Move").click().run()
    for page in ("programme_page.py", "solve_page.py"):
        at.switch_page(page).run()
        shown = " ".join(texts(at))
        assert "a valid programme" not in shown and "proven optimal" not in shown, page
        assert " broken in this programme" in shown, page


def test_export_warns_before_publishing_an_outdated_or_broken_programme(fresh_store):
    at = solve_on_page(app())
    plan_id = plan_id_of(fresh_store)
    at.switch_page("export_page.py").run()
    assert not at.warning[1:] and not at.info  # the open-access banner only
    stored = fresh_store.latest(plan_id)
    fresh_store.save(plan_id, replace(stored.plan, name="Renamed"), stored.version)
    at.run()
    assert [w.value for w in at.warning[1:]] == [
        "The plan has changed since this programme was built: it was built for version 1, and the plan is "
        "now at version 2. It still fits the plan as it is now, but does not use the changes. Build it "
        "again to use the changes."
    ]
    assert [b.label for b in at.button if b.label == "Build the programme again"]
    at.switch_page("programme_page.py").run()
    first, second = sorted(fresh_store.latest_schedule(plan_id).schedule.meetings, key=lambda m: m.start)[:2]
    next(s for s in at.selectbox if s.label == "Meeting details").set_value(second.request).run()
    at.date_input[0].set_value(first.start.date())
    at.time_input[0].set_value(first.start.time().replace(tzinfo=None))
    button(at, "Move").click().run()
    at.switch_page("export_page.py").run()
    moved = fresh_store.latest_schedule(plan_id)
    broken = verify(fresh_store.version(plan_id, moved.plan_version).plan, moved.schedule)
    rules = "1 rule" if len(broken) == 1 else f"{len(broken)} rules"
    assert broken and any(w.value.startswith(f"{rules} broken in this programme") for w in at.warning)


def test_a_meeting_whose_request_was_deleted_since_cannot_be_pinned(fresh_store):
    at = solve_on_page(app())
    plan_id = plan_id_of(fresh_store)
    stored = fresh_store.latest(plan_id)
    kept = tuple(r for r in stored.plan.requests if r.id != "ua-victim")
    fresh_store.save(plan_id, replace(stored.plan, requests=kept), stored.version, note="dropped a request")
    at.switch_page("programme_page.py").run()
    next(s for s in at.selectbox if s.label == "Meeting details").set_value("ua-victim").run()
    assert not [b for b in at.button if b.label.startswith("Pin it")]
    assert "Version 2 of the plan no longer asks for this meeting: nothing to pin." in texts(at)
    assert "ua-victim" not in {p.request for p in fresh_store.latest(plan_id).plan.pinned}
    assert fresh_store.latest(plan_id).version == stored.version + 1
