"""The Export page's messages of the last publication: one e-mail per person whose programme it changed,
as .eml files to download, and who cannot be written to (no address in the plan, or a wrong one).

With an [smtp] section in .streamlit/secrets.toml the page also sends them: each person once per
publication (what was sent is remembered for the session), then lists who was not reached and why,
with a retry that sends only to them."""

from __future__ import annotations

import threading
from functools import lru_cache, partial

import streamlit as st

from scheduler import (
    changed_programmes,
    counted,
    latest_published,
    mail_zip,
    publication_messages,
    send_messages,
    smtp_settings,
    unreachable_reason,
)
from ui import state
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
    if reached:
        _sending(plan_id, programme.number, {n.person: n.name for n in told})


def _smtp_section() -> dict | None:
    try:
        section = st.secrets.get("smtp")
    except Exception:  # no secrets.toml at all
        return None
    return dict(section) if section else None


def _sending(plan_id: int, number: int, names: dict[str, str]) -> None:
    """Send, then the ones not reached with a retry; `names` of everyone the publication concerns."""
    settings, problems = smtp_settings(_smtp_section())
    if problems:
        st.error("The e-mail settings cannot be used: " + "; ".join(plain(p) for p in problems))
    if settings is None:
        return
    key = f"mail_sent_{plan_id}_{number}"
    done: dict[str, dict[str, str]] = state.get(key) or {"sent": {}, "failed": {}}
    if not done["sent"] and not done["failed"]:
        st.button("Send the messages", type="primary", on_click=_send, args=(plan_id, number, key, None),
                  icon=":material/send:")  # fmt: skip
        return
    st.success(f"Sent {counted(len(done['sent']), 'message')} from {plain(settings.sender)}.")
    if done["failed"]:
        st.warning(f"{counted(len(done['failed']), 'person', 'people')} not reached:")
        for person, why in done["failed"].items():
            st.write(f"- {plain(names.get(person, person))}: {plain(why)}")
        st.button(f"Send again to the {counted(len(done['failed']), 'person', 'people')} not reached",
                  on_click=_send, args=(plan_id, number, key, tuple(done["failed"])),
                  icon=":material/send:")  # fmt: skip


def _send(plan_id: int, number: int, key: str, only: tuple[str, ...] | None) -> None:
    """Sends the publication's messages not sent yet in this session (only `only`, on a retry)."""
    settings, _problems = smtp_settings(_smtp_section())
    programme = latest_published(store(), plan_id)
    if settings is None or programme is None or programme.number != number:
        return
    done: dict[str, dict[str, str]] = state.get(key) or {"sent": {}, "failed": {}}
    built, _unreachable = publication_messages(
        programme.plan, programme.schedule, programme.previous, programme.record, sender=settings.sender
    )
    wanted = {
        person: message
        for person, message in built.items()
        if person not in done["sent"] and (only is None or person in only)
    }
    failed = send_messages(settings, wanted)
    sent = {person: "" for person in wanted if person not in failed}
    state.put(key, {"sent": done["sent"] | sent, "failed": failed | {
        p: why for p, why in done["failed"].items() if p not in wanted}})  # fmt: skip


def _messages(database: str, plan_id: int, number: int) -> bytes:
    with _lock:  # two presses at once build the file once
        return _zip(database, plan_id, number)


@lru_cache(maxsize=4)
def _zip(_database: str, plan_id: int, _number: int) -> bytes:
    programme = latest_published(store(), plan_id)
    if programme is None:
        return b""
    return mail_zip(programme.plan, programme.schedule, programme.previous, programme.record)
