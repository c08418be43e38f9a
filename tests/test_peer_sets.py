"""The public meeting-scheduling sets convert faithfully; their medium score is computed as they define it."""

import json
from datetime import datetime
from pathlib import Path

import pytest

from scheduler.generate.peer_sets import _References, attendance_conflicts, timefold_plan

SETS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "meetingscheduling"
pytestmark = pytest.mark.skipif(not SETS.is_dir(), reason=f"the public sets are not at {SETS}")


@pytest.mark.parametrize(
    ("name", "meetings", "persons", "required", "preferred", "days", "grains"),
    [
        ("50meetings-160timegrains-5rooms.json", 50, 40, 315, 224, 5, 160),
        ("100meetings-320timegrains-5rooms.json", 100, 35, 551, 384, 9, 320),
        ("200meetings-640timegrains-5rooms.json", 200, 38, 1141, 897, 18, 640),
    ],
)
def test_a_set_becomes_a_plan_with_the_counts_of_its_readme(
    name, meetings, persons, required, preferred, days, grains
):
    plan = timefold_plan(SETS / name)
    assert len(plan.requests) == meetings
    assert len(plan.hosts) == persons
    assert sum(len(r.hosts) for r in plan.requests) == required
    assert sum(len(r.optional_hosts) for r in plan.requests) == preferred
    assert all(r.priority == "must" for r in plan.requests)
    assert [(r.name, r.capacity) for r in plan.venues[0].rooms] == [
        ("R 1", 30),
        ("R 2", 20),
        ("R 3", 16),
        ("R 4", 14),
        ("R 5", 12),
    ]
    windows = plan.hosts[0].available
    assert len({w.start.date() for w in windows}) == days
    assert windows[0].start == datetime(2024, 1, 1, 8, 0) and windows[0].end == datetime(2024, 1, 1, 12, 0)
    assert windows[1].start == datetime(2024, 1, 1, 13, 0) and windows[1].end == datetime(2024, 1, 1, 18, 0)
    assert sum((w.end - w.start).total_seconds() for w in windows) == grains * 15 * 60


def test_the_medium_score_of_the_stored_assignment_is_the_published_one():
    data = json.loads((SETS / "meetingscheduling-100-320-5.json").read_text())
    resolve = _References(data)
    placed = []
    for assignment in map(resolve, data["meetingAssignmentList"]):
        meeting = resolve(assignment["meeting"])
        grain = resolve(assignment["startingTimeGrain"])
        people = {
            kind: tuple(
                f"P{resolve(resolve(a)['person'])['id']}" for a in meeting.get(f"{kind}AttendanceList", [])
            )
            for kind in ("required", "preferred")
        }
        placed.append(
            (grain["grainIndex"], meeting["durationInGrains"], people["required"], people["preferred"])
        )
    assert data["score"] == "-31hard/-391medium/-20353soft"
    assert attendance_conflicts(placed)[1] == -391


def test_overlaps_count_per_person_and_grain():
    placed = [
        (0, 4, ("A",), ("B", "C")),
        (2, 4, ("B",), ("C",)),  # B required here, preferred there: 2 grains; C preferred in both: 2
        (3, 2, ("A",), ()),  # A required in both: a required conflict, not medium
    ]
    assert attendance_conflicts(placed) == (1, -4)


def test_with_peer_capacity_every_preferred_attendee_takes_a_seat_and_no_room_overflows():
    from scheduler.generate.peer_sets import SEATS, peer_score
    from scheduler.solver import SolveOptions, solve

    plain = timefold_plan(SETS / "50meetings-160timegrains-5rooms.json")
    plan = timefold_plan(SETS / "50meetings-160timegrains-5rooms.json", peer_capacity=True)
    sizes = {h.id: h.size for h in plan.hosts}
    for before, request in zip(plain.requests, plan.requests, strict=True):
        seats = [h for h in request.hosts if h.startswith(SEATS)]
        assert request.optional_hosts == before.optional_hosts
        assert [h for h in request.hosts if not h.startswith(SEATS)] == list(before.hosts)
        assert [sizes[h] for h in seats] == ([len(before.optional_hosts)] if before.optional_hosts else [])
    schedule = solve(plan, SolveOptions(time_limit=10, workers=2, seed=1))
    score = peer_score(plan, schedule)
    assert score.placed == 50 and score.required_conflicts == 0
    assert score.capacity_overflows == 0  # the sets' own rule: required + every preferred attendee
    assert score.preferred_total == 224  # the placeholders are not counted as persons of the set
