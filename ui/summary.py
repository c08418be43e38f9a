"""A schedule in brief: scheduled per priority, travel, and every unscheduled request with its reasons."""

from __future__ import annotations

import re

import streamlit as st

from scheduler import PRIORITIES, Plan, Schedule, counted, headroom_sentence, proof_sentence, verify
from ui.plain import plain

STATUS_WORDS = {
    "optimal": "the best possible programme (proven optimal)",
    "feasible": "a valid programme; the solver ran out of time before proving it the best",
    "infeasible": "no valid programme exists with these pins and rules",
    "unknown": "no programme found in the time given",
}


def show_summary(plan: Plan, schedule: Schedule) -> None:
    st.subheader("Result")
    broken = verify(plan, schedule)  # a move by hand keeps the solver's status but may break rules
    if broken:
        st.write(f"**Not valid**: {counted(len(broken), 'rule')} broken in this programme since it was "
                 "changed by hand; the Programme page lists them.")  # fmt: skip
    else:
        st.write(f"**{schedule.status.capitalize()}**: {STATUS_WORDS.get(schedule.status, schedule.status)}, "
                 f"in {schedule.solve_seconds:.1f} s.")  # fmt: skip
        if schedule.status == "feasible" and schedule.objective.criteria:
            sentences = (proof_sentence(schedule.objective.criteria), headroom_sentence(schedule.objective))
            st.caption(" ".join(s for s in sentences if s))
    columns = st.columns(len(PRIORITIES) + 1)
    for column, priority in zip(columns, PRIORITIES, strict=False):
        done = schedule.objective.scheduled.get(priority, 0)
        wanted = schedule.objective.requested.get(priority, 0)
        column.metric(f"{priority.capitalize()}", f"{done} / {wanted}")
    columns[-1].metric("Delegation travel", f"{schedule.objective.travel_minutes} min")
    if not schedule.unscheduled:
        st.success("Every requested meeting has a place in the programme.")
        return
    findings = capacity_findings(schedule)
    if findings:  # what no longer time limit changes: the free time of a participant cannot hold them all
        st.markdown("**Capacity**: " + "; ".join(plain(f) for f in findings) + ".")
    about = {u.request: (u.request, "") for u in schedule.unscheduled}
    about |= {r.id: (r.title or r.id, r.priority) for r in plan.requests}  # (title, priority)
    st.markdown(f"**Not scheduled ({len(schedule.unscheduled)})**")
    if len(schedule.unscheduled) <= AS_TABLE_ABOVE:
        for item in schedule.unscheduled:
            _reasons(item, *about[item.request])
        return
    # Many: each must stays open on its own and every request goes into one table (hundreds of
    # expanders would take seconds to draw, and longer to read).
    rank = {p: k for k, p in enumerate(PRIORITIES)}
    ordered = sorted(schedule.unscheduled, key=lambda u: (rank.get(about[u.request][1], 9), u.request))
    for item in ordered:
        if about[item.request][1] == "must":
            _reasons(item, *about[item.request])
    rows = [
        {"Priority": about[u.request][1], "Request": about[u.request][0], "Id": u.request,
         "Why not": " · ".join(u.reasons)}
        for u in ordered
    ]  # fmt: skip
    st.dataframe(rows, hide_index=True, width="stretch", height=min(35 * len(rows) + 38, 600))


CAPACITY = re.compile(r".+ has .+ free on .+; its \d+ requested meetings? needs? .+ on the \d+-minute grid")
"""How the solver words a capacity finding (scheduler.solver.capacity): a reason of its own."""


def capacity_findings(schedule: Schedule) -> list[str]:
    """Each capacity finding among the reasons of the unscheduled requests, once, in order."""
    found = [r for u in schedule.unscheduled for r in u.reasons if CAPACITY.fullmatch(r)]
    return list(dict.fromkeys(found))


AS_TABLE_ABOVE = 20
"""Up to this many items (unscheduled requests, changes to publish) are listed one by one; more go
into a table."""


def _reasons(item, title: str, priority: str) -> None:
    with st.expander(plain(f"{title} · {priority} · {item.request}"), expanded=priority == "must"):
        for reason in item.reasons:
            st.write(f"- {plain(reason)}")
