"""Short-lived rows (stations/models/transient.py): rate-limit counters and refused changes."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from stations.models import RateLimitCounter, RefusedChange

pytestmark = pytest.mark.django_db


def test_a_key_has_one_counter_per_window():
    start = timezone.now().replace(second=0, microsecond=0)
    counter = RateLimitCounter.objects.create(key="ip:1", window_start=start, expires_at=start, count=3)
    assert str(counter).endswith(": 3")
    with pytest.raises(IntegrityError), transaction.atomic():
        RateLimitCounter.objects.create(key="ip:1", window_start=start, expires_at=start)


def test_a_refused_change_is_named_by_its_key(community_staff):
    change = RefusedChange.objects.create(
        key="abc", actor=community_staff, data={}, expires_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert str(change) == "abc"
