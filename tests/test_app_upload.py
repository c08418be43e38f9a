"""The Plan page: an upload is read once (keyed by its hash); out-of-range values are named, never a crash."""

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import scheduler
import ui.services
from scheduler import Store
from tests.app_support import unescaped

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "ui" / "plan_page.py")
SAMPLE = ROOT / "data" / "netherlands-exchange-2024.json"


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'plans.db'}")
    monkeypatch.setattr(ui.services, "_store", None)
    return ui.services.store()


def uploaded(content: bytes, name: str = "plan.json") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    at.file_uploader[0].set_value((name, content, "application/json")).run()
    assert not at.exception, at.exception
    return at


def changed(text: str, old: str, new: str) -> bytes:
    assert old in text
    return text.replace(old, new, 1).encode()


def test_an_upload_is_read_once_however_often_the_page_runs(store, monkeypatch):
    reads = []

    def counted_load_plan(name, content):  # the real loader, counted: the page imports it each run
        reads.append(name)
        return load_plan(name, content)

    load_plan = scheduler.load_plan
    monkeypatch.setattr(scheduler, "load_plan", counted_load_plan)
    at = uploaded(SAMPLE.read_bytes())
    for _ in range(3):
        at.run()
    assert not at.exception, at.exception
    assert reads == ["plan.json"]
    assert any(unescaped(b.label).startswith("Replace the plan with plan.json") for b in at.button)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '"minutes": 90,',
            '"minutes": 90, "latest": "9999-12-31",',
            'error: requests[0].latest: "9999-12-31"; expected a date between the years 1900 and 2199',
        ),
        (
            '"minutes": 90',
            '"minutes": ' + "9" * 5001,
            "error: requests[0].minutes: 9999999999999999999999999999...99999999999999999999999999999;"
            " expected a whole number of at most 15 digits",
        ),
        (
            '"timezone": "Europe/Brussels"',
            '"timezone": "' + "E" * 5000 + '"',
            'error: timezone: "EEEEEEEEEEEEEEEEEEEEEEEEEEEE...EEEEEEEEEEEEEEEEEEEEEEEEEEEEE";'
            " expected an IANA time zone such as Europe/Brussels",
        ),
    ],
    ids=["latest-9999", "5001-digits", "5000-character-zone"],
)
def test_an_out_of_range_value_is_named_at_its_place(store, old, new, message):
    text = SAMPLE.read_text()
    json.loads(text)  # the sample itself is sound
    at = uploaded(changed(text, old, new))
    errors = [unescaped(e.value) for e in at.error]
    assert message in errors
    assert store.latest(1).version == 1


@pytest.mark.parametrize("value", ["9999-12-31", date(9999, 12, 31), datetime(9999, 12, 31, 23, 59)])
def test_a_latest_of_9999_typed_in_the_table_is_named_not_a_crash(store, value):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    key = f"edit-{at.session_state['plan_id']}-{at.session_state['base_version']}-Requests"
    at.session_state[key] = {"edited_rows": {0: {"Latest": value}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    errors = [unescaped(e.value) for e in at.error]
    where = 'error: table "Requests", row 1, column "Latest"'
    assert any(
        e.startswith(where) and e.endswith("expected a date between the years 1900 and 2199") for e in errors
    )
    assert store.latest(1).version == 1
