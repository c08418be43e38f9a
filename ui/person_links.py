"""Private links for hosts and interpreters, one tap away on the links page: made (shown once), and
revoked after a question. A person may hold several links at once (each message may carry its own), so
a new link stops none; revoking stops all of that person's links."""

from __future__ import annotations

from urllib.parse import quote

import streamlit as st

from scheduler import Conflict, Host, Interpreter, Plan, counted
from ui import state
from ui.plain import plain
from ui.services import store

NEW_PERSON_LINKS = "new_person_links"  # "plan/kind/person" -> the token made in this session
REVOKING_PERSON = "revoking_person_links"  # "plan/kind/person" whose links staff asked to revoke


def _make(plan_id: int, kind: str, person: str) -> None:
    """Makes a link, kept in this session to be shown once (a button callback)."""
    fresh = state.get(NEW_PERSON_LINKS, {})
    try:
        fresh[f"{plan_id}/{kind}/{person}"] = store().issue_person_link(plan_id, kind, person)
    except Conflict as refused:  # the plan was deleted from another session meanwhile
        st.error(plain(str(refused)))
        return
    state.put(NEW_PERSON_LINKS, fresh)


def _revoke(plan_id: int, kind: str, person: str) -> None:
    state.drop(REVOKING_PERSON)
    store().revoke_person_links(plan_id, kind, person)
    fresh = state.get(NEW_PERSON_LINKS, {})
    fresh.pop(f"{plan_id}/{kind}/{person}", None)
    state.put(NEW_PERSON_LINKS, fresh)


def _mail(plan: Plan, someone: Host | Interpreter, page: str) -> str:
    """A mailto: link with the invitation written, to the person's e-mail address when the plan has one."""
    body = (
        f"Dear {someone.name},\n\nThe protocol office proposes meetings with you for “{plan.name}”. On this "
        "private page you can accept or decline each one (with a short reason), or tell us when you can "
        f"no longer make a time:\n{page}\n\nThe page needs no sign-in: please do not pass the link on."
    )
    to = quote(someone.email or "", safe="@")
    return f"mailto:{to}?subject={quote(plan.name, safe='')}&body={quote(body, safe='')}"


def _person(plan_id: int, plan: Plan, kind: str, someone: Host | Interpreter, live: int, base: str) -> None:
    key = f"{plan_id}/{kind}/{someone.id}"
    with st.container(border=True):
        st.markdown(f"**{plain(someone.name)}** · {plain(someone.id)} · {kind}")
        token = state.get(NEW_PERSON_LINKS, {}).get(key)
        if token and live:
            page = f"{base}/?h={token}"
            st.code(page, language=None)
            st.caption("Shown once: copy it now. Only a fingerprint of it is stored.")
            st.link_button(
                f"Write to {plain(someone.name)} (e-mail with the link)", _mail(plan, someone, page)
            )
        active = f"{counted(live, 'link')} active" if live else "No link yet"
        st.caption(active + ("; a new one leaves them working." if live else "."))
        make, revoke = st.columns(2)
        make.button(
            "Make a private link", key=f"person-make-{key}", on_click=_make, args=(plan_id, kind, someone.id)
        )
        if live and state.get(REVOKING_PERSON) == key:  # asked first: it locks them out
            st.warning(
                f"Revoke {'all ' if live > 1 else ''}{counted(live, 'link')} of {plain(someone.name)}? Their "
                "page stops working at once, in every message that carried a link; only a new link opens it.",
                icon=":material/link_off:",
            )
            yes, cancel = st.columns(2)
            yes.button(
                "Yes, revoke their links",
                key=f"person-revoke-yes-{key}",
                type="primary",
                on_click=_revoke,
                args=(plan_id, kind, someone.id),
                icon=":material/link_off:",
            )
            cancel.button(
                "Keep them", key=f"person-revoke-no-{key}", on_click=state.drop, args=(REVOKING_PERSON,)
            )
        elif live:
            revoke.button(
                "Revoke their links",
                key=f"person-revoke-{key}",
                on_click=state.put,
                args=(REVOKING_PERSON, key),
            )


def person_links(plan_id: int, plan: Plan, base: str) -> None:
    """The hosts' and interpreters' links: one box per person, under a heading per kind that counts
    those with a link."""
    st.write(
        "Each host and interpreter sees their meetings (as last built, marked proposed or published) "
        "through a private link, and accepts or declines each one, or marks a time they can no longer "
        "make. A decline becomes a new plan version by them; their answers show on the Programme and "
        "Export pages. Several links per person may be active (one per message, say); revoking stops "
        "them all."
    )
    counts = store().person_link_counts(plan_id)
    people: list[tuple[str, str, tuple[Host | Interpreter, ...]]] = [
        ("host", "Hosts", plan.hosts),
        ("interpreter", "Interpreters", plan.interpreters),
    ]
    for kind, title, group in people:
        if not group:
            continue
        linked = sum(1 for p in group if counts.get((kind, p.id)))
        st.subheader(f"{title} ({linked} of {len(group)} with a link)")
        for someone in group:
            _person(plan_id, plan, kind, someone, counts.get((kind, someone.id), 0), base)
