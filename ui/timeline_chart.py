"""The Programme's timeline drawn: one row per lane and day, things at the same time in lanes of their
own, meetings coloured by host organisation and picked by a click, fixed events and lunches apart.

It draws the rows `ui.timeline.bars` makes; every time is on one common clock date, so that the days
share one time axis.
"""

from __future__ import annotations

from datetime import datetime

import altair as alt
import pandas as pd

# Tableau's 20 colours (Vega's "tableau20"), its ten strong ones first so that the first organisations
# of a plan get colours far apart; given to organisations in the plan's order of hosts (`palette`).
COLOURS = (
    *("#4c78a8", "#f58518", "#54a24b", "#e45756", "#b279a2", "#b79a20", "#439894", "#d67195"),
    *("#9e765f", "#79706e", "#9ecae9", "#ffbf79", "#88d27a", "#ff9d98", "#d6a5c9", "#f2cf5b"),
    *("#83bcb6", "#fcbfd2", "#d8b5a5", "#bab0ac"),
)
SUBLANE = "\u2063"  # an invisible separator: the second lane of a row is the row's name and one of these
LABEL_MIN_PX = 48  # a bar narrower than this shows no title (a cut "E…" reads as nothing)
CHANGED_STROKE = {"stroke": "#111111", "strokeWidth": 2.5}
FIXED_STYLE = {
    "color": "#9a9a9a",
    "opacity": 0.5,
    "stroke": "#4a4a4a",
    "strokeDash": [4, 3],
    "cornerRadius": 3,
}
LUNCH_STYLE = {"color": "#efe3c2", "opacity": 0.9, "cornerRadius": 3}
# A click on a fixed event or lunch (their bar or label) leaves the picked meeting as it was; a click
# elsewhere in the chart clears it, as for any point selection.
PICK_EVENT = (
    "click[!event.item || !event.item.datum || !event.item.datum.kind || event.item.datum.kind === 'meeting']"
)
WHEN = (
    alt.Tooltip("day_label:N", title="Day"),
    alt.Tooltip("start:T", title="Start", format="%H:%M"),
    alt.Tooltip("end:T", title="End", format="%H:%M"),
)

MEETING_TIPS = [
    alt.Tooltip("title:N", title="Meeting"),
    *WHEN,
    alt.Tooltip("venue:N", title="Venue"),
    alt.Tooltip("room:N", title="Room"),
    alt.Tooltip("with:N", title="With"),
    alt.Tooltip("priority:N", title="Priority"),
    alt.Tooltip("since:N", title="Since publication"),  # last: left out when nothing changed
]


def chart(frame: pd.DataFrame, colours: dict[str, str] | None = None) -> alt.LayerChart:
    """One row per lane and day (the day named when several are shown), time of day across; things at
    the same time in a row get lanes of their own below its name; only meeting bars can be picked.
    `colours` (from `palette`) keeps an organisation's colour whatever is shown. A single layer, not a
    facet, so that the chart takes the page's width."""
    frame = frame.assign(band=_row_labels(frame))
    frame = frame.assign(row=frame["band"] + sublanes(frame).map(lambda k: SUBLANE * k))
    rows = list(dict.fromkeys(frame.sort_values(["day", "row"], kind="stable")["row"]))
    first_lane = f"indexof(datum.label, '{SUBLANE}') >= 0 ? '' : datum.label"
    base = alt.Chart().encode(
        x=alt.X(
            "start:T", title=None, axis=alt.Axis(format="%H:%M", orient="top", tickCount="hour", grid=True)
        ),
        y=alt.Y("row:N", title=None, sort=rows, axis=alt.Axis(labelLimit=280, labelExpr=first_lane)),
    )
    since = frame["since"]
    published = (since.notna() & since.ne("")).any()  # some meeting changed since the publication
    tips = MEETING_TIPS if published else MEETING_TIPS[:-1]  # the last: since the publication
    fixed_tips = [
        alt.Tooltip("title:N", title="Fixed event"),
        *WHEN,
        alt.Tooltip("venue:N", title="Venue"),
        alt.Tooltip("with:N", title="With"),
    ]
    layers = [  # drawn in this order: meetings on top, so that each stays visible and can be picked
        *_labelled(base, "lunch", LUNCH_STYLE, [alt.Tooltip("title:N", title="Break"), *WHEN]),
        *_labelled(base, "fixed", FIXED_STYLE, fixed_tips),
        _meetings(base, tips, _scale(frame, colours)),
        _label(base, "meeting", tips),
    ]
    layered = alt.layer(*layers, data=frame)
    assert isinstance(layered, alt.LayerChart)  # a facet only when the layers share facet encodings
    # The height is the rows' (the legend below adds to it); the width follows the page.
    return layered.properties(
        height=max(60, 30 * len(rows)), autosize=alt.AutoSizeParams(type="fit-x", contains="padding")
    )


