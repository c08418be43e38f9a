"""Dates, times and visits written as a printed programme writes them: 22 April 2024, 09:00,
22-26 April 2024. Month names are spelled out here so that no locale setting can change them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from scheduler.model import Plan, Window

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 change", "16 changes": a number with its noun in the right number."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def say_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def say_clock(clock: time) -> str:
    return f"{clock.hour:02d}:{clock.minute:02d}"


def say_moment(moment: date | datetime) -> str:
    """22 April 2024 09:00, or 22 April 2024 for a date alone."""
    if isinstance(moment, datetime):
        return f"{say_date(moment.date())} {say_clock(moment.time())}"
    return say_date(moment)


def say_dates(first: date, last: date) -> str:
    """22-26 April 2024; 30 April - 2 May 2024; 30 December 2024 - 2 January 2025."""
    if first == last:
        return say_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{say_date(last)}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} - {say_date(last)}"
    return f"{say_date(first)} - {say_date(last)}"


def say_window(window: Window) -> str:
    """22 April 2024 09:00-12:00, or both ends in full when they fall on different dates."""
    if window.start.date() == window.end.date():
        return f"{say_moment(window.start)}-{say_clock(window.end.time())}"
    return f"{say_moment(window.start)} - {say_moment(window.end)}"


def as_moment(value: date | datetime, end: bool = False) -> datetime:
    """A request's earliest or latest as a wall time; a date means its whole day."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value + timedelta(days=1 if end else 0), time(0))


def visits(plan: Plan) -> list[tuple[date, date]]:
    """The dates delegations are here, overlapping stays merged, in date order."""
    stays = sorted((d.arrive.date(), d.depart.date()) for d in plan.delegations if d.depart >= d.arrive)
    merged: list[tuple[date, date]] = []
    for first, last in stays:
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def say_visits(plan: Plan) -> str:
    return ", ".join(say_dates(first, last) for first, last in visits(plan))
