"""The plan's priority groups, snapshotted on placements."""

import datetime as dt

import pytest

from partnerships.services.cooperatives.common import priority_flags
from stations.models import (
    TargetGroup,
    TargetGroupCode,
)
from tests.factories.partnerships_cooperatives import (
    resident_aged,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def test_a_man_of_55_is_an_older_worker(community):
    assert priority_flags(resident_aged(community, 55), TODAY)["is_older_worker"]


def test_a_woman_of_25_is_in_no_priority_group(community):
    flags = priority_flags(resident_aged(community, 25, male=False), TODAY)
    assert flags == {"is_older_worker": False, "is_hard_to_employ": False, "is_low_income": False}


def test_a_near_minimum_living_household_counts_as_low_income(community):
    resident = resident_aged(community, 25, male=False)
    resident.target_groups.add(TargetGroup.objects.get(code=TargetGroupCode.NEAR_MINIMUM_LIVING))
    assert priority_flags(resident, TODAY)["is_low_income"]
