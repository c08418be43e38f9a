"""The Plan page in AppTest on a real SQLite store: edits become versions, bad cells are named, none lost."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.services
from scheduler import Store
from tests.app_support import unescaped

PAGE = str(Path(__file__).resolve().parent.parent / "ui" / "plan_page.py")


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'plans.db'}")
    monkeypatch.setattr(ui.services, "_store", None)
    return ui.services.store()


def page() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def edit(at: AppTest, table: str, edited_rows=None, added_rows=None, deleted_rows=None) -> AppTest:
    key = f"edit-{at.session_state['plan_id']}-{at.session_state['base_version']}-{table}"
    at.session_state[key] = {
        "edited_rows": edited_rows or {},
        "added_rows": added_rows or [],
        "deleted_rows": deleted_rows or [],
    }
    at.run()
    assert not at.exception, at.exception
    return at


def test_an_edited_cell_is_saved_at_once_as_a_new_version(store):
    at = page()
    first = store.latest(1).plan.requests[0]
    edit(at, "Requests", edited_rows={0: {"Minutes": 75}})
    latest = store.latest(1)
    assert latest.version == 2
    assert latest.plan.requests[0].minutes == 75
    assert latest.plan.requests[0].id == first.id
    assert store.versions(1)[0].note == "edited Requests"


def test_a_bad_cell_is_named_and_nothing_is_saved(store):
    at = page()
    at.segmented_control(key="list").set_value("Hosts").run()
    edit(at, "Hosts", edited_rows={0: {"Venue (id)": "nowhere"}})
    errors = [unescaped(e.value) for e in at.error]
    assert (
        'error: table "Hosts", row 1, column "Venue (id)": "nowhere"; expected the id of a venue in this plan'
        in errors
    )
    assert store.latest(1).version == 1


def test_an_edit_with_only_warnings_is_saved_and_the_warning_shown(store):
    # 600 minutes is longer than the delegation is ever free: a warning, and the request unscheduled
    at = page()
    edit(at, "Requests", edited_rows={0: {"Minutes": 600}})
    assert store.latest(1).version == 2
    assert store.latest(1).plan.requests[0].minutes == 600
    assert "Saved with 1 warning: the plan can be solved as it is." in [i.value for i in at.info]
    warnings = [unescaped(w.value) for w in at.warning]
    assert any(
        w.startswith('warning: table "Requests", row 1, column "Minutes": 600; expected a length of at most ')
        and w.endswith("; the request is left unscheduled")
        for w in warnings
    ), warnings


def test_an_added_row_becomes_a_request(store):
    at = page()
    host = store.latest(1).plan.hosts[0].id
    delegation = store.latest(1).plan.delegations[0].id
    new = {"Id": "ua-extra", "Title": "Coffee", "Delegations": [delegation], "Hosts": [host], "Minutes": 30}
    edit(at, "Requests", added_rows=[new])
    plan = store.latest(1).plan
    assert plan.request("ua-extra").minutes == 30
    assert plan.request("ua-extra").hosts == (host,)


def test_two_sessions_on_one_version_one_is_refused_and_its_edit_applies_again(store):
    anna, ben = page(), page()
    edit(anna, "Requests", edited_rows={0: {"Minutes": 75}})
    edit(ben, "Requests", edited_rows={1: {"Minutes": 45}})
    refused = [unescaped(e.value) for e in ben.error]
    assert any("changed by someone else" in text and "not saved" in text for text in refused)
    assert store.latest(1).version == 2
    ben.button[[b.label for b in ben.button].index("Apply my edit to version 2")].click().run()
    plan = store.latest(1).plan
    assert store.latest(1).version == 3
    assert (plan.requests[0].minutes, plan.requests[1].minutes) == (75, 45)


def test_an_earlier_version_can_be_restored(store):
    at = page()
    original = store.latest(1).plan
    edit(at, "Requests", deleted_rows=[0])
    assert len(store.latest(1).plan.requests) == len(original.requests) - 1
    at.selectbox[-1].set_value(1).run()
    at.button[
        [b.label for b in at.button].index(next(b.label for b in at.button if b.label.startswith("Restore")))
    ].click().run()
    assert store.latest(1).version == 3
    assert store.latest(1).plan == original


def test_settings_are_saved_and_checked(store):
    at = page()
    at.number_input[-1].set_value(45)
    at.button[[b.label for b in at.button].index("Save the settings")].click().run()
    assert store.latest(1).plan.default_travel_minutes == 45


def test_the_availability_tab_shows_who_is_free_when(store):
    at = page()
    plan = store.latest(1).plan
    tables = [t.value for t in at.dataframe if "Who" in t.value.columns]
    [table] = tables
    assert list(table["Who"]) == [p.name for p in (*plan.delegations, *plan.hosts, *plan.interpreters)]
    [delegation] = plan.delegations
    first = table.set_index("Who").loc[delegation.name, f"{delegation.arrive:%a %d %b}"]
    assert first == f"{delegation.arrive:%H:%M}–{plan.day.end:%H:%M}"


def test_the_order_of_precedence_is_a_setting(store):
    at = page()
    [delegation] = store.latest(1).plan.delegations
    [chooser] = [m for m in at.multiselect if m.label == "Order of protocol precedence"]
    chooser.set_value([delegation.id])
    at.button[[b.label for b in at.button].index("Save the settings")].click().run()
    assert store.latest(1).plan.precedence == (delegation.id,)


def choose(at: AppTest, starts: str, option: str) -> None:
    """Pick `option` ("mine" or "theirs") in the clash whose label starts with `starts`."""
    [radio] = [r for r in at.radio if unescaped(r.label).startswith(starts)]
    radio.set_value(option)


def apply_button(at: AppTest, version: int):
    [found] = [b for b in at.button if b.label == f"Apply my edit to version {version}"]
    return found


def test_the_same_cell_changed_by_two_people_shows_both_values_and_lets_the_second_choose(store):
    anna, ben = page(), page()
    first = store.latest(1).plan.requests[0]
    edit(anna, "Requests", edited_rows={0: {"Minutes": 75}})
    edit(ben, "Requests", edited_rows={0: {"Minutes": 100}, 1: {"Minutes": 45}})
    assert store.latest(1).version == 2
    warnings = [unescaped(w.value) for w in ben.warning]
    assert (
        "1 value you changed was changed differently in version 2. Choose the one to keep for each:"
        in warnings
    )
    [radio] = ben.radio
    assert unescaped(radio.label) == f"Requests, row {first.id}, Minutes (was {first.minutes})"
    assert [unescaped(o) for o in radio.options] == ["Yours: 100", "Version 2: 75"]
    assert apply_button(ben, 2).disabled  # nothing is overwritten before the person chooses

    choose(ben, "Requests, row", "theirs")
    ben.run()
    apply_button(ben, 2).click().run()
    plan = store.latest(1).plan
    assert store.latest(1).version == 3
    assert (plan.requests[0].minutes, plan.requests[1].minutes) == (75, 45)  # theirs kept, the rest mine


def test_choosing_mine_keeps_my_value_and_the_colleagues_other_changes(store):
    anna, ben = page(), page()
    edit(anna, "Requests", edited_rows={0: {"Minutes": 75}, 2: {"Minutes": 30}})
    edit(ben, "Requests", edited_rows={0: {"Minutes": 100}})
    choose(ben, "Requests, row", "mine")
    ben.run()
    apply_button(ben, 2).click().run()
    plan = store.latest(1).plan
    assert (plan.requests[0].minutes, plan.requests[2].minutes) == (100, 30)


def settings(at: AppTest, name: str | None = None, travel: int | None = None) -> AppTest:
    if name is not None:
        [field] = [t for t in at.text_input if t.label == "Name of the plan"]
        field.set_value(name)
    if travel is not None:
        at.number_input[-1].set_value(travel)
    at.button[[b.label for b in at.button].index("Save the settings")].click().run()
    assert not at.exception, at.exception
    return at


def test_settings_refused_on_a_newer_version_offer_the_same_choice(store):
    anna, ben = page(), page()
    settings(anna, name="Anna's name for the plan")
    settings(ben, name="Ben's name for the plan", travel=45)
    assert store.latest(1).version == 2
    [radio] = ben.radio
    assert unescaped(radio.label).startswith("Settings, name of the plan (was ")
    assert [unescaped(o) for o in radio.options] == [
        "Yours: Ben's name for the plan",
        "Version 2: Anna's name for the plan",
    ]
    choose(ben, "Settings, name", "mine")
    ben.run()
    apply_button(ben, 2).click().run()
    plan = store.latest(1).plan
    assert store.latest(1).version == 3
    assert (plan.name, plan.default_travel_minutes) == ("Ben's name for the plan", 45)


def test_settings_without_a_clash_apply_at_once(store):
    anna, ben = page(), page()
    settings(anna, name="Anna's name for the plan")
    settings(ben, travel=45)
    assert not ben.radio
    apply_button(ben, 2).click().run()
    plan = store.latest(1).plan
    assert (plan.name, plan.default_travel_minutes) == ("Anna's name for the plan", 45)


def windows(at: AppTest, who: str, start: str, end: str) -> AppTest:
    """Adds an unavailable window to `who`'s windows (the first person in the list)."""
    key = f"windows-{at.session_state['plan_id']}-{at.session_state['base_version']}-{who}"
    at.session_state[key] = {
        "edited_rows": {},
        "added_rows": [{"Kind": "unavailable", "Start": start, "End": end}],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception
    return at


def test_availability_windows_changed_by_two_people_offer_the_choice(store):
    anna, ben = page(), page()
    who = store.latest(1).plan.hosts[0].id  # the first in "Windows of"
    windows(anna, who, "22/04/2024 09:00", "22/04/2024 12:00")
    assert store.latest(1).version == 2
    windows(ben, who, "23/04/2024 14:00", "23/04/2024 17:00")
    assert store.latest(1).version == 2
    [radio] = ben.radio
    was = "unavailable 24/04/2024 00:00 25/04/2024 00:00"  # in the sample
    assert unescaped(radio.label) == f"Availability windows of {who} (was {was})"
    assert [unescaped(o) for o in radio.options] == [
        f"Yours: unavailable 23/04/2024 14:00 23/04/2024 17:00; {was}",
        f"Version 2: unavailable 22/04/2024 09:00 22/04/2024 12:00; {was}",
    ]
    choose(ben, "Availability windows", "mine")
    ben.run()
    apply_button(ben, 2).click().run()
    starts = sorted((w.start.day, w.start.hour) for w in store.latest(1).plan.hosts[0].unavailable)
    assert (store.latest(1).version, starts) == (3, [(23, 14), (24, 0)])
