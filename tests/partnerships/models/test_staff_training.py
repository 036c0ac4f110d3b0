"""The rules a staff training course keeps itself."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import StaffTrainingSession


def test_a_course_cannot_end_before_it_starts():
    course = StaffTrainingSession(starts_on=dt.date(2026, 3, 2), ends_on=dt.date(2026, 3, 1))

    with pytest.raises(ValidationError) as refused:
        course.clean()
    assert list(refused.value.error_dict) == ["ends_on"]
