"""Checks of protocol order (format v1.1): a request's position, the plan's order list and its precedence.

What cannot be read (an unknown position, an order naming no request, a negative gap) is an error; what
can be read but never fully kept (two openings of one delegation, a circle of orders) is a warning: the
plan is solved, and the requests that cannot all take place are left out with their reason.
"""

from __future__ import annotations

from collections.abc import Callable

from scheduler.model import POSITIONS, Plan
from scheduler.problems import WARNING, Problem

Refer = Callable[[tuple, str, str], None]


def check_sequence(plan: Plan, kinds: dict[str, set[str]]) -> list[Problem]:
    problems: list[Problem] = []

    def refer(path: tuple, value: str, kind: str) -> None:
        if kind not in kinds.get(value, ()):
            expected = f"the id of a {kind} in this plan"
            if kinds.get(value):
                expected += f' ("{value}" is a {" and a ".join(sorted(kinds[value]))})'
            problems.append(Problem(path, value, expected))

    problems += _positions(plan)
    problems += _order(plan, refer)
    problems += _precedence(plan, refer)
    return problems


def _positions(plan: Plan) -> list[Problem]:
    problems = []
    firsts: dict[tuple[str, str], list[str]] = {}
    for i, request in enumerate(plan.requests):
        if request.position is None:
            continue
        if request.position not in POSITIONS:
            expected = "first (an opening: before every other meeting of its delegations) or last"
            problems.append(Problem(("requests", i, "position"), request.position, expected))
            continue
        if not request.delegations:
            expected = "a position only on a request with a delegation: it orders that delegation's meetings"
            problems.append(Problem(("requests", i, "position"), request.position, expected, WARNING))
        for delegation in request.delegations:
            firsts.setdefault((delegation, request.position), []).append(request.id)
    index_of: dict[str, int] = {}
    for i, request in enumerate(plan.requests):
        index_of.setdefault(request.id, i)
    for (delegation, position), ids in firsts.items():
        if len(ids) > 1:
            index = index_of[ids[1]]
            expected = (
                f"one {position} meeting for delegation {delegation}; {ids[0]} is {position} already, "
                "so only one of them can be scheduled"
            )
            problems.append(Problem(("requests", index, "position"), position, expected, WARNING))
    return problems


def _order(plan: Plan, refer: Refer) -> list[Problem]:
    problems = []
    seen: set[tuple[str, str]] = set()
    for i, order in enumerate(plan.order):
        path = ("order", i)
        refer((*path, "before"), order.before, "request")
        refer((*path, "after"), order.after, "request")
        if order.before == order.after:
            expected = "another request than the one before it: a meeting cannot follow itself"
            problems.append(Problem((*path, "after"), order.after, expected))
        if order.min_gap_minutes < 0:
            expected = "0 minutes or more between the two meetings"
            problems.append(Problem((*path, "min_gap_minutes"), order.min_gap_minutes, expected))
        if (order.before, order.after) in seen:
            expected = f"one order from {order.before} to {order.after}; it is already given above"
            problems.append(Problem((*path, "after"), order.after, expected))
        seen.add((order.before, order.after))
    circle = _circle(plan)
    if circle:
        index = next(i for i, o in enumerate(plan.order) if (o.before, o.after) == (circle[0], circle[1]))
        expected = (
            f"orders without a circle; {' → '.join([*circle, circle[0]])} asks each to come after itself, "
            "so not all of them can be scheduled"
        )
        problems.append(Problem(("order", index, "after"), circle[1], expected, WARNING))
    return problems


def _circle(plan: Plan) -> list[str]:
    """Requests whose orders run in a circle (the first such circle found), or none."""
    after: dict[str, list[str]] = {}
    for order in plan.order:
        if order.before != order.after:
            after.setdefault(order.before, []).append(order.after)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in after:
        if state.get(root):
            continue
        path, stack = [root], [iter(after.get(root, ()))]
        state[root] = 1
        while stack:
            child = next(stack[-1], None)
            if child is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(child) == 1:
                return path[path.index(child) :]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append(iter(after.get(child, ())))
    return []


def _precedence(plan: Plan, refer: Refer) -> list[Problem]:
    problems = []
    listed: set[str] = set()
    for i, delegation in enumerate(plan.precedence):
        refer(("precedence", i), delegation, "delegation")
        if delegation in listed:
            expected = "each delegation listed once; it is already listed above"
            problems.append(Problem(("precedence", i), delegation, expected))
        listed.add(delegation)
    return problems
