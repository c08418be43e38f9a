"""Why a request was not scheduled, in the words of a protocol officer.

First the causes that hold whatever else happens (no common window, no interpreter, room too small,
outside the visit); then, for a request that would fit on its own, which placed meetings stand in the
way and the best alternative slots; where meetings of its own priority took a participant's last free
time, the rule that put them first (solver.fairness).
"""

from __future__ import annotations

from scheduler.model import PRIORITIES
from scheduler.solver.board import Board
from scheduler.solver.candidates import Candidate
from scheduler.solver.causes import static_reasons
from scheduler.solver.fairness import contest_reasons
from scheduler.solver.sequence import requires_reason, sequence_reason
from scheduler.solver.words import listed, moment_text, title, venue_text

IMPORTANCE = {p: len(PRIORITIES) - k for k, p in enumerate(PRIORITIES)}


def explain_all(board: Board, complete: bool) -> dict[str, list[str]]:
    """Reasons for every request the board leaves out; `complete` says the search was not cut short."""
    reasons = {}
    for rid, candidate in board.candidates.items():
        if rid in board.placed:
            continue
        if candidate.starts:
            reasons[rid] = displacement_reasons(board, candidate, complete)
        else:
            reasons[rid] = static_reasons(board.facts, candidate)
    return reasons


# --- what stands in the way --------------------------------------------------------------


def blockers_at(board: Board, candidate: Candidate, start: int) -> set[str] | None:
    """The placed meetings that would have to give way for `candidate` at `start` (None: impossible)."""
    if board.lunch_refuses(candidate.id, start) or board.sequence_refuses(candidate.id) is not None:
        return None
    blocking: set[str] = set(board.sequence_blockers(candidate.id, start))
    for person in candidate.required:
        blocking |= board.person_blockers(person, candidate.id, start)
    fits, _, in_room = board.room_choice(candidate.id, start)
    if not fits:
        blocking |= in_room
    if candidate.interpreter_attends:
        options = [
            board.person_blockers(i, candidate.id, start)
            for i in candidate.interpreters
            if start in candidate.optional_starts.get(i, ())
        ]
        if not options:
            return None
        blocking |= min(options, key=len)
    return blocking


def displacement_reasons(board: Board, candidate: Candidate, complete: bool) -> list[str]:
    facts, requests = board.facts, board.facts.requests
    options = []
    for start in candidate.starts:
        blocking = blockers_at(board, candidate, start)
        if blocking is not None:
            weight = max((IMPORTANCE[requests[b].priority] for b in blocking), default=0)
            options.append((weight, len(blocking), start, blocking))
    if not options:
        return [requires_reason(board, candidate) or static_reasons(facts, candidate)[0]]
    options.sort(key=lambda o: o[:3])
    _, _, best_start, best = options[0]
    in_order = sequence_reason(board, candidate, best_start, best)
    if in_order:
        return [in_order, _alternatives(board, _other_options(options))]
    if not best:
        cut = "" if complete else " (the search was stopped before it could be placed; allow more time)"
        return [f"a free slot remains on {moment_text(facts.axis, best_start)}{cut}"]
    own = IMPORTANCE[candidate.request.priority]
    higher = [b for b in best if IMPORTANCE[requests[b].priority] > own]
    if not higher:  # lost to meetings of its own priority: by the fairness rule or precedence?
        contest = contest_reasons(board, candidate)
        if contest is not None:
            return contest
    named = listed([_meeting_text(board, b) for b in sorted(best, key=lambda b: board.placed[b].start)])
    if higher:
        count = f"{len(higher)} higher-priority meeting{'s' if len(higher) > 1 else ''}"
        if len(best) > len(higher):  # some of the meetings in the way are of its own priority or lower
            count = f"{len(best)} meetings, {len(higher)} of them of higher priority"
        head = f"would displace {count}: at best, on {moment_text(facts.axis, best_start)}, {named}"
    else:
        head = (
            f"every possible time is taken: on {moment_text(facts.axis, best_start)} it needs {named} to move"
        )
    return [head, _alternatives(board, _other_options(options))]


def _other_options(options: list) -> list[tuple[int, int, int, set[str]]]:
    """Up to three options after the best, each needing other meetings to move."""
    seen = {frozenset(options[0][3])}
    others: list[tuple[int, int, int, set[str]]] = []
    for option in options[1:]:
        if frozenset(option[3]) not in seen and len(others) < 3:
            seen.add(frozenset(option[3]))
            others.append(option)
    return others


def _meeting_text(board: Board, rid: str) -> str:
    request, placement = board.facts.requests[rid], board.placed[rid]
    venue = venue_text(board.facts.plan, placement.venue)
    return (
        f"{title(request)} ({request.priority}, {moment_text(board.facts.axis, placement.start)} at {venue})"
    )


def _short_text(board: Board, rid: str) -> str:
    return f"{title(board.facts.requests[rid])} of {moment_text(board.facts.axis, board.placed[rid].start)}"


def _alternatives(board: Board, options: list) -> str:
    if not options:
        return "no other time would need fewer or other meetings to move"
    texts = []
    for _, _, start, blocking in options:
        ordered = sorted(blocking, key=lambda b: board.placed[b].start)
        moving = listed([_short_text(board, b) for b in ordered])
        texts.append(
            f"{moment_text(board.facts.axis, start)} (if {moving} {'moves' if len(ordered) == 1 else 'move'})"
        )
    return "best alternative slots: " + "; ".join(texts)
