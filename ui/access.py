"""Who may use the staff pages: OIDC sign-in, a shared staff password, or (locally) everyone, said openly."""

from __future__ import annotations

import hmac
import logging
import math
import secrets

import streamlit as st

from ui import state
from ui.plain import plain
from ui.sign_in_throttle import Throttle

THROTTLE = Throttle()
log = logging.getLogger("scheduler.sign_in")


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets.toml at all: the open local default
        return {}


def mode() -> str:
    secrets = _secrets()
    if "auth" in secrets:
        return "oidc"
    if secrets.get("staff_password"):
        return "password"
    return "open"


def require_staff() -> None:
    """Stops the page unless the visitor is signed in as staff (or the app is openly unprotected)."""
    current = mode()
    if current == "oidc":
        if not st.user.is_logged_in:
            st.title("Sign in")
            st.write("The staff pages of the delegation scheduler need a sign-in.")
            st.button("Sign in", on_click=st.login, type="primary")
            st.stop()
        st.sidebar.caption(f"Signed in as {plain(str(st.user.get('email') or st.user.get('name')))}")
        st.sidebar.button("Sign out", on_click=st.logout)
    elif current == "password":
        if not state.get("staff_signed_in"):
            _password_form(str(_secrets()["staff_password"]))
            st.stop()
    else:
        st.warning(
            "Open access: no sign-in is configured, so anyone who can reach this address can read and "
            "change the plans. Set a staff password or an OIDC provider in .streamlit/secrets.toml "
            "(see the README) before sharing it.",
            icon=":material/lock_open:",
        )


def _password_form(expected: str) -> None:
    st.title("Sign in")
    with st.form("sign-in"):
        given = st.text_input("Staff password", type="password")
        if st.form_submit_button("Sign in", type="primary"):
            keys, address = _who()
            wait = THROTTLE.wait(keys)
            if wait > 0:  # the password is not even compared while the wait lasts
                st.error(f"Too many wrong passwords: try again in {math.ceil(wait)} seconds.")
                return
            if hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
                THROTTLE.succeeded(keys)
                state.put("staff_signed_in", True)
                st.rerun()
            count = THROTTLE.failed(keys)
            wait = THROTTLE.wait(keys)
            # never the password, not even its length: only where the try came from
            log.warning(
                "failed staff sign-in from %s (%d wrong in a row; next try in %.0f s)", address, count, wait
            )
            later = f" Try again in {math.ceil(wait)} seconds." if wait > 0 else ""
            st.error(f"That password is not right.{later}")


def _who() -> tuple[list[str], str]:
    """The throttle's keys for this try (the browser session, and the client address when known) and
    the address as the log shows it."""
    session = state.get("sign_in_session")
    if session is None:
        session = secrets.token_hex(8)
        state.put("sign_in_session", session)
    address = st.context.ip_address
    keys = [f"session:{session}"] + ([f"address:{address}"] if address else [])
    return keys, address or "an unknown address"
