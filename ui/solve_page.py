"""The Solve page: run the solver on the current plan version, watch it improve, stop it, keep the result."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import streamlit as st

from scheduler import PRIORITIES, Moves, counted, progress_words
from ui import state
from ui.heading import heading
from ui.plain import plain
from ui.services import store
from ui.solve_job import JOB, SECONDS, SEED, WORKERS, SolveJob, keep_finished, running, start_solve
from ui.summary import show_summary

KEEP_HELP = (
    "Meetings stay at their {which} time, in their room and with their interpreter. One moves only when the "
    "plan no longer allows it there, or to make room for a must or high meeting that is new or had to move. "
    "New requests and the meetings that had to move are placed around the others. Without it, the solver "
    "builds the best programme from scratch."
)


GO_ON_HELP = (
    "The search starts from the current programme instead of from scratch, so it places at least as many "
    "meetings of each priority and uses the time to look for more. When the published programme is kept, "
    "it starts there only if that is at least as good in the order keeping counts: must, then high "
    "meetings, then published meetings left in place. Untick it to start afresh (with another random "
    "seed, for another programme)."
)


@st.fragment(run_every=0.5)
def _watch() -> None:
    job: SolveJob | None = state.get(JOB)
    if job is None:
        return
    progress = job.drain()
    if job.running:
        limit = job.options.time_limit
        st.progress(
            min(job.elapsed / limit, 1.0), text=f"Solving… {job.elapsed:.0f} s of at most {limit:.0f} s"
        )
        if progress is not None:
            columns = st.columns(len(PRIORITIES) + 1)
            for column, priority in zip(columns, PRIORITIES, strict=False):
                column.metric(f"{priority.capitalize()} scheduled", progress.scheduled.get(priority, 0))
            columns[-1].metric("Stage", progress.stage)
            requested = {p: sum(r.priority == p for r in job.plan.requests) for p in PRIORITIES}
            words = progress_words(
                progress.stage, progress.objective, progress.bound, progress.scheduled, requested
            )
            st.caption(f"{words[0].upper()}{words[1:]} · {progress.elapsed:.1f} s")
        st.button("Stop and keep the best schedule so far", on_click=job.cancel, key="stop")
        return
    keep_finished()
    st.rerun(scope="app")


heading("Solve")
stored = store().latest(state.plan_id())
st.caption(f"Version {stored.version} · {counted(len(stored.plan.requests), 'requested meeting')}")
published = store().latest_publication(state.plan_id())
latest = store().latest_schedule(state.plan_id())
zone = ZoneInfo(stored.plan.timezone)
built = (latest.plan_version, latest.schedule.status) if latest is not None else None
cut_short = built == (stored.version, "feasible")  # this very plan, a search stopped before its proof
with st.form("solve"):
    time_limit = st.slider("Time limit (seconds)", 5, 300, SECONDS, step=5)
    keep_from = go_on_from = None
    if published is not None:
        when = published.published_at.astimezone(zone)
        label = f"Keep the published programme (publication {published.number}, {when:%d %B %H:%M})"
        if st.checkbox(label, value=True, help=KEEP_HELP.format(which="published")):
            keep_from = published.schedule_id
    if cut_short and latest is not None:  # a longer search should build on it, not start over
        when = latest.created_at.astimezone(zone)
        label = f"Go on from the current programme (built {when:%d %B %H:%M}, not proven the best)"
        if st.checkbox(label, value=True, help=GO_ON_HELP):
            go_on_from = latest.schedule_id
    elif published is None and latest is not None:  # staying close to a draft is a choice, not the rule
        when = latest.created_at.astimezone(zone)
        label = f"Stay close to the current programme (built {when:%d %B %H:%M})"
        if st.checkbox(label, value=False, help=KEEP_HELP.format(which="current")):
            keep_from = latest.schedule_id
    with st.expander("Solver settings"):
        workers = st.number_input("Worker threads", 1, 8, WORKERS)
        same = "The same seed, from the same start, gives the same schedule."
        seed = st.number_input("Random seed", 0, 10_000, SEED, help=same)
    if st.form_submit_button("Build the programme", type="primary", disabled=running()):
        start_solve(float(time_limit), int(workers), int(seed), keep_from, go_on_from)
_watch()
if state.get("solve_error"):
    st.error(f"The solver stopped with an error: {plain(state.get('solve_error'))}")
latest = store().latest_schedule(state.plan_id())  # again: a solve may have ended since
if latest is not None and state.get(JOB) is None:
    if latest.plan_version != stored.version:
        st.info(
            f"The schedule below was built for version {latest.plan_version}; the plan has changed since."
        )
    show_summary(store().version(state.plan_id(), latest.plan_version).plan, latest.schedule)
    if published is not None and published.schedule_id != latest.schedule_id:
        moves = Moves.between(store().schedule(published.schedule_id).schedule, latest.schedule)
        kept = any(c.name == "kept in place" for c in latest.schedule.objective.criteria)
        st.caption(
            f"Against publication {published.number}: {counted(moves.kept, 'meeting')} at the same time, "
            f"{moves.moved} moved, {moves.dropped} no longer scheduled, {moves.added} new. The Export page "
            "lists the changes before you publish."
            + (
                " Published meetings moved only to make room for new or displaced must and high requests: "
                "untick “Keep the published programme” to let them move for the others not scheduled too."
                if kept and latest.schedule.unscheduled
                else ""
            )
        )
    if latest.schedule.meetings:
        day_by_day = "See the programme day by day"
        st.page_link("programme_page.py", label=day_by_day, icon=":material/calendar_month:")
