"""The time axis keeps wall times and real durations exact across both 2024 daylight-saving changes."""

from datetime import date, datetime, time, timedelta

import pytest

from scheduler.model import DayWindow, Delegation, Host, Interpreter, Plan, Window
from scheduler.timeaxis import (
    TimeAxis,
    availability,
    covers,
    intersect,
    normalise,
    plan_axis,
    subtract,
    visit_dates,
)

BRUSSELS = "Europe/Brussels"


def delegation(arrive: datetime, depart: datetime, **extra) -> Delegation:
    return Delegation(
        id="UA", name="Prosecutors", size=6, languages=("uk",), arrive=arrive, depart=depart, **extra
    )


@pytest.mark.parametrize(
    ("before", "after", "offset_before", "offset_after"),
    [
        # Autumn: Sunday 27 October 2024, 03:00 CEST becomes 02:00 CET.
        (date(2024, 10, 25), date(2024, 10, 28), timedelta(hours=2), timedelta(hours=1)),
        # Spring: Sunday 31 March 2024, 02:00 CET becomes 03:00 CEST.
        (date(2024, 3, 29), date(2024, 4, 1), timedelta(hours=1), timedelta(hours=2)),
    ],
)
def test_a_nine_oclock_meeting_keeps_its_wall_time_on_each_side_of_the_change(
    before, after, offset_before, offset_after
):
    axis = TimeAxis(BRUSSELS, before)
    for day, offset in ((before, offset_before), (after, offset_after)):
        minute = axis.at(day, time(9, 0))
        local = axis.local(minute)
        assert local.replace(tzinfo=None) == datetime.combine(day, time(9, 0))
        assert local.utcoffset() == offset
        assert axis.wall(minute) == datetime.combine(day, time(9, 0))


def test_solver_minutes_count_real_elapsed_time_over_the_autumn_change():
    axis = TimeAxis(BRUSSELS, date(2024, 10, 26))
    saturday_nine = axis.at(date(2024, 10, 26), time(9, 0))
    monday_nine = axis.at(date(2024, 10, 28), time(9, 0))
    # Two calendar days plus the extra hour of the 25-hour Sunday.
    assert monday_nine - saturday_nine == 49 * 60


def test_solver_minutes_count_real_elapsed_time_over_the_spring_change():
    axis = TimeAxis(BRUSSELS, date(2024, 3, 30))
    saturday_nine = axis.at(date(2024, 3, 30), time(9, 0))
    monday_nine = axis.at(date(2024, 4, 1), time(9, 0))
    assert monday_nine - saturday_nine == 47 * 60


def test_the_slot_grid_follows_the_wall_clock_on_short_and_long_days():
    axis = TimeAxis(BRUSSELS, date(2024, 3, 30))
    spring = axis.slot_starts(date(2024, 3, 31), 60)
    assert len(spring) == 23  # 02:00 does not exist that night
    assert [axis.wall(m).hour for m in spring[:3]] == [0, 1, 3]
    autumn = TimeAxis(BRUSSELS, date(2024, 10, 26)).slot_starts(date(2024, 10, 27), 60)
    assert len(autumn) == 24  # the repeated hour is offered once
    assert all(axis.on_grid(m, 60) for m in spring)
    assert not axis.exists(datetime(2024, 3, 31, 2, 30))


def test_delegation_availability_over_the_spring_change_is_nine_to_six_in_wall_time():
    plan = Plan(
        name="Spring visit",
        delegations=(delegation(datetime(2024, 3, 30, 10, 0), datetime(2024, 4, 1, 16, 0)),),
    )
    axis = plan_axis(plan)
    walls = [(axis.wall(s), axis.wall(e)) for s, e in availability(plan, axis, "UA")]
    assert walls == [
        (datetime(2024, 3, 30, 10, 0), datetime(2024, 3, 30, 18, 0)),
        (datetime(2024, 3, 31, 9, 0), datetime(2024, 3, 31, 18, 0)),
        (datetime(2024, 4, 1, 9, 0), datetime(2024, 4, 1, 16, 0)),
    ]


def test_delegation_unavailable_window_and_own_day_are_respected():
    visit = delegation(
        datetime(2024, 4, 22, 8, 0),
        datetime(2024, 4, 23, 18, 0),
        day=DayWindow(time(8, 30), time(17, 0)),
        unavailable=(Window(datetime(2024, 4, 22, 12, 0), datetime(2024, 4, 22, 14, 0)),),
    )
    plan = Plan(name="Week", delegations=(visit,))
    axis = plan_axis(plan)
    walls = [(axis.wall(s), axis.wall(e)) for s, e in availability(plan, axis, "UA")]
    assert walls == [
        (datetime(2024, 4, 22, 8, 30), datetime(2024, 4, 22, 12, 0)),
        (datetime(2024, 4, 22, 14, 0), datetime(2024, 4, 22, 17, 0)),
        (datetime(2024, 4, 23, 8, 30), datetime(2024, 4, 23, 17, 0)),
    ]


def test_a_host_without_windows_works_the_plan_day_on_every_visit_date():
    plan = Plan(
        name="Week",
        delegations=(delegation(datetime(2024, 4, 22, 10, 0), datetime(2024, 4, 23, 12, 0)),),
        hosts=(
            Host(
                id="FAST",
                name="Fugitive search",
                venue="HQ",
                unavailable=(Window(datetime(2024, 4, 23, 9, 0), datetime(2024, 4, 23, 13, 0)),),
            ),
        ),
        interpreters=(
            Interpreter(
                id="UK-NL",
                name="Olena",
                languages=("uk", "nl"),
                available=(Window(datetime(2024, 4, 23, 13, 0), datetime(2024, 4, 23, 17, 0)),),
            ),
        ),
    )
    axis = plan_axis(plan)
    assert visit_dates(plan) == [date(2024, 4, 22), date(2024, 4, 23)]
    host = [(axis.wall(s), axis.wall(e)) for s, e in availability(plan, axis, "FAST")]
    assert host == [
        (datetime(2024, 4, 22, 9, 0), datetime(2024, 4, 22, 18, 0)),
        (datetime(2024, 4, 23, 13, 0), datetime(2024, 4, 23, 18, 0)),
    ]
    interpreter = [(axis.wall(s), axis.wall(e)) for s, e in availability(plan, axis, "UK-NL")]
    assert interpreter == [(datetime(2024, 4, 23, 13, 0), datetime(2024, 4, 23, 17, 0))]


def test_without_delegations_the_visit_dates_are_those_the_windows_span():
    plan = Plan(
        name="Briefing",
        hosts=(
            Host(
                id="H",
                name="Host",
                venue="V",
                unavailable=(Window(datetime(2024, 6, 10, 9, 0), datetime(2024, 6, 12, 9, 0)),),
            ),
        ),
    )
    assert visit_dates(plan) == [date(2024, 6, 10), date(2024, 6, 11), date(2024, 6, 12)]


def test_interval_arithmetic():
    assert normalise([(5, 8), (1, 3), (3, 4), (9, 9)]) == [(1, 4), (5, 8)]
    assert intersect([(0, 10), (20, 30)], [(5, 25)]) == [(5, 10), (20, 25)]
    assert subtract([(0, 10)], [(2, 3), (5, 7)]) == [(0, 2), (3, 5), (7, 10)]
    assert subtract([(0, 10)], [(0, 10)]) == []
    assert covers([(0, 10)], 2, 10) and not covers([(0, 10)], 5, 11)
