"""Why rules 9 and 10 keep a request out, in words: "must come after the hosts' briefing, which is on
Monday 22 April 2024 at 09:00"."""

from __future__ import annotations

from scheduler.solver.board import Board
from scheduler.solver.candidates import Candidate
from scheduler.solver.words import moment_text, title, who


def requires_reason(board: Board, candidate: Candidate) -> str | None:
    """The reason when `candidate` requires a meeting that is not scheduled (rule 10)."""
    missing = board.sequence_refuses(candidate.id)
    if missing is None:
        return None
    return f"requires {title(board.facts.requests[missing])}, which is not scheduled"


def sequence_reason(board: Board, candidate: Candidate, start: int, blocking: set[str]) -> str | None:
    """When only rules 9 and 10 stand in the way of `candidate` at `start`: what it must follow or precede."""
    kinds = board.sequence_blockers(candidate.id, start)
    if not blocking or not blocking <= kinds.keys():
        return None
    placed = sorted(blocking, key=lambda b: board.placed[b].start)
    return "; ".join(_relation(board, candidate, other, kinds[other]) for other in placed)


def _relation(board: Board, candidate: Candidate, other_id: str, kind: str) -> str:
    facts = board.facts
    other, placement = facts.requests[other_id], board.placed[other_id]
    when = moment_text(facts.axis, placement.start)
    if kind == "before":
        terms = _order_terms(board, other_id, candidate.id)
        return f"must come after {title(other)}, which is on {when}{terms}"
    if kind == "after":
        terms = _order_terms(board, candidate.id, other_id)
        return f"must come before {title(other)}, which is on {when}{terms}"
    shared = [d for d in candidate.request.delegations if d in other.delegations]
    delegation = who(facts.plan, shared[0]) if shared else "its delegation"
    if kind in ("first", "last"):
        role, side = ("opening", "after") if kind == "first" else ("closing", "before")
        return f"must come {side} {title(other)}, the {role} of {delegation}, which is on {when}"
    place = "first" if candidate.request.position == "first" else "last"
    return f"must be the {place} meeting of {delegation}, but {title(other)} is on {when}"


def _order_terms(board: Board, before: str, after: str) -> str:
    """The gap and same-date terms of the order between two requests, as a clause."""
    terms = []
    for order in board.facts.orders_of.get(after, ()):
        if order.before == before and order.after == after:
            if order.min_gap_minutes:
                terms.append(f"with at least {order.min_gap_minutes} minutes between them")
            if order.same_day:
                terms.append("on the same day")
    return f" ({', '.join(terms)})" if terms else ""
