"""Reads of the platform pages (stations/selectors/platform.py): one's own
notifications, and each policy parameter's value in force, scheduled and past."""

import datetime as dt

import pytest
from django.http import Http404

from stations.models import Notification, PolicyParameterValue
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET
from stations.selectors import notification_get, notification_list, policy_parameter_overview, unread_notification_count
from stations.services import notification_send

pytestmark = pytest.mark.django_db


def test_a_user_reads_only_their_own_notifications_and_counts_the_unread(community_staff, other_community_staff):
    Notification.objects.create(recipient=community_staff, kind="r", message="mine", dedupe_key="k1")
    Notification.objects.create(recipient=other_community_staff, kind="r", message="theirs", dedupe_key="k2")
    assert [str(n) for n in notification_list(user=community_staff)] == ["mine"]
    assert unread_notification_count(user=community_staff) == 1


def test_the_overview_separates_the_value_in_force_from_one_scheduled_later(city_bureau):
    for year, value in ((2025, 19), (2027, 21)):
        PolicyParameterValue.objects.create(
            key=COMMUNITY_WORKERS_TARGET, value=value, valid_from=dt.date(year, 1, 1), set_by=city_bureau
        )
    overview = {o.key: o for o in policy_parameter_overview(on=dt.date(2026, 6, 1))}[COMMUNITY_WORKERS_TARGET]
    assert overview.current == 19
    assert [row.value for row in overview.scheduled] == [21]
    assert len(overview.history) == 2


pytestmark = pytest.mark.django_db


def test_someone_elses_notification_is_404(community_staff, other_community_staff):
    theirs, _ = notification_send(recipient=other_community_staff, kind="info", message="hello", dedupe_key="t1")

    assert notification_get(user=other_community_staff, pk=theirs.pk) == theirs
    with pytest.raises(Http404):
        notification_get(user=community_staff, pk=theirs.pk)
