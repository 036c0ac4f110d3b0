"""The base app's Celery tasks (stations/tasks.py), run in this process."""

import pytest

from stations import tasks
from stations.models import Heartbeat

pytestmark = pytest.mark.django_db


def test_a_worker_heartbeat_is_recorded():
    tasks.heartbeat()
    assert Heartbeat.objects.filter(name=Heartbeat.WORKER).exists()


def test_the_nightly_housekeeping_returns_what_it_purged():
    counts = tasks.housekeeping_purge_expired()
    assert {"sessions", "login_attempts", "rate_limit_counters", "refused_changes"} <= set(counts)
