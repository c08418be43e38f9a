"""The top of every staff page: its title, and which plan it shows, so that nobody publishes, links or
edits the wrong one."""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.plain import plain
from ui.services import store

PLAN_ICON = ":material/folder_open:"


def heading(title: str, more: str = "") -> int:
    """Draws the title and names the plan worked on (`more`, Markdown, after its name); returns its id."""
    st.title(title)
    plan_id = state.plan_id()
    gone = state.gone_plan()
    if gone is not None:
        st.warning(f"This address named plan #{gone}, which no longer exists: the page shows another plan.")
    name = store().latest(plan_id).plan.name
    st.caption(f"{PLAN_ICON} Plan: **{plain(name)}** (#{plan_id})" + (f" · {more}" if more else ""))
    return plan_id
