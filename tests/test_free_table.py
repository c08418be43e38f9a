"""The "who is free when" table, against the sample plan's own windows read here by hand."""

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from scheduler import load_plan_file
from scheduler.model import Window
from ui.free_table import NOT_FREE, free_table

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "ukraine-prosecutors-2024.json"
DATES = ["Mon 22 Apr", "Tue 23 Apr", "Wed 24 Apr", "Thu 25 Apr", "Fri 26 Apr"]


def sample():
    plan, problems = load_plan_file(SAMPLE)
    assert plan is not None, problems
    return plan


def row(table, name: str) -> dict:
    [found] = table[table["Who"] == name].to_dict("records")
    return found


def test_every_participant_has_a_row_and_every_visit_date_a_column():
    plan = sample()
    table = free_table(plan)
    assert list(table.columns) == ["Who", "Kind", "Requests", *DATES]
    expected = [d.name for d in plan.delegations] + [h.name for h in plan.hosts]
    assert list(table["Who"]) == expected + [i.name for i in plan.interpreters]


def test_a_host_without_windows_works_the_plan_day_and_an_unavailable_date_is_not_free():
    plan = sample()
    [host] = [h for h in plan.hosts if h.unavailable and not h.available][:1]
    day = f"{plan.day.start:%H:%M}–{plan.day.end:%H:%M}"
    off = {f"{w.start:%a %d %b}" for w in host.unavailable}
    found = row(free_table(plan), host.name)
    assert found["Requests"] == sum(host.id in (*r.hosts, *r.optional_hosts) for r in plan.requests)
    assert {d: found[d] for d in DATES} == {d: NOT_FREE if d in off else day for d in DATES}


def test_the_delegation_is_free_from_its_arrival_to_its_departure():
    plan = sample()
    [delegation] = plan.delegations
    found = row(free_table(plan), delegation.name)
    assert found[DATES[0]] == f"{delegation.arrive:%H:%M}–{plan.day.end:%H:%M}"
    assert found[DATES[-1]] == f"{plan.day.start:%H:%M}–{delegation.depart:%H:%M}"


def test_a_window_past_midnight_shows_on_both_dates_and_two_windows_in_a_day_both_show():
    plan = sample()
    host = plan.hosts[0]
    windows = (
        Window(datetime(2024, 4, 23, 9), datetime(2024, 4, 23, 11)),
        Window(datetime(2024, 4, 23, 14), datetime(2024, 4, 24, 2, 30)),
    )
    plan = replace(plan, hosts=(replace(host, available=windows, unavailable=()), *plan.hosts[1:]))
    found = row(free_table(plan), host.name)
    assert found["Tue 23 Apr"] == "09:00–11:00, 14:00–24:00"
    assert found["Wed 24 Apr"] == "00:00–02:30"
    assert found["Mon 22 Apr"] == found["Thu 25 Apr"] == NOT_FREE
