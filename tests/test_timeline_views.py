"""The timeline a protocol officer reads: parallel meetings in lanes of their own, one colour per host
organisation in every view, short meetings without a cut title, filters by delegation and host, no
lunch over a conference, and the day view printed one page per day."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from scheduler import (
    Delegation,
    Fixed,
    Host,
    LunchBlock,
    Meeting,
    Objective,
    Plan,
    Request,
    Room,
    Schedule,
    Store,
    Venue,
)
from tests.app_support import (
    ARTIFACTS,
    CHROMIUM_ARGS,
    app,
    app_server,
    chromium_or_skip,
    fresh_store,
    plan_id_of,
)
from ui.day_sheet import day_sheets
from ui.timeline import LANES, bars
from ui.timeline_chart import SUBLANE, chart, sublanes
from ui.timeline_filters import filtered, palette

__all__ = ["app_server", "fresh_store"]  # the fixtures, imported for pytest

BRUSSELS = ZoneInfo("Europe/Brussels")
DAY_ONE, DAY_TWO = date(2024, 5, 30), date(2024, 5, 31)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRUSSELS)


def _conference() -> tuple[Plan, Schedule]:
    """Two days of a small conference: on the first, two bilateral meetings at 09:00 in the two rooms of
    the hall and a 15-minute exchange of gifts; the German delegation at the conference all day."""
    plan = Plan(
        name="Small conference",
        timezone="Europe/Brussels",
        venues=(Venue("hall", "Egmont Palace", rooms=(Room("a", "Room A"), Room("b", "Room B"))),),
        hosts=(
            Host("ann", "Ann Peeters", "hall", organisation="City of Ghent", languages=("en",)),
            Host("bob", "Bob Claes", "hall", organisation="Federal Police", languages=("en",)),
            Host("cas", "Cas Wouters", "hall", organisation="Federal Police", languages=("en",)),
        ),
        delegations=tuple(
            Delegation(d, name, 3, ("en",), datetime(2024, 5, 30, 8), datetime(2024, 5, 31, 18))
            for d, name in (("fr", "France"), ("de", "Germany"), ("nl", "Netherlands"))
        ),
        requests=(
            Request("fr-ann", 60, "Prevention at city level", ("fr",), ("ann",)),
            Request("nl-bob", 60, "Community policing", ("nl",), ("bob",)),
            Request("fr-gifts", 15, "Exchange of gifts", ("fr",), ("cas",)),
            Request("nl-ann", 60, "Neighbourhood networks", ("nl",), ("ann",)),
        ),
        fixed=(
            Fixed("conf", "Conference", datetime(2024, 5, 30, 9), datetime(2024, 5, 30, 17), "hall", ("de",)),
        ),
    )
    meetings = (
        Meeting("fr-ann", _at(DAY_ONE, 9), _at(DAY_ONE, 10), "hall", "a"),
        Meeting("nl-bob", _at(DAY_ONE, 9), _at(DAY_ONE, 10), "hall", "b"),
        Meeting("fr-gifts", _at(DAY_ONE, 10, 15), _at(DAY_ONE, 10, 30), "hall", "a"),
        Meeting("nl-ann", _at(DAY_TWO, 11), _at(DAY_TWO, 12), "hall", "a"),
    )
    lunches = (
        LunchBlock("fr", _at(DAY_ONE, 12), _at(DAY_ONE, 13)),
        LunchBlock("de", _at(DAY_ONE, 12), _at(DAY_ONE, 13)),  # saved before lunch kept off fixed events
    )
    schedule = Schedule(plan.name, "feasible", 1.0, Objective({}, {}), meetings, lunches)
    return plan, schedule


def _rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the chart lays it out: each bar's row (its lane and day) and lane within the row."""
    spec = chart(frame).to_dict()
    [data] = spec["datasets"].values()
    return pd.DataFrame(data)


def test_meetings_at_the_same_time_in_two_rooms_get_lanes_of_their_own():
    plan, schedule = _conference()
    venue = bars(plan, schedule, "Venue")
    laid = _rows(venue[venue["day"] == DAY_ONE])
    nine = laid[laid["title"].isin(["Prevention at city level", "Community policing"])]
    assert sorted(nine["row"]) == ["Egmont Palace", "Egmont Palace" + SUBLANE]
    # The conference (09:00-17:00) overlaps both, so it takes a third lane; the gifts take the first free.
    by_title = dict(zip(laid["title"], laid["row"], strict=True))
    assert by_title["Conference"] == "Egmont Palace" + SUBLANE * 2
    assert by_title["Exchange of gifts"] == "Egmont Palace"
    for _, row in laid.groupby("row"):  # nothing overlaps within a lane
        spans = sorted(zip(row["start"], row["end"], strict=True))
        assert all(end <= start for (_, end), (start, _) in itertools.pairwise(spans))
    spec = chart(venue).to_dict()
    assert all(SUBLANE in layer["encoding"]["y"]["axis"]["labelExpr"] for layer in spec["layer"])


