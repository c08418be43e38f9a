"""The Export page: the printable workbook and the calendars of the current programme, and publishing it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

import streamlit as st

from scheduler import ALL_CALENDARS as ALL
from scheduler import (
    Conflict,
    Delegation,
    Host,
    Interpreter,
    counted,
    latest_record,
    publication_preview,
    publish_schedule,
    verify,
)
from ui import state
from ui.answers import answers_section
from ui.export_files import calendar_file, calendars_archive, workbook_file
from ui.heading import heading
from ui.notifications import publishing_note, send_published, show_messages
from ui.outdated import outdated_notice
from ui.plain import plain
from ui.services import store
from ui.summary import AS_TABLE_ABOVE

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONFIRM, PUBLISHED, REFUSED = "publish_confirm", "publish_notice", "publish_refused"


KINDS = ("Added", "Moved", "Cancelled", "Attendees changed")


@dataclass(frozen=True)
class _Change:
    kind: str
    title: str
    start: datetime
    when: str
    delegations: str
    seen_by: tuple[str, ...] = ()  # the ids of the delegations that see it

    @property
    def line(self) -> str:
        return f"{self.kind}: {self.title} ({self.when})"


def _changes(plan, record, before) -> tuple[list[_Change], list[_Change]]:
    """The changes publishing would make: those a delegation sees, and those only hosts or interpreters see.
    Each reads with its time as it would be published (a cancelled one, its last published time); a moved
    one with its time in `before` (the last publication's record) and its new time: old -> new."""
    zone = ZoneInfo(plan.timezone)
    names = {d.id: d.name for d in plan.delegations}
    shown: list[_Change] = []
    hosts_only: list[_Change] = []
    done = record.changes
    for kind, keys in zip(KINDS, (done.added, done.moved, done.cancelled, done.reassigned), strict=True):
        for key in keys:
            event = record.events[key]
            seen_ids = tuple(dict.fromkeys(w for w in (*event.attendees, *event.former) if w in names))
            seen_by = [names[who] for who in seen_ids]
            when = f"{event.start.astimezone(zone):%a %d %b, %H:%M}"
            old = before.events.get(key) if before is not None and kind == "Moved" else None
            if old is not None:
                when = _old_to_new(old, event, zone)
            change = _Change(kind, event.title, event.start, when, ", ".join(seen_by), seen_ids)
            (shown if seen_by else hosts_only).append(change)
    return sorted(shown, key=_in_order), sorted(hosts_only, key=_in_order)


def _old_to_new(old, new, zone: ZoneInfo) -> str:
    """ "Mon 22 Apr, 10:00 → 11:30", the day named again only when it changed; the same time in another
    place reads as such."""
    was, now = old.start.astimezone(zone), new.start.astimezone(zone)
    if was == now:
        return f"{now:%a %d %b, %H:%M}, same time, other place"
    later = f"{now:%H:%M}" if was.date() == now.date() else f"{now:%a %d %b, %H:%M}"
    return f"{was:%a %d %b, %H:%M} → {later}"


def _in_order(change: _Change) -> tuple:
    """Each kind of change together, in the order of time."""
    return KINDS.index(change.kind), change.start


def _show_changes(changes: list[_Change]) -> None:
    """A few changes as lines; many as one table (searchable, sortable)."""
    if len(changes) <= AS_TABLE_ABOVE:
        for change in changes:
            st.write(f"- {plain(change.line)}")
        return
    rows = [
        {"Change": c.kind, "When": c.when, "What": c.title, "Delegations": c.delegations} for c in changes
    ]
    columns = ["Change", "When", "What"] + (["Delegations"] if any(c.delegations for c in changes) else [])
    st.dataframe(rows, hide_index=True, width="stretch", column_order=columns)


def _publish(plan_id: int, schedule_id: int) -> None:
    """Publishes once staff confirmed it (a callback: it runs before the page is drawn again)."""
    state.drop(CONFIRM)
    try:
        number, _ = publish_schedule(store(), plan_id, schedule_id)
    except Conflict as refused:  # the plan was deleted meanwhile, or too many published at once
        state.put(REFUSED, str(refused))
        return
    shown = f"Published as publication {number}: the delegations' pages and calendars show it."
    state.put(PUBLISHED, shown + send_published(plan_id, number))  # e-mail, with the settings for it


def _confirm(plan_id: int, schedule_id: int, plan, shown: list[_Change], first: bool, mail: str) -> None:
    """The question before publishing: what reaches whom (`mail`: whom it e-mails), then Publish or Cancel."""
    reached = {who for change in shown for who in change.seen_by}
    at_once = "their private pages and calendar subscriptions show it at once"
    if first:
        count = len(plan.delegations)
        whom = "the plan's delegation" if count == 1 else f"all {count} delegations"
        reach = f"It reaches {whom}: {at_once}."
    elif reached:
        reach = f"It changes the programme of {counted(len(reached), 'delegation')}: {at_once}."
    else:
        reach = "No delegation's programme changes; hosts' and interpreters' calendars do."
    with st.container(border=True):
        st.markdown(
            f"**Publish this programme now?** {reach}{mail} A publication cannot be taken back, only "
            "replaced by a new one."
        )
        left, right = st.columns(2)
        icon = ":material/publish:"
        left.button("Yes, publish", type="primary", on_click=_publish, args=(plan_id, schedule_id), icon=icon)
        right.button("Cancel", on_click=state.drop, args=(CONFIRM,))


def _kinds(changes: list[_Change]) -> str:
    counts = {kind: sum(c.kind == kind for c in changes) for kind in dict.fromkeys(c.kind for c in changes)}
    return ", ".join(f"{n} {kind.lower()}" for kind, n in counts.items())


plan_id = heading("Export")
latest = store().latest_schedule(plan_id)
if latest is None:
    st.info("No programme yet: build one on the Solve page.")
    st.page_link("solve_page.py", label="Go to Solve", icon=":material/play_circle:")
    st.stop()
plan = store().version(plan_id, latest.plan_version).plan
outdated_notice(plan_id, latest.plan_version, latest.schedule, "export")
broken = verify(plan, latest.schedule)  # a move by hand may break rules; publishing would show the clashes
if broken:
    st.warning(f"{counted(len(broken), 'rule')} broken in this programme since it was changed by hand; the "
               "Programme page lists them. Publishing it shows the delegations those clashes.")  # fmt: skip
published = store().latest_publication(plan_id)
number = published.number if published else 0
files = (plan_id, latest.schedule_id, number)  # what the files are built from, when a button asks

st.subheader("Programme workbook")
english = st.checkbox(
    "Every delegation's programme in English",
    help="Otherwise each delegation's sheet is in the language of its page and calendar.",
)
st.download_button(
    "Download the programme (.xlsx)",
    lambda: workbook_file(*files, english=english),
    file_name="programme.xlsx",
    mime=XLSX,
)

st.subheader("Calendars")
people: tuple[Delegation | Host | Interpreter, ...] = (*plan.delegations, *plan.hosts, *plan.interpreters)
owners = {ALL: "Everything"} | {p.id: p.name for p in people}
owner = st.selectbox("Calendar of", list(owners), format_func=lambda o: owners[o])
st.download_button(
    f"Download {plain(owners[owner])} (.ics)",
    partial(calendar_file, *files, owner),  # bound now: built later, on the press
    file_name=f"{owner}.ics",
    mime="text/calendar",
)
st.download_button(
    "Download all calendars (.zip)",
    lambda: calendars_archive(*files),
    file_name="calendars.zip",
    mime="application/zip",
)

answers_section(plan_id, plan, latest.schedule)  # what hosts said, before it goes out

st.subheader("Publish to the delegations")
if published:
    when = published.published_at.astimezone(ZoneInfo(plan.timezone))  # the plan's clock, not the server's
    st.caption(f"Publication {published.number}, {when:%d %B %Y %H:%M}.")
else:
    st.caption("Nothing published yet: delegation links show nothing until the first publication.")
preview = publication_preview(store(), plan_id, latest.schedule_id)
before = latest_record(store(), plan_id)
shown, hosts_only = _changes(plan, preview, before)
if published and published.schedule_id == latest.schedule_id:
    st.success("The delegations see this programme.")
else:
    if shown:
        st.write(f"Publishing this programme makes {counted(len(shown), 'change')} for the delegations:")
        if len(shown) <= AS_TABLE_ABOVE:
            _show_changes(shown)
        else:
            with st.expander(_kinds(shown).capitalize()):
                _show_changes(shown)
    if hosts_only:
        with st.expander(f"And {counted(len(hosts_only), 'change')} that only hosts or interpreters see"):
            _show_changes(hosts_only)
if state.get(PUBLISHED):
    st.success(state.get(PUBLISHED), icon=":material/check_circle:")
    state.drop(PUBLISHED)
if state.get(REFUSED):
    st.error(plain(state.get(REFUSED)))
    state.drop(REFUSED)
current = bool(published and published.schedule_id == latest.schedule_id)
if state.get(CONFIRM) == latest.schedule_id and not current:
    _confirm(
        plan_id, latest.schedule_id, plan, shown, published is None, publishing_note(plan, before, preview)
    )
else:
    st.button(
        "Publish this programme",
        type="primary",
        disabled=current,
        on_click=state.put,
        args=(CONFIRM, latest.schedule_id),
        icon=":material/publish:",
    )
show_messages(plan_id)
