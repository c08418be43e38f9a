"""Importing a plan file on the Plan page: what it would change and then did (counts per list), the
plan's own name kept unless staff ask for the file's, and each file imported once.

A second click on the button, or the same file left in the uploader, finds the plan already as the
file has it and offers nothing to import again.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import streamlit as st

from scheduler import Plan
from ui import state
from ui.plain import plain

IMPORTED = "imported_files"  # file keys whose plan this session saved: shown as done, not offered again
LISTS = (
    ("requests", "Requests"),
    ("delegations", "Delegations"),
    ("hosts", "Hosts"),
    ("interpreters", "Interpreters"),
    ("venues", "Venues"),
    ("travel", "Travel"),
    ("fixed", "Fixed events"),
    ("pinned", "Pinned"),
    ("order", "Order"),
)
KEYS = {"travel": ("from_", "to"), "pinned": ("request",), "order": ("before", "after")}
SETTINGS = {
    "timezone": "time zone",
    "slot_minutes": "slot grid",
    "day": "working day",
    "lunch": "lunch",
    "default_travel_minutes": "default travel",
    "precedence": "order of precedence",
}


def changes(before: Plan, after: Plan) -> list[str]:
    """What replacing `before` by `after` changes, one line per list that changes (its count before and
    after; how many added, removed, changed), then the settings and the name that change."""
    lines = []
    for section, title in LISTS:
        old = {_key(section, item): item for item in getattr(before, section)}
        new = {_key(section, item): item for item in getattr(after, section)}
        added = len(new.keys() - old.keys())
        removed = len(old.keys() - new.keys())
        changed = sum(old[k] != new[k] for k in old.keys() & new.keys())
        if added or removed or changed or len(old) != len(new):
            parts = [
                f"{n} {word}"
                for n, word in ((added, "added"), (removed, "removed"), (changed, "changed"))
                if n
            ]
            lines.append(f"{title}: {len(old)} → {len(new)} ({', '.join(parts) or 'reordered'})")
    settings = [label for name, label in SETTINGS.items() if getattr(before, name) != getattr(after, name)]
    if settings:
        lines.append("Settings: " + ", ".join(settings))
    if before.name != after.name:
        lines.append(f'Name: "{before.name}" → "{after.name}"')
    return lines


def _key(section: str, item: object) -> tuple:
    names = KEYS.get(section, ("id",))
    return tuple(getattr(item, name) for name in names)


def file_key(plan_id: int, name: str, content: bytes) -> str:
    return f"{plan_id}:{name}:{hashlib.sha256(content).hexdigest()}"


def import_choice(plan_id: int, plan: Plan, name: str, content: bytes, imported: Plan) -> Plan | None:
    """Shows what importing the file would change (or did) and, unless the plan is already as the file
    has it, the button; returns the plan to save when it is pressed."""
    key = file_key(plan_id, name, content)
    take_name = False
    if imported.name != plan.name:
        take_name = st.checkbox(
            f'Also rename the plan to the file\'s name, "{plain(imported.name)}"',
            key=f"import-name-{key}",
            help=f'Unticked, the plan keeps its name, "{plain(plan.name)}".',
        )
    wanted = imported if take_name else replace(imported, name=plan.name)
    if wanted == plan:
        done = state.get(IMPORTED, {}).get(key)
        if done:
            st.success(f"Imported {plain(name)} as version {state.base_version()}. It changed:")
            st.markdown("\n".join(f"- {plain(line)}" for line in done["lines"]) or "- nothing")
        else:
            st.info(f"The plan is already as {plain(name)} has it: nothing to import.")
        return None
    lines = changes(plan, wanted)
    st.markdown(f"Importing {plain(name)} replaces the plan's lists and settings:")
    st.markdown("\n".join(f"- {plain(line)}" for line in lines))
    if not st.button(f"Replace the plan with {plain(name)} (saved as a new version)", type="primary"):
        return None
    return wanted


def remember_import(plan_id: int, name: str, content: bytes, before: Plan, after: Plan) -> None:
    """Kept for this session, just before the save: what importing the file changes. It is shown as
    done once the plan is as the file has it (a save refused by a conflict leaves it unshown)."""
    done = dict(state.get(IMPORTED, {}))
    done[file_key(plan_id, name, content)] = {"lines": changes(before, after)}
    state.put(IMPORTED, done)
