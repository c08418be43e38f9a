"""The e-mail of a publication: one message per person whose programme it changed.

Without an [smtp] section in .streamlit/secrets.toml the messages are .eml files to download. With one,
publishing sends them, and the section under "Publish" shows how far they got: who was not reached and
why, with a retry that sends only to them. What reached whom is kept in the database, so a reload,
another browser or a second press never writes to anyone twice. A host's or interpreter's message
carries a new private link of theirs, to accept or decline their meetings."""

from __future__ import annotations

import threading
from contextlib import suppress
from functools import lru_cache, partial
from urllib.parse import urlsplit

import streamlit as st

from scheduler import (
    Conflict,
    Delivery,
    SmtpSettings,
    changed_programmes,
    counted,
    latest_published,
    mail_delivery,
    mail_zip,
    send_publication,
    smtp_settings,
    unreachable_reason,
)
from ui.plain import plain
from ui.services import store

_lock = threading.Lock()


def settings() -> tuple[SmtpSettings | None, list[str]]:
    """The [smtp] settings (None without them), or what is wrong with them, each located."""
    try:
        section = st.secrets.get("smtp")
    except Exception:  # no secrets.toml at all
        section = None
    return smtp_settings(dict(section) if section else None)


def publishing_note(plan, before, preview) -> str:
    """What the question before publishing says of the e-mail: whom publishing will write to."""
    if settings()[0] is None:
        return ""
    told = changed_programmes(plan, before, preview)
    written = sum(unreachable_reason(notice) is None for notice in told)
    if not written:
        return ""
    return f" It e-mails the {counted(written, 'person', 'people')} with an address whose programme changes."


def send_published(plan_id: int, number: int) -> str:
    """Sends publication `number`'s messages when there are settings (a callback, right after publishing);
    a sentence on how it went, empty without settings. The publication stands whatever happens here."""
    found, _problems = settings()
    if found is None:
        return ""
    try:
        delivery = send_publication(store(), plan_id, found, number=number, page_address=_page_address())
    except Conflict as refused:  # the plan was deleted meanwhile
        return f" No message was sent: {refused}."
    if delivery is None or not (delivery.sent or delivery.to_send):
        return ""
    missed = (
        f"; {counted(len(delivery.to_send), 'person', 'people')} not reached (below)"
        if delivery.to_send
        else ""
    )
    return f" E-mailed {counted(len(delivery.sent), 'person', 'people')}{missed}."


def show_messages(plan_id: int) -> None:
    """The section under "Publish": nothing before the first publication."""
    delivery = mail_delivery(store(), plan_id)
    if delivery is None:
        return
    st.subheader("Messages of the last publication")
    number, told = delivery.number, delivery.notices
    if not told:
        st.caption(f"Publication {number} changed nobody's programme: there is nothing to tell.")
        return
    written = len(told) - len(delivery.unreachable)
    st.write(
        f"Publication {number} changed the programme of {counted(len(told), 'person', 'people')}; "
        f"{counted(written, 'message')} tell them what was added, moved or cancelled, each with its calendar."
    )
    carried = [n.name for n in told if n.person in delivery.carried]
    if carried:
        st.caption(f"An earlier message did not reach {', '.join(map(plain, carried))}: theirs also tells "
                   "what that one did.")  # fmt: skip
    if written:
        st.download_button(
            "Download the messages (.eml in a .zip)",
            partial(_messages, str(store().engine.url), plan_id, number),
            file_name=f"messages-{number}.zip",
            mime="application/zip",
        )
    if delivery.unreachable:
        with st.expander(f"{counted(len(delivery.unreachable), 'person', 'people')} not written to"):
            for notice, why in delivery.unreachable:
                st.write(f"- {plain(notice.name)}: {plain(why)}")
    if written:
        _sending(plan_id, delivery)


def _sending(plan_id: int, delivery: Delivery) -> None:
    """How far the sending got, and a button for those not reached (or not tried yet)."""
    found, problems = settings()
    if problems:
        st.error("The e-mail settings cannot be used: " + "; ".join(plain(p) for p in problems))
    if found is None:
        return
    if delivery.sent:
        st.success(f"Sent {counted(len(delivery.sent), 'message')} from {plain(found.sender)}.")
    if delivery.in_hand:
        st.info(f"{counted(len(delivery.in_hand), 'message')} going out at this moment.")
    if delivery.not_reached:
        st.warning(f"{counted(len(delivery.not_reached), 'person', 'people')} not reached:")
        for person, why in delivery.not_reached.items():
            st.write(f"- {plain(delivery.name(person))}: {plain(why)}")
    if not delivery.to_send:
        return
    tried = delivery.sent or delivery.not_reached or delivery.in_hand
    label = "Send the messages"
    if tried:
        label = f"Send again to the {counted(len(delivery.to_send), 'person', 'people')} not reached"
    st.button(label, type="secondary" if tried else "primary", on_click=_send,
              args=(plan_id, delivery.number, delivery.to_send), icon=":material/send:")  # fmt: skip


def _send(plan_id: int, number: int, only: tuple[str, ...]) -> None:
    """Sends publication `number`'s messages to those of `only` not reached yet (a callback)."""
    found, _problems = settings()
    # A plan deleted meanwhile (Conflict): the page says so when it is drawn again.
    with suppress(Conflict):
        if found is not None:
            send_publication(store(), plan_id, found, number=number, only=only, page_address=_page_address())


def _page_address() -> str:
    """The app's address as staff's browser reaches it, as the delegation links are made: hosts' and
    interpreters' private links in the messages start with it."""
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    return f"{parts.scheme}://{parts.netloc}"


def _messages(database: str, plan_id: int, number: int) -> bytes:
    with _lock:  # two presses at once build the file once
        return _zip(database, plan_id, number)


@lru_cache(maxsize=4)
def _zip(_database: str, plan_id: int, _number: int) -> bytes:
    programme = latest_published(store(), plan_id)
    if programme is None:
        return b""
    return mail_zip(programme.plan, programme.schedule, programme.previous, programme.record)
