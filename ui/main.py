"""The router: a delegation's (?d=) or a host's or interpreter's (?h=) private page for a link with a
token, the staff pages otherwise."""

import sys
from pathlib import Path

import streamlit as st

ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:  # `streamlit run app.py` puts only the script folders on the path
    sys.path.insert(0, ROOT)

ICON = ":material/calendar_month:"
st.set_page_config(page_title="Delegation exchange scheduler", page_icon=ICON, layout="wide")

if "d" in st.query_params:
    st.navigation([st.Page("delegation_page.py", title="Programme")], position="hidden").run()
elif "h" in st.query_params:
    st.navigation([st.Page("host_page.py", title="My meetings")], position="hidden").run()
else:
    from ui import state
    from ui.access import require_staff
    from ui.solve_job import keep_finished

    require_staff()
    state.plan_id()  # the plan of the address (?plan=N) or of this session, kept in the address
    keep_finished()  # a solve that ended while another page was open
    pages = [
        st.Page("plan_page.py", title="Plan", icon=":material/edit_note:", default=True),
        st.Page("solve_page.py", title="Solve", icon=":material/play_circle:"),
        st.Page("programme_page.py", title="Programme", icon=":material/calendar_month:"),
        st.Page("export_page.py", title="Export", icon=":material/ios_share:"),
        st.Page("links_page.py", title="Delegation links", icon=":material/link:"),
        st.Page("settings_page.py", title="Settings", icon=":material/settings:"),
    ]
    st.navigation(pages).run()
