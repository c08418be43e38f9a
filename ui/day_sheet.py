"""The printable day view for the protocol desk: the timeline's bars as lists, each day from a new page.

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
WIDTHS = ("21mm", "60mm", "38mm", "auto", "40mm", "15mm", "21mm")
SHARED = 3  # a fixed event in this many lanes of a day or more is listed once, above the lanes
MANY = 6  # a meeting or event with more attendees than this counts them rather than naming them
STYLE = """
table { table-layout: fixed; font-size: 8pt; }
th, td { padding: 0.7mm 1.4mm; }
td.time { white-space: nowrap; }
tr.lane th { font-size: 9.5pt; padding-top: 2.5mm; border-bottom: 0.4mm solid #888; break-after: avoid; }
h2 { margin-bottom: 2mm; }
"""


def day_sheets(frame: pd.DataFrame, plan_name: str, lane: str, colours: dict[str, str]) -> str:
    """The print-ready HTML: a page for each day of `frame`, its lanes in the timeline's order. A fixed
    event in many lanes that day (a conference for every delegation) is listed once, above the lanes."""
    pages = []
    days = sorted(frame["day"].unique()) if not frame.empty else []
    for day in days:
        rows = frame[frame["day"] == day].sort_values(["lane", "start", "end"], kind="stable")
        groups = []
        shared = _shared(rows)
        if not shared.empty:
            groups.append((f"For several {_plural(lane)}", _once(shared, lane)))
            rows = rows.drop(shared.index)
        groups += [(str(name), lane_rows) for name, lane_rows in rows.groupby("lane", sort=True)]
        title = f"<h1>{text(plan_name)}</h1><h2>{_day(day)} · by {lane.lower()}</h2>"
        pages.append(title + _table(groups, colours, lane))
    if not pages:
        pages = [f"<h1>{text(plan_name)}</h1><h2>Nothing is scheduled.</h2>"]
    return document(f"{plan_name}: programme by day", pages, extra_style=STYLE)


def _shared(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of the fixed events in SHARED lanes or more on this day."""
    fixed = rows[rows["kind"] == "fixed"]
    if fixed.empty:
        return fixed
    lanes = fixed.groupby(["event", "start"])["lane"].transform("nunique")
    return fixed[lanes >= SHARED]


def _once(shared: pd.DataFrame, lane: str) -> pd.DataFrame:
    """Each shared event once, "with" naming the lanes it is in ("22 delegations: Austria; …")."""
    first = shared.drop_duplicates(["event", "start"]).copy()
    for index, row in first.iterrows():
        same = shared[(shared["event"] == row["event"]) & (shared["start"] == row["start"])]
        names = sorted(dict.fromkeys(same["lane"]))
        first.loc[index, "with"] = f"{len(names)} {_plural(lane)}: " + "; ".join(names)
        first.loc[index, "attendees"] = None  # named, however many
    return first


def _plural(lane: str) -> str:
    return {"Delegation": "delegations", "Host": "hosts", "Venue": "venues"}.get(lane, lane.lower())


def _day(day: object) -> str:
    return f"{day:%A %d %B %Y}" if isinstance(day, date) else text(day)


def _table(groups: list[tuple[str, pd.DataFrame]], colours: dict[str, str], lane: str) -> str:
    """One table for the day: a heading row per lane (or for the shared events), then its rows."""
    columns = "".join(f'<col style="width:{w}">' for w in WIDTHS)
    head = "".join(f"<th>{h}</th>" for h in HEADERS)
    body = []
    for name, rows in groups:
        body.append(f'<tr class="lane"><th colspan="{len(HEADERS)}">{text(name)}</th></tr>')
        body += [_row(row, colours, lane) for row in rows.rename(columns={"with": "people"}).itertuples()]
    return (
        f"<table><colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _row(row, colours: dict[str, str], lane: str) -> str:
    kind = str(row.kind)
    what = text(row.title) + (f' <span class="muted">({KINDS[kind]})</span>' if kind in KINDS else "")
    places = (row.room,) if lane == "Venue" else (row.venue, row.room)  # a venue's rows name it above
    organisation = ""
    if kind == "meeting":
        colour = colours.get(str(row.organisation), COLOURS[-1])
        organisation = f'<span class="swatch" style="background:{colour}"></span>{text(row.organisation)}'
    cells = (
        f'<td class="time">{_clock(row.start)}–{_clock(row.end)}</td>',
        f"<td>{what}</td>",
        f"<td>{', '.join(text(v) for v in places if text(v))}</td>",
        f"<td>{_people(row)}</td>",
        f"<td>{organisation}</td>",
        f"<td>{text(row.priority) if kind == 'meeting' else ''}</td>",
        f"<td>{text(row.since)}</td>",
    )
    return "<tr>" + "".join(cells) + "</tr>"


def _people(row) -> str:
    """Who attends: named, or counted when they are many (the timeline's tooltip names them all)."""
    count = row.attendees
    if isinstance(count, (int, float)) and not pd.isna(count) and count > MANY:
        return f"{int(count)} delegations, hosts and interpreters"
    return text(row.people)


def _clock(moment: object) -> str:
    """A bar's end on the common clock date: the next midnight reads 24:00."""
    assert isinstance(moment, datetime)  # a pandas Timestamp is a datetime
    return "24:00" if moment.date() > CLOCK_DATE else f"{moment:%H:%M}"
