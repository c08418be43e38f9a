"""Importing a plan file: every problem of the file at once (where its stages allow), what the import
changes counted per list, the plan's name kept unless asked, and each file imported once."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

import ui.services
from scheduler import Store, load_plan, load_plan_file
from tests.app_support import CHROMIUM_ARGS, app_server, chromium_or_skip, unescaped
from ui.plan_import import changes

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "ui" / "plan_page.py")
SAMPLE = ROOT / "data" / "ukraine-prosecutors-2024"
OTHER = ROOT / "data" / "netherlands-exchange-2024.json"
__all__ = ["app_server"]  # the fixture, imported for pytest


def _workbook_with(cells: dict[tuple[str, int, str], object]) -> bytes:
    """The sample workbook with some cells overwritten: (sheet, row, column label) -> value."""
    book = openpyxl.load_workbook(f"{SAMPLE}.xlsx")
    for (sheet, row, label), value in cells.items():
        columns = [c.value for c in book[sheet][1]]
        book[sheet].cell(row, columns.index(label) + 1).value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_workbook_with_problems_of_several_stages_gets_them_all_named():
    content = _workbook_with(
        {
            ("Hosts", 3, "Size"): "big",  # decoding: not a number (host dgsp-local)
            ("Requests", 3, "Minutes"): "ninety",  # decoding
            ("Requests", 4, "Hosts"): "FSTX",  # validation: no such host
        }
    )
    plan, problems = load_plan("broken.xlsx", content)
    assert plan is None
    assert [str(p) for p in problems] == [
        'error: sheet "Hosts", row 3, column "Size": "big"; expected a whole number',
        'error: sheet "Requests", row 3, column "Minutes": "ninety"; expected a whole number',
        'error: sheet "Requests", row 4, column "Hosts": "FSTX"; expected the id of a host in this plan',
    ]  # and nothing about the requests naming dgsp-local, whose row did not read


def test_a_json_file_gets_its_decoding_and_validation_problems_at_once():
    data = json.loads(Path(f"{SAMPLE}.json").read_text())
    data["requests"][0]["minutes"] = "ninety"
    data["requests"][3]["hosts"][0] = "FSTX"
    data["order"][0]["before"] = data["requests"][0]["id"]  # names the request that did not read
    plan, problems = load_plan("broken.json", json.dumps(data).encode())
    assert plan is None
    assert [str(p) for p in problems] == [
        'error: requests[0].minutes: "ninety"; expected a whole number',
        'error: requests[3].hosts[0]: "FSTX"; expected the id of a host in this plan',
    ]


def test_a_problem_outside_the_entries_stops_at_the_first_stage():
    data = json.loads(Path(f"{SAMPLE}.json").read_text())
    data["slot_minutes"] = "often"
    data["requests"][3]["hosts"][0] = "FSTX"
    _, problems = load_plan("broken.json", json.dumps(data).encode())
    assert [p.path for p in problems] == [("slot_minutes",)]


def test_changes_are_counted_per_list():
    plan, _ = load_plan_file(f"{SAMPLE}.json")
    assert plan is not None
    fewer = plan.requests[1:]
    edited = (plan.requests[1].__class__(**{**plan.requests[1].__dict__, "minutes": 45}), *plan.requests[2:])
    assert changes(plan, plan) == []
    after = plan.__class__(**{**plan.__dict__, "requests": edited, "timezone": "Europe/Amsterdam"})
    assert changes(plan, after) == [
        f"Requests: {len(plan.requests)} → {len(fewer)} (1 removed, 1 changed)",
        "Settings: time zone",
    ]


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'plans.db'}")
    monkeypatch.setattr(ui.services, "_store", None)
    return ui.services.store()


def _uploaded(content: bytes, name: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    at.file_uploader[0].set_value((name, content, "application/json")).run()
    assert not at.exception, at.exception
    return at


def _replace_button(at: AppTest):
    return [b for b in at.button if b.label.startswith("Replace the plan with")]


def test_an_import_says_what_it_changes_keeps_the_name_and_happens_once(store):
    before = store.latest(1).plan
    other, _ = load_plan_file(OTHER)
    assert other is not None and other.name != before.name
    at = _uploaded(OTHER.read_bytes(), "exchange.json")
    shown = [unescaped(m.value) for m in at.markdown]
    requests = f"- Requests: {len(before.requests)} → {len(other.requests)} ("
    assert any(line.startswith(requests) for text in shown for line in text.splitlines()), shown
    [rename] = [c for c in at.checkbox if c.label.startswith("Also rename the plan")]
    assert rename.value is False
    [replace_button] = _replace_button(at)
    replace_button.click().run()
    assert not at.exception, at.exception
    latest = store.latest(1)
    assert latest.version == 2 and latest.plan.name == before.name  # the name kept
    assert latest.plan.requests == other.requests
    assert "Imported exchange.json as version 2. It changed:" in [unescaped(s.value) for s in at.success]
    assert not _replace_button(at)  # once: the plan is now as the file has it
    at.run()
    at.run()
    assert store.latest(1).version == 2 and not _replace_button(at)


def test_the_files_name_is_taken_only_when_asked(store):
    other, _ = load_plan_file(OTHER)
    assert other is not None
    at = _uploaded(OTHER.read_bytes(), "exchange.json")
    [rename] = [c for c in at.checkbox if c.label.startswith("Also rename the plan")]
    rename.check().run()
    assert any("- Name: " in unescaped(m.value) for m in at.markdown)
    _replace_button(at)[0].click().run()
    assert store.latest(1).plan.name == other.name


def test_a_file_holding_the_plan_as_it_is_offers_nothing_to_import(store):
    at = _uploaded(Path(f"{SAMPLE}.json").read_bytes(), "same.json")
    assert not _replace_button(at)
    assert "The plan is already as same.json has it: nothing to import." in [
        unescaped(i.value) for i in at.info
    ]
    assert store.latest(1).version == 1


@pytest.mark.browser
def test_a_double_click_on_import_saves_one_version_in_the_browser(app_server):
    from playwright.sync_api import sync_playwright

    store = Store(f"sqlite:///{app_server.database}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_or_skip(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1100})
        page.goto(app_server.url)
        page.get_by_role("heading", name="Plan", exact=True).wait_for(timeout=60_000)
        plan_id = store.plan_ids()[0]
        before = store.latest(plan_id)
        page.get_by_role("tab", name="Import and download").click()
        uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"][accept*="json"]')
        uploader.set_input_files(str(OTHER))
        page.get_by_role("button", name="Replace the plan with").dblclick()
        page.get_by_text(f"as version {before.version + 1}. It changed").wait_for(timeout=30_000)
        page.wait_for_timeout(2000)  # time for a second save, if the second click made one
        assert page.get_by_text("Requests: 15 → 5 (5 added, 15 removed)").count() == 1
        browser.close()
    latest = store.latest(plan_id)
    assert latest.version == before.version + 1 and latest.plan.name == before.plan.name
