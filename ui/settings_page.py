"""The Settings page: which plan to work on, starting a new one, and how this server is set up."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from scheduler import LastPlan, Plan, database_url, load_plan_file
from ui import access, state
from ui.export_files import forget_files
from ui.heading import heading
from ui.plain import plain
from ui.services import store
from ui.solve_job import JOB

DATA = Path(__file__).resolve().parent.parent / "data"
NOTICE = "settings_notice"
EMPTY = "An empty plan"
SOURCE, NAME = "new-plan-source", "new-plan-name"
WORK_ON, TYPED, REFUSAL = "work-on", "delete-typed", "settings_refusal"


def _names() -> dict[int, str]:
    """Every stored plan's current name, leaving out one deleted elsewhere while this was read."""
    names = {}
    for plan_id in store().plan_ids():
        try:
            names[plan_id] = store().latest(plan_id).plan.name
        except KeyError:
            continue
    return names


def _samples() -> dict[str, Path]:
    return {p.stem: p for p in sorted(DATA.glob("*.json"))}


def _create() -> None:
    """Creates the plan the form describes and works on it. Like the page's other actions, a callback: it
    runs before the page is drawn, so the page shows the outcome at once, with no second run that a click
    on another page could overtake (the click would be lost)."""
    source, name = state.get(SOURCE), state.get(NAME, "").strip()
    if source == EMPTY:
        plan = Plan(name=name or "New plan")
    else:
        loaded, _ = load_plan_file(_samples()[source])
        assert loaded is not None  # the bundled samples are valid (tests load them)
        plan = loaded
        if name:
            plan = Plan(**{**plan.__dict__, "name": name})
    created = store().create_plan(plan, note=f"created from {source}")
    state.choose_plan(created.plan_id)
    state.put(
        NOTICE,
        f"Created “{plain(plan.name)}” from {source.lower() if source == EMPTY else plain(source)}. "
        "Now working on it.",
    )


def _switch() -> None:
    state.choose_plan(state.get(WORK_ON))


def _delete_confirmed(plan_id: int, name: str) -> None:
    refusal = _delete(plan_id, name, state.get(TYPED, ""))
    if refusal is not None:
        state.put(REFUSAL, refusal)


def _delete(plan_id: int, name: str, typed: str) -> str | None:
    """Deletes the plan when `typed` is its name and switches to another; else why nothing was deleted."""
    if store().plan_ids() == [plan_id]:
        return f"Nothing was deleted, because {LastPlan(plan_id)}."
    if typed.strip() != name.strip():
        return f"Nothing was deleted: type the plan's name exactly as it is, “{plain(name)}”, to confirm."
    job = state.get(JOB)
    if job is not None and job.running and job.plan_id == plan_id:
        return (
            "Nothing was deleted: a programme is being built for this plan; stop it on the Solve page first."
        )
    try:
        store().delete_plan(plan_id)
    except LastPlan as refused:  # another session deleted the other plans a moment ago
        return f"Nothing was deleted, because {refused}."
    except KeyError:
        pass  # deleted from another session already: the outcome asked for
    forget_files()
    names = _names()
    other = next(iter(names))
    state.choose_plan(other)
    state.put(NOTICE, f"Deleted “{plain(name)}”. Now working on “{plain(names[other])}”.")
    return None


heading("Settings")
if state.get(NOTICE):
    st.success(state.get(NOTICE))
    state.drop(NOTICE)
st.subheader("Plan")
current = state.plan_id()
names = _names()
if current not in names:  # deleted from another session between the two reads
    state.choose_plan(next(iter(names)))
    state.rerun()
state.put(WORK_ON, current)  # the plan worked on may have changed on another page
st.selectbox(
    "Work on", list(names), key=WORK_ON, format_func=lambda i: f"{names[i]} (#{i})", on_change=_switch
)

with st.form("new-plan", clear_on_submit=True):
    st.markdown("**Start another plan**")
    st.selectbox("From", [EMPTY, *_samples()], key=SOURCE)
    st.text_input("Name", placeholder="Working visit of the Moldovan police", key=NAME)
    st.form_submit_button("Create", on_click=_create)

with st.form("delete-plan", clear_on_submit=True):
    st.markdown("**Delete this plan**")
    st.caption(
        f"Deletes “{plain(names[current])}” with every version, programme and publication of it. Its "
        "delegation links and calendar subscriptions stop working. This cannot be undone."
    )
    st.text_input("Type the plan's name to confirm", key=TYPED)
    st.form_submit_button("Delete this plan", on_click=_delete_confirmed, args=(current, names[current]))
if state.get(REFUSAL):
    st.error(state.get(REFUSAL))
    state.drop(REFUSAL)

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
