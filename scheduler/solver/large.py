"""A plan too large for one model, solved in parts: the greedy schedule improved part by part
(solver.lns), first on the priorities, then on the priorities and optional hosts together, while a
loose model (solver.bound) finds, on the other worker, how many meetings the plan could hold at most.

Why: on 1,800 generated requests the whole model (105,000 variables, 535,000 constraints) found no
schedule in 170 s and took 2.2 GB; CP-SAT's own neighbourhoods each copied all of it and ran once a
minute. Parts of 40 meetings are solved in a fifth of a second each, and the parts' model never holds
the plan's quadratic travel constraints all at once. The criteria after optional hosts (fairness,
travel, compact days, earlier starts) are not searched on such a plan: its priorities are not proven,
and every second left goes to them first.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

from scheduler.criteria import priority_score
from scheduler.model import Criterion
from scheduler.solver.board import Board
from scheduler.solver.bound import Bound
from scheduler.solver.candidates import Candidate
from scheduler.solver.extract import count_scheduled
from scheduler.solver.lns import Search
from scheduler.solver.options import Progress, SolveOptions
from scheduler.solver.outcome import Best

LARGE_REQUESTS = 600
LARGE_TRAVEL_PAIRS = 50_000
"""A plan is solved in parts when more than LARGE_REQUESTS requests can take place at all and its people
have more than LARGE_TRAVEL_PAIRS pairs of possible meetings at two venues: those pairs become the whole
model's travel constraints, which grow with the square of a person's meetings. Measured with 2 workers:
on the generated XL plan (1,000 requests, 144,000 pairs) the whole model's stages placed 62/172/220/43
(must/high/normal/low) in 120 s and the parts 62/180/242/49 in 60 s; on the 800-meeting peer set (one
venue, no pair) the whole model proves its priorities in 4 s and seats 2,676 optional hosts in 60 s,
the parts 1,961; the generated L plan (400 requests, 20,000 pairs) is proven by the whole model."""
PRIORITIES_SHARE = 0.6
"""The share of the time the parts search on the priorities alone; the rest also weighs optional hosts."""
BOUND_SHARE, BOUND_SECONDS = 0.25, 30.0
"""With a single worker, the loose model's bound is searched alone for this share of the time at most."""


def is_large(candidates: dict[str, Candidate]) -> bool:
    placeable = [c for c in candidates.values() if c.starts]
    if len(placeable) <= LARGE_REQUESTS:
        return False
    by_person: dict[str, Counter[str | None]] = {}
    for candidate in placeable:
        for who in (*candidate.required, *candidate.optional_starts):
            by_person.setdefault(who, Counter())[candidate.venue] += 1
    pairs = sum((sum(at.values()) ** 2 - sum(n * n for n in at.values())) // 2 for at in by_person.values())
    return pairs > LARGE_TRAVEL_PAIRS


def solve_in_parts(
    board: Board,
    pins: dict[str, int],
    options: SolveOptions,
    on_progress: Callable[[Progress], None] | None,
    began: float,
    deadline: float,
) -> Best:
    """Improve `board` (the greedy schedule, every pin placed) in parts until the deadline."""
    facts = board.facts
    requested = count_scheduled(facts, facts.requests)
    placeable = [rid for rid, c in board.candidates.items() if c.starts]
    ceiling = priority_score(count_scheduled(facts, placeable), requested)
    joinable = sum(
        1 for c in board.candidates.values() if c.starts for who in c.optional if c.optional_starts.get(who)
    )
    bound = Bound(facts, board.candidates, pins, options.seed)
    if options.workers >= 2:
        bound.start(deadline - time.perf_counter())

    def score() -> int:
        return priority_score(count_scheduled(facts, board.placed), requested)

    def best_bound() -> float:
        return ceiling if bound.value is None else min(ceiling, bound.value)

    def stopped() -> bool:
        return options.stop is not None and options.stop.is_set()

    found = {"priorities": time.perf_counter() - began, "optional hosts": time.perf_counter() - began}

    def report(stage: str) -> Callable[[Board], None]:
        def better(_: Board) -> None:
            found[stage] = time.perf_counter() - began
            if on_progress is not None:
                value, top = (score(), best_bound()) if stage == "priorities" else (_joined(board), joinable)
                scheduled = count_scheduled(facts, board.placed)
                on_progress(Progress(found[stage], stage, float(value), float(top), scheduled))

        return better

    search = Search(board, set(pins), options.seed)
    first = time.perf_counter() + (deadline - time.perf_counter()) * PRIORITIES_SHARE
    search.improve(first, stop=lambda: stopped() or score() >= best_bound(), on_better=report("priorities"))
    if options.workers < 2 and not stopped():
        left = deadline - time.perf_counter()
        bound.start(min(left * BOUND_SHARE, BOUND_SECONDS)).wait()
    search.improve(
        deadline,
        attendance=True,
        stop=lambda: stopped() or (score() >= best_bound() and _joined(board) >= joinable),
        on_better=report("optional hosts"),
    )
    top = bound.stop()
    top = ceiling if top is None else min(ceiling, top)
    proven = score() >= top - 1e-6
    criteria = [Criterion("priorities", float(score()), top, proven, found["priorities"], False)]
    if joinable:
        joined = _joined(board)
        criteria.append(
            Criterion(
                "optional hosts",
                float(joined),
                float(joinable),
                proven and joined >= joinable,
                found["optional hosts"],
                False,
            )
        )
    return Best(list(board.placed.values()), {}, top, all(c.proven for c in criteria), proven, criteria)


def _joined(board: Board) -> int:
    return sum(len(p.optional_hosts) for p in board.placed.values())
