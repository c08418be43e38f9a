"""The Settings page: which plan to work on, starting a new one, and how this server is set up."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from scheduler import Plan, load_plan_file
from scheduler.store import database_url
from ui import access, state
from ui.services import store

DATA = Path(__file__).resolve().parent.parent / "data"

st.title("Settings")
st.subheader("Plan")
ids = store().plan_ids()
names = {plan_id: store().latest(plan_id).plan.name for plan_id in ids}
current = state.plan_id()
chosen = st.selectbox("Work on", ids, index=ids.index(current), format_func=lambda i: f"{names[i]} (#{i})")
if chosen != current:
    state.choose_plan(chosen)
    st.rerun()

with st.form("new-plan"):
    st.markdown("**Start another plan**")
    samples = {p.stem: p for p in sorted(DATA.glob("*.json"))}
    source = st.selectbox("From", ["An empty plan", *samples])
    name = st.text_input("Name", placeholder="Working visit, June 2025")
    if st.form_submit_button("Create"):
        if source == "An empty plan":
            plan = Plan(name=name.strip() or "New plan")
        else:
            plan, problems = load_plan_file(samples[source])
            if name.strip():
                plan = Plan(**{**plan.__dict__, "name": name.strip()})
        created = store().create_plan(plan, note=f"created from {source}")
        state.choose_plan(created.plan_id)
        st.rerun()

st.subheader("This server")
url = database_url()
kind = "PostgreSQL (shared)" if url.startswith("postgresql") else "SQLite file on this machine"
st.write(f"Database: {kind}")
st.write(
    {
        "open": "Sign-in: none (open access, see the banner)",
        "password": "Sign-in: staff password from secrets",
        "oidc": "Sign-in: OpenID Connect provider from secrets",
    }[access.mode()]
)
