"""The Programme page: timelines by delegation, host and venue; details, pins, moves by hand, violations."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import streamlit as st

from scheduler import Conflict, Pin, counted, verify
from ui import state
from ui.answers import answers_section
from ui.heading import heading
from ui.outdated import outdated_notice
from ui.plain import plain
from ui.services import store
from ui.summary import show_summary
from ui.timeline import LANES, MOVED, NEW, bars, chart, since_publication
from ui.timeline_filters import filter_bar, palette


def _details(plan, schedule, request_id: str) -> None:
    meeting = schedule.meeting(request_id)
    request = plan.request(request_id)
    names = {x.id: x.name for x in (*plan.delegations, *plan.hosts, *plan.venues, *plan.interpreters)}
    st.markdown(f"#### {plain(request.title or request.id)}")
    st.write(f"{meeting.start:%A %d %B %Y, %H:%M}–{meeting.end:%H:%M} · {request.priority} priority")
    venue = plan.venue(meeting.venue)
    rooms = {} if isinstance(venue.rooms, int) else {r.id: r.name or r.id for r in venue.rooms}
    room = f", {rooms.get(meeting.room, meeting.room)}" if meeting.room else ""
    address = f" — {venue.address}" if venue.address else ""
    st.write(":material/location_on: " + plain(f"{venue.name}{room}{address}"))
    people = [names.get(p, p) for p in (*request.delegations, *request.hosts)]
    people += [f"{names.get(p, p)} (optional)" for p in meeting.optional_hosts]
    st.write("With " + plain(", ".join(people)))
    if meeting.interpreter:
        st.write(f"Interpreter: {plain(names.get(meeting.interpreter, meeting.interpreter))}")
    if request.notes:
        st.caption(plain(request.notes))


def _save_plan(plan, base: int, note: str) -> bool:
    """Saves a pin change on top of `base`, the latest version read on this run (not the session's
    editing base: a pin is one small change to whatever was saved last)."""
    try:
        version = store().save(state.plan_id(), plan, base, note=note)
    except Conflict as conflict:
        st.error(plain(str(conflict)))
        return False
    if state.base_version() == base:  # the session was up to date, so it stays so
        state.set_base_version(version)
    return True


def _pins(stored, schedule, request_id: str) -> None:
    plan = stored.plan
    if request_id not in {r.id for r in plan.requests}:
        st.caption(f"Version {stored.version} of the plan no longer asks for this meeting: nothing to pin.")
        return
    pinned = {p.request for p in plan.pinned}
    meeting = schedule.meeting(request_id)
    if request_id in pinned:
        if st.button("Unpin this meeting", key="unpin"):
            kept = tuple(p for p in plan.pinned if p.request != request_id)
            if _save_plan(replace(plan, pinned=kept), stored.version, f"unpinned {request_id}"):
                state.rerun()
    elif st.button("Pin it at this time (kept on the next solve)", key="pin"):
        pin = Pin(request_id, meeting.start.astimezone(ZoneInfo(plan.timezone)).replace(tzinfo=None))
        if _save_plan(replace(plan, pinned=(*plan.pinned, pin)), stored.version, f"pinned {request_id}"):
            state.rerun()


def _move(plan, schedule, stored_version: int, request_id: str) -> None:
    meeting = schedule.meeting(request_id)
    zone = ZoneInfo(plan.timezone)  # the plan's wall clock, so a move across a DST change keeps its hour
    local = meeting.start.astimezone(zone)
    with st.form("move"):
        st.markdown("**Move by hand**")
        day = st.date_input("Date", local.date(), format="DD/MM/YYYY")
        clock = st.time_input("Start", local.time().replace(tzinfo=None), step=plan.slot_minutes * 60)
        if st.form_submit_button("Move"):
            start = datetime.combine(day, clock, tzinfo=zone)
            moved = replace(meeting, start=start, end=start + (meeting.end - meeting.start))
            meetings = tuple(moved if m.request == request_id else m for m in schedule.meetings)
            edited = replace(schedule, meetings=meetings, status="feasible")
            state.put("schedule_id", store().save_schedule(state.plan_id(), stored_version, edited))
            state.rerun()


def _timeline(frame, colours: dict[str, str]) -> list[str]:
    """Draws the chosen day(s) of the timeline; returns the meetings picked by a click on a bar.

    Only meeting bars carry a `request`: a click on a fixed event or a lunch picks no meeting."""
    days = sorted(frame["day"].unique())
    chosen = st.selectbox(
        "Day", ["All days", *days], format_func=lambda d: d if isinstance(d, str) else f"{d:%A %d %B}"
    )
    shown = frame if chosen == "All days" else frame[frame["day"] == chosen]
    event = st.altair_chart(chart(shown, colours), on_select="rerun", key="timeline", width="stretch")
    points = event.selection.get("meeting") or []
    return [p["request"] for p in points if isinstance(p.get("request"), str)]


heading("Programme")
latest = store().latest_schedule(state.plan_id())
if latest is None:
    st.info("No programme yet: build one on the Solve page.")
    st.page_link("solve_page.py", label="Go to Solve", icon=":material/play_circle:")
    st.stop()
plan = store().version(state.plan_id(), latest.plan_version).plan
current = store().latest(state.plan_id())
schedule = latest.schedule
outdated_notice(state.plan_id(), latest.plan_version, schedule, "programme")
violations = verify(plan, schedule)
if violations:
    st.error(f"{counted(len(violations), 'rule')} broken in this programme:")
    for violation in violations:
        st.write(f"- {plain(violation.message)}")
lane = st.segmented_control("Timeline by", LANES, default="Delegation") or "Delegation"
published = store().latest_publication(state.plan_id())
before = None
if published is not None and published.schedule_id != latest.schedule_id:
    before = store().schedule(published.schedule_id).schedule
    changed = list(since_publication(before, schedule).values())
    if changed:
        st.caption(
            f"Outlined in black: {changed.count(MOVED)} moved (in time or place) and {changed.count(NEW)} "
            f"new since publication {published.number}, the programme the delegations see."
        )
frame = filter_bar(plan, lane, bars(plan, schedule, lane, before))
picked = [] if frame.empty else _timeline(frame, palette(plan))
if not schedule.meetings:
    st.info("No meeting is scheduled.")
else:
    titles = {r.id: r.title or r.id for r in plan.requests}
    starts = {m.request: m.start for m in schedule.meetings}
    options = [m.request for m in sorted(schedule.meetings, key=lambda m: m.start)]
    request_id = st.selectbox(
        "Meeting details",
        options,
        index=options.index(picked[0]) if picked and picked[0] in options else 0,
        format_func=lambda r: f"{starts[r]:%a %d %b %H:%M} · {titles.get(r, r)}",
    )
    left, right = st.columns(2)
    with left:
        _details(plan, schedule, request_id)
        _pins(current, schedule, request_id)
    with right:
        _move(plan, schedule, latest.plan_version, request_id)
answers_section(state.plan_id(), plan, schedule)
show_summary(plan, schedule)
