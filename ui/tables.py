"""Plan lists as DataFrames for display: one row per item, lists joined, times as wall times."""

from __future__ import annotations

import pandas as pd

from scheduler import Plan


def _join(items) -> str:
    return ", ".join(items)


def delegations(plan: Plan) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Id": d.id,
                "Name": d.name,
                "Country": d.country or "",
                "Persons": d.size,
                "Languages": _join(d.languages),
                "Arrives": d.arrive,
                "Departs": d.depart,
                "Hotel": d.hotel or "",
            }
            for d in plan.delegations
        ]
    )


def hosts(plan: Plan) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Id": h.id,
                "Name": h.name,
                "Organisation": h.organisation or "",
                "Venue": h.venue,
                "Languages": _join(h.languages),
                "Available windows": len(h.available),
                "Unavailable windows": len(h.unavailable),
            }
            for h in plan.hosts
        ]
    )


def requests(plan: Plan) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Id": r.id,
                "Title": r.title or "",
                "Priority": r.priority,
                "Delegations": _join(r.delegations),
                "Hosts": _join(r.hosts),
                "Optional hosts": _join(r.optional_hosts),
                "Minutes": r.minutes,
                "Venue": plan.request_venue(r) or "",
            }
            for r in plan.requests
        ]
    )


def venues(plan: Plan) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Id": v.id,
                "Name": v.name,
                "Address": v.address or "",
                "Rooms": v.rooms if isinstance(v.rooms, int) else _join(r.name or r.id for r in v.rooms),
                "Latitude": v.lat,
                "Longitude": v.lon,
            }
            for v in plan.venues
        ]
    )


def fixed(plan: Plan) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Id": f.id,
                "Title": f.title,
                "Start": f.start,
                "End": f.end,
                "Venue": f.venue or "",
                "Delegations": _join(f.delegations),
            }
            for f in plan.fixed
        ]
    )
