"""How long a delegation's private page and calendar feed take on a large published plan.

Run from the project root: `python scripts/measure_delegation_page.py [--delegations 50]`. It
publishes the greedy programme of a generated plan (the delegations, 20 requests each, 10 days) in
a fresh SQLite file, then times the delegation's calendar (what the feed answers) and the page
itself, run by Streamlit's AppTest (first run, then a second one with everything warm).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from streamlit.testing.v1 import AppTest

from scheduler.generate import generate_plan
from scheduler.publishing import delegation_calendar, latest_published, publish_schedule
from scheduler.solver import greedy
from scheduler.store import Store

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegations", type=int, default=50)
    count = parser.parse_args().delegations
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/app.db"
        store = Store()
        plan = generate_plan(1, delegations=count, requests=20 * count, days=10)
        plan_id = store.create_plan(plan, note="generated").plan_id
        schedule = greedy(plan)
        publish_schedule(store, plan_id, store.save_schedule(plan_id, 1, schedule))
        delegation = plan.delegations[0].id
        token = store.issue_link(plan_id, delegation)
        started = time.perf_counter()
        delegation_calendar(latest_published(store, plan_id), delegation)
        feed = time.perf_counter() - started
        store.engine.dispose()
        runs = []
        for _ in range(2):
            page = AppTest.from_file(str(ROOT / "ui" / "main.py"), default_timeout=120)
            page.query_params["d"] = token
            started = time.perf_counter()
            page.run()
            runs.append(time.perf_counter() - started)
            assert not page.exception, page.exception
        print(
            f"{len(plan.requests)} requests, {len(schedule.meetings)} meetings published: "
            f"feed {feed:.2f} s, page {runs[0]:.2f} s (first run), {runs[1]:.2f} s (warm)"
        )


if __name__ == "__main__":
    main()
