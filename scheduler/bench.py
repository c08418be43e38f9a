"""`python -m scheduler bench`: the solver on generated plans of growing size and on the public peer sets.

Each case runs in a fresh process, so that its peak memory is its own. Printed per case: requests
scheduled per priority (CP-SAT and the greedy baseline of the same run), the priority objective
against CP-SAT's bound, the time to the first CP-SAT schedule and to the final one, peak memory.

The replan cases solve a plan, then take its busiest host away for the day of its first meeting and
solve again twice: from scratch and keeping the first schedule (SolveOptions.keep). Their row is the
second solve keeping it; the notes count the meetings of the first schedule each way leaves in place.

XL and 2XL are also solved by the plain CP-SAT model (solver.plain: the same hard rules, the priorities
as its only objective, no start, one search for the same limit), in a process of its own: the notes
give its counts per priority, its status, seconds and peak memory.

The eu-conference case (generate.eucpn: 22 member states for 15 places with the EUCPN Secretariat) is
solved on three seeds: its notes say when the priorities were proven on each, and whether the three
scheduled sets are the same, as fairness and precedence promise once the priorities are proven.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from scheduler.model import PRIORITIES, Kept, Plan

PEER_SETS = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "meetingscheduling"


@dataclass(frozen=True)
class Case:
    name: str
    time_limit: float
    target: str
    generate: dict | None = None
    peer_file: str | None = None
    replan: bool = False
    seeds: int = 1
    """Solves on this many seeds (the bench's seed and the next ones): their scheduled sets are compared."""
    eucpn: bool = False
    """The EU conference with the EUCPN Secretariat meeting every member state (generate.eucpn)."""
    plain: bool = False
    """Also solved by the plain CP-SAT model (solver.plain), in a process of its own, with the same limit."""

    def plan(self, peer_capacity: bool = False) -> Plan:
        if self.eucpn:
            from scheduler.generate.eucpn import eucpn_conference

            return eucpn_conference()
        if self.peer_file:
            from scheduler.generate.peer_sets import timefold_plan

            return timefold_plan(PEER_SETS / self.peer_file, peer_capacity)
        from scheduler.generate import generate_plan

        assert self.generate is not None  # a case names either a peer file or the generator's settings
        return generate_plan(**self.generate)


PEER_TARGET = (
    "all placed < 60 s, conflict-free by this plan format's rules (a room holds required + attending)"
)
"""`--peer-capacity` converts the sets so that every preferred attendee takes a seat: their own rule."""

CASES = (
    Case("S", 10, "proven optimal < 2 s", {"seed": 1, "delegations": 3, "requests": 40, "days": 5}),
    Case(
        "M", 10, "first < 2 s, within 1% at 10 s", {"seed": 1, "delegations": 10, "requests": 150, "days": 5}
    ),
    Case(
        "L", 60, "first < 10 s, within 3% at 60 s", {"seed": 1, "delegations": 25, "requests": 400, "days": 5}
    ),
    Case(
        "XL",
        120,
        "first < 30 s, >= 97% of the bound at 120 s, < 2 GB",
        {"seed": 1, "delegations": 50, "requests": 1000, "days": 10},
        plain=True,
    ),
    Case(
        "2XL",
        300,
        "at least the plain model on each priority in order, >= 97% of the bound at 300 s, < 2 GB",
        {"seed": 1, "delegations": 100, "requests": 1800, "days": 10},
        plain=True,
    ),
    Case(
        "conference",
        30,
        "22 states, ~170 bilaterals, 6 rooms",
        {"seed": 1, "conference": True, "delegations": 22, "requests": 170},
    ),
    Case("eu-conference", 30, "priorities proven < 30 s; one scheduled set on 3 seeds", seeds=3, eucpn=True),
    Case(
        "replan-M",
        10,
        "a host away one day: meetings kept",
        {"seed": 1, "delegations": 10, "requests": 150, "days": 5},
        replan=True,
    ),
    Case(
        "replan-L",
        60,
        "a host away one day: meetings kept",
        {"seed": 1, "delegations": 25, "requests": 400, "days": 5},
        replan=True,
    ),
    Case("peer-50", 60, PEER_TARGET, peer_file="50meetings-160timegrains-5rooms.json"),
    Case("peer-100", 60, PEER_TARGET, peer_file="100meetings-320timegrains-5rooms.json"),
    Case("peer-200", 60, PEER_TARGET, peer_file="200meetings-640timegrains-5rooms.json"),
    Case("peer-400", 60, PEER_TARGET, peer_file="400meetings-1280timegrains-5rooms.json"),
    Case("peer-800", 60, PEER_TARGET, peer_file="800meetings-2560timegrains-5rooms.json"),
)


def run_case(case: Case, workers: int, seed: int, peer_capacity: bool = False) -> dict:
    """Solve one case in this process and measure it; `peer_capacity`: see generate.peer_sets."""
    from scheduler.criteria import proof_figures
    from scheduler.solver import SolveOptions, greedy, priority_score, solve
    from scheduler.verify import verify

    plan = case.plan(peer_capacity)
    keep: tuple[Kept, ...] = ()
    replanned = None
    if case.replan:
        earlier = solve(plan, SolveOptions(time_limit=case.time_limit, workers=workers, seed=seed))
        plan, change = _host_away(plan, earlier)
        scratch = solve(plan, SolveOptions(time_limit=case.time_limit, workers=workers, seed=seed))
        keep, replanned = earlier.to_keep(), (earlier, scratch, change)
    began = time.perf_counter()
    baseline = greedy(plan)
    greedy_seconds = time.perf_counter() - began
    first: list[float] = []

    def on_progress(progress) -> None:
        if progress.stage != "greedy" and not first:  # the first CP-SAT schedule, in any stage
            first.append(progress.elapsed)

    options = SolveOptions(time_limit=case.time_limit, workers=workers, seed=seed, keep=keep)
    schedule = solve(plan, options, on_progress)
    requested = schedule.objective.requested
    score = priority_score(schedule.objective.scheduled, requested)
    result = {
        "case": case.name,
        "target": case.target,
        "requests": len(plan.requests),
        "status": schedule.status,
        "scheduled": [schedule.objective.scheduled.get(p, 0) for p in PRIORITIES],
        "requested": [requested.get(p, 0) for p in PRIORITIES],
        "greedy": [baseline.objective.scheduled.get(p, 0) for p in PRIORITIES],
        "greedy_seconds": round(greedy_seconds, 2),
        "objective": score,
        "bound": schedule.objective.bound,
        "greedy_objective": priority_score(baseline.objective.scheduled, requested),
        "first_seconds": round(first[0], 2) if first else None,
        "final_seconds": round(schedule.solve_seconds, 2),
        "travel_minutes": schedule.objective.travel_minutes,
        "violations": len(verify(plan, schedule)),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "criteria": proof_figures(schedule.objective.criteria),
        "stalled": [c.name for c in schedule.objective.criteria if c.stalled],
    }
    if replanned is not None:
        earlier, scratch, change = replanned
        result["replan"] = (
            f"{change}; of the first schedule's {len(earlier.meetings)} meetings, from scratch "
            f"{_moves(earlier, scratch)}; keeping it {_moves(earlier, schedule)}"
        )
    if case.seeds > 1:
        result["seeds"] = _seeds(plan, case, workers, seed, schedule)
    if case.peer_file:
        from scheduler.generate.peer_sets import peer_score

        peer = peer_score(plan, schedule)
        result.update(
            placed=peer.placed,
            required_conflicts=peer.required_conflicts,
            preferred=f"{peer.preferred_kept}/{peer.preferred_total}",
            medium=peer.medium,
            capacity_overflows=peer.capacity_overflows,
        )
    return result


def run_plain(case: Case, workers: int, seed: int) -> dict:
    """Solve one case with the plain CP-SAT model in this process and measure it."""
    from scheduler.solver.plain import plain_solve
    from scheduler.verify import verify

    plan = case.plan()
    schedule = plain_solve(plan, case.time_limit, workers, seed)
    return {
        "scheduled": [schedule.objective.scheduled.get(p, 0) for p in PRIORITIES],
        "status": schedule.status,
        "seconds": round(schedule.solve_seconds, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "violations": len(verify(plan, schedule)),
    }


def _plain_result(command: list[str]) -> dict:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode == 0:
        found: dict = json.loads(done.stdout.strip().splitlines()[-1])
        return found
    return {"scheduled": [], "status": "failed", "seconds": "-", "peak_mb": "-", "violations": "-"}


def _seeds(plan: Plan, case: Case, workers: int, seed: int, schedule) -> str:
    """When the priorities were proven on each seed, and whether the scheduled sets are the same."""
    from scheduler.solver import SolveOptions, solve

    schedules = [schedule] + [
        solve(plan, SolveOptions(time_limit=case.time_limit, workers=workers, seed=seed + k))
        for k in range(1, case.seeds)
    ]
    proven = []
    for one in schedules:
        priorities = next((c for c in one.objective.criteria if c.name == "priorities"), None)
        proven.append(f"{priorities.seconds:.1f}" if priorities and priorities.proven else "not proven")
    sets = [frozenset(m.request for m in one.meetings) for one in schedules]
    seeds = "/".join(str(seed + k) for k in range(case.seeds))
    left = ", ".join(sorted(u.request for u in schedule.unscheduled))
    same = f"equal, {len(sets[0])} meetings; left out: {left}" if len(set(sets)) == 1 else "NOT equal"
    return f"seeds {seeds}: priorities proven at {'/'.join(proven)} s; scheduled sets {same}"


def _host_away(plan: Plan, schedule) -> tuple[Plan, str]:
    """The plan with the host of the most meetings away for the whole day of its first meeting."""
    from scheduler.generate import busiest_host, host_away

    host, day, meetings = busiest_host(plan, schedule)
    return host_away(plan, host, day), f"host {host} ({meetings} meetings) away on {day}"


def _moves(earlier, now) -> str:
    from scheduler.model import Moves

    moves = Moves.between(earlier, now)
    placed = "/".join(str(now.objective.scheduled.get(p, 0)) for p in PRIORITIES)
    return f"{moves.kept} kept, {moves.moved} moved, {moves.dropped} dropped ({placed})"


def _row(result: dict) -> str:
    def counts(values: list[int]) -> str:
        return "/".join(str(v) for v in values)

    bound = result["bound"]
    ratio = f"{result['objective'] / bound:.4f}" if bound else "-"
    cells = [
        result["case"],
        str(result["requests"]),
        counts(result["scheduled"]),
        counts(result["greedy"]),
        counts(result["requested"]),
        ratio,
        result["status"],
        "-" if result["first_seconds"] is None else f"{result['first_seconds']:.1f}",
        f"{result['final_seconds']:.1f}",
        str(result["peak_mb"]),
        str(result["violations"]),
        result.get("criteria") or "-",
        ", ".join(result.get("stalled") or []) or "-",
    ]
    if "medium" in result:
        cells.append(
            f"placed {result['placed']}, required conflicts {result['required_conflicts']}, "
            f"preferred kept {result['preferred']}, medium {result['medium']}, rooms over capacity "
            f"counting every preferred attendee (the sets' rule) {result['capacity_overflows']}"
        )
    elif "seeds" in result:
        cells.append(result["seeds"])
    elif "replan" in result:
        cells.append(result["replan"])
    else:
        cells.append(f"travel {result['travel_minutes']} min")
    plain = result.get("plain")
    if plain is not None:
        cells[-1] += (
            f"; plain CP-SAT model: {counts(plain['scheduled'])} ({plain['status']}, {plain['seconds']} s, "
            f"{plain['peak_mb']} MB, {plain['violations']} violations)"
        )
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| case | requests | CP-SAT must/high/normal/low | greedy | requested | objective/bound | status "
    "| first (s) | final (s) | peak MB | violations | criteria | stalled | notes |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scheduler bench", description=__doc__)
    parser.add_argument("--cases", default=",".join(c.name for c in CASES), help="comma-separated case names")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--peer-capacity",
        action="store_true",
        help="convert the peer sets so that every preferred attendee counts towards room capacity, as "
        "the sets' own rule does (docs/benchmarks.md)",
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)  # run a single case here and print JSON
    parser.add_argument("--plain-model", action="store_true", help=argparse.SUPPRESS)  # with --one
    args = parser.parse_args(argv)
    by_name = {c.name: c for c in CASES}
    if args.one and args.plain_model:
        print(json.dumps(run_plain(by_name[args.one], args.workers, args.seed)))
        return 0
    if args.one:
        print(json.dumps(run_case(by_name[args.one], args.workers, args.seed, args.peer_capacity)))
        return 0
    wanted = [name.strip() for name in args.cases.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in by_name]
    if unknown:
        print(
            f"unknown case(s): {', '.join(unknown)}; expected some of {', '.join(by_name)}", file=sys.stderr
        )
        return 2
    variant = ", peer sets: every preferred attendee counts towards capacity" if args.peer_capacity else ""
    print(f"workers {args.workers}, seed {args.seed}{variant}")
    print(HEADER, flush=True)
    for name in wanted:
        if by_name[name].peer_file and not PEER_SETS.is_dir():
            print(f"| {name} | skipped: the public sets are not at {PEER_SETS} |", flush=True)
            continue
        command = [sys.executable, "-m", "scheduler", "bench", "--one", name]
        command += ["--workers", str(args.workers), "--seed", str(args.seed)]
        command += ["--peer-capacity"] if args.peer_capacity else []
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"| {name} | failed: {done.stderr.strip().splitlines()[-1:]} |", flush=True)
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if by_name[name].plain:
            result["plain"] = _plain_result([*command, "--plain-model"])
        print(_row(result), flush=True)
    return 0
