"""The Programme timeline: fixed events and lunches beside the meetings, at the plan's wall times."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from scheduler import (
    Delegation,
    Fixed,
    Host,
    Objective,
    Plan,
    Request,
    Schedule,
    SolveOptions,
    Store,
    Venue,
    load_plan_file,
    solve,
    verify,
)
from tests.app_support import CHROMIUM_ARGS, app, app_server, chromium_or_skip, fresh_store, plan_id_of, texts
from ui.timeline import CLOCK_DATE, LANES, bars, chart

__all__ = ["app_server", "fresh_store"]  # the fixtures, imported for pytest

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "ukraine-prosecutors-2024.json"
OPTIONS = SolveOptions(time_limit=10, workers=2, seed=1)
BRUSSELS = ZoneInfo("Europe/Brussels")


def _on_clock(hours: int, minutes: int = 0) -> datetime:
    return datetime.combine(CLOCK_DATE, time(0)) + timedelta(hours=hours, minutes=minutes)


def _wall_clock(moment: datetime) -> pd.Timestamp:
    """Where an aware moment belongs on the chart's clock: its wall time in Brussels."""
    local = moment.astimezone(BRUSSELS)
    return pd.Timestamp(datetime.combine(CLOCK_DATE, local.time()))


def _within_lunch_hours(lunches: pd.DataFrame) -> bool:
    """Every lunch bar inside the plan's 12:00-14:00 lunch window, on the chart's clock."""
    return bool((lunches["start"] >= _on_clock(12)).all() and (lunches["end"] <= _on_clock(14)).all())


@pytest.fixture(scope="module")
def sample() -> tuple[Plan, Schedule]:
    plan, problems = load_plan_file(SAMPLE)
    assert plan is not None, problems
    schedule = solve(plan, OPTIONS)
    assert schedule.meetings and verify(plan, schedule) == []
    return plan, schedule


def _clock_change_plan() -> Plan:
    """Three days around the end of summer time in Brussels (27 October 2024, 03:00 back to 02:00),
    with a dinner that runs past midnight into the day of the change."""
    return Plan(
        name="Clock change visit",
        timezone="Europe/Brussels",
        venues=(Venue("hall", "Town hall"),),
        hosts=(Host("ann", "Ann Peeters", "hall", organisation="City of Ghent", languages=("en",)),),
        delegations=(
            Delegation("vis", "Visitors", 3, ("en",), datetime(2024, 10, 25, 9), datetime(2024, 10, 28, 18)),
        ),
        requests=(
            Request(
                "friday",
                60,
                "Welcome",
                ("vis",),
                ("ann",),
                earliest=date(2024, 10, 25),
                latest=date(2024, 10, 25),
            ),
            Request(
                "monday",
                60,
                "Debrief",
                ("vis",),
                ("ann",),
                earliest=date(2024, 10, 28),
                latest=date(2024, 10, 28),
            ),
        ),
        fixed=(
            Fixed(
                "gala",
                "Gala dinner",
                datetime(2024, 10, 26, 20, 0),
                datetime(2024, 10, 27, 1, 0),
                venue="hall",
                delegations=("vis",),
                hosts=("ann",),
            ),
            Fixed(
                "walk",
                "City walk",
                datetime(2024, 10, 28, 9, 0),
                datetime(2024, 10, 28, 10, 30),
                delegations=("vis",),
            ),
        ),
    )


@pytest.fixture(scope="module")
def clock_change() -> tuple[Plan, Schedule]:
    plan = _clock_change_plan()
    schedule = solve(plan, OPTIONS)
    assert len(schedule.meetings) == 2 and verify(plan, schedule) == []
    return plan, schedule


