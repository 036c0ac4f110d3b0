"""Screening a posting's pay and fields into stored flags."""

import datetime as dt

import pytest

from jobs.screening import minimum_pay, screen_posting
from tests.factories.jobs import PostingFactory
from tests.jobs.screening.conftest import WAGES, codes


def test_clean_posting_has_no_flags():
    assert codes(title="家政保洁员", requirements="有责任心，会做家常菜") == []


def test_monthly_pay_below_the_minimum_is_blocked_with_the_figures():
    (flag,) = screen_posting(title="店员", salary_min=1000, pay_unit="month", work_pattern="full_time", **WAGES)
    assert flag.code == "below_minimum_wage" and flag.blocking and flag.field == "salary_min"
    assert flag.params == {"salary": 1000, "minimum": 2100, "unit": "month", "basis": "monthly"}


def test_monthly_pay_at_the_minimum_passes():
    assert codes(salary_min=2100, pay_unit="month", work_pattern="full_time") == []


def test_hourly_pay_is_checked_against_the_hourly_minimum():
    assert codes(salary_min=18, pay_unit="hour", work_pattern="part_time") == ["below_minimum_wage"]
    assert codes(salary_min=21, pay_unit="hour", work_pattern="part_time") == []


def test_part_time_pay_stated_per_month_is_blocked():
    assert codes(salary_min=2500, pay_unit="month", work_pattern="part_time") == ["part_time_pay_unit"]


def test_day_labour_is_checked_against_eight_hours_at_the_hourly_minimum():
    assert minimum_pay("day", "flexible", monthly=2100, hourly=21) == (168, "daily_hours")
    assert codes(salary_min=150, pay_unit="day", work_pattern="flexible") == ["below_minimum_wage"]
    assert codes(salary_min=200, pay_unit="day", work_pattern="flexible") == []


def test_full_time_day_rate_is_the_monthly_minimum_over_paid_days():
    assert minimum_pay("day", "full_time", monthly=2100, hourly=21) == (97, "daily_full_time")
    assert codes(salary_min=120, pay_unit="day", work_pattern="full_time") == []


@pytest.mark.django_db
def test_minimum_wages_come_from_the_policy_parameters(city_bureau):

    from jobs.screening import screen
    from stations.services import policy_parameter_set

    posting = PostingFactory.build(salary_min=2150, pay_unit="month", work_pattern="full_time")
    assert screen(posting) == []
    policy_parameter_set(actor=city_bureau, key="jobs.minimum_wage_monthly", value=2200, valid_from=dt.date.today())
    assert [f.code for f in screen(posting)] == ["below_minimum_wage"]


def test_flags_are_stored_as_codes_without_sentences():
    (flag,) = screen_posting(requirements="限本地户籍", salary_min=3000, **WAGES)
    assert flag.as_dict() == {"code": "household_registration", "field": "requirements", "match": "限本地户籍"}
