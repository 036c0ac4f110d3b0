"""Housekeeping the scheduler runs every night (and `manage.py purge_expired`
runs by hand): rows whose lifetime has ended are deleted.

Only technical rows are purged here: expired sign-in sessions, expired
login-throttle counters, the rate-limit counters of ended windows (written
while the cache was down) and refused changes no longer open for approval.
Business records and the audit log are never purged. An app with technical
rows of its own adds them by convention: a `housekeeping` module whose
`PURGES` maps a name to a function taking `now=` and returning how many rows
it deleted (stations.app_modules).
"""

from __future__ import annotations

import datetime as dt
import logging

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from stations import closed_months, ratelimit
from stations.app_modules import app_modules

log = logging.getLogger("portal.housekeeping")


def expired_sessions_purge(*, now: dt.datetime | None = None) -> int:
    """Delete sessions whose idle expiry has passed; returns how many.

    Django's `clearsessions` does the same but reports nothing; the count is
    what the scheduler's result and the command print."""
    now = now or timezone.now()
    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return deleted


def expired_login_attempts_purge(*, now: dt.datetime | None = None) -> int:
    """Delete login-failure counters older than the cool-off; returns how many.

    django-axes prunes these itself on each sign-in, but a quiet site would
    keep stale rows (user names tried, addresses) indefinitely."""
    cooloff = settings.AXES_COOLOFF_TIME
    if not cooloff:
        return 0  # locks are permanent until an administrator lifts them
    now = now or timezone.now()
    deleted, _ = AccessAttempt.objects.filter(attempt_time__lt=now - cooloff).delete()
    return deleted


def housekeeping_purge_expired(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Run every purge; idempotent, so a retried or doubled run is harmless."""
    now = now or timezone.now()
    with transaction.atomic():
        counts = {
            "sessions": expired_sessions_purge(now=now),
            "login_attempts": expired_login_attempts_purge(now=now),
            "rate_limit_counters": ratelimit.expired_counters_purge(now=now),
            "refused_changes": closed_months.expired_refusals_purge(now=now),
        }
        for module in app_modules("housekeeping"):
            for name, purge in module.PURGES.items():
                counts[name] = purge(now=now)
    log.info("housekeeping purged %s", counts)
    return counts
