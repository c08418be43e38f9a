"""The benchmark's largest cases are also solved by the plain CP-SAT model, and their row says how it did."""

from __future__ import annotations

from scheduler.bench import CASES, _row


def test_xl_and_twice_xl_are_compared_with_the_plain_model_on_the_same_limit():
    by_name = {case.name: case for case in CASES}
    assert by_name["2XL"].generate == {"seed": 1, "delegations": 100, "requests": 1800, "days": 10}
    assert (by_name["2XL"].time_limit, by_name["XL"].time_limit) == (300, 120)
    assert [case.name for case in CASES if case.plain] == ["XL", "2XL"]


def test_the_row_gives_the_plain_model_s_counts_status_time_and_memory():
    result = {
        "case": "2XL",
        "requests": 1800,
        "scheduled": [89, 323, 498, 99],
        "greedy": [89, 311, 420, 75],
        "requested": [93, 369, 895, 443],
        "objective": 98,
        "bound": 100,
        "status": "feasible",
        "first_seconds": 4.2,
        "final_seconds": 303.4,
        "peak_mb": 364,
        "violations": 0,
        "criteria": "-",
        "stalled": [],
        "travel_minutes": 1070,
        "plain": {"scheduled": [0, 0, 0, 0], "status": "unknown", "seconds": 310.3, "peak_mb": 2136,
                  "violations": 0},
    }  # fmt: skip
    cells = [cell.strip() for cell in _row(result).strip("|").split("|")]
    assert cells[5] == "0.9800"
    assert cells[-1] == (
        "travel 1070 min; plain CP-SAT model: 0/0/0/0 (unknown, 310.3 s, 2136 MB, 0 violations)"
    )
