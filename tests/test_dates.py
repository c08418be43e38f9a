"""Dates and times as the users' countries write them: day/month/year and the 24-hour clock in every
editor, typed as text (never the browser's date picker, which follows the browser's country), and an
empty date cell that stays empty."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui.services
from scheduler import Store, load_plan_file
from scheduler import workbook_layout as layout
from tests.app_support import ARTIFACTS, CHROMIUM_ARGS, app_server, chromium_or_skip, unescaped
from ui.plan_tables import TABLES, availability_table, column_config, table

__all__ = ["app_server"]  # the fixture, imported for pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "ui" / "plan_page.py")
SAMPLE = ROOT / "data" / "ukraine-prosecutors-2024.json"
WHEN = (layout.DATETIME, layout.MOMENT, layout.TIME)


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'plans.db'}")
    monkeypatch.setattr(ui.services, "_store", None)
    return ui.services.store()


def _sample():
    plan, problems = load_plan_file(SAMPLE)
    assert plan is not None, problems
    return plan


def test_every_date_and_time_column_is_edited_as_text_in_day_month_year_and_24_hours():
    plan = _sample()
    for sheet in (*TABLES, layout.AVAILABILITY):
        config = column_config(plan, sheet)
        for column in (c for c in sheet.columns if c.kind in WHEN):
            kind = config[column.label]["type_config"]["type"]
            assert kind == "text", (sheet.title, column.label, kind)
            assert "24-hour" in config[column.label]["help"]
    delegations = table(plan, layout.DELEGATIONS)
    [delegation] = plan.delegations
    assert delegations["Arrive"].tolist() == [f"{delegation.arrive:%d/%m/%Y %H:%M}"] == ["22/04/2024 10:00"]
    requests = table(plan, layout.REQUESTS)
    assert requests["Earliest"].iloc[0] == "22/04/2024" and pd.isna(requests["Earliest"].iloc[1])
    windows = availability_table(plan)
    assert windows["Start"].str.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d").all()


def _edit(at: AppTest, title: str, edited_rows: dict) -> AppTest:
    key = f"edit-{at.session_state['plan_id']}-{at.session_state['base_version']}-{title}"
    at.session_state[key] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_date_typed_day_first_is_read_day_first(store):
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.segmented_control(key="list").set_value("Delegations").run()
    _edit(at, "Delegations", {0: {"Arrive": "23/04/2024 11:30"}})
    assert store.latest(1).version == 2
    assert store.latest(1).plan.delegations[0].arrive == datetime(2024, 4, 23, 11, 30)
    at.segmented_control(key="list").set_value("Requests").run()
    _edit(at, "Requests", {0: {"Latest": "04/05/2024"}})  # the 4th of May, not the 5th of April
    assert store.latest(1).plan.requests[0].latest == date(2024, 5, 4)


def test_an_emptied_date_cell_stays_empty_and_a_bad_one_is_named(store):
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    _edit(at, "Requests", {0: {"Earliest": None}})
    assert store.latest(1).plan.requests[0].earliest is None  # no date invented
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    _edit(at, "Requests", {0: {"Latest": "31/02/2024"}})
    errors = [unescaped(e.value) for e in at.error]
    assert any(e.startswith('error: table "Requests", row 1, column "Latest": "31/02/2024"') for e in errors)
    assert store.latest(1).version == 2


def test_the_programme_date_picker_reads_day_first_and_times_are_24_hours(store):
    from scheduler import SolveOptions, solve

    plan = store.latest(1).plan
    store.save_schedule(1, 1, solve(plan, SolveOptions(time_limit=5, workers=1, seed=1)))
    at = AppTest.from_file(str(ROOT / "ui" / "main.py"), default_timeout=60)
    at.switch_page("programme_page.py").run()
    assert not at.exception, at.exception
    [day] = at.date_input
    assert day.proto.format == "DD/MM/YYYY"
    assert all(t.proto.format == "24h" or not hasattr(t.proto, "format") for t in at.time_input)


@pytest.mark.browser
def test_enter_on_an_empty_date_cell_invents_no_date_in_the_browser(app_server):
    """In the Pinned list, a new row's Start cell: Enter opens a text editor (not the browser's picker,
    in month/day and AM/PM on this American-set browser), and Enter again leaves the cell empty."""
    from playwright.sync_api import sync_playwright

    store = Store(f"sqlite:///{app_server.database}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_or_skip(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-US")
        page.goto(app_server.url)
        page.get_by_role("heading", name="Plan", exact=True).wait_for(timeout=60_000)
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
        plan_id = store.plan_ids()[0]
        version = store.latest(plan_id).version
        page.locator('[data-testid="stButtonGroup"] button', has_text="Pinned").first.click()
        page.wait_for_timeout(1500)
        grid = page.locator('[data-testid="stDataFrame"]').first
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 120, box["y"] + 35 + 35 + 17)  # the row that adds a row, below the pin
        page.wait_for_timeout(800)
        # each key once the grid has taken the one before (pressed at once, the arrow can be lost)
        for key in ("Escape", "ArrowRight", "Enter"):  # from Request (id) to Start, then edit
            page.keyboard.press(key)
            page.wait_for_timeout(300)
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / "empty-date-cell.png"))
        assert page.locator('#portal input[type="datetime-local"], #portal input[type="date"]').count() == 0
        editor = page.locator("#portal textarea").first
        editor.wait_for(timeout=10_000)
        assert editor.input_value() == ""
        page.keyboard.press("Enter")
        page.wait_for_timeout(2500)  # time for a save, if the key made one
        assert store.latest(plan_id).version == version
        assert store.latest(plan_id).plan.pinned == _sample().pinned
        browser.close()


def test_a_time_of_day_is_shown_on_the_24_hour_clock():
    from ui.plan_tables import shown_moment

    assert shown_moment(time(14, 5)) == "14:05"
    assert shown_moment(datetime(2024, 12, 1, 21, 0)) == "01/12/2024 21:00"
    assert shown_moment(date(2024, 12, 1)) == "01/12/2024"
