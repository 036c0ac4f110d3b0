import datetime as dt

import pytest

from reports.periods import parse_period, previous_period, same_period_last_year


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        ("2026-10", "2026-09"),
        ("2026-01", "2025-12"),
        ("2026-Q3", "2026-Q2"),
        ("2026-Q1", "2025-Q4"),
        ("2026", "2025"),
        ("2026-03-01..2026-03-10", "2026-02-19..2026-02-28"),
    ],
)
def test_the_previous_period_is_the_one_just_before_of_the_same_kind(period, previous):
    assert previous_period(parse_period(period)) == parse_period(previous)


@pytest.mark.parametrize(
    ("period", "last_year"),
    [
        ("2026-10", "2025-10"),
        ("2026-Q1", "2025-Q1"),
        ("2026", "2025"),
        ("2026-03-01..2026-03-10", "2025-03-01..2025-03-10"),
    ],
)
def test_the_same_period_last_year_is_a_year_earlier(period, last_year):
    assert same_period_last_year(parse_period(period)) == parse_period(last_year)


def test_a_range_ending_on_29_february_compares_with_28_february():
    period = same_period_last_year(parse_period("2028-02-01..2028-02-29"))
    assert (period.start, period.end) == (dt.date(2027, 2, 1), dt.date(2027, 2, 28))