def _kind(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    return frame[frame["kind"] == kind]


def _spans(frame: pd.DataFrame) -> set[tuple]:
    return {(r.lane, r.title, r.day, r.start, r.end) for r in frame.itertuples()}


def test_sample_fixed_events_sit_in_the_lane_of_everyone_and_everywhere_they_concern(sample):
    plan, schedule = sample
    assert len(plan.fixed) == 2, "the sample plan is expected to carry its opening session and dinner"
    opening, dinner = plan.fixed
    delegation, host = plan.delegation("ua").name, plan.host("dgsp-dir").name
    day = date(2024, 4, 22)
    expected = {
        "Delegation": {
            (delegation, opening.title, day, _on_clock(10, 30), _on_clock(12)),
            (delegation, dinner.title, day, _on_clock(19), _on_clock(21, 30)),
        },
        "Host": {
            (host, opening.title, day, _on_clock(10, 30), _on_clock(12)),
            (host, dinner.title, day, _on_clock(19), _on_clock(21, 30)),
        },
        "Venue": {
            (plan.venue("wat76").name, opening.title, day, _on_clock(10, 30), _on_clock(12)),
            (plan.venue("armes").name, dinner.title, day, _on_clock(19), _on_clock(21, 30)),
        },
    }
    for lane in LANES:
        fixed = _kind(bars(plan, schedule, lane), "fixed")
        assert _spans(fixed) == expected[lane], lane
        assert fixed["request"].isna().all(), "a fixed event must never pick a meeting"
        assert set(fixed["event"]) == {"ua-opening", "ua-dinner"}


def test_sample_meetings_keep_their_bars_and_organisation_colours(sample):
    plan, schedule = sample
    frame = bars(plan, schedule, "Venue")
    meetings = _kind(frame, "meeting")
    assert sorted(meetings["request"]) == sorted(m.request for m in schedule.meetings)
    organisations = {h.organisation for h in plan.hosts}
    assert set(meetings["organisation"]) <= organisations | {"Internal"}
    assert _kind(frame, "fixed")["organisation"].isna().all()


def test_sample_lunches_show_in_the_delegation_lane_only(sample):
    plan, schedule = sample
    frame = bars(plan, schedule, "Delegation")
    lunches = _kind(frame, "lunch")
    assert len(lunches) == len(schedule.lunches) == 5
    name = plan.delegation("ua").name
    expected = {
        (name, "Lunch", b.start.date(), _wall_clock(b.start), _wall_clock(b.end)) for b in schedule.lunches
    }
    assert _spans(lunches) == expected
    assert _within_lunch_hours(lunches)
    assert lunches["request"].isna().all()
    for lane in ("Host", "Venue"):
        assert _kind(bars(plan, schedule, lane), "lunch").empty


def test_no_lunch_bar_on_a_date_an_event_serves_lunch(clock_change):
    plan, schedule = clock_change  # lunch blocks on 25 and 28 October
    gala, walk = plan.fixed
    served = replace(plan, fixed=(gala, replace(walk, includes_lunch=True)))  # the walk ends with lunch
    assert sorted(_kind(bars(served, schedule, "Delegation"), "lunch")["day"]) == [date(2024, 10, 25)]


def test_lunches_and_meetings_keep_their_wall_time_across_the_clock_change(clock_change):
    plan, schedule = clock_change
    frame = bars(plan, schedule, "Delegation")
    lunches = _kind(frame, "lunch")
    assert sorted(lunches["day"]) == [date(2024, 10, 25), date(2024, 10, 28)]  # summer time, winter time
    assert _within_lunch_hours(lunches)
    in_utc = replace(
        schedule,
        meetings=tuple(
            replace(m, start=m.start.astimezone(UTC), end=m.end.astimezone(UTC)) for m in schedule.meetings
        ),
        lunches=tuple(
            replace(b, start=b.start.astimezone(UTC), end=b.end.astimezone(UTC)) for b in schedule.lunches
        ),
    )
    assert in_utc.lunches[1].start.hour != schedule.lunches[1].start.hour  # UTC reads another hour
    pd.testing.assert_frame_equal(bars(plan, in_utc, "Delegation"), frame)
    for meeting in schedule.meetings:
        [row] = _kind(frame, "meeting")[lambda f, m=meeting: f["request"] == m.request].itertuples()
        assert (row.start, row.end) == (_wall_clock(meeting.start), _wall_clock(meeting.end))


def test_a_fixed_event_past_midnight_is_cut_into_both_days(clock_change):
    plan, schedule = clock_change
    gala = {
        ("Visitors", "Gala dinner", date(2024, 10, 26), _on_clock(20), _on_clock(24)),
        ("Visitors", "Gala dinner", date(2024, 10, 27), _on_clock(0), _on_clock(1)),
    }
    walk = ("Visitors", "City walk", date(2024, 10, 28), _on_clock(9), _on_clock(10, 30))
    assert _spans(_kind(bars(plan, schedule, "Delegation"), "fixed")) == {*gala, walk}
    by_host = _kind(bars(plan, schedule, "Host"), "fixed")
    assert _spans(by_host) == {("Ann Peeters", *g[1:]) for g in gala}
    by_venue = _kind(bars(plan, schedule, "Venue"), "fixed")  # the walk has no venue
    assert _spans(by_venue) == {("Town hall", *g[1:]) for g in gala}


def test_nothing_to_draw_is_an_empty_frame_with_every_column():
    plan = replace(_clock_change_plan(), fixed=())
    empty = Schedule(plan.name, "infeasible", 0.0, Objective(scheduled={}, requested={}))
    frame = bars(plan, empty, "Delegation")
    assert frame.empty and {"kind", "request", "lane", "start", "end", "day"} <= set(frame.columns)


def _layers(spec: dict) -> dict[str, list[dict]]:
    """The layers of the chart by the kind of bar they keep (their filter)."""
    found: dict[str, list[dict]] = {}
    for layer in spec["layer"]:
        [step] = [t for t in layer.get("transform", []) if "filter" in t]
        kind = step["filter"].split("===")[1].strip(" ()'\"")
        found.setdefault(kind, []).append(layer)
    return found


def test_the_chart_builds_and_only_meeting_bars_can_be_picked(sample):
    plan, schedule = sample
    spec = chart(bars(plan, schedule, "Delegation")).to_dict()
    layers = _layers(spec)
    assert sorted(layers) == ["fixed", "lunch", "meeting"]
    meetings, title = layers["meeting"]
    assert title["mark"]["type"] == "text" and "datum.title" in title["mark"]["text"]["expr"]
    [pick] = spec["params"]
    assert pick["name"] == "meeting" and pick["select"]["fields"] == ["request"]
    assert pick["views"] == [meetings["name"]]
    assert meetings["encoding"]["color"]["field"] == "organisation"
    scale = meetings["encoding"]["color"]["scale"]
    shown = _kind(bars(plan, schedule, "Delegation"), "meeting")["organisation"]
    assert scale["domain"] == sorted(set(shown))
    for kind in ("fixed", "lunch"):
        bar, label = layers[kind]
        assert bar["mark"]["type"] == "bar" and "color" not in bar["encoding"], "no organisation colour"
        assert label["mark"]["type"] == "text" and "datum.title" in label["mark"]["text"]["expr"]
        assert all("name" not in layer for layer in (bar, label))
    titles = [t["title"] for t in layers["fixed"][0]["encoding"]["tooltip"]]
    assert titles[0] == "Fixed event"
    assert layers["fixed"][0]["mark"]["strokeDash"] and layers["fixed"][0]["mark"]["opacity"] < 1


def test_programme_page_draws_fixed_events_and_lunches(fresh_store, sample):
    plan_id = plan_id_of(fresh_store)
    plan, schedule = sample
    assert fresh_store.latest(plan_id).plan == plan
    fresh_store.save_schedule(plan_id, 1, schedule)
    at = app("programme_page.py")
    for lane in LANES:
        at.segmented_control[0].set_value(lane).run()
        assert not at.exception, at.exception
        [figure] = [e for e in at.main if getattr(e, "type", "") == "vega_lite_chart"]
        assert '"title": "Fixed event"' in figure.proto.spec
        assert '"mark": {"type": "bar"' in figure.proto.spec
    assert [s.label for s in at.selectbox] == ["Day", "Meeting details"]
    first = min(schedule.meetings, key=lambda m: m.start)
    assert at.selectbox[1].value == first.request


def test_programme_page_with_fixed_events_and_no_meeting(fresh_store):
    plan = _clock_change_plan()
    plan_id = fresh_store.create_plan(plan).plan_id
    nothing = Schedule(plan.name, "infeasible", 0.0, Objective(scheduled={}, requested={}))
    fresh_store.save_schedule(plan_id, 1, nothing)
    at = app()
    at.session_state["plan_id"] = plan_id
    at.switch_page("programme_page.py").run()
    assert not at.exception, at.exception
    assert "No meeting is scheduled." in texts(at)
    [day] = [s for s in at.selectbox if s.label == "Day"]
    assert day.options[1:] == ["Saturday 26 October", "Sunday 27 October", "Monday 28 October"]
    assert not [s for s in at.selectbox if s.label == "Meeting details"]


def _hover_finds(page, box: dict, wanted: dict[str, str | None]) -> dict[str, tuple[float, float, str]]:
    """Moves the pointer along the first day's row (below the time axis) until the tooltip names each
    wanted kind of bar (its first row: "Meeting", "Fixed event" or "Break"), skipping the title given
    for a kind."""
    found: dict[str, tuple[float, float, str]] = {}
    tip = page.locator("#vg-tooltip-element")
    for y in range(int(box["y"]) + 32, int(box["y"]) + 64, 8):
        for x in range(int(box["x"]), int(box["x"] + box["width"]), 10):
            page.mouse.move(x, y)
            page.wait_for_timeout(10)
            if not (tip.count() and tip.is_visible()):
                continue
            kind, title = [line.strip() for line in tip.inner_text().splitlines() if line.strip()][:2]
            if kind in wanted and kind not in found and title != wanted[kind]:
                found[kind] = (x, y, title)
        if len(found) == len(wanted):
            break
    return found


@pytest.mark.browser
def test_clicking_a_fixed_event_or_lunch_keeps_the_meeting_picked_in_the_browser(app_server):
    from playwright.sync_api import sync_playwright

    executable = chromium_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(app_server.url)
        page.get_by_role("heading", name="Plan", exact=True).first.wait_for(timeout=60_000)
        store = Store(f"sqlite:///{app_server.database}")  # the app has seeded the sample plan by now
        plan_id = store.plan_ids()[0]
        store.save_schedule(plan_id, 1, solve(store.latest(plan_id).plan, OPTIONS))
        page.locator('[data-testid="stSidebarNav"] a', has_text="Programme").click()
        figure = page.locator('[data-testid="stVegaLiteChart"]').first
        figure.wait_for(timeout=60_000)
        heading = page.locator('[data-testid="stMain"] h4').first
        first = heading.inner_text()
        spots = _hover_finds(
            page, figure.bounding_box(), {"Meeting": first, "Fixed event": None, "Break": None}
        )
        assert sorted(spots) == ["Break", "Fixed event", "Meeting"], spots
        assert spots["Break"][2] == "Lunch"
        x, y, title = spots["Meeting"]
        page.mouse.click(x, y)
        page.get_by_role("heading", name=title, exact=True).wait_for(timeout=30_000)
        for kind in ("Fixed event", "Break"):
            page.mouse.click(*spots[kind][:2])
            page.wait_for_timeout(1500)  # time for a rerun, if the click caused one
            assert heading.inner_text() == title, kind
            assert page.locator('[data-testid="stException"]').count() == 0
        # A meeting's title, written in its bar, picks that meeting too.
        plan = store.latest(plan_id).plan
        meetings = store.latest_schedule(plan_id).schedule.meetings
        longest = max(
            (m for m in meetings if plan.request(m.request).title != title), key=lambda m: m.end - m.start
        )
        name = plan.request(longest.request).title
        label = figure.locator("svg text", has_text=name[:10]).first
        label.click()
        page.get_by_role("heading", name=name, exact=True).wait_for(timeout=30_000)
        browser.close()


def _published_before(schedule: Schedule) -> tuple[Schedule, str, str]:
    """`schedule` as it was published: its first meeting an hour earlier, its last one not yet there."""
    first, *_, last = sorted(schedule.meetings, key=lambda m: m.start)
    earlier = replace(first, start=first.start - timedelta(hours=1), end=first.end - timedelta(hours=1))
    meetings = tuple(earlier if m is first else m for m in schedule.meetings if m is not last)
    return replace(schedule, meetings=meetings), first.request, last.request


def test_meetings_new_or_moved_since_the_publication_are_outlined(sample):
    plan, schedule = sample
    published, moved, added = _published_before(schedule)
    frame = _kind(bars(plan, schedule, "Delegation", published), "meeting")
    since = dict(zip(frame["request"], frame["since"], strict=True))
    assert {r: s for r, s in since.items() if s} == {moved: "moved", added: "new"}
    layers = _layers(chart(frame).to_dict())
    encoding = layers["meeting"][0]["encoding"]
    assert encoding["strokeWidth"]["condition"]["test"] == "(datum.since !== '')"
    assert encoding["strokeWidth"]["condition"]["value"] > 0 and encoding["strokeWidth"]["value"] == 0
    assert "Since publication" in [t["title"] for t in encoding["tooltip"]]
    unchanged = _layers(chart(bars(plan, schedule, "Delegation")).to_dict())["meeting"][0]["encoding"]
    assert "Since publication" not in [t["title"] for t in unchanged["tooltip"]]


def test_programme_page_says_what_changed_since_the_publication(fresh_store, sample):
    from scheduler.publishing import publish_schedule

    plan_id = plan_id_of(fresh_store)
    _, schedule = sample
    published, _, _ = _published_before(schedule)
    publish_schedule(fresh_store, plan_id, fresh_store.save_schedule(plan_id, 1, published))
    at = app("programme_page.py")
    assert not [t for t in texts(at) if t.startswith("Outlined in black")]  # the published one is shown
    fresh_store.save_schedule(plan_id, 1, schedule)
    at = app("programme_page.py")
    assert not at.exception, at.exception
    caption = "Outlined in black: 1 moved (in time or place) and 1 new since publication 1, the programme "
    assert caption + "the delegations see." in texts(at)
    [figure] = [e for e in at.main if getattr(e, "type", "") == "vega_lite_chart"]
    assert '"title": "Since publication"' in figure.proto.spec
