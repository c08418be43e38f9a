"""Times the calendar import as `python -m scheduler busy` runs it (calendar bytes -> the plan with the
person's busy time added): a busy person's year in Outlook's manner, 2024, with a few hundred meetings
and weekly series (each with an EXDATE and a moved instance), in W. Europe and Eastern time.

Cases: the sample plan's visit week (22-26 April 2024), the real use; and the same calendar against
that plan stretched over the whole year, so that every occurrence of the year is expanded. Target:
each under 1 s. Each case runs --repeat times; the best time is printed, with the machine's load.

    python scripts/bench_busy.py [--repeat 5] [--events 300] [--series 20]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scheduler.io.busy import BusyImport, import_busy
from scheduler.io.load import load_plan_file
from scheduler.model import Plan

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "ukraine-prosecutors-2024.json"
TARGET = 1.0
ZONES = {
    "W. Europe Standard Time": ("+0100", "+0200", "-1SU;BYMONTH=10", "-1SU;BYMONTH=3"),
    "Eastern Standard Time": ("-0500", "-0400", "1SU;BYMONTH=11", "2SU;BYMONTH=3"),
}


def zone_lines(name: str) -> list[str]:
    """A VTIMEZONE as Outlook writes it: a standard and a daylight rule from 1601 on."""
    winter, summer, back, forward = ZONES[name]
    return ["BEGIN:VTIMEZONE", f"TZID:{name}",
            "BEGIN:STANDARD", "DTSTART:16010101T030000", f"TZOFFSETFROM:{summer}", f"TZOFFSETTO:{winter}",
            f"RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY={back}", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", f"TZOFFSETFROM:{winter}", f"TZOFFSETTO:{summer}",
            f"RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY={forward}", "END:DAYLIGHT", "END:VTIMEZONE"]  # fmt: skip


def event(uid: str, title: str, zone: str, start: datetime, minutes: int, *extra: str) -> list[str]:
    stamp = "%Y%m%dT%H%M%S"
    end = start + timedelta(minutes=minutes)
    return ["BEGIN:VEVENT", f"UID:{uid}", f"SUMMARY:{title}", f"DTSTART;TZID={zone}:{start:{stamp}}",
            f"DTEND;TZID={zone}:{end:{stamp}}", "X-MICROSOFT-CDO-BUSYSTATUS:BUSY", *extra,
            "END:VEVENT"]  # fmt: skip


def year_calendar(events: int, series: int, year: int = 2024) -> bytes:
    """`events` single meetings on the working days of the year (one in ten in Eastern time, one in
    twenty free), and `series` weekly meetings, each with one EXDATE and one instance moved."""
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "VERSION:2.0",
             "METHOD:PUBLISH", *zone_lines("W. Europe Standard Time"),
             *zone_lines("Eastern Standard Time")]  # fmt: skip
    working_days = [
        d for d in (datetime(year, 1, 1) + timedelta(days=k) for k in range(366)) if d.weekday() < 5
    ]
    for k in range(events):
        day = working_days[k * len(working_days) // events]
        zone = "Eastern Standard Time" if k % 10 == 9 else "W. Europe Standard Time"
        free = ("TRANSP:TRANSPARENT",) if k % 20 == 19 else ()
        lines += event(f"single-{k}", f"Meeting {k}", zone, day.replace(hour=8 + k % 9), 45, *free)
    zone = "W. Europe Standard Time"
    for k in range(series):
        first = working_days[k % 5].replace(hour=8 + k % 9, minute=30 * (k % 2))
        skipped, moved = first + timedelta(weeks=9 + k), first + timedelta(weeks=4 + k)
        lines += event(f"series-{k}", f"Weekly {k}", zone, first, 30, "RRULE:FREQ=WEEKLY;INTERVAL=1",
                       f"EXDATE;TZID={zone}:{skipped:%Y%m%dT%H%M%S}")  # fmt: skip
        lines += event(f"series-{k}", f"Weekly {k} (moved)", zone, moved + timedelta(hours=2), 30,
                       f"RECURRENCE-ID;TZID={zone}:{moved:%Y%m%dT%H%M%S}")  # fmt: skip
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def whole_year(plan: Plan) -> Plan:
    """The sample plan with its delegation staying from 1 January to 31 December."""
    first = plan.delegations[0]
    stay = replace(first, arrive=datetime(2024, 1, 1, 9, 0), depart=datetime(2024, 12, 31, 18, 0))
    return replace(plan, delegations=(stay, *plan.delegations[1:]))


def timed(plan: Plan, content: bytes, repeat: int) -> tuple[float, BusyImport]:
    best, found = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        found, problems = import_busy(plan, "dgsp-local", content, "year.ics")
        best = min(best, time.perf_counter() - began)
        if found is None:
            raise SystemExit(f"the import failed: {problems}")
    assert found is not None
    return best, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--series", type=int, default=20)
    args = parser.parse_args(argv)
    plan, _ = load_plan_file(str(SAMPLE))
    assert plan is not None
    content = year_calendar(args.events, args.series)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    size = f"{len(content):,} bytes"
    print(f"calendar: {args.events} meetings and {args.series} weekly series in 2024, {size}; "
          f"load average {load} on {os.cpu_count()} cores")  # fmt: skip
    print(f"{'case':<34} {'best s':>8} {'target':>7} {'busy times':>11} {'added':>6}  verdict")
    failed = 0
    for label, case in (("visit week, 22-26 April 2024", plan), ("visits all year 2024", whole_year(plan))):
        seconds, found = timed(case, content, max(args.repeat, 1))
        verdict = "ok" if seconds < TARGET else "TOO SLOW"
        failed += verdict != "ok"
        print(
            f"{label:<34} {seconds:>8.3f} {TARGET:>7.1f} {found.found:>11} {len(found.added):>6}  {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