def sublanes(frame: pd.DataFrame) -> pd.Series:
    """For each bar, its lane within its row (`band`): 0 unless something earlier in the row is still
    going on, then the first lane free by then, so that no two bars of a row overlap."""
    lane = pd.Series(0, index=frame.index, dtype="int64")
    for _, row in frame.groupby("band", sort=False):
        ends: list[datetime] = []  # per lane, when its last bar ends
        for index, start, end in sorted(
            zip(row.index, row["start"], row["end"], strict=True), key=lambda t: (t[1], t[2])
        ):
            free = next((k for k, until in enumerate(ends) if until <= start), len(ends))
            ends[free : free + 1] = [end]
            lane[index] = free
    return lane


def _scale(frame: pd.DataFrame, colours: dict[str, str] | None) -> alt.Scale:
    """The organisations shown, each in its colour of `colours` (of the shown ones alone without it)."""
    shown = [
        o for o in dict.fromkeys(frame.loc[frame["kind"] == "meeting", "organisation"]) if isinstance(o, str)
    ]
    colours = colours or {o: COLOURS[k % len(COLOURS)] for k, o in enumerate(sorted(shown))}
    shown = sorted(shown, key=lambda o: list(colours).index(o) if o in colours else len(colours))
    return alt.Scale(domain=shown, range=[colours.get(o, COLOURS[-1]) for o in shown])


def _row_labels(frame: pd.DataFrame) -> pd.Series:
    """A row's label names its lane, and its day when several days are shown (only the day when all
    rows are of one lane)."""
    if frame.empty or frame["day"].nunique() == 1:
        return frame["lane"]
    if frame["lane"].nunique() == 1:
        return frame["day_label"]
    return frame["day_label"] + " · " + frame["lane"]


def _only(base: alt.Chart, kind: str) -> alt.Chart:
    return base.transform_filter(alt.datum.kind == kind)


def _meetings(base: alt.Chart, tips: list, scale: alt.Scale) -> alt.Chart:
    """Meeting bars coloured by host organisation, outlined when new or moved since the publication; a
    click picks one (the `meeting` selection)."""
    changed = alt.datum.since != ""
    pick = alt.selection_point(name="meeting", fields=["request"], on=PICK_EVENT)
    meeting_bars: alt.Chart = (  # altair leaves its mark_* methods unannotated
        _only(base, "meeting")
        .mark_bar(cornerRadius=3)
        .encode(
            x2="end:T",
            color=alt.Color(  # 20 colours: organisations rarely share one
                "organisation:N",
                title="Host organisation",
                scale=scale,
                # Below the chart, the legend leaves the time axis the page's width; organisation names
                # are long and often share their first words, so they get room to show what differs.
                legend=alt.Legend(
                    orient="bottom", direction="vertical", columns=1, labelLimit=600, symbolStrokeWidth=0
                ),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
            stroke=alt.condition(changed, alt.value(CHANGED_STROKE["stroke"]), alt.value(None)),
            strokeWidth=alt.condition(changed, alt.value(CHANGED_STROKE["strokeWidth"]), alt.value(0)),
            tooltip=tips,
        )
        .add_params(pick)
    )
    return meeting_bars


def _labelled(base: alt.Chart, kind: str, style: dict, tooltip: list) -> list[alt.Chart]:
    """Bars of one kind other than meetings, with their title written inside."""
    return [
        _only(base, kind).mark_bar(**style).encode(x2="end:T", tooltip=tooltip),
        _label(base, kind, tooltip),
    ]


def _label(base: alt.Chart, kind: str, tooltip: list) -> alt.Chart:
    """The titles of one kind of bar, written inside each bar and cut to its width; a bar too narrow
    for a readable part of its title shows none (the title is in its tooltip and, for a meeting, in
    the details a click opens; a click on a meeting's title picks it, as a click on its bar does)."""
    width = "scale('x', datum.end) - scale('x', datum.start)"
    labels: alt.Chart = (  # altair leaves its mark_* methods unannotated
        _only(base, kind)
        .mark_text(
            align="left",
            baseline="middle",
            dx=3,
            fontSize=10,
            color="#222222",
            limit=alt.expr(f"{width} - 6"),
            text=alt.expr(f"{width} >= {LABEL_MIN_PX} ? datum.title : ''"),
        )
        .encode(tooltip=tooltip)
    )
    return labels
