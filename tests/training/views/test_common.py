"""Shared helpers of the training views."""

import datetime as dt

from django.test import RequestFactory
from django.utils import timezone

from training.views.common import period_from_query


def test_a_period_is_read_from_the_query():
    request = RequestFactory().get("/", {"from": "2026-01-01", "to": "2026-03-31"})

    assert period_from_query(request) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def test_without_dates_the_period_is_the_last_days_up_to_today():
    today = timezone.localdate()

    assert period_from_query(RequestFactory().get("/", {"from": "not a date"}), default_days=30) == (
        today - dt.timedelta(days=30),
        today,
    )
