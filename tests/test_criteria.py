"""Each solve reports, criterion by criterion, what it reached and what it proved; schedule.json keeps it."""

from __future__ import annotations

import json
from itertools import product

import pytest

from scheduler.criteria import (
    best_possible,
    headroom_sentence,
    priority_score,
    progress_words,
    proof_figures,
    proof_sentence,
)
from scheduler.generate import generate_plan
from scheduler.io.schedule_json import read_schedule_json, write_schedule_json
from scheduler.model import Criterion
from scheduler.solver import SolveOptions, solve

ORDER = ("priorities", "fairness", "optional hosts", "travel", "compact days", "earlier starts")


def _in_design_order(names: list[str]) -> bool:
    return [n for n in ORDER if n in names] == names


@pytest.mark.parametrize("seed", [3, 8, 21])
def test_an_optimal_schedule_has_every_criterion_proven_in_order(seed):
    plan = generate_plan(seed, delegations=2, requests=6, days=2)
    schedule = solve(plan, SolveOptions(time_limit=20, workers=2, seed=1))
    criteria = schedule.objective.criteria
    assert schedule.status == "optimal"
    assert criteria and criteria[0].name == "priorities"
    assert _in_design_order([c.name for c in criteria])
    assert all(c.proven and c.value == c.bound for c in criteria)
    seconds = [c.seconds for c in criteria]
    assert seconds == sorted(seconds) and seconds[-1] <= schedule.solve_seconds
    assert criteria[0].value == schedule.objective.bound
    travel = [c.value for c in criteria if c.name == "travel"]
    assert travel in ([], [schedule.objective.travel_minutes])


def test_a_schedule_cut_short_says_which_criteria_are_not_proven():
    plan = generate_plan(1, delegations=3, requests=40, days=5)
    schedule = solve(plan, SolveOptions(time_limit=1.5, workers=2, seed=1))
    criteria = schedule.objective.criteria
    assert schedule.status == "feasible"
    flags = [c.proven for c in criteria]
    assert flags == sorted(flags, reverse=True)  # a criterion is proven only after every earlier one
    travel = [c.value for c in criteria if c.name == "travel"]
    assert travel in ([], [schedule.objective.travel_minutes])  # the final schedule's, not its stage's
    sentence = proof_sentence(criteria)
    assert sentence.endswith("the best found in the time given.") or sentence.endswith(
        "the later criteria were not reached in the time given."
    )


def test_schedule_json_keeps_the_criteria_and_refuses_a_broken_one():
    plan = generate_plan(3, delegations=2, requests=6, days=2)
    schedule = solve(plan, SolveOptions(time_limit=20, workers=2, seed=1))
    content = write_schedule_json(schedule)
    back, problems = read_schedule_json(content)
    assert problems == [] and back.objective.criteria == schedule.objective.criteria
    data = json.loads(content)
    data["objective"]["criteria"][1]["proven"] = "yes"
    broken, problems = read_schedule_json(json.dumps(data).encode())
    assert broken is None
    assert [str(p) for p in problems] == [
        'error: objective.criteria[1].proven: "yes"; expected true or false'
    ]


def test_the_sentences_name_what_is_proven_and_what_is_not():
    done = [Criterion("priorities", 40, 40, True, 0.1), Criterion("travel", 985, 985, True, 2.9)]
    open_ = [Criterion("compact days", 720, 355, False, 6.0), Criterion("earlier starts", 9, 3, False, 10.0)]
    assert proof_sentence(done + open_) == (
        "Proven best on priorities and travel; "
        "compact days and earlier starts: the best found in the time given."
    )
    assert proof_sentence(done) == (
        "Proven best on priorities and travel; the later criteria were not reached in the time given."
    )
    assert proof_sentence(open_[:1]) == "Compact days: the best found in the time given."
    assert proof_sentence([]) == ""
    short = Criterion("priorities", 30283800, 30285600, False, 60.0)
    assert proof_figures([short, *open_[:1]]) == (
        "not proven: priorities 0.9999 of the bound, compact days 720 (bound 355)"
    )
    assert proof_figures(done + open_) == (
        "proven: priorities 0.1 s, travel 2.9 s; not proven: compact days 720 (bound 355), "
        "earlier starts 9 (bound 3)"
    )


def _summary_page(schedule_json: str) -> None:
    from scheduler.generate import generate_plan
    from scheduler.io.schedule_json import read_schedule_json
    from ui.summary import show_summary

    schedule, _ = read_schedule_json(schedule_json.encode())
    show_summary(generate_plan(1, delegations=3, requests=40, days=5), schedule)


