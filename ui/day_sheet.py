"""The printable day view for the protocol desk: the timeline's bars as lists, one page per day.

It is made from the very rows the timeline draws (`ui.timeline.bars`, filtered as on screen), so the
paper says what the screen says: per lane (delegation, host or venue), what happens when, where,
with whom, the host organisation in its timeline colour, what changed since the publication.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from ui.printing import document, text
from ui.timeline import CLOCK_DATE
from ui.timeline_chart import COLOURS

KINDS = {"fixed": "fixed event", "lunch": "lunch break"}
HEADERS = ("Time", "What", "Where", "With", "Host organisation", "Priority", "Since publication")


def day_sheets(frame: pd.DataFrame, plan_name: str, lane: str, colours: dict[str, str]) -> str:
    """The print-ready HTML: a page for each day of `frame`, its lanes in the timeline's order."""
    pages = []
    days = sorted(frame["day"].unique()) if not frame.empty else []
    for day in days:
        rows = frame[frame["day"] == day].sort_values(["lane", "start", "end"], kind="stable")
        parts = [f"<h1>{text(plan_name)}</h1>", f"<h2>{_day(day)} · by {lane.lower()}</h2>"]
        for name, lane_rows in rows.groupby("lane", sort=True):
            parts.append(f"<h3>{text(name)}</h3>")
            parts.append(_table(lane_rows, colours))
        pages.append("\n".join(parts))
    if not pages:
        pages = [f"<h1>{text(plan_name)}</h1><h2>Nothing is scheduled.</h2>"]
    return document(f"{plan_name}: programme by day", pages)


def _day(day: object) -> str:
    return f"{day:%A %d %B %Y}" if isinstance(day, date) else text(day)


def _table(rows: pd.DataFrame, colours: dict[str, str]) -> str:
    head = "".join(f"<th>{h}</th>" for h in HEADERS)
    body = []
    for row in rows.rename(columns={"with": "people"}).itertuples(index=False):
        kind = str(row.kind)
        what = text(row.title) + (f' <span class="muted">({KINDS[kind]})</span>' if kind in KINDS else "")
        where = ", ".join(text(v) for v in (row.venue, row.room) if text(v))
        organisation = ""
        if kind == "meeting":
            colour = colours.get(str(row.organisation), COLOURS[-1])
            organisation = f'<span class="swatch" style="background:{colour}"></span>{text(row.organisation)}'
        cells = (
            f"{_clock(row.start)}–{_clock(row.end)}",
            what,
            where,
            text(row.people),
            organisation,
            text(row.priority) if kind == "meeting" else "",
            text(row.since),
        )
        body.append(
            '<tr><td class="time">'
            + cells[0]
            + "</td>"
            + "".join(f"<td>{c}</td>" for c in cells[1:])
            + "</tr>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _clock(moment: object) -> str:
    """A bar's end on the common clock date: the next midnight reads 24:00."""
    assert isinstance(moment, datetime)  # a pandas Timestamp is a datetime
    when = moment
    return "24:00" if when.date() > CLOCK_DATE else f"{when:%H:%M}"
