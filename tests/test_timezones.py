"""Time zone names are normalised to the IANA spelling of the zone list on input, and the Settings form
never saves a zone it could not show (it used to save the list's first zone, Africa/Abidjan)."""

from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.services
from scheduler import Store
from scheduler.io.load import load_plan
from scheduler.io.plan_json import canonical_zone

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "ui" / "plan_page.py")
SAMPLE = ROOT / "data" / "netherlands-exchange-2024.json"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("posix/Europe/Brussels", "Europe/Brussels"),
        ("europe/brussels", "Europe/Brussels"),
        (" Europe/Brussels ", "Europe/Brussels"),
        ("POSIX/Asia/Tokyo", "Asia/Tokyo"),
        ("Europe/Kyiv", "Europe/Kyiv"),
        ("right/Europe/Brussels", None),  # counts leap seconds: 27 s off every wall time
        ("posixrules", None),
        ("localtime", None),
        ("../../etc/passwd", None),
        ("E" * 5000, None),
    ],
)
def test_a_zone_name_is_spelled_as_the_zone_list_has_it(written, canonical):
    assert canonical_zone(written) == canonical


def test_a_plan_file_with_a_posix_zone_is_read_with_the_canonical_name():
    text = SAMPLE.read_text().replace('"Europe/Brussels"', '"posix/Europe/Brussels"', 1)
    plan, problems = load_plan("plan.json", text.encode())
    assert problems == [] and plan is not None
    assert plan.timezone == "Europe/Brussels"


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'plans.db'}")
    monkeypatch.setattr(ui.services, "_store", None)
    return ui.services.store()


def test_the_settings_form_keeps_a_zone_that_is_not_in_its_list(store):
    """A plan stored before names were normalised keeps its zone, in the list's spelling, on a save."""
    plan = store.latest(1).plan
    store.save(1, replace(plan, timezone="posix/Europe/Brussels"), 1)
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    [slot] = [s for s in at.selectbox if s.label.startswith("Meetings start every")]
    slot.set_value(30 if plan.slot_minutes != 30 else 15)
    [submit] = [b for b in at.button if b.label == "Save the settings"]
    submit.click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == []
    assert store.latest(1).version == 3
    assert store.latest(1).plan.timezone == "Europe/Brussels"
