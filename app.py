"""The Streamlit front end: a router over the pages in ui/."""

import streamlit as st

st.set_page_config(page_title="Delegation exchange scheduler", page_icon="🗓️", layout="wide")

pages = [st.Page("ui/plan_page.py", title="Plan", icon="📋", default=True)]
st.navigation(pages).run()
