"""Replaying a captured call (stations/closed_months/operations.py)."""

import pytest
from django.core.exceptions import ValidationError

from stations import closed_months
from stations.models import (
    ServiceRecord,
)
from tests.factories.reports import close_month, day_in
from tests.stations.closed_months.conftest import record_service

pytestmark = pytest.mark.django_db


def test_a_dry_run_replay_measures_the_change_and_writes_nothing(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        record_service(community_staff, resident, day_in(month))
    changes = closed_months.replay(refused.value.call, actor=community_staff, apply=False)
    assert [c.figures["services_given"] for c in changes] == [(0.0, 1.0)]
    assert not ServiceRecord.objects.exists()


def test_an_applied_replay_makes_the_change_without_refusing_it(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        record_service(community_staff, resident, day_in(month))
    closed_months.replay(refused.value.call, actor=community_staff, apply=True)
    assert ServiceRecord.objects.get().served_on == day_in(month)


def test_a_call_naming_an_operation_that_is_not_guarded_cannot_be_replayed(community_staff):
    with pytest.raises(ValidationError):
        closed_months.replay({"op": "os.system", "kwargs": {}}, actor=community_staff, apply=False)
