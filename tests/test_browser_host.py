"""In a real Chromium on a phone-sized screen against `streamlit run app.py`: a host opens their private
link, declines a meeting with a reason, and the decline is a new plan version in the SQLite database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scheduler import Store, load_plan_file
from scheduler.solver import greedy
from tests.app_support import ARTIFACTS, CHROMIUM_ARGS, app_server, chromium_or_skip

__all__ = ["app_server"]  # the fixture, imported for pytest

pytestmark = pytest.mark.browser
WAIT = 60_000  # ms: a first page on a busy machine
PHONE = {"width": 390, "height": 844}
REASON = "On a mission abroad that week"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_a_host_declines_a_meeting_from_the_private_link(app_server, browser):
    store = Store(f"sqlite:///{app_server.database}")
    plan, problems = load_plan_file("data/ukraine-prosecutors-2024.json")
    assert plan is not None, problems
    plan_id = store.create_plan(plan, author="anna").plan_id  # the server seeds nothing beside it
    schedule = greedy(plan)
    store.save_schedule(plan_id, 1, schedule)
    token = store.issue_person_link(plan_id, "host", "fast")
    held = schedule.meeting("ua-fast")

    page = browser.new_page(viewport=PHONE)
    page.goto(f"{app_server.url}/?h={token}")
    page.get_by_text("Koen Derycke").first.wait_for(timeout=WAIT)
    page.get_by_text(f"{held.start:%H:%M}–{held.end:%H:%M}").wait_for(timeout=WAIT)
    page.get_by_role("button", name="Decline", exact=True).click()
    field = page.get_by_label("Why? (required)")
    field.wait_for(timeout=WAIT)
    field.click()
    for key in REASON:  # typed as a person types, each key once the field has taken the one before
        page.keyboard.press(key if key != " " else "Space")
        page.wait_for_timeout(20)
    page.wait_for_timeout(300)
    page.get_by_role("button", name="Send my decline").click()
    page.get_by_text("Thank you: your answer is recorded").wait_for(timeout=WAIT)
    page.get_by_text("You declined this meeting").wait_for(timeout=WAIT)
    page.screenshot(path=str(ARTIFACTS / "host-declined.png"))

    latest = store.latest(plan_id)
    assert (latest.version, latest.author) == (2, "Host: Koen Derycke (private link)")
    assert REASON in latest.note
    away = latest.plan.host("fast").unavailable[-1]
    assert (away.start, away.end) == (held.start.replace(tzinfo=None), held.end.replace(tzinfo=None))
    [answer] = store.answers(plan_id)
    assert (answer.answer, answer.reason, answer.plan_version) == ("declined", REASON, 2)
    page.close()
    store.engine.dispose()
