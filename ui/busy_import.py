"""The Plan page's calendar import: a host's or interpreter's busy time from their own calendar export,
shown window by window before anything is saved."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pandas as pd
import streamlit as st

from scheduler import BusyImport, Plan, Problem, import_busy
from ui import state
from ui.plain import plain

READ = "busy_import_read"
CALENDAR_TYPES = ["ics", "ical", "ifb"]


def busy_import(plan: Plan, save: Callable[[Plan, str], None], show_problems: Callable) -> None:
    """Pick the person, upload their calendar, see the windows it adds, then save them as a version."""
    st.subheader("Busy times from a calendar")
    people = {h.id: f"{h.name} (host)" for h in plan.hosts} | {
        i.id: f"{i.name} (interpreter)" for i in plan.interpreters
    }
    if not people:
        st.info("Add hosts or interpreters first.")
        return
    st.caption(
        "A host or interpreter exports their calendar (Outlook, Google Calendar, Thunderbird: a .ics file); "
        "what keeps them busy on the visits' dates becomes their unavailable windows."
    )
    who = st.selectbox(
        "Whose calendar", list(people), format_func=lambda p: people.get(p, ""), key="busy-who"
    )
    uploaded = st.file_uploader("Their calendar (.ics)", type=CALENDAR_TYPES, key="busy-calendar")
    if uploaded is None or who is None:
        return
    found, problems = read_calendar(plan, who, uploaded.name, uploaded.getvalue())
    if found is None:
        show_problems(problems)
        st.error(f"{plain(uploaded.name)} was not imported: nothing was saved.")
        return
    st.write(plain(found.summary(uploaded.name)))
    if not found.added:
        return
    st.dataframe(added_table(found), hide_index=True, width="stretch")
    count = len(found.added)
    label = f"Add these {count} window{'s' * (count != 1)} to {people[who]} (saved as a new version)"
    if st.button(plain(label), type="primary", key="busy-save"):
        state.drop(READ)
        save(found.plan, f"added the busy times of {who} from {uploaded.name}")


def read_calendar(plan: Plan, who: str, name: str, content: bytes) -> tuple[BusyImport | None, list[Problem]]:
    """The import, worked out once per calendar, person and plan: the page runs again on every click."""
    key = (name, hashlib.sha256(content).hexdigest(), who)
    kept = state.get(READ)
    if not (isinstance(kept, tuple) and kept[0] == key and kept[1] == plan):
        kept = (key, plan, import_busy(plan, who, content, name))
        state.put(READ, kept)
    result: tuple[BusyImport | None, list[Problem]] = kept[2]
    return result


def added_table(found: BusyImport) -> pd.DataFrame:
    """One row per window: the date, and its start and end as a clock reads them (24:00 is midnight)."""
    rows = [
        {
            "Date": f"{window.start:%a} {window.start.day} {window.start:%B %Y}",
            "From": f"{window.start:%H:%M}",
            "To": "24:00" if window.end.date() > window.start.date() else f"{window.end:%H:%M}",
        }
        for window in found.added
    ]
    return pd.DataFrame(rows, columns=["Date", "From", "To"])
