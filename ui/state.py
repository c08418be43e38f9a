"""The only module that touches st.session_state: which plan and version this browser session works on;
and the one way a page runs again after an action (`rerun`)."""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

from ui.services import store

PLAN = "plan"  # the query parameter naming the plan worked on: ?plan=3
GONE = "plan_gone"


def plan_id() -> int:
    """The plan this session works on: the one chosen in Settings; in a new session (a reload, a bookmark,
    a second tab) the one its address names (?plan=N); else the first one stored. The address is kept
    naming it, whatever page is open, so that a reload or a bookmark opens the same plan."""
    ids = store().plan_ids()
    chosen = st.session_state.get("plan_id")
    if chosen is None:
        asked = _asked()
        if asked in ids:
            choose_plan(asked)
            chosen = asked
        elif asked is not None:  # a bookmark of a plan deleted since
            st.session_state[GONE] = asked
    if chosen not in ids:  # none chosen yet, or deleted from another session
        chosen = ids[0]
        choose_plan(chosen)
    if st.query_params.get(PLAN) != str(chosen):
        st.query_params[PLAN] = str(chosen)
    return chosen


def _asked() -> int | None:
    text = st.query_params.get(PLAN, "")
    return int(text) if text.isdigit() and len(text) < 12 else None


def gone_plan() -> int | None:
    """Once: the plan number an address asked for that no longer exists."""
    gone = st.session_state.pop(GONE, None)
    return gone if isinstance(gone, int) else None


def choose_plan(new_plan_id: int) -> None:
    st.session_state["plan_id"] = new_plan_id
    st.session_state.pop("base_version", None)
    st.query_params[PLAN] = str(new_plan_id)


def base_version() -> int:
    """The version this session's edits start from; a save on top of a newer one is refused."""
    if "base_version" not in st.session_state:
        st.session_state["base_version"] = store().latest(plan_id()).version
    version: int = st.session_state["base_version"]
    return version


def set_base_version(version: int) -> None:
    st.session_state["base_version"] = version


def get(key: str, default=None):
    return st.session_state.get(key, default)


def put(key: str, value) -> None:
    st.session_state[key] = value


def drop(key: str) -> None:
    st.session_state.pop(key, None)


def rerun() -> NoReturn:
    """Draw the page again after an action, unless a click on another page came while it ran.

    st.rerun() asks for this page again, and Streamlit folds that request into a pending one with the
    newer page winning: a click on the sidebar made while the action ran was lost, and staff stayed
    where they were (measured on Settings, before its actions became callbacks). An element first is a
    yield point, where Streamlit serves a pending request: the click goes through, the action done."""
    st.empty()
    st.rerun()
