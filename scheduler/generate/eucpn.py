"""The EU conference of May 2024 as a protocol officer met it: the EUCPN Secretariat hosting a 20-minute
meeting with the national representative of each of the 22 member states, in 7 h 30 of free time.

Built on the bundled sample (`data/conference-2024.json`): its requests with the Secretariat's head give
way to one 20-minute normal-priority meeting per member state, and the head is free on 29 May from 13:30
to 17:30 and on 31 May from 9:00 to 12:30. On the 15-minute grid each meeting blocks 30 minutes, so 15
of the 22 fit: which 7 states lose theirs is decided by the fairness rule and the plan's precedence.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from scheduler.io.load import load_plan_file
from scheduler.model import Plan, Request, Window

SAMPLE = Path(__file__).resolve().parent.parent.parent / "data" / "conference-2024.json"
SECRETARIAT = "eucpn-head"
FREE = (
    Window(datetime(2024, 5, 29, 13, 30), datetime(2024, 5, 29, 17, 30)),
    Window(datetime(2024, 5, 31, 9, 0), datetime(2024, 5, 31, 12, 30)),
)


def eucpn_conference() -> Plan:
    plan, problems = load_plan_file(SAMPLE)
    assert plan is not None, problems  # the bundled sample is valid (tests/test_samples.py)
    kept = []
    for request in plan.requests:
        if request.hosts == (SECRETARIAT,):
            continue
        others = tuple(h for h in request.hosts if h != SECRETARIAT)
        kept.append(replace(request, hosts=others) if others != request.hosts else request)
    representatives = [
        Request(
            id=f"rep-{d.id.lower()}",
            minutes=20,
            title=f"EUCPN national representative: {d.country or d.name}",
            delegations=(d.id,),
            hosts=(SECRETARIAT,),
            priority="normal",
        )
        for d in plan.delegations
    ]
    hosts = tuple(
        replace(h, name="EUCPN Secretariat", available=FREE, max_meetings_per_day=None)
        if h.id == SECRETARIAT
        else h
        for h in plan.hosts
    )
    return replace(
        plan,
        name="EU conference 2024: the EUCPN Secretariat meets every member state",
        hosts=hosts,
        requests=(*kept, *representatives),
    )
