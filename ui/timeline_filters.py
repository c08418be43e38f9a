"""What the Programme's timeline shows: the colour of each host organisation, the filters by delegation
and host, and the printable day view of what is shown."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from scheduler import Plan
from ui.day_sheet import day_sheets
from ui.timeline import INTERNAL, organisation
from ui.timeline_chart import COLOURS


def palette(plan: Plan) -> dict[str, str]:
    """A colour per host organisation, in the order hosts are listed: one organisation keeps its colour
    in the delegation, host and venue views, on every day and whatever is filtered out."""
    organisations = dict.fromkeys([*(organisation(h) for h in plan.hosts), INTERNAL])
    return {name: COLOURS[k % len(COLOURS)] for k, name in enumerate(organisations)}


def involving(plan: Plan, delegations: Iterable[str] = (), hosts: Iterable[str] = ()) -> set[str]:
    """The requests and fixed events with one of `delegations` (when any is given) and one of `hosts`
    (when any is given): what a filter by delegation and host keeps."""
    wanted_d, wanted_h = set(delegations), set(hosts)

    def kept(its_delegations: Iterable[str], its_hosts: Iterable[str]) -> bool:
        return (not wanted_d or bool(wanted_d & set(its_delegations))) and (
            not wanted_h or bool(wanted_h & set(its_hosts))
        )

    found = {r.id for r in plan.requests if kept(r.delegations, (*r.hosts, *r.optional_hosts))}
    return found | {e.id for e in plan.fixed if kept(e.delegations, e.hosts)}


def filtered(
    frame: pd.DataFrame, plan: Plan, lane: str, delegations: Iterable[str] = (), hosts: Iterable[str] = ()
) -> pd.DataFrame:
    """The bars of the meetings and events with the chosen delegations and hosts; in the delegation
    (host) view only the chosen delegations' (hosts') rows; lunches only of the chosen delegations."""
    delegations, hosts = tuple(delegations), tuple(hosts)
    if not delegations and not hosts:
        return frame
    kept = involving(plan, delegations, hosts)
    keep = frame["request"].isin(kept) | frame["event"].isin(kept)
    keep |= (frame["kind"] == "lunch") & frame["lane_id"].isin(delegations)
    own = {"Delegation": delegations, "Host": hosts}.get(lane, ())
    if own:
        keep &= frame["lane_id"].isin(own)
    return frame[keep]


def filter_bar(plan: Plan, lane: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The two filters above the timeline and the day view to print; returns the bars left to draw."""
    delegations = {d.id: d.name or d.id for d in plan.delegations}
    hosts = {h.id: f"{h.name} ({organisation(h)})" if h.organisation else h.name for h in plan.hosts}
    left, right = st.columns(2)
    chosen_d = left.multiselect(
        "Only with delegations", list(delegations), format_func=lambda d: delegations.get(d, d),
        placeholder="All delegations", key="filter-delegations",
    )  # fmt: skip
    chosen_h = right.multiselect(
        "Only with hosts", list(hosts), format_func=lambda h: hosts.get(h, h),
        placeholder="All hosts", key="filter-hosts",
    )  # fmt: skip
    shown = filtered(frame, plan, lane, chosen_d, chosen_h)
    if not frame.empty and shown.empty:
        st.info("Nothing in the programme has the delegations and hosts chosen together.")
    st.download_button(
        "Day view to print (one page per day)",
        day_sheets(shown, plan.name, lane, palette(plan)),
        file_name="programme-by-day.html",
        mime="text/html",
        icon=":material/print:",
        help="The timeline as shown (view and filters), as lists a browser prints: each day on a page of "
        "its own. Open the file and print it (Ctrl+P), or save it as a PDF.",
        key="day-sheets",
    )
    return shown
