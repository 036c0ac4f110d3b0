"""The days staff have to answer a personal data request."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from self_service.policy import _whole_days, data_request_days


def test_without_a_setting_staff_have_fifteen_days(db):
    assert data_request_days(dt.date(2026, 3, 1)) == 15


@pytest.mark.parametrize("value", [0, 61, 1.5, True, "15"])
def test_only_a_whole_number_of_days_from_1_to_60_is_accepted(value):
    with pytest.raises(ValidationError):
        _whole_days(value)
