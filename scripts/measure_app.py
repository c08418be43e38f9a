"""How quick the app feels on the sample plan: start-up, page switches and a solve, in a real Chromium.

Run from the project root: `python scripts/measure_app.py [--rounds 3]`. Each round starts
`streamlit run app.py` on a fresh SQLite file (so the first start also seeds the sample plan) and
prints seconds; the last line gives the median of every figure over the rounds.

`--generated N` measures a large plan instead: the fresh file holds a generated plan of N
delegations, 20 N requests over 10 days, and its greedy programme; each page is timed on its first
visit (nothing solved: a solve of that size takes its whole time limit).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from scheduler.generate import generate_plan
from scheduler.solver import greedy
from scheduler.store import Store
from tests.app_support import CHROMIUM, CHROMIUM_ARGS, Server

PAGES = ("Solve", "Programme", "Export", "Delegation links", "Settings", "Plan")
WAIT = 120_000


IDLE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]');
}"""


def _idle(page) -> None:
    """Until the script run is over: the app's root says so (the running indicator alone shows only
    after a delay, so a run that ends within it, or spends it in one call, would slip past)."""
    page.wait_for_function(IDLE, timeout=WAIT, polling=50)


def _switch(page, label: str) -> tuple[float, float]:
    """Seconds from the click until the page's title shows, and until its script has finished."""
    started = time.monotonic()
    page.locator('[data-testid="stSidebarNav"] a', has_text=label).click()
    page.get_by_role("heading", name=label, exact=True).wait_for(timeout=WAIT)
    shown = time.monotonic() - started
    _idle(page)
    return shown, time.monotonic() - started


def _seed_generated(database: Path, delegations: int) -> None:
    plan = generate_plan(1, delegations=delegations, requests=20 * delegations, days=10)
    store = Store(f"sqlite:///{database}")
    plan_id = store.create_plan(plan, note="generated").plan_id
    store.save_schedule(plan_id, 1, greedy(plan))
    store.engine.dispose()


def generated_round(browser, folder: Path, delegations: int) -> dict[str, float]:
    _seed_generated(folder / "app.db", delegations)
    server = Server(folder / "app.db", folder / "server.log")
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        server.wait_healthy(timeout=120)
        page.goto(server.url)
        page.get_by_role("heading", name="Plan", exact=True).first.wait_for(timeout=WAIT)
        _idle(page)
        figures = {"first page settled": time.monotonic() - server.started}
        for label in PAGES:
            figures[f"first visit to {label}"] = _switch(page, label)[1]
        page.close()
        return figures
    finally:
        server.stop()


def one_round(browser, folder: Path) -> dict[str, float]:
    server = Server(folder / "app.db", folder / "server.log")
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        healthy = server.wait_healthy(timeout=120)
        page.goto(server.url)
        page.get_by_role("heading", name="Plan", exact=True).first.wait_for(timeout=WAIT)
        figures = {"health": healthy, "first page": time.monotonic() - server.started}
        _idle(page)
        figures["first page settled"] = time.monotonic() - server.started
        switches = [_switch(page, label) for label in PAGES]
        figures["switch shown"] = statistics.median(s for s, _ in switches)
        figures["switch settled"] = statistics.median(d for _, d in switches)
        figures["switch slowest"] = max(d for _, d in switches)
        slowest = max(zip(PAGES, switches, strict=True), key=lambda pair: pair[1][1])[0]
        print(f"  slowest switch: to {slowest}")
        _switch(page, "Solve")
        started = time.monotonic()
        page.get_by_role("button", name="Build the programme").click()
        page.get_by_role("heading", name="Result").wait_for(timeout=WAIT)
        figures["solve (default settings)"] = time.monotonic() - started
        _idle(page)
        with_programme = {label: _switch(page, label)[1] for label in ("Programme", "Export", "Solve")}
        for label, seconds in with_programme.items():
            figures[f"to {label} with a programme"] = seconds
        page.close()
        return figures
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--generated", type=int, metavar="N", help="a generated plan of N delegations")
    arguments = parser.parse_args()
    rounds = arguments.rounds
    results = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as temporary:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for number in range(rounds):
            folder = Path(temporary) / str(number)
            folder.mkdir()
            if arguments.generated:
                figures = generated_round(browser, folder, arguments.generated)
            else:
                figures = one_round(browser, folder)
            results.append(figures)
            print(f"round {number + 1}: " + ", ".join(f"{k} {v:.2f} s" for k, v in figures.items()))
        browser.close()
    medians = {key: statistics.median(r[key] for r in results) for key in results[0]}
    print(f"median of {rounds}: " + ", ".join(f"{k} {v:.2f} s" for k, v in medians.items()))


if __name__ == "__main__":
    main()
