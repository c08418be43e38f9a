"""Re-planning close to an earlier programme (SolveOptions.keep): hand-made plans with the exact result."""

from __future__ import annotations

from dataclasses import replace

from scheduler.model import Host, Kept, Moves
from tests.test_solver_plans import (
    INTERPRETERS,
    UKRAINIAN_ONLY,
    at,
    clock,
    meeting,
    plan_for,
    reasons,
    solved,
    window,
)


def with_host(plan, host: Host):
    return replace(plan, hosts=tuple(host if h.id == host.id else h for h in plan.hosts))


def test_kept_meetings_stay_where_earlier_starts_would_move_them():
    plan = plan_for((meeting("M1", "FAST"), meeting("M2", "PROS")))
    keep = (Kept("M1", at("14:00")), Kept("M2", at("15:30")))
    assert (clock(solved(plan), "M1"), clock(solved(plan), "M2")) == ("09:00-10:00", "10:00-11:00")
    schedule = solved(plan, keep=keep)
    assert (clock(schedule, "M1"), clock(schedule, "M2")) == ("14:00-15:00", "15:30-16:30")
    assert schedule.status == "optimal"
    assert [c.name for c in schedule.objective.criteria][:2] == ["kept in place", "priorities"]


def test_only_the_meeting_the_change_displaces_moves():
    plan = plan_for((meeting("M1", "FAST"), meeting("M2", "PROS")))
    keep = (Kept("M1", at("15:00")), Kept("M2", at("11:00")))
    # The prosecutor's office is now free only in the afternoon: M2 moves, next to M1 (compact days).
    changed = with_host(plan, replace(plan.host("PROS"), available=(window("13:00", "18:00"),)))
    schedule = solved(changed, keep=keep)
    assert (clock(schedule, "M1"), clock(schedule, "M2")) == ("15:00-16:00", "14:00-15:00")


def one_slot_taken(priority: str):
    """M1 (low) kept at 09:00 with FAST (free 09:00-11:00); M3 of `priority` added with PROS, who is free
    only 09:00-10:00: M3 fits only if M1 moves to 10:00."""
    plan = plan_for((meeting("M1", "FAST", priority="low"), meeting("M3", "PROS", priority=priority)))
    fast = replace(plan.host("FAST"), available=(window("09:00", "11:00"),))
    pros = replace(plan.host("PROS"), available=(window("09:00", "10:00"),))
    return with_host(with_host(plan, fast), pros), (Kept("M1", at("09:00")),)


def test_a_kept_meeting_makes_room_for_a_high_one():
    plan, keep = one_slot_taken("high")
    schedule = solved(plan, keep=keep)
    assert (clock(schedule, "M3"), clock(schedule, "M1")) == ("09:00-10:00", "10:00-11:00")


def test_a_kept_meeting_does_not_move_for_a_high_one_the_earlier_programme_left_out():
    plan, keep = one_slot_taken("high")
    schedule = solved(plan, keep=(*keep, Kept("M3", None)))
    assert clock(schedule, "M1") == "09:00-10:00"
    assert schedule.meeting("M3") is None


def test_a_kept_meeting_does_not_move_for_a_normal_one():
    plan, keep = one_slot_taken("normal")
    from_scratch = solved(plan)
    assert (clock(from_scratch, "M3"), clock(from_scratch, "M1")) == ("09:00-10:00", "10:00-11:00")
    schedule = solved(plan, keep=keep)
    assert clock(schedule, "M1") == "09:00-10:00"
    assert schedule.meeting("M3") is None
    assert "needs" in reasons(schedule, "M3") and "to move" in reasons(schedule, "M3")


