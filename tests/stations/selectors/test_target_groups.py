"""Derived target groups (stations/selectors/target_groups.py)."""

import datetime as dt

import pytest

from stations.selectors import derived_group_codes, years_before
from tests.factories import ResidentFactory, valid_id_number

pytestmark = pytest.mark.django_db


def test_years_before_a_29_february_falls_back_to_the_28th():
    assert years_before(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)
    assert years_before(dt.date(2026, 3, 10), 50) == dt.date(1976, 3, 10)


def test_a_woman_is_an_older_worker_from_her_40th_birthday(community):
    on = dt.date(2026, 3, 10)
    forty = ResidentFactory(community=community, id_number=valid_id_number(birth=dt.date(1986, 3, 10), male=False))
    younger = ResidentFactory(community=community, id_number=valid_id_number(birth=dt.date(1986, 3, 11), male=False))
    assert "older_worker" in derived_group_codes(forty, on)
    assert "older_worker" not in derived_group_codes(younger, on)
