"""The nightly purge of expired sessions, login-throttle and rate-limit counters
and refused changes."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from config.celery import app as celery_app
from stations.services.housekeeping import housekeeping_purge_expired
from stations.tasks import housekeeping_purge_expired as housekeeping_task

pytestmark = pytest.mark.django_db


def _session(key: str, *, expires_in: timedelta) -> Session:
    return Session.objects.create(session_key=key, session_data="", expire_date=timezone.now() + expires_in)


def _attempt(*, age: timedelta) -> AccessAttempt:
    attempt = AccessAttempt.objects.create(
        username=f"tried-{AccessAttempt.objects.count()}",
        ip_address="10.0.0.1",
        user_agent="",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=timezone.now() - age)
    return attempt


def test_purge_deletes_expired_sessions_and_keeps_live_ones():
    _session("expired" * 4, expires_in=-timedelta(minutes=1))
    _session("live" * 8, expires_in=timedelta(hours=1))
    counts = housekeeping_purge_expired()
    assert counts["sessions"] == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live" * 8]


def test_purge_deletes_login_failure_counters_older_than_the_cooloff(settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    old = _attempt(age=timedelta(minutes=16))
    recent = _attempt(age=timedelta(minutes=5))
    counts = housekeeping_purge_expired()
    assert counts["login_attempts"] == 1
    assert not AccessAttempt.objects.filter(pk=old.pk).exists()
    assert AccessAttempt.objects.filter(pk=recent.pk).exists()


def test_purge_keeps_login_failure_counters_when_locks_are_permanent(settings):
    settings.AXES_COOLOFF_TIME = None
    _attempt(age=timedelta(days=30))
    assert housekeeping_purge_expired()["login_attempts"] == 0
    assert AccessAttempt.objects.count() == 1


def test_purge_run_twice_changes_nothing_the_second_time():
    _session("expired" * 4, expires_in=-timedelta(minutes=1))
    housekeeping_purge_expired()
    assert housekeeping_purge_expired() == {
        "sessions": 0,
        "login_attempts": 0,
        "rate_limit_counters": 0,
        "refused_changes": 0,
        "sign_in_codes": 0,
    }


def test_purge_expired_command_prints_what_it_purged():
    _session("expired" * 4, expires_in=-timedelta(minutes=1))
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert "1" in out.getvalue()
    assert not Session.objects.exists()


def test_purge_task_runs_the_service_and_returns_the_counts():
    _session("expired" * 4, expires_in=-timedelta(minutes=1))
    assert housekeeping_task.apply().get() == {
        "sessions": 1,
        "login_attempts": 0,
        "rate_limit_counters": 0,
        "refused_changes": 0,
        "sign_in_codes": 0,
    }


def test_purge_deletes_rate_limit_counters_of_ended_windows():
    from stations import ratelimit
    from stations.models import RateLimitCounter

    now = timezone.now()
    ratelimit._hit_database("old", now - timedelta(hours=2), 3600)
    ratelimit._hit_database("current", now - timedelta(minutes=10), 3600)
    assert housekeeping_purge_expired(now=now)["rate_limit_counters"] == 1
    assert list(RateLimitCounter.objects.values_list("key", flat=True)) == ["current"]


def test_purge_is_on_the_beat_schedule():
    entries = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}
    assert "stations.tasks.housekeeping_purge_expired" in entries


def test_purge_takes_in_the_purges_apps_register_in_a_housekeeping_module():
    """self_service.housekeeping: sign-in codes older than a day go."""
    from self_service.models import SignInCode

    SignInCode.objects.create(number="13912345678", code_hash="x" * 64, expires_at=timezone.now())
    SignInCode.objects.filter().update(created_at=timezone.now() - timedelta(days=2))
    assert housekeeping_purge_expired()["sign_in_codes"] == 1
    assert not SignInCode.objects.exists()