def test_lanes_are_counted_per_row_and_start_again_each_day():
    plan, schedule = _conference()
    frame = bars(plan, schedule, "Host")
    frame = frame.assign(band=frame["day_label"] + frame["lane"])
    lanes = dict(zip(frame["title"] + frame["day_label"], sublanes(frame), strict=True))
    assert set(lanes.values()) == {0}  # no host has two things at once


def test_a_host_organisation_keeps_its_colour_in_every_view_and_filter():
    plan, schedule = _conference()
    colours = palette(plan)
    assert colours["Federal Police"] != colours["City of Ghent"]
    seen: dict[str, set[str]] = {}
    for lane in LANES:
        for chosen in ((), ("nl",)):
            frame = filtered(bars(plan, schedule, lane), plan, lane, chosen)
            scale = _meeting_scale(chart(frame, colours).to_dict())
            for name, colour in zip(scale["domain"], scale["range"], strict=True):
                seen.setdefault(name, set()).add(colour)
    assert seen == {name: {colours[name]} for name in ("City of Ghent", "Federal Police")}


def _meeting_scale(spec: dict) -> dict:
    [scale] = [layer["encoding"]["color"]["scale"] for layer in spec["layer"] if "color" in layer["encoding"]]
    return scale


def test_a_bar_too_narrow_for_its_title_shows_none_rather_than_a_cut_one():
    plan, schedule = _conference()
    spec = chart(bars(plan, schedule, "Delegation")).to_dict()
    texts = [layer["mark"]["text"]["expr"] for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert texts and all(t.endswith("? datum.title : ''") and ">= 48" in t for t in texts)


def test_filters_keep_the_chosen_delegations_and_hosts():
    plan, schedule = _conference()
    by_delegation = bars(plan, schedule, "Delegation")
    france = filtered(by_delegation, plan, "Delegation", ["fr"])
    assert set(france["lane"]) == {"France"}
    assert set(france["title"]) == {"Prevention at city level", "Exchange of gifts", "Lunch"}
    with_ann = filtered(by_delegation, plan, "Delegation", (), ["ann"])
    assert set(with_ann["title"]) == {"Prevention at city level", "Neighbourhood networks"}
    by_host = bars(plan, schedule, "Host")
    ann_and_nl = filtered(by_host, plan, "Host", ["nl"], ["ann"])
    assert list(ann_and_nl["title"]) == ["Neighbourhood networks"]
    assert set(ann_and_nl["lane"]) == {"Ann Peeters"}
    assert filtered(by_host, plan, "Host") is by_host


def test_no_lunch_is_drawn_over_a_conference_the_delegation_attends():
    plan, schedule = _conference()
    lunches = bars(plan, schedule, "Delegation").query("kind == 'lunch'")
    assert list(lunches["lane"]) == ["France"]  # Germany's block lies inside its conference


def _pdf(tmp_path, html: str, name: str):
    """The HTML printed by Chromium, as the protocol desk's browser prints it; (pages, text per page)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_or_skip()
    assert shutil.which("pdfinfo") and shutil.which("pdftotext"), "poppler-utils is missing"
    target = tmp_path / f"{name}.pdf"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content(html)
        page.emulate_media(media="print")
        page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
        browser.close()
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True).stdout
    return pages, size, text.split("\f")[:pages]


@pytest.mark.browser
def test_the_day_view_prints_one_page_per_day_with_what_the_timeline_shows(tmp_path):
    plan, schedule = _conference()
    frame = bars(plan, schedule, "Venue")
    pages, size, text = _pdf(tmp_path, day_sheets(frame, plan.name, "Venue", palette(plan)), "days")
    assert pages == 2
    assert " ".join(size.split()) == "Page size: 841.92 x 594.96 pts (A4)"  # landscape
    first, second = text
    assert "Thursday 30 May 2024 · by venue" in first and "Friday 31 May 2024" in second
    for line in ("09:00–10:00", "Prevention at city level", "Room A", "Community policing", "Room B"):
        assert line in first, line
    assert "10:15–10:30" in first and "Exchange of gifts" in first and "Federal Police" in first
    assert "Conference (fixed event)" in first and "Neighbourhood networks" not in first
    assert "11:00–12:00" in second and "Neighbourhood networks" in second and "Conference" not in second


def test_programme_page_filters_and_offers_the_day_view(fresh_store):
    plan, schedule = _conference()
    plan_id = plan_id_of(fresh_store)
    version = fresh_store.save(plan_id, plan, fresh_store.latest(plan_id).version, note="conference")
    fresh_store.save_schedule(plan_id, version, schedule)
    at = app("programme_page.py")
    assert not at.exception, at.exception
    colours = palette(plan)
    for chosen in ([], ["bob"]):  # the page gives each organisation its one colour, whatever is shown
        at.multiselect(key="filter-hosts").set_value(chosen).run()
        for lane in LANES:
            at.segmented_control[0].set_value(lane).run()
            [figure] = [e for e in at.main if getattr(e, "type", "") == "vega_lite_chart"]
            scale = _meeting_scale(json.loads(figure.proto.spec))
            assert scale["domain"] == (["Federal Police"] if chosen else ["City of Ghent", "Federal Police"])
            assert scale["range"] == [colours[o] for o in scale["domain"]], lane
    at.multiselect(key="filter-hosts").set_value([]).run()
    at.segmented_control[0].set_value("Delegation").run()
    delegations = at.multiselect(key="filter-delegations")
    assert delegations.options == ["France", "Germany", "Netherlands"]
    delegations.set_value(["nl"]).run()
    assert not at.exception, at.exception
    [figure] = [e for e in at.main if getattr(e, "type", "") == "vega_lite_chart"]
    assert "Community policing" in figure.proto.spec or "Community policing" in str(figure.proto)
    assert "Prevention at city level" not in str(figure.proto)
    [printed] = [b for b in at.get("download_button") if "Day view" in b.proto.label]
    assert printed.proto.label.startswith("Day view to print")


def _boxes(page, figure) -> list[dict]:
    """Where each meeting bar is drawn: its box on screen and its title (from the bar's aria label)."""
    found = []
    for bar in figure.locator("g.mark-rect path").all():
        label = bar.get_attribute("aria-label") or ""
        if "Meeting: " in label:
            box = bar.bounding_box()
            title = label.split("Meeting: ", 1)[1].split(";")[0]
            found.append({**box, "title": title})
    return found


@pytest.mark.browser
def test_parallel_meetings_are_drawn_side_by_side_in_the_browser(app_server):
    from playwright.sync_api import sync_playwright

    executable = chromium_or_skip()
    store = Store(f"sqlite:///{app_server.database}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(app_server.url)
        page.get_by_role("heading", name="Plan", exact=True).first.wait_for(timeout=60_000)
        plan, schedule = _conference()
        plan_id = store.plan_ids()[0]  # the app has seeded the sample plan by now; this one replaces it
        version = store.save(plan_id, plan, store.latest(plan_id).version, note="conference")
        store.save_schedule(plan_id, version, schedule)
        page.locator('[data-testid="stSidebarNav"] a', has_text="Programme").click()
        page.get_by_text("Venue", exact=True).click()
        page.get_by_role("option", name="Thursday 30 May").or_(page.get_by_text("Day")).first.wait_for()
        day = page.get_by_label("Day", exact=False).first
        day.click()
        page.get_by_role("option", name="Thursday 30 May").click()
        figure = page.locator('[data-testid="stVegaLiteChart"]').first
        page.wait_for_timeout(1500)
        figure.screenshot(path=str(ARTIFACTS / "timeline-lanes.png"))
        boxes = {b["title"]: b for b in _boxes(page, figure)}
        assert set(boxes) == {"Prevention at city level", "Community policing", "Exchange of gifts"}, boxes
        one, two = boxes["Prevention at city level"], boxes["Community policing"]
        assert abs(one["x"] - two["x"]) < 1 and abs(one["width"] - two["width"]) < 1  # the same hour
        assert one["y"] + one["height"] <= two["y"] or two["y"] + two["height"] <= one["y"]  # no overlap
        labels = [t.strip() for t in figure.locator("svg g.mark-text text").all_text_contents()]
        assert "Prevention at city level" in labels or any(t.startswith("Prevention") for t in labels)
        assert "Exchange of gifts" not in labels and not [t for t in labels if t.endswith("…") and len(t) < 6]
        browser.close()


def test_an_event_for_many_delegations_is_printed_once_above_their_rows():
    plan, schedule = _conference()
    [conference] = plan.fixed
    everyone = replace(conference, delegations=("fr", "de", "nl"))
    plan = replace(plan, fixed=(everyone,))
    html = day_sheets(bars(plan, schedule, "Delegation"), plan.name, "Delegation", palette(plan))
    first_day = html.split("<section>")[1]
    assert first_day.count("Conference") == 1
    assert "For several delegations" in first_day
    assert "3 delegations: France; Germany; Netherlands" in first_day
    assert first_day.index("For several delegations") < first_day.index(">France<")
