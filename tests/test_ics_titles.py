"""Titles and names as calendar readers take them: a line break typed in a cell (Alt+Enter) is a
space in the title but kept in the notes, and bidirectional overrides never reach a calendar.

Regression: calcurse refused every event whose SUMMARY held a line break (29 lost in one test)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from scheduler.export import calendars
from scheduler.export.ics_text import clean_text, one_line
from tests.test_ics import NOW, by_uid, make_plan, make_schedule, read_back, write_all

RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"


def hostile_plan():
    plan = make_plan()
    requests = list(plan.requests)
    requests[0] = replace(
        requests[0], title="Fugitive\nsearch\r\n(part 1)", notes="Bring passports\nand badges"
    )
    host = replace(
        plan.hosts[0], name=f"Fugitive {RLO}maet{PDF} search", organisation=f"{LRI}Federal police{PDI}"
    )
    delegation = replace(plan.delegations[0], name=f"Ukrainian {RLO}srotucesorp{PDF}")
    return replace(
        plan,
        requests=tuple(requests),
        hosts=(host, *plan.hosts[1:]),
        delegations=(delegation, *plan.delegations[1:]),
    )


def test_a_line_break_or_override_never_reaches_a_one_line_text():
    assert one_line("Fugitive\nsearch\r\n (part 1)\u2028end") == "Fugitive search (part 1) end"
    assert clean_text(f"a\nb {RLO}cba{PDF}") == "a\nb cba"


@pytest.mark.parametrize("reader", ["ical.js", "libical"])
def test_titles_are_one_line_notes_keep_their_breaks_and_names_lose_overrides(reader, tmp_path):
    files = calendars(hostile_plan(), make_schedule(), now=NOW)
    found = read_back(reader, files, tmp_path)
    events = [event for calendar in found.values() for event in calendar["events"]]
    fugitive = [e for e in events if "Fugitive search (part 1)" in e["summary"]]
    assert fugitive and all("\n" not in e["summary"] for e in events)
    assert all("Bring passports\nand badges" in e["description"] for e in fugitive)
    texts = [str(value) for e in events for value in e.values()]
    assert not [t for t in texts if any(c in t for c in (RLO, PDF, LRI, PDI))]
    assert any("Ukrainian srotucesorp" in t for t in texts)


@pytest.mark.skipif(
    shutil.which("calcurse") is None, reason="calcurse is not installed (apt-get install calcurse)"
)
def test_calcurse_imports_every_event(tmp_path):
    files = calendars(hostile_plan(), make_schedule(), now=NOW)
    [path] = write_all({"all": files["all"]}, tmp_path / "ics")
    events = len(by_uid(read_back("ical.js", {"all": files["all"]}, tmp_path / "js")["all"]))
    home = tmp_path / "calcurse"
    home.mkdir()
    done = subprocess.run(
        ["calcurse", "-D", str(home), "-i", path],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert "skipped" in done.stdout, done.stdout + done.stderr
    imported = Path(home / "apts").read_text(encoding="utf-8") if (home / "apts").exists() else ""
    assert len([line for line in imported.splitlines() if line.strip()]) == events, done.stdout


def test_bidirectional_overrides_are_stripped_from_names_and_titles_on_input():
    from scheduler.io.load import load_plan

    sample = Path(__file__).resolve().parent.parent / "data" / "netherlands-exchange-2024.json"
    text = sample.read_text()
    name = '"Dutch Ministry of Justice'
    title = '"title": "Integral security policy'
    assert name in text and title in text
    text = text.replace(name, f'"{RLO}Dutch{PDF} Ministry of Justice', 1).replace(
        title, f'"title": "{LRI}Integral{PDI} security policy', 1
    )
    plan, problems = load_plan("plan.json", text.encode())
    assert plan is not None, problems
    assert plan.name.startswith("Dutch Ministry of Justice")
    assert plan.requests[0].title.startswith("Integral security policy")
