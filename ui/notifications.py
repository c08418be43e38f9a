"""The Export page's messages of the last publication: one e-mail per person whose programme it changed,
as .eml files to download, and who cannot be written to (no address in the plan, or a wrong one)."""

from __future__ import annotations

import threading
from functools import lru_cache, partial

import streamlit as st

from scheduler import changed_programmes, counted, latest_published, mail_zip, unreachable_reason
from ui.plain import plain
from ui.services import store

_lock = threading.Lock()


def show_messages(plan_id: int) -> None:
    """The section under "Publish": nothing before the first publication."""
    programme = latest_published(store(), plan_id)
    if programme is None:
        return
    st.subheader("Messages of the last publication")
    told = changed_programmes(programme.plan, programme.previous, programme.record)
    if not told:
        st.caption(f"Publication {programme.number} changed nobody's programme: there is nothing to tell.")
        return
    missed = [(notice, why) for notice in told if (why := unreachable_reason(notice)) is not None]
    reached = len(told) - len(missed)
    st.write(
        f"Publication {programme.number} changed the programme of {counted(len(told), 'person', 'people')}; "
        f"{counted(reached, 'message')} tell them what was added, moved or cancelled, each with its calendar."
    )
    if reached:
        st.download_button(
            "Download the messages (.eml in a .zip)",
            partial(_messages, str(store().engine.url), plan_id, programme.number),
            file_name=f"messages-{programme.number}.zip",
            mime="application/zip",
        )
    if missed:
        with st.expander(f"{counted(len(missed), 'person', 'people')} not written to"):
            for notice, why in missed:
                st.write(f"- {plain(notice.name)}: {plain(why)}")


def _messages(database: str, plan_id: int, number: int) -> bytes:
    with _lock:  # two presses at once build the file once
        return _zip(database, plan_id, number)


@lru_cache(maxsize=4)
def _zip(_database: str, plan_id: int, _number: int) -> bytes:
    programme = latest_published(store(), plan_id)
    if programme is None:
        return b""
    return mail_zip(programme.plan, programme.schedule, programme.previous, programme.record)
