"""Times a publication that notifies 50 people, end to end, against a local SMTP server (aiosmtpd).

A generated plan (12 delegations, about 200 requests over five days, a greedy programme) is stored in a
fresh database; 50 of the people it schedules get an e-mail address. Publishing it changes all their
programmes (everything is new), so 50 messages go, as the Export page sends them: each claimed in the
store, built with its calendar attached (a host's or interpreter's with a new private link), sent over
one SMTP connection and recorded. Target: under 5 seconds.

    python scripts/bench_mail.py [--people 50] [--repeat 3] [--database URL]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiosmtpd.controller import Controller

from scheduler import SmtpSettings, Store, generate_plan, greedy, publish_schedule, send_publication
from scheduler.model import Plan, Schedule

TARGET_SECONDS = 5.0
ADDRESS = "http://localhost:8501/"  # as the Export page passes it: hosts' messages carry a private link


class Inbox:
    def __init__(self) -> None:
        self.received: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope.content)
        return "250 Message accepted"


def addressed(plan: Plan, schedule: Schedule, people: int) -> Plan:
    """The plan with an address for the first `people` it schedules (delegations, hosts, interpreters)."""
    attending: set[str] = set()
    for meeting in schedule.meetings:
        request = plan.request(meeting.request)
        attending |= {*request.delegations, *request.hosts, *meeting.optional_hosts}
        attending |= {meeting.interpreter} if meeting.interpreter else set()
    order = [p.id for p in (*plan.delegations, *plan.hosts, *plan.interpreters) if p.id in attending]
    if len(order) < people:
        raise SystemExit(f"the generated plan schedules only {len(order)} people")
    chosen = set(order[:people])

    def mail(person):
        return replace(person, email=f"{person.id.lower()}@example.test") if person.id in chosen else person

    return replace(
        plan,
        delegations=tuple(map(mail, plan.delegations)),
        hosts=tuple(map(mail, plan.hosts)),
        interpreters=tuple(map(mail, plan.interpreters)),
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def one_run(url: str, plan: Plan, schedule: Schedule, settings: SmtpSettings, inbox: Inbox) -> dict:
    store = Store(url)
    try:
        plan_id = store.create_plan(plan).plan_id
        schedule_id = store.save_schedule(plan_id, 1, schedule)
        before = len(inbox.received)
        started = time.perf_counter()
        number, _changes = publish_schedule(store, plan_id, schedule_id)
        published = time.perf_counter()
        delivery = send_publication(store, plan_id, settings, number=number, page_address=ADDRESS)
        done = time.perf_counter()
    finally:
        store.engine.dispose()
    assert delivery is not None and not delivery.to_send, delivery
    return {
        "publish": published - started,
        "send": done - published,
        "total": done - started,
        "messages": len(inbox.received) - before,
        "bytes": sum(len(m) for m in inbox.received[before:]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database", help="a SQLAlchemy URL (default: a fresh SQLite file per run)")
    options = parser.parse_args()

    plan = generate_plan(1, delegations=12, requests=200)
    schedule = greedy(plan)
    plan = addressed(plan, schedule, options.people)
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings = SmtpSettings("127.0.0.1", "Protocol office <protocol@example.test>", controller.port,
                            starttls=False, timeout=20)  # fmt: skip
    people = (
        f"{len(plan.delegations)} delegations, {len(plan.hosts)} hosts, {len(plan.interpreters)} interpreters"
    )
    print(f"plan: {people}; {len(schedule.meetings)} meetings; {options.people} people with an address")
    runs = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            for run in range(options.repeat):
                url = options.database or f"sqlite:///{folder}/bench-{run}.db"
                runs.append(one_run(url, plan, schedule, settings, inbox))
                figures = runs[-1]
                print(f"run {run + 1}: {figures['messages']} messages ({figures['bytes'] / 1e6:.2f} MB) "
                      f"publish {figures['publish']:.2f} s, build + send {figures['send']:.2f} s, "
                      f"total {figures['total']:.2f} s")  # fmt: skip
    finally:
        controller.stop()
    median = statistics.median(r["total"] for r in runs)
    verdict = "within" if median < TARGET_SECONDS else "OVER"
    target = f"{verdict} the {TARGET_SECONDS:.0f} s target"
    print(f"median total {median:.2f} s for {options.people} people: {target}")


if __name__ == "__main__":
    main()
