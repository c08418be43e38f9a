"""The Delegation links page: a private link per delegation, issued, re-issued and revoked by staff; one
tap away, the hosts' and interpreters' links (ui/person_links.py)."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import streamlit as st

from scheduler import WORDS, Conflict, invitation_text, language_name, languages_for
from ui import state
from ui.heading import heading
from ui.links_all import links_for_all
from ui.person_links import person_links
from ui.plain import plain
from ui.qr import qr_png
from ui.services import store

NEW_LINKS = "new_links"
REVOKING = "revoking_link"  # the plan/delegation whose link staff asked to revoke, until they confirm
PEOPLE = "Hosts and interpreters"  # their links are in ui/person_links.py


def _base_url(scheme: str | None = None) -> str:
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    return f"{scheme or parts.scheme}://{parts.netloc}"


def _page_languages(spoken: tuple[str, ...]) -> str:
    """Which language the delegation's page opens in, for staff to tell the delegation."""
    offered = languages_for(spoken)
    if len(offered) > 1:
        names = [language_name(code) for code in offered]
        return f"Its page opens in {names[0]}; {', '.join(names[1:])} one tap away."
    missing = [language_name(code) for code in spoken if code.strip().casefold() not in WORDS]
    return "Its page is in English" + (f" (it has no {' or '.join(missing)})." if missing else ".")


def _mail(delegation, subject: str, body: str) -> str:
    """A mailto: link that opens staff's mail program with the message written, addressed to the
    e-mail address in the delegation's contact when there is one."""
    found = EMAIL.search(delegation.contact or "")
    to = quote(found.group(), safe="@") if found else ""
    return f"mailto:{to}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _issue(plan_id: int, delegation_id: str) -> None:
    """Makes a link, kept in this session to be shown (the store keeps only its fingerprint). The button
    actions are callbacks: they run before the page is drawn, so no second run can overtake a click on
    another page right after."""
    fresh = state.get(NEW_LINKS, {})
    try:
        fresh[f"{plan_id}/{delegation_id}"] = store().issue_link(plan_id, delegation_id)
    except Conflict as refused:  # the plan was deleted from another session meanwhile
        st.error(str(refused))
        return
    state.put(NEW_LINKS, fresh)


def _revoke(plan_id: int, delegation_id: str) -> None:
    state.drop(REVOKING)
    store().revoke_link(plan_id, delegation_id)
    fresh = state.get(NEW_LINKS, {})
    fresh.pop(f"{plan_id}/{delegation_id}", None)
    state.put(NEW_LINKS, fresh)


plan_id = heading("Delegation links")
plan = store().latest(plan_id).plan
whose = st.segmented_control("Links for", ("Delegations", PEOPLE), default="Delegations", key="links_for")
if whose == PEOPLE:
    person_links(plan_id, plan, _base_url())
    st.stop()
st.write(
    "Each delegation opens its own programme, as last published, through a private link: on a phone, "
    "with its calendar to download or subscribe to. A link is shown once, when it is made (only a "
    "fingerprint of it is stored); making a new one stops the old one."
)
links_for_all(plan_id, plan, NEW_LINKS, lambda token: f"{_base_url()}/?d={token}")
fresh: dict[str, str] = state.get(NEW_LINKS, {})
for delegation in plan.delegations:
    with st.container(border=True):
        st.markdown(f"**{plain(delegation.name)}** · {plain(delegation.id)}")
        st.caption(plain(_page_languages(delegation.languages)))
        live = store().has_link(plan_id, delegation.id)
        token = fresh.get(f"{plan_id}/{delegation.id}")
        if token and live:
            page = f"{_base_url()}/?d={token}"
            feed = f"{_base_url('webcal')}/cal/{token}.ics"
            st.code(page, language=None)
            st.caption(f"Calendar subscription: {feed}")
            st.link_button(
                "Write to the delegation (e-mail with both links)",
                _mail(delegation, plan.name, invitation_text(delegation.languages, page, feed)),
            )
            picture = qr_png(page)
            st.image(picture, caption="The same link, for a phone's camera", width=160)
            st.download_button(
                "Download the QR code (.png)",
                picture,
                file_name=f"{delegation.id}-link.png",
                mime="image/png",
                key=f"qr-{delegation.id}",
            )
        elif live:
            st.caption("A link is active. Make a new one to see it again (the old one stops working).")
        columns = st.columns(2)
        columns[0].button(
            "Make a new link" if live else "Make a link",
            key=f"issue-{delegation.id}",
            on_click=_issue,
            args=(plan_id, delegation.id),
        )
        if live and state.get(REVOKING) == f"{plan_id}/{delegation.id}":  # asked first: it reaches them
            st.warning(
                "Revoke this link? The delegation's page and calendar subscription stop working at once; "
                "only a new link opens them again.",
                icon=":material/link_off:",
            )
            yes, cancel = st.columns(2)
            yes.button(
                "Yes, revoke the link",
                key=f"revoke-yes-{delegation.id}",
                type="primary",
                on_click=_revoke,
                args=(plan_id, delegation.id),
                icon=":material/link_off:",
            )
            cancel.button("Cancel", key=f"revoke-no-{delegation.id}", on_click=state.drop, args=(REVOKING,))
        elif live:
            columns[1].button(
                "Revoke",
                key=f"revoke-{delegation.id}",
                on_click=state.put,
                args=(REVOKING, f"{plan_id}/{delegation.id}"),
            )
