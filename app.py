"""Starts the staff app (ui/main.py) and serves the delegations' calendar feeds on the same port."""

import sys
from pathlib import Path

import streamlit as st
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui.feed import calendar_feed  # after the path is set: ui imports scheduler

app = st.App("ui/main.py", routes=[Route("/cal/{token}.ics", calendar_feed)])
