"""Times validation as `python -m scheduler validate` runs it (file bytes -> decoded, checked plan).

Cases: the public peer sets as converted plans (50, 400 and 800 meetings, from
../shared/benchmarks/meetingscheduling), a generated plan of 10,000 requests (200 delegations over
10 days; its generation is not timed), and two plans beyond the documented limits (100,000
requests; 6,000 hosts), which must be refused at once. Targets: the 800 set under 2 s, 10,000
requests under 5 s, a refusal under 1 s. Each case runs --repeat times; the best time is printed.

    python scripts/bench_validate.py [--repeat 3] [--requests 10000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scheduler.bench import PEER_SETS
from scheduler.generate import generate_plan
from scheduler.generate.peer_sets import timefold_plan
from scheduler.io.load import load_plan
from scheduler.io.plan_json import plan_to_data, write_plan_json
from scheduler.problems import Problem, errors

PEER_FILES = {
    50: "50meetings-160timegrains-5rooms.json",
    400: "400meetings-1280timegrains-5rooms.json",
    800: "800meetings-2560timegrains-5rooms.json",
}
TARGETS = {"peer": 2.0, "generated": 5.0, "beyond": 1.0}


def timed(content: bytes, repeat: int) -> tuple[float, list[Problem]]:
    best, problems = float("inf"), list[Problem]()
    for _ in range(repeat):
        began = time.perf_counter()
        _plan, problems = load_plan("plan.json", content)
        best = min(best, time.perf_counter() - began)
    return best, problems


def _peer_file(path: Path) -> bytes:
    return write_plan_json(timefold_plan(path))


def beyond(requests: int, hosts: int) -> bytes:
    """A small plan blown up: `requests` copies of one request, `hosts` hosts (compact JSON)."""
    data = plan_to_data(generate_plan(seed=1, delegations=3, requests=40, days=5))
    one = data["requests"][0]
    data["requests"] = [{**one, "id": f"R{k}"} for k in range(requests)]
    host = data["hosts"][0]
    data["hosts"] = data["hosts"] + [{**host, "id": f"H{k}"} for k in range(hosts - len(data["hosts"]))]
    return json.dumps(data, separators=(",", ":")).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--requests", type=int, default=10_000)
    args = parser.parse_args(argv)
    cases: list[tuple[str, str, Callable[[], bytes]]] = []
    for meetings, name in PEER_FILES.items():
        if (PEER_SETS / name).is_file():
            cases.append(
                (
                    f"peer-{meetings}",
                    "peer",
                    partial(_peer_file, PEER_SETS / name),
                )
            )
        else:
            print(f"peer-{meetings}: skipped, {PEER_SETS / name} is missing")
    delegations = max(3, args.requests // 50)
    cases.append(
        (
            f"generated {args.requests:,} requests, {delegations} delegations, 10 days",
            "generated",
            lambda: write_plan_json(
                generate_plan(seed=1, delegations=delegations, requests=args.requests, days=10)
            ),
        )
    )
    cases.append(("100,000 requests (beyond the limit)", "beyond", lambda: beyond(100_000, 10)))
    cases.append(("6,000 hosts (beyond the limit)", "beyond", lambda: beyond(40, 6_000)))
    print(
        f"best of {args.repeat}; targets: peer sets < 2 s, generated < 5 s, beyond the limits refused < 1 s"
    )
    print("| case | file MB | seconds | target | outcome |")
    print("|---|---|---|---|---|")
    failed = 0
    for label, kind, make in cases:
        content = make()
        seconds, problems = timed(content, args.repeat)
        bad = errors(problems)
        outcome = f"refused: {bad[0]}" if bad else f"valid, {len(problems)} warnings"
        met = seconds < TARGETS[kind] and (bool(bad) == (kind == "beyond"))
        failed += not met
        mb = len(content) / 1024 / 1024
        target = f"< {TARGETS[kind]:g} s" + (" (met)" if met else " (NOT met)")
        print(f"| {label} | {mb:.1f} | {seconds:.2f} | {target} | {outcome} |", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
