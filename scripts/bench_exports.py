"""Times the exports of a programme of about 1,000 meetings: every calendar and the Excel workbook.

The plan and its schedule are made here by construction (no solver needed): 40 delegations
spend five days meeting 80 hosts at 20 venues, five meetings a day each, with lunch breaks,
interpreters, optional hosts and a conference day. Target: under 5 seconds in total.

    python scripts/bench_exports.py [--delegations 40] [--repeat 1]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scheduler.export.excel import programme_workbook
from scheduler.model import (
    Delegation,
    Fixed,
    Host,
    Interpreter,
    LunchBlock,
    Meeting,
    Objective,
    Plan,
    Request,
    Schedule,
    Venue,
)

FIRST_DAY = date(2024, 3, 28)  # the week across the spring clock change
DAYS, PER_DAY, HOSTS, VENUES = 5, 5, 80, 20
STARTS = (9, 10, 11, 14, 15)  # hours; lunch 12:30-13:30
TARGET_SECONDS = 5.0


def synthetic(delegations: int) -> tuple[Plan, Schedule]:
    """A plan and a schedule with delegations x 25 meetings; no host is in two meetings at once."""
    zone = ZoneInfo("Europe/Brussels")
    venues = tuple(
        Venue(f"v{k}", f"Venue {k}", f"Street {k}, 1000 Brussels", 50.80 + k / 200, 4.30 + k / 150, rooms=40)
        for k in range(VENUES)
    )
    hosts = tuple(
        Host(f"h{k}", f"Host {k}", f"v{k % VENUES}", organisation=f"Organisation {k % 12}")
        for k in range(HOSTS)
    )
    last = FIRST_DAY + timedelta(days=DAYS - 1)
    visitors = tuple(
        Delegation(
            f"d{k}",
            f"Delegation {k}",
            4,
            ("uk",) if k % 2 else ("nl",),
            datetime.combine(FIRST_DAY, datetime.min.time()),
            datetime.combine(last, datetime.max.time().replace(microsecond=0)),
            country=f"Country {k}",
        )
        for k in range(delegations)
    )
    interpreters = tuple(Interpreter(f"i{k}", f"Interpreter {k}", ("uk", "en")) for k in range(delegations))
    requests, meetings, lunches = [], [], []
    for d in range(delegations):
        for day in range(DAYS):
            when = FIRST_DAY + timedelta(days=day)
            for slot, hour in enumerate(STARTS):
                host = (d + 8 * slot + 3 * day) % HOSTS
                rid = f"r{d}-{day}-{slot}"
                optional = (f"h{(host + 40) % HOSTS}",) if slot == 0 else ()
                requests.append(Request(rid, 50, f"Exchange {rid}", (f"d{d}",), (f"h{host}",), optional))
                start = datetime.combine(when, datetime.min.time()).replace(hour=hour, tzinfo=zone)
                interpreter = f"i{d}" if d % 2 else None
                venue = hosts[host].venue
                meetings.append(
                    Meeting(rid, start, start + timedelta(minutes=50), venue, None, interpreter, optional)
                )
            noon = datetime.combine(when, datetime.min.time()).replace(hour=12, minute=30, tzinfo=zone)
            lunches.append(LunchBlock(f"d{d}", noon, noon + timedelta(hours=1)))
    conference = datetime.combine(last, datetime.min.time()).replace(hour=17)
    fixed = (
        Fixed(
            "conf",
            "Closing reception",
            conference,
            conference + timedelta(hours=2),
            "v0",
            tuple(v.id for v in visitors),
        ),
    )
    plan = Plan(
        name="Export benchmark",
        venues=venues,
        hosts=hosts,
        delegations=visitors,
        interpreters=interpreters,
        requests=tuple(requests),
        fixed=fixed,
    )
    count = {"normal": len(meetings)}
    schedule = Schedule(plan.name, "feasible", 0.0, Objective(count, count), tuple(meetings), tuple(lunches))
    return plan, schedule


def timed(action) -> tuple[tuple[float, float], object]:
    """(wall seconds, CPU seconds of this process) and the result; CPU time is the steadier figure
    on a machine shared with other work."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return (time.perf_counter() - wall, time.process_time() - cpu), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegations", type=int, default=40, help="25 meetings each (default 40: 1,000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs; the best of them is reported")
    arguments = parser.parse_args()
    plan, schedule = synthetic(arguments.delegations)
    try:
        from scheduler.export.ics import calendars
    except ImportError:
        calendars = None
    best: dict[str, tuple[float, float]] = {}
    for _ in range(arguments.repeat):
        if calendars is not None:
            seconds, files = timed(lambda: calendars(plan, schedule))
            best["calendars"] = min(best.get("calendars", seconds), seconds)
            calendar_bytes = sum(len(content) for content in files.values())
        seconds, workbook = timed(lambda: programme_workbook(plan, schedule))
        best["workbook"] = min(best.get("workbook", seconds), seconds)
    print(f"{len(schedule.meetings)} meetings, {len(plan.delegations)} delegations, {len(plan.hosts)} hosts")
    if calendars is None:
        print("calendars: skipped (scheduler.export.ics.calendars is not available)")
    else:
        wall, cpu = best["calendars"]
        print(f"calendars: {wall:.2f} s (CPU {cpu:.2f} s; {len(files)} files, {calendar_bytes / 1e6:.1f} MB)")
    wall, cpu = best["workbook"]
    print(f"workbook:  {wall:.2f} s (CPU {cpu:.2f} s; {len(workbook) / 1e6:.1f} MB)")
    total, total_cpu = sum(wall for wall, _ in best.values()), sum(cpu for _, cpu in best.values())
    verdict = "within" if total < TARGET_SECONDS else "OVER"
    print(f"total:     {total:.2f} s (CPU {total_cpu:.2f} s; {verdict} the 5 s target)")
    return 0 if total < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
