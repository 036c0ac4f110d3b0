"""Limits on how often one address may do something (send a vacancy, rate a
station, read the anonymous API): one helper, `hit`, used by every limit.

A limit counts in fixed windows (`window` seconds, aligned to the epoch, so
an hourly window is a clock hour). The count lives in the cache, which all
processes share; while the cache cannot be reached it goes to the database
(`RateLimitCounter`, one row per key and window, purged nightly), so a limit
that protects a public form holds through a cache outage instead of opening
or failing. Counts made in the cache before an outage are not carried over:
for the rest of that window an address may do its limit again.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from stations.cache import CacheUnavailable
from stations.models import RateLimitCounter

KEY_MAX = 200  # RateLimitCounter.key


def _window_start(window: int, now: dt.datetime) -> dt.datetime:
    seconds = int(now.timestamp()) // window * window
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def seconds_left(window: int, *, now: dt.datetime | None = None) -> float:
    """Seconds until the current window of `window` seconds ends."""
    now = now or timezone.now()
    return (_window_start(window, now) + dt.timedelta(seconds=window) - now).total_seconds()


def _short(key: str) -> str:
    if len(key) <= KEY_MAX:
        return key
    return key[: KEY_MAX - 41] + ":" + hashlib.sha256(key.encode()).hexdigest()[:40]


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one more use of `key` in the current window; True while the
    count is within `limit` (the use may go ahead), False once it is over.

    `key` names the action and who does it ("jobs:submit:203.0.113.9");
    `window` is in seconds. Refused uses count too, so retrying does not help."""
    key = _short(key)
    now = timezone.now()
    start = _window_start(window, now)
    cache_key = f"ratelimit:{key}:{int(start.timestamp())}"
    try:
        cache.add(cache_key, 0, window)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr: a new window
            cache.set(cache_key, 1, window)
            count = 1
    except CacheUnavailable:
        count = _hit_database(key, start, window)
    return count <= limit


def is_over(key: str, *, limit: int, window: int) -> bool:
    """Whether `key` has already passed `limit` in the current window, without
    counting a use: for limits that count only failures (a wrong code), so
    that the right ones are not refused along the way."""
    key = _short(key)
    start = _window_start(window, timezone.now())
    # The cache reads as empty while it is down, and `hit` then counts in the
    # database: the larger of the two is the count.
    cached = cache.get(f"ratelimit:{key}:{int(start.timestamp())}") or 0
    stored = RateLimitCounter.objects.filter(key=key, window_start=start).values_list("count", flat=True).first()
    return max(int(cached), stored or 0) > limit


def _hit_database(key: str, start: dt.datetime, window: int) -> int:
    """Add one to the key's counter of the window and return it (an atomic
    increment: concurrent requests never lose a count)."""
    rows = RateLimitCounter.objects.filter(key=key, window_start=start)
    with transaction.atomic():
        if not rows.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateLimitCounter.objects.create(
                        key=key, window_start=start, expires_at=start + dt.timedelta(seconds=window), count=1
                    )
                return 1
            except IntegrityError:  # another request created it first
                rows.update(count=F("count") + 1)
        # The row is locked by our update until the commit: this is our count.
        return rows.values_list("count", flat=True).get()


def expired_counters_purge(*, now: dt.datetime | None = None) -> int:
    """Delete database counters of windows that have ended; returns how many."""
    deleted, _ = RateLimitCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return deleted
