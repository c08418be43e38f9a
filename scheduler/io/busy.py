"""A host's or interpreter's calendar export becomes their `unavailable` windows on the visits' dates.

Busy time is clipped to the visits' dates, cut at midnight (one window per date, so that a programme
reads it day by day), and only what the person's windows do not already cover is added: importing the
same calendar twice adds nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from scheduler.io.busy_read import MOST_PER_DAY, TooMany, busy_times, read_calendars, span
from scheduler.model import Host, Interpreter, Plan, Window
from scheduler.problems import Problem
from scheduler.timeaxis import visit_dates
from scheduler.validate.words import say_clock, say_date, say_dates, visits

Stretch = tuple[datetime, datetime]


@dataclass(frozen=True)
class BusyImport:
    """What a calendar adds to one person: the new windows (one per date at most per stretch), the new
    plan, and how many busy stretches the calendar has on the visits' dates (some already known)."""

    who: str
    kind: str  # "host" or "interpreter"
    added: tuple[Window, ...]
    plan: Plan
    found: int

    def lines(self) -> list[str]:
        """One line per date: "Tuesday 23 April 2024: 09:00-10:30, 14:00-15:00"."""
        days: dict[date, list[str]] = {}
        for window in self.added:
            end = "24:00" if window.end.time() == time(0) else say_clock(window.end.time())
            text = "all day" if (say_clock(window.start.time()), end) == ("00:00", "24:00") else None
            days.setdefault(window.start.date(), []).append(text or f"{say_clock(window.start.time())}-{end}")
        return [f"{day:%A} {say_date(day)}: {', '.join(texts)}" for day, texts in sorted(days.items())]

    def summary(self, name: str) -> str:
        known = self.found - len(self.added)
        if not self.added:
            return f"{name} adds nothing to {self.kind} {self.who}: " + (
                f"its {self.found} busy times on the visits' dates are already unavailable windows."
                if self.found
                else "it has no busy time on the visits' dates."
            )
        plural = "s" * (len(self.added) != 1)
        already = f" ({known} busy time{'s' * (known != 1)} already known)" if known > 0 else ""
        return f"{name} adds {len(self.added)} unavailable window{plural} to {self.kind} {self.who}{already}:"


def import_busy(
    plan: Plan, who: str, content: bytes, name: str = "calendar"
) -> tuple[BusyImport | None, list[Problem]]:
    """The plan with `who`'s busy time from the calendar in `content` added, or the problems why not."""
    person, kind = _person(plan, who)
    if person is None:
        return None, [_unknown(plan, who)]
    stays = visits(plan) or _span_of(visit_dates(plan))
    if not stays:
        return None, [Problem(("who",), who, "a plan with visit dates (add the delegations first)")]
    calendars, problems = read_calendars(content, name)
    if problems:
        return None, problems
    try:
        found = [(b.start, b.end) for b in busy_times(calendars, plan.timezone, stays[0][0], stays[-1][1])]
        pieces = merged([piece for stretch in found for piece in on_dates(stretch, stays)])
        elsewhere = not pieces and not _covers(span(calendars), stays)
    except TooMany as many:
        value = f"more than {MOST_PER_DAY} occurrences a day"
        expected = "appointments, not a timer"
        return None, [Problem(("calendar",), value, expected, where=f"{name}: {many}")]
    except Exception as error:  # the recurrence library's complaint, about a file we cannot repair
        value = f"{type(error).__name__}: {error}"
        return None, [Problem(("calendar",), value, "readable recurrences", where=name)]
    if elsewhere:
        return None, [_another_period(calendars, stays, name)]
    known = merged([(w.start, w.end) for w in person.unavailable])
    added = tuple(Window(s, e) for piece in pieces for s, e in subtract(piece, known))
    return BusyImport(who, kind, added, _with_added(plan, who, added), len(pieces)), []


def _with_added(plan: Plan, who: str, added: tuple[Window, ...]) -> Plan:
    hosts = tuple(replace(h, unavailable=(*h.unavailable, *added)) if h.id == who else h for h in plan.hosts)
    interpreters = tuple(
        replace(i, unavailable=(*i.unavailable, *added)) if i.id == who else i for i in plan.interpreters
    )
    return replace(plan, hosts=hosts, interpreters=interpreters)


def _person(plan: Plan, who: str) -> tuple[Host | Interpreter | None, str]:
    for kind, group in (("host", plan.hosts), ("interpreter", plan.interpreters)):
        for person in group:
            if person.id == who:
                return person, kind
    return None, ""


def _unknown(plan: Plan, who: str) -> Problem:
    ids = [h.id for h in plan.hosts] + [i.id for i in plan.interpreters]
    listed = ", ".join(ids[:12]) + (f" and {len(ids) - 12} more" if len(ids) > 12 else "")
    if any(d.id == who for d in plan.delegations):
        return Problem(
            ("who",), who, f"a host or interpreter, not a delegation ({listed or 'the plan has none'})"
        )
    return Problem(
        ("who",), who, f"the id of a host or interpreter of the plan ({listed or 'the plan has none'})"
    )


def _span_of(dates: list[date]) -> list[tuple[date, date]]:
    return [(dates[0], dates[-1])] if dates else []


def on_dates(stretch: Stretch, stays: list[tuple[date, date]]) -> list[Stretch]:
    """The stretch clipped to the stays' dates and cut at every midnight."""
    pieces = []
    for first, last in stays:
        start = max(stretch[0], datetime.combine(first, time(0)))
        stop = min(stretch[1], datetime.combine(last + timedelta(days=1), time(0)))
        while start < stop:
            midnight = datetime.combine(start.date() + timedelta(days=1), time(0))
            pieces.append((start, min(stop, midnight)))
            start = midnight
    return pieces


def merged(stretches: list[Stretch]) -> list[Stretch]:
    """Sorted, overlapping stretches joined; stretches on different dates stay apart."""
    result: list[Stretch] = []
    for start, end in sorted(s for s in stretches if s[1] > s[0]):
        if result and start <= result[-1][1] and start.date() == result[-1][0].date():
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def subtract(piece: Stretch, known: list[Stretch]) -> list[Stretch]:
    """The parts of `piece` that no known window covers."""
    rest = [piece]
    for k_start, k_end in known:
        rest = [
            part for s, e in rest for part in ((s, min(e, k_start)), (max(s, k_end), e)) if part[1] > part[0]
        ]
    return rest


def _covers(found, stays: list[tuple[date, date]]) -> bool:
    """Whether the calendar's entries run over the visits (free throughout), not another period."""
    if found.first is None:
        return False
    return found.first <= stays[-1][1] and (found.last is None or found.last >= stays[0][0])


def _another_period(calendars, stays: list[tuple[date, date]], name: str) -> Problem:
    found = span(calendars)
    dates = ", ".join(say_dates(first, last) for first, last in stays)
    expected = f"busy time on the visits' dates ({dates}): is it the export of the right year?"
    if found.first is None:
        return Problem(("calendar",), "no events", expected, where=name)
    value = f"{found.count} entries from {say_date(found.first)} to {say_date(found.last or found.first)}"
    return Problem(("calendar",), value, expected, where=name)
