"""Notifications (stations/models/notifications.py): one per dedupe key, newest first."""

import pytest
from django.db import IntegrityError, transaction

from stations.models import Notification

pytestmark = pytest.mark.django_db


def test_a_dedupe_key_is_used_once(community_staff):
    Notification.objects.create(recipient=community_staff, kind="r", message="first", dedupe_key="k")
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(recipient=community_staff, kind="r", message="again", dedupe_key="k")


def test_notifications_come_newest_first_and_read_as_their_message(community_staff):
    for n in range(3):
        Notification.objects.create(recipient=community_staff, kind="r", message=f"m{n}", dedupe_key=f"k{n}")
    assert [str(n) for n in Notification.objects.all()] == ["m2", "m1", "m0"]
