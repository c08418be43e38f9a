"""The Plan page's calendar import: the windows a calendar adds are shown first, saved only on request."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.services
from scheduler import Store
from tests.app_support import unescaped
from tests.busy_calendars import GOOGLE, GOOGLE_ADDS

PAGE = str(Path(__file__).resolve().parent.parent / "ui" / "plan_page.py")


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'plans.db'}")
    monkeypatch.setattr(ui.services, "_store", None)
    return ui.services.store()


def with_calendar(who: str, content: bytes, name: str = "calendar.ics") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    at.selectbox(key="busy-who").set_value(who).run()
    at.file_uploader(key="busy-calendar").set_value((name, content, "text/calendar")).run()
    assert not at.exception, at.exception
    return at


def save_button(at: AppTest):
    return next(b for b in at.button if b.key == "busy-save")


def test_the_windows_are_shown_before_saving_and_saved_on_request(store):
    at = with_calendar("dgsp-local", GOOGLE, "google.ics")
    assert store.latest(1).version == 1
    table = next(frame.value for frame in at.dataframe if list(frame.value.columns) == ["Date", "From", "To"])
    assert table.values.tolist() == [
        ["Mon 22 April 2024", "09:00", "09:15"],
        ["Mon 22 April 2024", "14:00", "15:00"],
        ["Tue 23 April 2024", "13:00", "14:00"],
        ["Wed 24 April 2024", "09:00", "09:15"],
        ["Thu 25 April 2024", "09:00", "09:15"],
        ["Fri 26 April 2024", "00:00", "24:00"],
    ]
    assert "google.ics adds 6 unavailable windows to host dgsp-local:" in [
        unescaped(m.value) for m in at.markdown
    ]
    button = save_button(at)
    assert unescaped(button.label).startswith("Add these 6 windows to ")
    button.click().run()
    assert not at.exception, at.exception
    latest = store.latest(1)
    assert latest.version == 2 and "busy times of dgsp-local from google.ics" in latest.note
    host = next(h for h in latest.plan.hosts if h.id == "dgsp-local")
    assert [(w.start, w.end) for w in host.unavailable] == GOOGLE_ADDS


def test_a_file_that_is_not_a_calendar_is_named_and_nothing_is_saved(store):
    at = with_calendar("ip-uk-nl", b"Subject,Start Date\r\nBoard,23/04/2024\r\n", "export.ics")
    errors = [unescaped(e.value) for e in at.error]
    assert any(
        e.startswith('error: export.ics: "Subject,Start Date"; expected an iCalendar file') for e in errors
    )
    assert "export.ics was not imported: nothing was saved." in errors
    assert not [b for b in at.button if b.key == "busy-save"]
    assert store.latest(1).version == 1
