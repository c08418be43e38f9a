"""The VTIMEZONE of a calendar, written as yearly rules that every client reads alike.

A list of RDATE transitions (what icalendar's add_missing_timezones() writes) is misread by
ical.js (Thunderbird), which keeps only the first, and ignored by Outlook. So the transitions
of the plan's years are read from zoneinfo, expressed as RRULE:FREQ=YEARLY rules (for example
BYMONTH=3;BYDAY=-1SU), and each rule is checked to reproduce every actual transition; a zone
whose changes follow no such rule gets one explicit component per transition instead.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Transition:
    """A change of UTC offset: `local` is the wall time just before it, in the old offset."""

    local: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool


def vtimezone(timezone: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of `timezone`, exact for every instant from `first_year` to `last_year`."""
    component = Timezone.from_ical(_vtimezone_text(timezone, first_year, last_year))
    assert isinstance(component, Timezone)  # from_ical is typed for any component
    return component


@lru_cache(maxsize=32)
def _vtimezone_text(timezone: str, first_year: int, last_year: int) -> bytes:
    zone = ZoneInfo(timezone)
    component = Timezone()
    component.add("TZID", timezone)
    found = [t for year in range(first_year, last_year + 1) for t in transitions(zone, year)]
    groups = [[t for t in found if t.daylight == daylight] for daylight in (False, True)]
    rules = [yearly_rule(group, first_year, last_year) if group else None for group in groups]
    if any(group and rule is None for group, rule in zip(groups, rules, strict=True)) or not found:
        # explicit transitions (or none): say which offset holds before the first of them
        component.add_component(_opening(zone, first_year))
    for group, rule in zip(groups, rules, strict=True):
        for transition in group[:1] if rule else group:
            component.add_component(_observance(transition, rule))
    text: bytes = component.to_ical()  # icalendar leaves to_ical unannotated
    return text


def transitions(zone: ZoneInfo, year: int) -> list[Transition]:
    """Every change of offset in `year`, found hour by hour and pinned to the second."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    offset = _offset(moment.astimezone(zone))
    while moment < end:
        following = moment + timedelta(hours=1)
        if following.astimezone(zone).utcoffset() != offset:
            change = _first_instant_of_new_offset(zone, moment, following)
            after = change.astimezone(zone)
            found.append(
                Transition(
                    local=(change + offset).replace(tzinfo=None),
                    offset_from=offset,
                    offset_to=_offset(after),
                    name=after.tzname() or "",
                    daylight=bool(after.dst()),
                )
            )
            offset = _offset(after)
        moment = following
    return found


def _offset(moment: datetime) -> timedelta:
    """The UTC offset of an aware date-time (never None there)."""
    offset = moment.utcoffset()
    assert offset is not None
    return offset


def _first_instant_of_new_offset(zone: ZoneInfo, before: datetime, after: datetime) -> datetime:
    offset = before.astimezone(zone).utcoffset()
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) / 2
        if middle.astimezone(zone).utcoffset() == offset:
            before = middle
        else:
            after = middle
    return after.replace(microsecond=0)


def yearly_rule(group: list[Transition], first_year: int, last_year: int) -> str | None:
    """An RRULE that yields exactly the transitions of `group` (one a year), or None."""
    first = group[0]
    shape = (first.offset_from, first.offset_to, first.name, first.local.time())
    years = list(range(first_year, last_year + 1))
    if [t.local.year for t in group] != years or any(
        (t.offset_from, t.offset_to, t.name, t.local.time()) != shape for t in group
    ):
        return None
    actual = [t.local.date() for t in group]
    for rule, dates in _candidate_rules(actual, years):
        if dates == actual:
            return rule
    return None


def _candidate_rules(actual: list[date], years: list[int]) -> Iterator[tuple[str, list[date]]]:
    """Rules of the shapes zones use: the last or n-th weekday of a month, a weekday on or after a
    day of the month, or a fixed date."""
    month, weekday, first = actual[0].month, actual[0].weekday(), actual[0]
    byday = _WEEKDAYS[weekday]
    yield (
        f"FREQ=YEARLY;BYMONTH={month};BYDAY=-1{byday}",
        [_last_weekday(y, month, weekday) for y in years],
    )
    earliest = min(d.day for d in actual)
    if earliest + 6 <= min(month_calendar.monthrange(y, month)[1] for y in years):
        nth = (earliest - 1) // 7 + 1
        if earliest % 7 == 1:
            rule = f"FREQ=YEARLY;BYMONTH={month};BYDAY={nth}{byday}"
        else:
            days = ",".join(str(d) for d in range(earliest, earliest + 7))
            rule = f"FREQ=YEARLY;BYMONTH={month};BYDAY={byday};BYMONTHDAY={days}"
        yield rule, [_weekday_on_or_after(y, month, weekday, earliest) for y in years]
    yield f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={first.day}", [first.replace(year=y) for y in years]


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = datetime(year, month, month_calendar.monthrange(year, month)[1]).date()
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _weekday_on_or_after(year: int, month: int, weekday: int, day: int) -> date:
    start = datetime(year, month, day).date()
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def _observance(transition: Transition, rule: str | None) -> TimezoneStandard | TimezoneDaylight:
    observance = TimezoneDaylight() if transition.daylight else TimezoneStandard()
    observance.add("TZNAME", transition.name)
    observance.add("TZOFFSETFROM", transition.offset_from)
    observance.add("TZOFFSETTO", transition.offset_to)
    observance.add("DTSTART", transition.local)
    if rule:
        observance.add("RRULE", vRecur.from_ical(rule))
    return observance


def _opening(zone: ZoneInfo, year: int) -> TimezoneStandard | TimezoneDaylight:
    """The offset in force from the start of `year`, as an observance without a change."""
    moment = datetime(year, 1, 1, tzinfo=UTC).astimezone(zone)
    observance = TimezoneDaylight() if moment.dst() else TimezoneStandard()
    observance.add("TZNAME", moment.tzname() or "")
    observance.add("TZOFFSETFROM", moment.utcoffset())
    observance.add("TZOFFSETTO", moment.utcoffset())
    observance.add("DTSTART", datetime(year, 1, 1))
    return observance
