"""Said at the top of the Programme and Export pages: the plan changed after the programme was built."""

from __future__ import annotations

import streamlit as st

from scheduler import Schedule, counted, verify
from ui.plain import plain
from ui.services import store
from ui.solve_job import SECONDS, SEED, WORKERS, running, start_solve

RESOLVE = "Build the programme again"


def outdated_notice(plan_id: int, built_for: int, schedule: Schedule, key: str) -> None:
    """When the plan is no longer at version `built_for`: what of the programme the plan as it is now no
    longer allows, and a button that builds the programme again (keeping the published one, as the Solve
    page does by default) and opens the Solve page to follow it."""
    current = store().latest(plan_id)
    if current.version == built_for:
        return
    broken = verify(current.plan, schedule)
    fit = (
        f"Against the plan as it is now, it breaks {counted(len(broken), 'rule')}."
        if broken
        else "It still fits the plan as it is now, but does not use the changes."
    )
    st.warning(
        f"The plan has changed since this programme was built: it was built for version {built_for}, and "
        f"the plan is now at version {current.version}. {fit} Build it again to use the changes.",
        icon=":material/warning:",
    )
    if broken:
        with st.expander("What no longer fits the plan"):
            for violation in broken:
                st.write(f"- {plain(violation.message)}")
    if running():
        st.caption("A programme is being built: the Solve page shows how far it is.")
    elif st.button(RESOLVE, type="primary", key=f"resolve-{key}", icon=":material/refresh:"):
        published = store().latest_publication(plan_id)
        start_solve(SECONDS, WORKERS, SEED, keep_from=published.schedule_id if published else None)
        st.switch_page("solve_page.py")
