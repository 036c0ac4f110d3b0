"""The nightly housekeeping (stations/services/housekeeping.py): expired technical rows go, the rest stay."""

import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from stations.services.housekeeping import expired_sessions_purge, housekeeping_purge_expired

pytestmark = pytest.mark.django_db


def _session(expires):
    store = SessionStore()
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=expires)
    return store.session_key


def test_expired_sessions_are_deleted_and_live_ones_kept():
    now = timezone.now()
    _session(now - dt.timedelta(minutes=1))
    live = _session(now + dt.timedelta(hours=1))
    assert expired_sessions_purge(now=now) == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]


def test_a_second_run_finds_nothing_more_to_purge():
    _session(timezone.now() - dt.timedelta(minutes=1))
    housekeeping_purge_expired()
    counts = housekeeping_purge_expired()
    assert counts["sessions"] == 0 and counts["refused_changes"] == 0
