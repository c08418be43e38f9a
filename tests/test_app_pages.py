"""The staff pages one at a time, run in Streamlit's AppTest against a fresh store each."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pyarrow
from streamlit.testing.v1 import AppTest

from scheduler import PRIORITIES, verify
from scheduler.criteria import headroom_sentence, proof_sentence
from scheduler.generate import generate_plan, host_away
from scheduler.model import Moves
from scheduler.publishing import publish_schedule
from scheduler.solver import greedy
from scheduler.store import StoredSchedule
from tests.app_support import (
    MAIN,
    OPEN_BANNER,
    app,
    button,
    fresh_store,
    plan_id_of,
    solve_on_page,
    texts,
    unescaped,
)

__all__ = ["fresh_store"]  # the fixture, imported for pytest


def _pick(at, request_id: str | None = None):
    """The "Meeting details" choice, set to a meeting when one is given."""
    [details] = [s for s in at.selectbox if s.label == "Meeting details"]
    if request_id is not None:
        details.set_value(request_id).run()
    return details


def test_open_access_banner_on_every_staff_page(fresh_store):
    for page, title in (("solve_page.py", "Solve"), ("settings_page.py", "Settings")):
        at = app(page)
        assert not at.exception, at.exception
        assert [t.value for t in at.title] == [title]
        assert any(w.value.startswith(OPEN_BANNER) for w in at.warning)
    assert "Sign-in: none (open access, see the banner)" in texts(at)


def test_solve_builds_the_sample_programme_and_stores_it(fresh_store):
    at = app("solve_page.py")
    assert "Result" not in texts(at)
    solve_on_page(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Must"] == "4 / 4"
    assert metrics["High"] == "5 / 5"
    assert "Every requested meeting has a place in the programme." in texts(at)
    stored = fresh_store.latest_schedule(plan_id_of(fresh_store))
    assert stored is not None and stored.schedule_id == at.session_state["schedule_id"]
    assert len(stored.schedule.meetings) == 15
    [link] = at.get("page_link")
    assert (link.proto.label, link.proto.page) == ("See the programme day by day", "programme_page")


CONFERENCE = generate_plan(1, conference=True, delegations=22, requests=170)
"""A plan whose priorities no 5 s solve proves: 38 low bilaterals compete for six rooms."""


def _conference_cut_short(store) -> tuple[AppTest, int, StoredSchedule]:
    """The generated conference as the plan, solved on the Solve page in 5 s."""
    plan_id = plan_id_of(store)
    store.save(plan_id, CONFERENCE, 1)
    at = solve_on_page(app("solve_page.py"))
    first = store.latest_schedule(plan_id)
    assert first.schedule.status == "feasible"
    return at, plan_id, first


def _counts(schedule) -> tuple[int, ...]:
    return tuple(schedule.objective.scheduled[p] for p in PRIORITIES)


def test_a_solve_cut_short_says_how_many_more_meetings_could_still_fit(fresh_store):
    at, _, first = _conference_cut_short(fresh_store)
    [caption] = [c.value for c in at.caption if "could still fit" in c.value]
    assert caption.startswith(proof_sentence(first.schedule.objective.criteria) + " At most ")
    assert caption.endswith(headroom_sentence(first.schedule.objective))


def test_a_second_solve_of_the_same_plan_goes_on_from_the_programme_cut_short(fresh_store):
    at, plan_id, first = _conference_cut_short(fresh_store)
    [box] = [b for b in at.checkbox if b.label.startswith("Go on from the current programme")]
    assert box.value and box.label.endswith(", not proven the best)")
    assert not [b for b in at.checkbox if b.label.startswith("Stay close")]

    solve_on_page(at)
    second = fresh_store.latest_schedule(plan_id)
    assert second.schedule_id != first.schedule_id and verify(CONFERENCE, second.schedule) == []
    assert _counts(second.schedule) >= _counts(first.schedule)
    placed = {m.request for m in second.schedule.meetings}
    assert len(placed & {m.request for m in first.schedule.meetings}) > 0.9 * len(first.schedule.meetings)


def test_once_published_a_programme_cut_short_is_kept_and_gone_on_from(fresh_store):
    at, plan_id, first = _conference_cut_short(fresh_store)
    publish_schedule(fresh_store, plan_id, first.schedule_id)
    at.run()
    ticked = [b.label.split(" (")[0] for b in at.checkbox if b.value]
    assert ticked == ["Keep the published programme", "Go on from the current programme"]

    solve_on_page(at)
    second = fresh_store.latest_schedule(plan_id).schedule
    assert verify(CONFERENCE, second) == []
    moves = Moves.between(first.schedule, second)
    assert (moves.moved, moves.dropped) == (0, 0)
    assert _counts(second) >= _counts(first.schedule)


def test_programme_before_any_solve_points_to_solve(fresh_store):
    at = app("programme_page.py")
    assert not at.exception
    assert "No programme yet: build one on the Solve page." in texts(at)


def test_programme_shows_chart_and_details_and_pins_and_unpins(fresh_store):
    at = solve_on_page(app())
    at.switch_page("programme_page.py").run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    charts = [e for e in at.main if getattr(e, "type", "") == "vega_lite_chart"]
    assert len(charts) == 1 and '"mark": {"type": "bar"' in charts[0].proto.spec, "no timeline chart"
    plan_id = plan_id_of(fresh_store)
    schedule = fresh_store.latest_schedule(plan_id).schedule
    details = _pick(at)
    first = min(schedule.meetings, key=lambda m: m.start)
    assert details.value == first.request
    plan = fresh_store.latest(plan_id).plan
    title = plan.request(first.request).title
    assert f"#### {title}" in texts(at)

    other = next(m for m in schedule.meetings if m.request not in {p.request for p in plan.pinned})
    _pick(at, other.request)
    version = fresh_store.latest(plan_id).version
    button(at, "Pin it at this time (kept on the next solve)").click().run()
    after = fresh_store.latest(plan_id)
    assert after.version == version + 1
    pins = {p.request: p.start for p in after.plan.pinned}
    assert pins[other.request] == other.start.astimezone(ZoneInfo(plan.timezone)).replace(tzinfo=None)

    button(at, "Unpin this meeting").click().run()
    again = fresh_store.latest(plan_id)
    assert again.version == version + 2
    assert other.request not in {p.request for p in again.plan.pinned}
    assert not at.error, [e.value for e in at.error]


def test_moving_a_meeting_onto_another_lists_the_broken_rule(fresh_store):
    at = solve_on_page(app())
    at.switch_page("programme_page.py").run()
    plan_id = plan_id_of(fresh_store)
    stored = fresh_store.latest_schedule(plan_id)
    ordered = sorted(stored.schedule.meetings, key=lambda m: m.start)
    moving, target = ordered[1], ordered[0]  # both are the delegation's own meetings
    _pick(at, moving.request)
    at.date_input[0].set_value(target.start.date())
    at.time_input[0].set_value(target.start.time().replace(tzinfo=None))
    button(at, "Move").click().run()
    assert not at.exception, at.exception

    moved = fresh_store.latest_schedule(plan_id)
    assert moved.schedule_id != stored.schedule_id
    assert moved.schedule.meeting(moving.request).start == target.start
    plan = fresh_store.version(plan_id, moved.plan_version).plan
    expected = [v.message for v in verify(plan, moved.schedule)]
    assert expected, "a meeting moved onto another must break a rule"
    assert any("at the same time" in message for message in expected)
    rules = "1 rule" if len(expected) == 1 else f"{len(expected)} rules"
    assert [e.value for e in at.error] == [f"{rules} broken in this programme:"]
    shown = texts(at)
    for message in expected:
        assert f"- {message}" in shown


def test_export_lists_changes_then_publishes(fresh_store):
    at = solve_on_page(app())
    at.switch_page("export_page.py").run()
    assert not at.exception, at.exception
    plan_id = plan_id_of(fresh_store)
    labels = [d.label for d in at.get("download_button")]
    assert labels[0] == "Download the programme (.xlsx)"
    assert "Download all calendars (.zip)" in labels
    shown = texts(at)
    assert "Nothing published yet: delegation links show nothing until the first publication." in shown
    # 14 meetings and the 2 fixed events (opening, dinner) are new to the delegations; the hosts'
    # briefing the day before reaches only the hosts' calendars
    assert "Publishing this programme makes 16 changes for the delegations:" in shown
    assert "- Added: Closing session and evaluation of the study visit (Fri 26 Apr, 11:00)" in shown
    briefing = "- Added: Antwerp hosts' briefing the day before the Ukrainian visit (Tue 23 Apr, 14:00)"
    assert at.expander[0].label == "And 1 change that only hosts or interpreters see"
    assert briefing in [unescaped(m.value) for m in at.expander[0].markdown]
    assert [unescaped(m.value) for m in at.markdown].count(briefing) == 1  # not in the delegations' list too
    assert fresh_store.latest_publication(plan_id) is None

    button(at, "Publish this programme").click().run()
    assert fresh_store.latest_publication(plan_id) is None  # asked first
    question = [m for m in texts(at) if m.startswith("**Publish this programme now?**")]
    assert question and "It reaches the plan's delegation: their private pages" in question[0]
    button(at, "Cancel").click().run()
    assert fresh_store.latest_publication(plan_id) is None
    assert not button(at, "Publish this programme").disabled
    button(at, "Publish this programme").click().run()
    button(at, "Yes, publish").click().run()
    publication = fresh_store.latest_publication(plan_id)
    assert publication is not None and publication.number == 1
    assert "Published as publication 1: the delegations' pages and calendars show it." in texts(at)
    assert publication.schedule_id == fresh_store.latest_schedule(plan_id).schedule_id
    assert "The delegations see this programme." in texts(at)
    assert button(at, "Publish this programme").disabled


def test_links_are_made_shown_once_and_revoked(fresh_store):
    at = app("links_page.py")
    assert not at.exception, at.exception
    assert "Its page opens in Ukrainian; English one tap away." in [unescaped(c.value) for c in at.caption]
    plan_id = plan_id_of(fresh_store)
    assert not fresh_store.has_link(plan_id, "ua")
    button(at, "Make a link").click().run()
    assert fresh_store.has_link(plan_id, "ua")
    [page] = [c.value for c in at.code]
    token = parse_qs(urlsplit(page).query)["d"][0]
    assert fresh_store.resolve_link(token) == (plan_id, "ua")
    assert f"/cal/{token}.ics" in " ".join(c.value for c in at.caption)
    [mail] = at.get("link_button")
    address, _, query = mail.proto.url.removeprefix("mailto:").partition("?")
    fields = parse_qs(query)
    assert address == "oksana.melnyk@example.org"  # found in the sample's contact text
    assert fields["subject"] == [fresh_store.latest(plan_id).plan.name]
    body = fields["body"][0].splitlines()
    assert body[:3] == ["Ваша програма, завжди актуальна:", "Your programme, always up to date:", page]
    assert body[-1] == f"webcal://localhost:8501/cal/{token}.ics"
    [qr] = at.get("download_button")
    assert qr.label == "Download the QR code (.png)" and len(at.get("image")) == 1

    button(at, "Revoke").click().run()
    assert fresh_store.has_link(plan_id, "ua")  # asked first
    assert any(w.value.startswith("Revoke this link? The delegation's page") for w in at.warning)
    button(at, "Cancel").click().run()
    assert fresh_store.has_link(plan_id, "ua") and not [w for w in at.warning if "Revoke" in w.value]
    button(at, "Revoke").click().run()
    button(at, "Yes, revoke the link").click().run()
    assert not fresh_store.has_link(plan_id, "ua")
    assert fresh_store.resolve_link(token) is None
    assert not at.code
    assert [b.label for b in at.button] == ["Make a link"]


def test_links_page_says_which_language_each_page_opens_in(fresh_store):
    at = app("settings_page.py")
    next(s for s in at.selectbox if s.label == "From").set_value("conference-2024")
    button(at, "Create").click().run()
    at.switch_page("links_page.py").run()
    assert not at.exception, at.exception
    captions = [unescaped(c.value) for c in at.caption]
    assert "Its page opens in French; German, English one tap away." in captions  # Luxembourg
    assert "Its page opens in Polish; English one tap away." in captions
    assert "Its page is in English (it has no Irish)." in captions


def test_settings_creates_a_plan_from_a_sample_and_switches_back(fresh_store):
    at = app("settings_page.py")
    first = plan_id_of(fresh_store)
    [source] = [s for s in at.selectbox if s.label == "From"]
    source.set_value("ukraine-prosecutors-2024")
    at.text_input[0].set_value("A second visit")
    button(at, "Create").click().run()
    assert not at.exception, at.exception
    ids = fresh_store.plan_ids()
    assert len(ids) == 2
    second = ids[1]
    assert fresh_store.latest(second).plan.name == "A second visit"
    assert at.session_state["plan_id"] == second
    [chosen] = [s for s in at.selectbox if s.label == "Work on"]
    assert chosen.value == second
    assert [unescaped(s.value) for s in at.success] == [
        "Created “A second visit” from ukraine-prosecutors-2024. Now working on it."
    ]

    chosen.set_value(first).run()
    assert at.session_state["plan_id"] == first
    at.switch_page("solve_page.py").run()
    assert f"Plan: **{fresh_store.latest(first).plan.name}** (#{first})" in " ".join(texts(at))


def test_a_staff_password_guards_every_page(fresh_store):
    at = app()
    at.secrets["staff_password"] = "correct horse"
    at.switch_page("solve_page.py").run()
    assert [t.value for t in at.title] == ["Sign in"]
    assert not any(w.value.startswith(OPEN_BANNER) for w in at.warning)
    assert [b.label for b in at.button] == ["Sign in"]

    at.text_input[0].set_value("wrong horse")
    button(at, "Sign in").click().run()
    assert [e.value for e in at.error] == ["That password is not right."]
    assert [t.value for t in at.title] == ["Sign in"]

    at.text_input[0].set_value("correct horse")
    button(at, "Sign in").click().run()
    assert [t.value for t in at.title] == ["Solve"]
    at.switch_page("settings_page.py").run()
    assert "Sign-in: staff password from secrets" in texts(at)


def test_moved_meeting_keeps_its_length(fresh_store):
    """A move by hand shifts the meeting; its length and everything else stay as solved."""
    at = solve_on_page(app())
    at.switch_page("programme_page.py").run()
    plan_id = plan_id_of(fresh_store)
    stored = fresh_store.latest_schedule(plan_id)
    meeting = max(stored.schedule.meetings, key=lambda m: m.start)
    _pick(at, meeting.request)
    later = meeting.start.replace(hour=9, minute=0)  # the first slot of its day, on the plan's clock
    assert later != meeting.start
    at.time_input[0].set_value(later.time().replace(tzinfo=None))
    button(at, "Move").click().run()
    moved = fresh_store.latest_schedule(plan_id).schedule
    again = moved.meeting(meeting.request)
    assert again.start == later and again.end - again.start == meeting.end - meeting.start
    assert replace(again, start=meeting.start, end=meeting.end) == meeting


def test_an_oidc_provider_asks_for_a_sign_in_first(fresh_store):
    at = AppTest.from_file(str(MAIN), default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s"}
    at.user = {"is_logged_in": False}
    at.switch_page("solve_page.py").run()
    assert [t.value for t in at.title] == ["Sign in"]
    assert [b.label for b in at.button] == ["Sign in"]
    at.user = {"is_logged_in": True, "email": "staff@example.org"}
    at.run()
    assert [t.value for t in at.title] == ["Solve"]
    assert "Signed in as staff@example.org" in [unescaped(c.value) for c in at.sidebar.caption]


def test_a_new_link_replaces_the_old_one(fresh_store):
    at = app("links_page.py")
    button(at, "Make a link").click().run()
    old = parse_qs(urlsplit(at.code[0].value).query)["d"][0]
    button(at, "Make a new link").click().run()
    new = parse_qs(urlsplit(at.code[0].value).query)["d"][0]
    assert new != old
    assert fresh_store.resolve_link(old) is None
    assert fresh_store.resolve_link(new) == (plan_id_of(fresh_store), "ua")
    fresh = app("links_page.py")  # another session sees that a link is live, never the link itself
    assert not fresh.code
    assert "A link is active. Make a new one to see it again (the old one stops working)." in texts(fresh)


def test_timelines_by_host_and_venue_and_one_day(fresh_store):
    at = solve_on_page(app())
    at.switch_page("programme_page.py").run()
    plan = fresh_store.latest(plan_id_of(fresh_store)).plan
    names = {"Host": {h.name for h in plan.hosts}, "Venue": {v.name for v in plan.venues}}
    for lane in ("Host", "Venue"):
        at.segmented_control[0].set_value(lane).run()
        assert not at.exception, at.exception
        rows = _chart_rows(at)
        assert rows and {row.split(" · ")[1] for row in rows} <= names[lane]
        assert {row.split(" · ")[0] for row in rows} == {
            "Mon 22 Apr",
            "Tue 23 Apr",
            "Wed 24 Apr",
            "Thu 25 Apr",
            "Fri 26 Apr",
        }
    [day] = [s for s in at.selectbox if s.label == "Day"]
    day.set_value(day.options[2]).run()
    assert not at.exception, at.exception
    assert _chart_rows(at) and _chart_rows(at) <= names["Venue"]  # one day: each row is a venue


def _chart_rows(at) -> set[str]:
    """The row labels of the Programme's timeline (its data travels inside the chart's spec)."""
    figure = next(e for e in at.main if getattr(e, "type", "") == "vega_lite_chart").proto
    [dataset] = figure.datasets
    return set(pyarrow.ipc.open_stream(dataset.data.data).read_pandas()["band"])


def test_export_after_a_move_lists_only_what_moved(fresh_store):
    at = solve_on_page(app())
    plan_id = plan_id_of(fresh_store)
    publish_schedule(fresh_store, plan_id, fresh_store.latest_schedule(plan_id).schedule_id)
    at.switch_page("programme_page.py").run()
    meeting = max(fresh_store.latest_schedule(plan_id).schedule.meetings, key=lambda m: m.start)
    _pick(at, meeting.request)
    at.time_input[0].set_value(meeting.start.replace(hour=9, minute=0).time().replace(tzinfo=None))
    button(at, "Move").click().run()
    at.switch_page("export_page.py").run()
    title = fresh_store.latest(plan_id).plan.request(meeting.request).title
    shown = texts(at)
    assert "Publishing this programme makes 1 change for the delegations:" in shown
    local = meeting.start.astimezone(ZoneInfo(fresh_store.latest(plan_id).plan.timezone))
    assert f"- Moved: {title} ({local:%a %d %b, %H:%M} → 09:00)" in shown  # old -> new
    button(at, "Publish this programme").click().run()
    assert fresh_store.latest_publication(plan_id).number == 1  # asked first
    question = "**Publish this programme now?** It changes the programme of 1 delegation: their private"
    assert any(m.startswith(question) for m in texts(at))
    button(at, "Yes, publish").click().run()
    assert fresh_store.latest_publication(plan_id).number == 2


def _a_larger_plan_with_its_greedy_programme(store):
    """A generated plan of 8 delegations and 150 requests, saved with its greedy programme."""
    plan_id = plan_id_of(store)
    big = generate_plan(1, delegations=8, requests=150, days=5)
    store.save(plan_id, big, 1)
    schedule = greedy(big)
    store.save_schedule(plan_id, 2, schedule)
    return big, schedule


def test_many_unscheduled_requests_read_as_one_table_with_each_must_open(fresh_store):
    big, schedule = _a_larger_plan_with_its_greedy_programme(fresh_store)
    musts = [u for u in schedule.unscheduled if big.request(u.request).priority == "must"]
    assert len(schedule.unscheduled) > 20 and musts

    at = app("solve_page.py")
    assert not at.exception, at.exception
    [table] = at.dataframe
    frame = table.value
    assert sorted(frame["Id"]) == sorted(u.request for u in schedule.unscheduled)
    assert list(frame["Priority"]) == sorted(frame["Priority"], key=["must", "high", "normal", "low"].index)
    first = schedule.unscheduled[0]
    assert frame.set_index("Id").loc[first.request, "Why not"] == " · ".join(first.reasons)
    opened = [e for e in at.expander if "· must ·" in e.label]
    assert len(opened) == len(musts)


def test_many_changes_read_as_one_table(fresh_store):
    big, schedule = _a_larger_plan_with_its_greedy_programme(fresh_store)
    delegations = {d.id: d.name for d in big.delegations}
    seen = [m for m in schedule.meetings if set(big.request(m.request).delegations) & set(delegations)]
    seen_fixed = [f for f in big.fixed if f.delegations]
    assert len(seen) > 20

    at = app("export_page.py")
    assert not at.exception, at.exception
    total = len(seen) + len(seen_fixed)
    assert f"Publishing this programme makes {total} changes for the delegations:" in texts(at)
    [hosts_only] = [e for e in at.expander if e.label.endswith("that only hosts or interpreters see")]
    listed = [t for t in texts(at) if t.startswith("- Added: ")]
    assert len(listed) == len(hosts_only.markdown) < 20  # only the few hosts' changes read as lines
    [listing] = [e for e in at.expander if e.label == f"{total} added"]
    [table] = listing.dataframe
    frame = table.value
    assert len(frame) == total and set(frame["Change"]) == {"Added"}
    titles = [big.request(m.request).title for m in seen]
    meeting = next(m for m in seen if titles.count(big.request(m.request).title) == 1)
    request = big.request(meeting.request)
    [row] = [r for _, r in frame.iterrows() if r["What"] == request.title]
    zone = ZoneInfo(big.timezone)
    assert row["When"] == f"{meeting.start.astimezone(zone):%a %d %b, %H:%M}"
    assert row["Delegations"] == ", ".join(delegations[d] for d in request.delegations)


def test_solve_keeps_the_published_programme_after_a_change(fresh_store):
    at = solve_on_page(app())
    plan_id = plan_id_of(fresh_store)
    first = fresh_store.latest_schedule(plan_id)
    publish_schedule(fresh_store, plan_id, first.schedule_id)
    # The host of the first published must meeting cancels that day (not the opening: all else follows it).
    stored = fresh_store.latest(plan_id)
    plan = stored.plan
    musts = {r.id for r in plan.requests if r.priority == "must" and r.position is None}
    gone = next(m for m in first.schedule.meetings if m.request in musts)
    day = gone.start.date()
    plan = host_away(plan, plan.request(gone.request).hosts[0], day)
    fresh_store.save(plan_id, plan, stored.version, note="host away")

    at.switch_page("solve_page.py").run()
    [keep] = at.checkbox
    assert keep.label.startswith("Keep the published programme (publication 1, ") and keep.value
    solve_on_page(at)
    again = fresh_store.latest_schedule(plan_id).schedule
    moves = Moves.between(first.schedule, again)
    assert again.meeting(gone.request).start.date() != day
    assert moves.kept >= len(first.schedule.meetings) - 2  # it, and at most one whose place it takes
    assert any(
        t.startswith(f"Against publication 1: {moves.kept} meetings at the same time, {moves.moved} moved, ")
        for t in texts(at)
    )


def test_solve_can_stay_close_to_an_unpublished_programme(fresh_store):
    at = solve_on_page(app())
    plan_id = plan_id_of(fresh_store)
    first = fresh_store.latest_schedule(plan_id)
    at.switch_page("solve_page.py").run()
    [stay] = at.checkbox
    assert stay.label.startswith("Stay close to the current programme (built ") and not stay.value
    solve_on_page(at, tick="Stay close")  # the same plan: every meeting stays
    again = fresh_store.latest_schedule(plan_id)
    assert again.schedule_id != first.schedule_id
    assert Moves.between(first.schedule, again.schedule).kept == len(first.schedule.meetings)
    assert "kept in place" in [c.name for c in again.schedule.objective.criteria]
