"""The purge_expired command: the nightly housekeeping by hand."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from stations.models import RefusedChange

pytestmark = pytest.mark.django_db


def test_the_command_deletes_expired_refused_changes_and_keeps_live_ones(community_staff):
    now = timezone.now()
    RefusedChange.objects.create(key="old", actor=community_staff, data={}, expires_at=now - dt.timedelta(hours=1))
    RefusedChange.objects.create(key="live", actor=community_staff, data={}, expires_at=now + dt.timedelta(hours=1))
    out = io.StringIO()
    with translation.override("en"):
        call_command("purge_expired", stdout=out)
    assert list(RefusedChange.objects.values_list("key", flat=True)) == ["live"]
    assert "1 expired refused changes" in out.getvalue()
