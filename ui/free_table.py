"""Who is free when: every delegation, host and interpreter against the dates of the visit, in one table.

A cell lists the participant's free time on that date as the solver reads it (DESIGN rule 2: a host or
interpreter without windows of its own works the plan's day on every visit date; a delegation is free
from arrival to departure inside its day, outside its unavailable windows), so that a mistyped date
shows before a solve rather than as an unplaced meeting after it.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from scheduler import Plan, availability, date_range, plan_axis, visit_dates
from ui.timeline import split_at_midnight

NOT_FREE = "—"


def free_table(plan: Plan) -> pd.DataFrame:
    """One row per participant: name, kind, how many requests ask for them, then one column per date."""
    axis = plan_axis(plan)
    stays = (date_range(d.arrive.date(), d.depart.date()) for d in plan.delegations)
    dates = sorted(set(visit_dates(plan)).union(*stays))
    wanted = _requested(plan)
    rows = []
    groups = (("delegation", plan.delegations), ("host", plan.hosts), ("interpreter", plan.interpreters))
    for kind, people in groups:
        for person in people:
            by_date: dict[date, list[str]] = {}
            for start, end in availability(plan, axis, person.id):
                for day, begins, ends in split_at_midnight(axis.wall(start), axis.wall(end)):
                    by_date.setdefault(day, []).append(f"{begins:%H:%M}–{_clock(ends, day)}")
            row = {"Who": person.name, "Kind": kind, "Requests": wanted.get(person.id, 0)}
            row |= {f"{day:%a %d %b}": ", ".join(by_date.get(day, [])) or NOT_FREE for day in dates}
            rows.append(row)
    return pd.DataFrame(rows, columns=["Who", "Kind", "Requests", *(f"{day:%a %d %b}" for day in dates)])


def _requested(plan: Plan) -> dict[str, int]:
    """How many requests name each participant (as delegation, host, optional host or interpreter)."""
    counts: dict[str, int] = {}
    for request in plan.requests:
        named = {*request.delegations, *request.hosts, *request.optional_hosts, request.interpreter}
        for who in named:
            counts[who] = counts.get(who, 0) + 1
    return counts


def _clock(moment: datetime, day: date) -> str:
    return "24:00" if moment.date() > day else f"{moment:%H:%M}"
