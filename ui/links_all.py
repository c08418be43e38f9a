"""Delegation links for every delegation at once, and their QR codes on one sheet to print.

A link is shown only in the session that made it (the store keeps its fingerprint), so the sheet holds
the links made here; a delegation whose link was made elsewhere gets a new one only when staff say so,
since a new link stops the old one.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from scheduler import Conflict, Plan, counted
from ui import state
from ui.plain import plain
from ui.qr_sheet import qr_sheets
from ui.services import store

REPLACING_ALL = "replacing_all_links"  # staff asked for new links for all, until they confirm


def _make(plan_id: int, delegations: list[str], fresh_key: str) -> None:
    """Makes a link for each of `delegations`, kept in this session to be shown (a button callback)."""
    state.drop(REPLACING_ALL)
    fresh = state.get(fresh_key, {})
    try:
        for delegation in delegations:
            fresh[f"{plan_id}/{delegation}"] = store().issue_link(plan_id, delegation)
    except Conflict as refused:  # the plan was deleted from another session meanwhile
        st.error(plain(str(refused)))
    state.put(fresh_key, fresh)


def links_for_all(plan_id: int, plan: Plan, fresh_key: str, page_link: Callable[[str], str]) -> None:
    """The buttons that make links for all delegations, and the QR sheet of the links made here (for a
    plan of two delegations or more; one delegation has its own buttons and QR code below)."""
    if len(plan.delegations) < 2:
        return
    live = {d.id for d in plan.delegations if store().has_link(plan_id, d.id)}
    fresh: dict[str, str] = state.get(fresh_key, {})
    shown = [d for d in plan.delegations if d.id in live and f"{plan_id}/{d.id}" in fresh]
    without = [d.id for d in plan.delegations if d.id not in live]
    with st.container(border=True):
        st.markdown("**All delegations at once**")
        left, right = st.columns(2)
        left.button(
            f"Make links for the {counted(len(without), 'delegation')} without one",
            disabled=not without,
            on_click=_make,
            args=(plan_id, without, fresh_key),
            key="links-missing",
            type="primary" if without else "secondary",
        )
        right.button(
            "Make new links for every delegation",
            on_click=state.put,
            args=(REPLACING_ALL, plan_id),
            key="links-all",
        )
        if state.get(REPLACING_ALL) == plan_id:
            _confirm_replace(plan_id, plan, live, fresh_key)
        if shown:
            st.download_button(
                f"QR codes to print ({counted(len(shown), 'page')}, one per delegation)",
                qr_sheets(plan.name, [(d, page_link(fresh[f"{plan_id}/{d.id}"])) for d in shown]),
                file_name="delegation-links.html",
                mime="text/html",
                icon=":material/print:",
                help="For the welcome packs: each delegation's name and its link as a QR code, a page each. "
                "Open the file and print it (Ctrl+P), or save it as a PDF.",
                key="qr-sheets",
            )
        missing = [d.name or d.id for d in plan.delegations if d not in shown]
        if shown and missing:
            st.caption(
                "Not on the sheet (no link, or one made earlier and shown only then): "
                + plain(", ".join(missing))
            )


def _confirm_replace(plan_id: int, plan: Plan, live: set[str], fresh_key: str) -> None:
    st.warning(
        f"Make new links for all {counted(len(plan.delegations), 'delegation')}? The "
        f"{counted(len(live), 'link')} now active stop working at once: delegations that have one need the "
        "new one.",
        icon=":material/warning:",
    )
    yes, cancel = st.columns(2)
    yes.button(
        "Yes, make new links for all",
        type="primary",
        on_click=_make,
        args=(plan_id, [d.id for d in plan.delegations], fresh_key),
        key="links-all-yes",
    )
    cancel.button("Cancel", on_click=state.drop, args=(REPLACING_ALL,), key="links-all-no")
