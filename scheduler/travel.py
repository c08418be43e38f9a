"""Door-to-door travel minutes between two venues (DESIGN.md, `travel` row).

Explicit rows first (the reverse direction is the same unless given), else the great-circle distance
x 1.3 at 40 km/h rounded up to 5 minutes when both venues have coordinates, else the plan's default.
Standard library only, so that any part of the engine can use it.
"""

from __future__ import annotations

import math

from scheduler.model import Plan

EARTH_RADIUS_KM = 6371.0
DETOUR = 1.3
SPEED_KMH = 40.0
ROUND_TO = 5


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def estimated_minutes(km: float) -> int:
    """Road minutes for a straight-line distance, rounded up to the next 5 minutes."""
    minutes = km * DETOUR / SPEED_KMH * 60
    return int(math.ceil(round(minutes, 6) / ROUND_TO) * ROUND_TO)


class TravelTimes:
    """`minutes(a, b)` for any two venue ids of a plan; None (an unknown place) travels in 0."""

    def __init__(self, plan: Plan):
        self._given: dict[tuple[str, str], int] = {}
        for row in plan.travel:
            self._given[(row.from_, row.to)] = row.minutes
        for row in plan.travel:
            self._given.setdefault((row.to, row.from_), row.minutes)
        self._where = {v.id: (v.lat, v.lon) for v in plan.venues}
        self._default = plan.default_travel_minutes
        self._cache: dict[tuple[str, str], int] = {}

    def minutes(self, origin: str | None, destination: str | None) -> int:
        if origin is None or destination is None or origin == destination:
            return 0
        key = (origin, destination)
        if key not in self._cache:
            self._cache[key] = self._compute(origin, destination)
        return self._cache[key]

    def _compute(self, origin: str, destination: str) -> int:
        if (origin, destination) in self._given:
            return self._given[(origin, destination)]
        lat1, lon1 = self._where.get(origin, (None, None))
        lat2, lon2 = self._where.get(destination, (None, None))
        if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
            return self._default
        return estimated_minutes(great_circle_km(lat1, lon1, lat2, lon2))
