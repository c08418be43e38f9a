"""Travel minutes between venues: rows (both ways unless the reverse is given), coordinates, default."""

from __future__ import annotations

from scheduler.model import Plan, Travel, Venue
from scheduler.travel import TravelTimes, estimated_minutes, great_circle_km

VENUES = (
    Venue("BXL", "Federal Police HQ", lat=50.8466, lon=4.3528),
    Venue("ANT", "Antwerp prosecutor's office", lat=51.2194, lon=4.4025),
    Venue("GNT", "Ghent town hall", lat=51.0543, lon=3.7174),
    Venue("NOWHERE", "Somewhere without coordinates"),
)


def times(*rows: Travel) -> TravelTimes:
    return TravelTimes(Plan("travel", venues=VENUES, travel=rows, default_travel_minutes=35))


def test_a_row_counts_both_ways_unless_the_reverse_is_given():
    travel = times(Travel("BXL", "ANT", 50), Travel("GNT", "BXL", 45), Travel("BXL", "GNT", 60))
    assert (travel.minutes("BXL", "ANT"), travel.minutes("ANT", "BXL")) == (50, 50)
    assert (travel.minutes("GNT", "BXL"), travel.minutes("BXL", "GNT")) == (45, 60)


def test_coordinates_give_great_circle_times_rounded_up_to_five_minutes():
    km = great_circle_km(50.8466, 4.3528, 51.2194, 4.4025)
    assert 41 < km < 42  # Brussels - Antwerp as the crow flies
    assert estimated_minutes(km) == 85  # 41.7 km x 1.3 at 40 km/h = 81.3 minutes
    assert times().minutes("BXL", "ANT") == times().minutes("ANT", "BXL") == 85
    assert estimated_minutes(40 / 1.3 * 40 / 60) == 40  # exactly 40 minutes stays 40


def test_without_coordinates_the_default_and_at_one_venue_nothing():
    travel = times()
    assert travel.minutes("BXL", "NOWHERE") == 35
    assert travel.minutes("GNT", "GNT") == 0
    assert travel.minutes(None, "GNT") == 0
