"""Policy parameter values (stations/models/policy.py): one dated row per change."""

import datetime as dt

import pytest

from stations.models import PolicyParameterValue

pytestmark = pytest.mark.django_db


def test_a_value_reads_as_its_key_value_and_date(city_bureau):
    value = PolicyParameterValue.objects.create(
        key="stations.community_workers_target", value=20, valid_from=dt.date(2026, 1, 1), set_by=city_bureau
    )
    assert str(value) == "stations.community_workers_target=20 (2026-01-01)"


def test_the_history_lists_the_latest_dated_value_of_a_key_first(city_bureau):
    for year in (2025, 2027, 2026):
        PolicyParameterValue.objects.create(key="k", value=year, valid_from=dt.date(year, 1, 1), set_by=city_bureau)
    assert list(PolicyParameterValue.objects.filter(key="k").values_list("value", flat=True)) == [2027, 2026, 2025]
