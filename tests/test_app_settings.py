"""The Settings page deletes a plan after its name is typed, never the last one, and switches to another."""

import asyncio
from dataclasses import replace

from starlette.requests import Request

from scheduler.publishing import publish_schedule
from scheduler.solver import greedy
from tests.app_support import app, button, fresh_store, plan_id_of, unescaped
from ui.feed import NOT_VALID, calendar_feed

__all__ = ["fresh_store"]  # the fixture, imported for pytest

DELETE = "Delete this plan"
CONFIRM = "Type the plan's name to confirm"


def feed(token: str) -> tuple[int, bytes]:
    """What the calendar subscription served beside the app answers for /cal/<token>.ics."""
    request = Request({"type": "http", "method": "GET", "path_params": {"token": token}, "headers": []})
    answer = asyncio.run(calendar_feed(request))
    return answer.status_code, answer.body


def confirm(at, typed: str):
    [field] = [t for t in at.text_input if t.label == CONFIRM]
    field.set_value(typed)
    return button(at, DELETE).click().run()


def a_second_published_plan(store) -> tuple[int, str]:
    """A copy of the sample under another name, with a published programme and a live delegation link."""
    sample = store.latest(plan_id_of(store)).plan
    plan = replace(sample, name="Second visit, May 2024")
    plan_id = store.create_plan(plan).plan_id
    schedule_id = store.save_schedule(plan_id, 1, greedy(plan))
    publish_schedule(store, plan_id, schedule_id)
    return plan_id, store.issue_link(plan_id, plan.delegations[0].id)


def test_a_plan_is_deleted_with_its_links_and_feed_and_the_page_switches_to_another(fresh_store):
    first = plan_id_of(fresh_store)
    second, token = a_second_published_plan(fresh_store)
    kept_token = fresh_store.issue_link(first, fresh_store.latest(first).plan.delegations[0].id)
    assert feed(token)[0] == 200
    at = app("settings_page.py")
    [work_on] = [s for s in at.selectbox if s.label == "Work on"]
    work_on.set_value(second).run()
    assert at.session_state["plan_id"] == second

    confirm(at, "Second visit, May 2024")

    assert not at.exception, at.exception
    assert fresh_store.plan_ids() == [first]
    assert at.session_state["plan_id"] == first
    first_name = fresh_store.latest(first).plan.name
    assert [unescaped(s.value) for s in at.success] == [
        f"Deleted “Second visit, May 2024”. Now working on “{first_name}”."
    ]
    [work_on] = [s for s in at.selectbox if s.label == "Work on"]
    assert (work_on.options, work_on.value) == ([f"{first_name} (#{first})"], first)
    assert fresh_store.resolve_link(token) is None
    assert feed(token) == (404, NOT_VALID.encode())
    assert fresh_store.resolve_link(kept_token) == (first, fresh_store.latest(first).plan.delegations[0].id)
    at.switch_page("plan_page.py").run()  # the plan worked on next opens as usual
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_a_wrong_name_deletes_nothing(fresh_store):
    first = plan_id_of(fresh_store)
    second, token = a_second_published_plan(fresh_store)
    at = app("settings_page.py")
    [work_on] = [s for s in at.selectbox if s.label == "Work on"]
    work_on.set_value(second).run()

    confirm(at, "Second visit")

    assert not at.exception, at.exception
    assert [unescaped(e.value) for e in at.error] == [
        "Nothing was deleted: type the plan's name exactly as it is, “Second visit, May 2024”, to confirm."
    ]
    assert fresh_store.plan_ids() == [first, second]
    assert at.session_state["plan_id"] == second
    assert feed(token)[0] == 200


def test_the_last_plan_is_refused_with_a_clear_message(fresh_store):
    only = plan_id_of(fresh_store)
    name = fresh_store.latest(only).plan.name
    at = app("settings_page.py")

    confirm(at, name)

    assert not at.exception, at.exception
    assert [unescaped(e.value) for e in at.error] == [
        "Nothing was deleted, because this is the only plan left: "
        "start another plan first, then delete this one."
    ]
    assert fresh_store.plan_ids() == [only]
    assert fresh_store.latest(only).plan.name == name
    assert at.session_state["plan_id"] == only


def test_a_session_whose_plan_was_deleted_elsewhere_opens_settings_on_another(fresh_store):
    first = plan_id_of(fresh_store)
    second, _token = a_second_published_plan(fresh_store)
    other = app("settings_page.py")
    [work_on] = [s for s in other.selectbox if s.label == "Work on"]
    work_on.set_value(second).run()
    at = app("settings_page.py")
    [work_on] = [s for s in at.selectbox if s.label == "Work on"]
    work_on.set_value(second).run()
    confirm(at, "Second visit, May 2024")
    assert fresh_store.plan_ids() == [first]

    other.run()

    assert not other.exception, other.exception
    assert other.session_state["plan_id"] == first
    [work_on] = [s for s in other.selectbox if s.label == "Work on"]
    assert work_on.value == first


def test_another_session_editing_a_deleted_plan_moves_to_a_remaining_one(fresh_store):
    first = plan_id_of(fresh_store)
    second, _ = a_second_published_plan(fresh_store)
    plan = fresh_store.latest(second).plan
    for base in (1, 2):  # the deleted plan is further on than the first one
        fresh_store.save(second, replace(plan, name=f"{plan.name} ({base})"), base)
    editing = app("plan_page.py")
    editing.session_state["plan_id"] = second
    editing.run()
    assert not editing.exception, editing.exception
    editing.session_state["base_version"] = 3  # the session works on the deleted plan's newest version
    fresh_store.delete_plan(second)  # from the Settings page of some other session

    editing.run()

    assert not editing.exception, editing.exception
    assert editing.session_state["plan_id"] == first
    assert editing.session_state["base_version"] == fresh_store.latest(first).version


def test_a_programme_finished_after_its_plan_was_deleted_is_not_kept(fresh_store):
    from scheduler import SolveOptions
    from ui.solve_job import JOB, SolveJob

    first = plan_id_of(fresh_store)
    second, _ = a_second_published_plan(fresh_store)
    plan = fresh_store.latest(second).plan
    job = SolveJob(second, plan, 1, SolveOptions(time_limit=5, workers=1, seed=1)).start()
    at = app("solve_page.py")
    at.session_state["plan_id"] = first
    at.session_state[JOB] = job
    fresh_store.delete_plan(second)
    job.thread.join(30)

    at.run()

    assert not at.exception, at.exception
    assert fresh_store.latest_schedule(second) is None
    assert "The plan was deleted while its programme was being built" in at.session_state["solve_error"]
