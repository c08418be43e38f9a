"""The Delegation links page: a private link per delegation, issued, re-issued and revoked by staff."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from ui import state
from ui.services import store

NEW_LINKS = "new_links"


def _base_url(scheme: str | None = None) -> str:
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    return f"{scheme or parts.scheme}://{parts.netloc}"


st.title("Delegation links")
st.write(
    "Each delegation opens its own programme, as last published, through a private link: on a phone, "
    "with its calendar to download or subscribe to. A link is shown once, when it is made (only a "
    "fingerprint of it is stored); making a new one stops the old one."
)
plan_id = state.plan_id()
plan = store().latest(plan_id).plan
fresh: dict[str, str] = state.get(NEW_LINKS, {})
for delegation in plan.delegations:
    with st.container(border=True):
        st.markdown(f"**{delegation.name}** · {delegation.id}")
        live = store().has_link(plan_id, delegation.id)
        token = fresh.get(f"{plan_id}/{delegation.id}")
        if token and live:
            page = f"{_base_url()}/?d={token}"
            st.code(page, language=None)
            st.caption(f"Calendar subscription: {_base_url('webcal')}/cal/{token}.ics")
        elif live:
            st.caption("A link is active. Make a new one to see it again (the old one stops working).")
        columns = st.columns(2)
        if columns[0].button("Make a new link" if live else "Make a link", key=f"issue-{delegation.id}"):
            fresh[f"{plan_id}/{delegation.id}"] = store().issue_link(plan_id, delegation.id)
            state.put(NEW_LINKS, fresh)
            st.rerun()
        if live and columns[1].button("Revoke", key=f"revoke-{delegation.id}"):
            store().revoke_link(plan_id, delegation.id)
            fresh.pop(f"{plan_id}/{delegation.id}", None)
            st.rerun()
