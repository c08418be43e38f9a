"""The Plan page: the current plan at a glance, and a check of any plan file before it is used."""

from pathlib import Path

import streamlit as st

from scheduler import load_plan, load_plan_file
from ui import tables

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "ukraine-prosecutors-2024.json"


@st.cache_data
def _sample():
    return load_plan_file(SAMPLE)


def _show(plan) -> None:
    dates = sorted({d.arrive.date() for d in plan.delegations} | {d.depart.date() for d in plan.delegations})
    columns = st.columns(4)
    columns[0].metric("Delegations", len(plan.delegations))
    columns[1].metric("Hosts", len(plan.hosts))
    columns[2].metric("Requested meetings", len(plan.requests))
    if dates:
        columns[3].metric("Visit", f"{dates[0]:%d %b} – {dates[-1]:%d %b %Y}")
    tabs = st.tabs(["Requests", "Delegations", "Hosts", "Venues", "Fixed events"])
    for tab, frame in zip(
        tabs,
        (tables.requests, tables.delegations, tables.hosts, tables.venues, tables.fixed),
        strict=True,
    ):
        tab.dataframe(frame(plan), hide_index=True, width="stretch")


st.title("Plan")
uploaded = st.file_uploader("Check a plan file (.json or .xlsx)", type=["json", "xlsx"])
if uploaded is not None:
    plan, problems = load_plan(uploaded.name, uploaded.getvalue())
    for problem in problems:
        (st.error if problem.is_error else st.warning)(str(problem))
    if plan is None:
        st.stop()
    st.success(f"{uploaded.name} is a valid plan: {plan.name}")
else:
    plan, problems = _sample()
    if plan is None:
        st.error("The sample plan could not be read:\n\n" + "\n\n".join(str(p) for p in problems))
        st.stop()
    st.caption(f"Sample plan: {plan.name}")
_show(plan)
