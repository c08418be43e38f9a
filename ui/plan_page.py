"""The Plan page: edit every list, availability and settings; import and download; versions and restore.

Every accepted change is saved at once as a new version. This browser session works on the version
it last loaded or saved; a save on top of a version someone else has replaced is refused, and the
edit stays on screen, ready to be applied again to the newest version.
"""

from __future__ import annotations

import hashlib
from functools import partial
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from scheduler import Conflict, Plan, counted, load_plan, plan_to_workbook, template_workbook, write_plan_json
from scheduler import workbook_layout as layout
from ui import state
from ui.busy_import import busy_import
from ui.edits import has_edit
from ui.free_table import NOT_FREE, free_table
from ui.heading import heading
from ui.merge import SETTINGS, Edit, ListEdit, PlanEdit, WindowsEdit
from ui.plain import plain
from ui.plan_import import import_choice, remember_import
from ui.plan_settings import settings_form
from ui.plan_tables import TABLES, availability_table, column_config, table, tables_to_plan, with_windows
from ui.services import store

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PENDING = "pending_edit"
MINE, THEIRS = "mine", "theirs"
UPLOAD = "upload_read"
SAVED_WARNINGS = "saved_warnings"
PEOPLE = ("hosts", "interpreters")  # what a calendar import changes


def show_problems(problems, limit: int = 25) -> None:
    """Errors first: a plan whose hosts gave a whole week of availability can have hundreds of
    warnings, and the one error that keeps it from being saved must not hide behind them."""
    problems = sorted(problems, key=lambda problem: not problem.is_error)
    for problem in problems[:limit]:
        (st.error if problem.is_error else st.warning)(plain(str(problem)))
    if len(problems) > limit:
        st.caption(f"… and {len(problems) - limit} more")


def save(plan_id: int, plan: Plan, base: int, note: str, pending=None, problems=()) -> None:
    """Save on top of `base`; on a conflict keep what was edited so that it can be applied again.
    The warnings of what is saved (`problems` holds no error) are shown again after the rerun."""
    try:
        version = store().save(plan_id, plan, base, note=note)
    except Conflict as conflict:
        state.put(PENDING, {"error": str(conflict), "edit": pending})
        state.rerun()  # show the refusal at the top, where the way to apply the edit again is
    state.drop(PENDING)
    state.put(SAVED_WARNINGS, list(problems))
    state.set_base_version(version)
    state.rerun()


def saved_warnings() -> None:
    """Once, after a save: the warnings of the plan just saved, which the rerun would otherwise wipe."""
    shown = state.get(SAVED_WARNINGS)
    state.drop(SAVED_WARNINGS)
    if shown:
        st.info(f"Saved with {counted(len(shown), 'warning')}: the plan can be solved as it is.")
        show_problems(shown)


def edit_list(plan_id: int, base: int, plan: Plan) -> None:
    titles = [s.title for s in TABLES]
    title = st.segmented_control("List", titles, default="Requests", key="list") or "Requests"
    sheet = next(s for s in TABLES if s.title == title)
    st.caption(sheet.purpose)
    frame = table(plan, sheet)
    key = f"edit-{plan_id}-{base}-{sheet.title}"
    edited = st.data_editor(
        frame, key=key, num_rows="dynamic", column_config=column_config(plan, sheet), width="stretch"
    )
    if has_edit(state.get(key)):
        new_plan, problems = tables_to_plan(plan, {sheet.title: edited})
        show_problems(problems)
        if new_plan is None:
            st.info("Not saved yet: correct the cells named above. Your edit stays in the table.")
        elif new_plan != plan and not state.get(PENDING):
            edit = ListEdit(sheet.title, frame, state.get(key))
            save(plan_id, new_plan, base, f"edited {sheet.title}", edit, problems)


def edit_availability(plan_id: int, base: int, plan: Plan) -> None:
    people = {p.id: f"{p.name} ({kind})" for kind, group in
              (("host", plan.hosts), ("interpreter", plan.interpreters), ("delegation", plan.delegations))
              for p in group}  # fmt: skip
    if not people:
        st.info("Add hosts, interpreters or delegations first.")
        return
    st.caption(
        f"Who is free when, as the solver reads the windows (edit them below); {NOT_FREE}: not free that day."
    )
    columns = {
        "Who": st.column_config.TextColumn(width="medium"),
        "Requests": st.column_config.NumberColumn(help="How many requests name them", width="small"),
    }
    free = free_table(plan)
    away = "background-color: #f0f0f0; color: #8a8a8a"  # a date someone is not free reads greyed out
    shaded = free.style.map(lambda text: away if text == NOT_FREE else "", subset=list(free.columns[3:]))
    height = min(600, 38 + 35 * len(people))
    st.dataframe(shaded, hide_index=True, width="stretch", height=height, column_config=columns)
    # a stale choice (someone since removed) gets no label, and the selection starts over
    who = st.selectbox(
        "Windows of", list(people), format_func=lambda p: people.get(p, ""), key="availability-who"
    )
    st.caption(
        "available: only then (hosts and interpreters; without any, the plan's working day on every "
        "visit date); unavailable: never then."
    )
    windows = availability_table(plan, who).iloc[:, 1:]
    key = f"windows-{plan_id}-{base}-{who}"
    config = column_config(plan, layout.AVAILABILITY)
    edited = st.data_editor(windows, key=key, num_rows="dynamic", column_config=config, width="stretch")
    if has_edit(state.get(key)):
        new_plan, problems = tables_to_plan(
            plan, {layout.AVAILABILITY.title: with_windows(plan, who, edited)}
        )
        show_problems(problems)
        if new_plan is not None and new_plan != plan and not state.get(PENDING):
            pending = WindowsEdit(who, windows, edited)
            save(plan_id, new_plan, base, pending.note, pending, problems)