def test_a_must_displaced_by_the_change_takes_the_place_of_a_kept_low_meeting():
    plan = plan_for((meeting("M1", "FAST", priority="low"), meeting("M2", "PROS", priority="must")))
    fast = replace(plan.host("FAST"), available=(window("09:00", "10:00"),))
    plan = with_host(plan, fast)
    keep = (Kept("M1", at("09:00")), Kept("M2", at("10:00")))
    # The prosecutor's office can now only receive them at 09:00, where the low meeting was.
    changed = with_host(plan, replace(plan.host("PROS"), available=(window("09:00", "10:00"),)))
    schedule = solved(changed, keep=keep)
    assert clock(schedule, "M2") == "09:00-10:00"
    assert schedule.meeting("M1") is None
    assert [c.name for c in schedule.objective.criteria][:2] == ["must and high", "kept in place"]


def test_a_kept_meeting_keeps_its_room_and_interpreter():
    plan = plan_for((meeting("M1", "MAYOR"),))
    plan = with_host(plan, replace(plan.host("MAYOR"), languages=("en",)))
    for room in ("R1", "R2"):
        schedule = solved(plan, keep=(Kept("M1", at("11:00"), room),))
        assert (clock(schedule, "M1"), schedule.meeting("M1").room) == ("11:00-12:00", room)
    plan = plan_for((meeting("M1", "FAST"),), delegations=(UKRAINIAN_ONLY,), interpreters=INTERPRETERS)
    for interpreter in ("I-EN", "I-AM"):  # both speak Ukrainian and a language of the host at 11:00
        schedule = solved(plan, keep=(Kept("M1", at("11:00"), interpreter=interpreter),))
        assert (clock(schedule, "M1"), schedule.meeting("M1").interpreter) == ("11:00-12:00", interpreter)


def test_kept_meetings_the_plan_no_longer_asks_for_or_allows_are_left_out():
    plan = plan_for((meeting("M1", "FAST"),))
    keep = (Kept("GONE", at("09:00")), Kept("M1", at("07:00")))  # before the delegation's day
    schedule = solved(plan, keep=keep)
    assert clock(schedule, "M1") == "09:00-10:00"
    assert "kept in place" not in [c.name for c in schedule.objective.criteria]


def test_solving_again_keeping_its_own_result_moves_nothing():
    requests = (meeting("M1", "FAST"), meeting("M2", "PROS"), meeting("M3", "MAYOR", priority="low"))
    plan = plan_for(requests, interpreters=INTERPRETERS)
    first = solved(plan)
    shifted = replace(plan, requests=(*plan.requests, meeting("M4", "FAST", priority="high")))
    again = solved(shifted, keep=first.to_keep())
    assert Moves.between(first, again) == Moves(kept=len(first.meetings), moved=0, dropped=0, added=1)
    assert {k.request for k in first.to_keep() if k.start is None} == {u.request for u in first.unscheduled}


def test_the_start_leaves_kept_meetings_in_their_rooms():
    """The greedy start (the floor of the kept stage) puts each kept meeting back in its own room, not
    in the smallest free one, so that no kept meeting finds its room taken by another."""
    from scheduler.model import Delegation
    from scheduler.solver.candidates import build_candidates
    from scheduler.solver.facts import PlanFacts
    from scheduler.solver.greedy import greedy_board
    from scheduler.solver.keep import earlier_programme

    nl = Delegation("NL", "Dutch ministry", 1, ("en",), at("08:00"), at("19:00"))
    clerk = Host("CLERK", "Town clerk", "TOWN", languages=("en",))
    requests = (meeting("M1", "MAYOR"), meeting("M2", "CLERK", delegations=("NL",)))
    plan = plan_for(requests, delegations=(plan_for(()).delegations[0], nl))
    plan = with_host(plan, replace(plan.host("MAYOR"), languages=("en",)))
    plan = replace(plan, hosts=(*plan.hosts, clerk))
    keep = (Kept("M1", at("11:00"), "R1"), Kept("M2", at("11:00"), "R2"))  # both also fit the other room
    facts = PlanFacts(plan)
    candidates = build_candidates(facts)
    board = greedy_board(facts, candidates, {}, earlier_programme(facts, candidates, keep).places)
    assert (board.placed["M1"].room, board.placed["M2"].room) == ("R1", "R2")
    schedule = solved(plan, keep=keep)
    assert (schedule.meeting("M1").room, schedule.meeting("M2").room) == ("R1", "R2")
