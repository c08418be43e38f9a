"""The Export page: the printable workbook and the calendars of the current programme, and publishing it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import streamlit as st

from scheduler import verify
from scheduler.export.ics import ALL
from scheduler.publishing import changes_since_publication, publish_schedule
from scheduler.validate_words import counted
from ui import state
from ui.export_files import calendar_file, calendars_archive, workbook_file
from ui.plain import plain
from ui.services import store

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _changes_text(plan, changes) -> tuple[list[str], list[str]]:
    """The changes as lines: those a delegation sees, and those only hosts or interpreters see."""
    items = (*plan.requests, *plan.fixed)
    titles = {x.id: getattr(x, "title", None) or x.id for x in items}
    concerns_a_delegation = {x.id for x in items if x.delegations}
    shown, hosts_only = [], []
    for label, keys in (
        ("Added", changes.added),
        ("Moved", changes.moved),
        ("Cancelled", changes.cancelled),
        ("Attendees changed", changes.reassigned),
    ):
        for key in keys:
            line = f"{label}: {titles.get(key, key)}"
            # An id no longer in the plan was a delegation's if it ever reached a delegation's calendar.
            (shown if key in concerns_a_delegation or key not in titles else hosts_only).append(line)
    return shown, hosts_only


st.title("Export")
plan_id = state.plan_id()
latest = store().latest_schedule(plan_id)
if latest is None:
    st.info("No programme yet: build one on the Solve page.")
    st.page_link("solve_page.py", label="Go to Solve", icon="⚙️")
    st.stop()
plan = store().version(plan_id, latest.plan_version).plan
now = store().latest(plan_id).version
if latest.plan_version != now:
    st.info(f"This programme was built for version {latest.plan_version} of the plan, which is now at "
            f"version {now}: build it again on the Solve page to use the changes.")  # fmt: skip
broken = verify(plan, latest.schedule)  # a move by hand may break rules; publishing would show the clashes
if broken:
    st.warning(f"{counted(len(broken), 'rule')} broken in this programme since it was changed by hand; the "
               "Programme page lists them. Publishing it shows the delegations those clashes.")  # fmt: skip
published = store().latest_publication(plan_id)
number = published.number if published else 0
files = (plan_id, latest.schedule_id, number)  # what the files are built from, when a button asks

st.subheader("Programme workbook")
st.download_button(
    "Download the programme (.xlsx)", lambda: workbook_file(*files), file_name="programme.xlsx", mime=XLSX
)

st.subheader("Calendars")
owners = {ALL: "Everything"} | {p.id: p.name for p in (*plan.delegations, *plan.hosts, *plan.interpreters)}
owner = st.selectbox("Calendar of", list(owners), format_func=lambda o: owners[o])
st.download_button(
    f"Download {owners[owner]} (.ics)",
    lambda chosen=owner: calendar_file(*files, chosen),  # bound now: built later, on the press
    file_name=f"{owner}.ics",
    mime="text/calendar",
)
st.download_button(
    "Download all calendars (.zip)",
    lambda: calendars_archive(*files),
    file_name="calendars.zip",
    mime="application/zip",
)

st.subheader("Publish to the delegations")
if published:
    when = published.published_at.astimezone(ZoneInfo(plan.timezone))  # the plan's clock, not the server's
    st.caption(f"Publication {published.number}, {when:%d %B %Y %H:%M}.")
else:
    st.caption("Nothing published yet: delegation links show nothing until the first publication.")
changes = changes_since_publication(store(), plan_id, latest.schedule_id)
lines, hosts_only = _changes_text(plan, changes)
if published and published.schedule_id == latest.schedule_id:
    st.success("The delegations see this programme.")
else:
    if lines:
        st.write(f"Publishing this programme makes {counted(len(lines), 'change')} for the delegations:")
        for line in lines:
            st.write(f"- {plain(line)}")
    if hosts_only:
        with st.expander(f"And {counted(len(hosts_only), 'change')} that only hosts or interpreters see"):
            for line in hosts_only:
                st.write(f"- {plain(line)}")
if st.button(
    "Publish this programme",
    type="primary",
    disabled=bool(published and published.schedule_id == latest.schedule_id),
):
    number, _ = publish_schedule(store(), plan_id, latest.schedule_id)
    st.toast(f"Published as publication {number}")
    st.rerun()