def read_upload(name: str, content: bytes):
    """The plan in an upload, read once: every rerun with the file still in the uploader reuses it."""
    key = (name, hashlib.sha256(content).hexdigest())
    kept = state.get(UPLOAD)
    if not (isinstance(kept, tuple) and kept[0] == key):
        kept = (key, load_plan(name, content))
        state.put(UPLOAD, kept)
    return kept[1]


def import_and_download(plan_id: int, base: int, plan: Plan) -> None:
    uploaded = st.file_uploader("Import a plan (.json or .xlsx)", type=["json", "xlsx"])
    if uploaded is not None:
        imported, problems = read_upload(uploaded.name, uploaded.getvalue())
        show_problems(problems)
        if imported is None:
            st.error(
                f"{plain(uploaded.name)} was not imported: nothing was saved. Correct the problems above."
            )
        else:
            wanted = import_choice(plan_id, plan, uploaded.name, uploaded.getvalue(), imported)
            if wanted is not None:
                note = f"imported {uploaded.name}"
                remember_import(plan_id, uploaded.name, uploaded.getvalue(), plan, wanted)
                save(plan_id, wanted, base, note, PlanEdit(plan, wanted, note), problems)
    columns = st.columns(3)
    columns[0].download_button("Download the plan (.xlsx)", plan_to_workbook(plan), "plan.xlsx", mime=XLSX)
    columns[1].download_button("Download the plan (.json)", write_plan_json(plan), "plan.json")
    columns[2].download_button("Download an empty template", template_workbook(), "template.xlsx", mime=XLSX)


def versions(plan_id: int, base: int, zone: ZoneInfo) -> None:
    """Every saved version, with times in the plan's zone (staff and server may be elsewhere)."""
    history = store().versions(plan_id)
    frame = pd.DataFrame(
        [
            {
                "Version": v.version,
                "Name": v.name,
                "Saved": v.saved_at.astimezone(zone).strftime("%d %b %Y %H:%M:%S"),
                "By": v.author,
                "What": v.note,
            }
            for v in history
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")
    older = [v.version for v in history if v.version != base]
    if older:
        chosen = st.selectbox("Restore version", older)
        if st.button(f"Restore version {chosen} (saved as a new version; nothing is deleted)"):
            try:
                state.set_base_version(store().restore(plan_id, chosen, base))
                state.rerun()
            except Conflict as conflict:
                st.error(plain(str(conflict)))


def _option(options: dict[str, str], option: str) -> str:
    return plain(options[option])


def pending_edit(plan_id: int, latest) -> None:
    pending = state.get(PENDING)
    if not pending:
        return
    st.error(plain(pending["error"]))
    if st.button("Discard my edit and show the newest version"):
        state.drop(PENDING)
        state.set_base_version(latest.version)
        state.rerun()
    edit: Edit | None = pending.get("edit")
    if edit is None:
        return
    clashes = edit.clashes(latest.plan)
    choices = {}
    if clashes:
        st.warning(
            f"{counted(len(clashes), 'value')} you changed {'was' if len(clashes) == 1 else 'were'} changed "
            f"differently in version {latest.version}. Choose the one to keep for each:",
            icon=":material/call_split:",
        )
        for number, clash in enumerate(clashes):
            options = {
                MINE: f"Yours: {clash.mine or '(blank)'}",
                THEIRS: f"Version {latest.version}: {clash.theirs or '(blank)'}",
            }
            choices[number] = st.radio(
                plain(clash.where + (f" (was {clash.was})" if clash.was else "")),
                list(options),
                index=None,
                horizontal=True,
                key=f"clash-{latest.version}-{number}",
                format_func=partial(_option, options),
            )
    undecided = any(choice is None for choice in choices.values())
    if st.button(f"Apply my edit to version {latest.version}", type="primary", disabled=undecided):
        new_plan, problems = edit.merged(
            latest.plan, {n for n, choice in choices.items() if choice == THEIRS}
        )
        state.set_base_version(latest.version)
        if new_plan is None:
            show_problems(problems)
        elif new_plan == latest.plan:  # every clash kept as saved: nothing of the edit is left to save
            state.drop(PENDING)
            state.rerun()
        else:
            save(plan_id, new_plan, latest.version, f"{edit.note} (applied again)", edit, problems)


plan_id = heading("Plan")
base = state.base_version()
viewing = store().version(plan_id, base)
latest = store().latest(plan_id)
saved = viewing.saved_at.astimezone(ZoneInfo(viewing.plan.timezone))
st.caption(f"Version {viewing.version}, saved {saved:%d %B %Y %H:%M}")
saved_warnings()
pending_edit(plan_id, latest)
if latest.version != base and not state.get(PENDING):
    st.info(f"Someone saved version {latest.version} since you opened version {base}.")
    if st.button(f"Show version {latest.version}"):
        state.set_base_version(latest.version)
        state.rerun()
tabs = st.tabs(["Lists", "Availability", "Settings", "Import and download", "Versions"])
with tabs[0]:
    edit_list(plan_id, base, viewing.plan)
with tabs[1]:
    edit_availability(plan_id, base, viewing.plan)
with tabs[2]:
    settings_form(
        viewing.plan,
        lambda plan, note: save(plan_id, plan, base, note, PlanEdit(viewing.plan, plan, note, SETTINGS)),
        show_problems,
    )
with tabs[3]:
    import_and_download(plan_id, base, viewing.plan)
    busy_import(
        viewing.plan,
        lambda plan, note: save(plan_id, plan, base, note, PlanEdit(viewing.plan, plan, note, PEOPLE)),
        show_problems,
    )
with tabs[4]:
    versions(plan_id, base, ZoneInfo(viewing.plan.timezone))