def test_the_summary_says_which_criteria_a_feasible_programme_is_proven_on():
    from streamlit.testing.v1 import AppTest

    plan = generate_plan(1, delegations=3, requests=40, days=5)
    schedule = solve(plan, SolveOptions(time_limit=1.5, workers=2, seed=1))
    assert schedule.status == "feasible"
    at = AppTest.from_function(_summary_page, args=(write_schedule_json(schedule).decode(),))
    at.run()
    assert not at.exception, at.exception
    assert [c.value for c in at.caption] == [proof_sentence(schedule.objective.criteria)]
    assert at.caption[0].value.startswith("Proven best on priorities")


PRIORITY_ORDER = ("must", "high", "normal", "low")


@pytest.mark.parametrize("requested", [(1, 2, 3, 2), (0, 3, 0, 4), (2, 0, 2, 0)])
def test_a_score_bound_reads_back_as_the_best_counts_it_allows(requested):
    """Every count vector scores at most a bound exactly when it is lexicographically at most the
    counts read from that bound: the weights are mixed-radix."""
    wanted = dict(zip(PRIORITY_ORDER, requested, strict=True))
    vectors = list(product(*(range(n + 1) for n in requested)))
    top = priority_score(wanted, wanted)
    for bound in range(top + 1):
        best = best_possible(bound + 0.4, wanted)  # CP-SAT bounds are floats
        assert priority_score(best, wanted) <= bound
        for vector in vectors:
            counts = dict(zip(PRIORITY_ORDER, vector, strict=True))
            within = priority_score(counts, wanted) <= bound
            assert within == (vector <= tuple(best[p] for p in PRIORITY_ORDER))


@pytest.mark.slow
def test_a_cut_short_solve_says_how_many_more_meetings_could_fit_and_a_longer_one_stays_within():
    plan = generate_plan(1, conference=True, delegations=22, requests=170)
    short = solve(plan, SolveOptions(time_limit=2, workers=2, seed=1)).objective
    allowed = best_possible(short.bound, short.requested)
    priority = next(p for p in PRIORITY_ORDER if allowed[p] != short.scheduled[p])
    more = allowed[priority] - short.scheduled[priority]
    assert more > 0
    meetings = "meeting" if more == 1 else "meetings"
    assert headroom_sentence(short) == (
        f"At most {more} more {priority}-priority {meetings} could still fit: a longer time limit may "
        "place some of them."
    )
    longer = solve(plan, SolveOptions(time_limit=12, workers=2, seed=1)).objective
    reached = tuple(longer.scheduled[p] for p in PRIORITY_ORDER)
    assert reached <= tuple(allowed[p] for p in PRIORITY_ORDER)


def test_a_proven_or_unrecorded_priority_stage_claims_no_room():
    plan = generate_plan(3, delegations=2, requests=6, days=2)
    schedule = solve(plan, SolveOptions(time_limit=20, workers=2, seed=1))
    assert schedule.status == "optimal" and headroom_sentence(schedule.objective) == ""
    wanted = {"must": 1, "high": 2, "normal": 3, "low": 4}
    done = {"must": 1, "high": 2, "normal": 3, "low": 2}
    score = priority_score(done, wanted)
    proven = progress_words("priorities", score, score + 0.5, done, wanted)
    assert proven == "no programme places more meetings"
    assert progress_words("priorities", score, score + 2, done, wanted) == (
        "at most 2 more low-priority meetings may still fit"
    )


def test_each_stage_in_progress_reads_in_its_own_units():
    none: dict[str, int] = {}
    assert progress_words("travel", 985, 249.6, none, none) == (
        "delegations travel 985 min in all; at least 250 min are needed"
    )
    assert progress_words("optional hosts", 3, 4.0, none, none) == "3 optional hosts attend; at most 4 could"
    assert progress_words("compact days", 780, 175, none, none) == (
        "780 idle minutes inside the days; at least 175 are unavoidable"
    )
    assert progress_words("earlier starts", 42285, 1500, none, none) == (
        "42285 minutes after the earliest starts; at least 1500 are unavoidable"
    )
    assert progress_words("kept in place", 1234, 1300, none, none) == "best 1,234 · bound 1,300"
    assert progress_words("greedy", 1234, float("nan"), none, none).startswith("a first programme")


def test_a_bound_of_zero_or_less_is_never_said_as_a_quantity():
    # early in the compact-days stage the solver's bound was -355: no minutes are below 0
    none: dict[str, int] = {}
    assert progress_words("compact days", 720, -355, none, none) == "720 idle minutes inside the days"
    assert (
        progress_words("earlier starts", 4200, -12.5, none, none) == "4200 minutes after the earliest starts"
    )
    assert progress_words("travel", 985, 0, none, none) == "delegations travel 985 min in all"
    assert progress_words("compact days", 720, 175.4, none, none) == (
        "720 idle minutes inside the days; at least 176 are unavoidable"
    )
