"""The plan's settings as a form: name, time zone, slot grid, working day, lunch rule, default travel,
precedence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import time
from zoneinfo import available_timezones

import streamlit as st

from scheduler import SLOT_SIZES, DayWindow, Lunch, Plan, canonical_zone, validate

ZONES = sorted(available_timezones())


def settings_form(plan: Plan, save: Callable[[Plan, str], None], show_problems: Callable) -> None:
    with st.form("settings"):
        name = st.text_input("Name of the plan", plan.name)
        shown = canonical_zone(plan.timezone) or plan.timezone  # never save a zone the list cannot show
        zones = ZONES if shown in ZONES else [shown, *ZONES]
        zone = st.selectbox("Time zone", zones, index=zones.index(shown))
        slot = st.selectbox(
            "Meetings start every … minutes", SLOT_SIZES, index=SLOT_SIZES.index(plan.slot_minutes)
        )
        left, right = st.columns(2)
        day_start = left.time_input("Working day starts", plan.day.start, step=300)
        day_end = right.time_input("Working day ends", plan.day.end, step=300)
        lunch = plan.lunch or Lunch()
        with_lunch = st.checkbox("Keep a lunch break free for every delegation", plan.lunch is not None)
        columns = st.columns(3)
        earliest = columns[0].time_input("Lunch not before", lunch.earliest, step=300)
        latest = columns[1].time_input("Lunch over by", lunch.latest, step=300)
        minutes = columns[2].number_input("Lunch minutes", 15, 240, lunch.minutes, step=5)
        travel = st.number_input(
            "Travel minutes between venues when nothing else tells",
            0,
            600,
            plan.default_travel_minutes,
            step=5,
        )
        names = {d.id: d.name or d.id for d in plan.delegations}
        precedence = st.multiselect(
            "Order of protocol precedence",
            list(names),
            [d for d in plan.precedence if d in names],
            format_func=lambda d: names[d],
            help="Where delegations compete for the same host or room and each has as many meetings, "
            "the one listed first keeps its meeting. Delegations not listed follow in the order of the "
            "Delegations table.",
        )
        if not st.form_submit_button("Save the settings", type="primary"):
            return
    changed = replace(
        plan,
        name=name.strip(),
        timezone=zone,
        slot_minutes=int(slot),
        day=DayWindow(_clock(day_start), _clock(day_end)),
        lunch=Lunch(_clock(earliest), _clock(latest), int(minutes)) if with_lunch else None,
        default_travel_minutes=int(travel),
        precedence=tuple(precedence),
    )
    problems = validate(changed)
    show_problems(problems)
    if any(p.is_error for p in problems):
        st.info("The settings were not saved: correct what is named above.")
    elif changed != plan:
        save(changed, "edited the settings")


def _clock(value: time) -> time:
    return value.replace(second=0, microsecond=0)
