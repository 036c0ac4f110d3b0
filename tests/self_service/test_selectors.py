"""Reads of self-service: whom a number signs in, and the staff's to-do counts."""

import datetime as dt

from django.utils import timezone

from self_service import services
from self_service.selectors import live_residents_with_mobile, todo_counts
from stations.models import RemovalReason, Resident
from tests.factories import ResidentFactory


def test_a_removed_record_is_not_signed_in_by_its_mobile(community, resident):
    gone = ResidentFactory(community=community, mobile=resident.mobile)
    Resident.objects.filter(pk=gone.pk).update(removed_at=timezone.now(), removal_reason=RemovalReason.MOVED_AWAY)

    assert live_residents_with_mobile(number=resident.mobile) == [resident]


def test_the_to_do_counts_name_the_overdue_data_requests(community_staff, resident):
    services.change_request_create(resident=resident, data={"address": "新地址1号"})
    request = services.data_request_create(resident=resident, kind="deletion", details="删除旧地址")

    counts = todo_counts(user=community_staff, today=request.due_on + dt.timedelta(days=1))

    assert counts == {"changes": 1, "data_requests": 1, "overdue": 1}
