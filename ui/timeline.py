"""Meetings as rows of a Gantt chart: one bar per meeting and lane (a delegation, host or venue)."""

from __future__ import annotations

from datetime import date, datetime

import altair as alt
import pandas as pd

from scheduler import Plan, Schedule

LANES = ("Delegation", "Host", "Venue")
CLOCK_DATE = date(2000, 1, 3)


def bars(plan: Plan, schedule: Schedule, lane: str) -> pd.DataFrame:
    """One row per meeting and lane it appears in, with local wall times for the axis."""
    requests = {r.id: r for r in plan.requests}
    names = {x.id: x.name for x in (*plan.delegations, *plan.hosts, *plan.venues, *plan.interpreters)}
    organisations = {h.id: h.organisation or h.name for h in plan.hosts}
    rows = []
    for meeting in schedule.meetings:
        request = requests.get(meeting.request)
        if request is None:
            continue
        if lane == "Delegation":
            lanes = request.delegations
        elif lane == "Host":
            lanes = (*request.hosts, *meeting.optional_hosts)
        else:
            lanes = (meeting.venue,)
        first_host = request.hosts[0] if request.hosts else None
        for who in lanes:
            rows.append(
                {
                    "request": meeting.request,
                    "lane": names.get(who, who),
                    "title": request.title or request.id,
                    "start": _clock(meeting.start),
                    "end": _clock(meeting.end),
                    "day": meeting.start.date(),
                    "day_label": f"{meeting.start:%a %d %b}",
                    "organisation": organisations.get(first_host, "Internal") if first_host else "Internal",
                    "priority": request.priority,
                    "venue": names.get(meeting.venue, meeting.venue),
                    "with": ", ".join(names.get(p, p) for p in (*request.delegations, *request.hosts)),
                }
            )
    return pd.DataFrame(rows)


def _clock(moment: datetime) -> datetime:
    """The wall time of day on one common date, so that every day shares the same time axis."""
    return datetime.combine(CLOCK_DATE, moment.time().replace(tzinfo=None))


def chart(frame: pd.DataFrame) -> alt.Chart:
    """Lanes down, time of day across, one band per day."""
    pick = alt.selection_point(name="meeting", fields=["request"], on="click")
    height = max(60, 26 * frame["lane"].nunique())
    return (
        alt.Chart(frame)
        .mark_bar(cornerRadius=3)
        .encode(
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%H:%M")),
            x2="end:T",
            y=alt.Y("lane:N", title=None, sort=None, axis=alt.Axis(labelLimit=150)),
            row=alt.Row(
                "day_label:N", title=None, sort=alt.SortField("day"), header=alt.Header(labelAngle=0)
            ),
            color=alt.Color(  # 20 colours: organisations rarely share one
                "organisation:N",
                title="Host organisation",
                scale=alt.Scale(scheme="tableau20"),
                legend=alt.Legend(labelLimit=190),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
            tooltip=[
                alt.Tooltip("title:N", title="Meeting"),
                alt.Tooltip("day_label:N", title="Day"),
                alt.Tooltip("start:T", title="Start", format="%H:%M"),
                alt.Tooltip("end:T", title="End", format="%H:%M"),
                alt.Tooltip("venue:N", title="Venue"),
                alt.Tooltip("with:N", title="With"),
                alt.Tooltip("priority:N", title="Priority"),
            ],
        )
        .add_params(pick)
        .properties(height=height)
    )
