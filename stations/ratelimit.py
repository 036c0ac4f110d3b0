"""Limits on how often one address may do something (send a vacancy, rate a
station, read the anonymous API): one helper, `hit`, used by every limit.

A limit counts in windows of `window` seconds aligned to the epoch (an hourly
window is a clock hour) and judges a use by a sliding estimate: this window's
count plus the previous window's, weighted by how much of the previous
window still lies within the last `window` seconds. Fixed windows alone would
let an address do its limit at the end of one window and again at the start
of the next (twice the limit within seconds); the estimate closes that gap.
The counts live in the cache, which all processes share; while the cache cannot be reached it goes to the database
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
    """Seconds until the current window of `window` seconds ends (the earliest
    a refused address may hope to be let through again)."""
    now = now or timezone.now()
    return (_window_start(window, now) + dt.timedelta(seconds=window) - now).total_seconds()


def _short(key: str) -> str:
    if len(key) <= KEY_MAX:
        return key
    return key[: KEY_MAX - 41] + ":" + hashlib.sha256(key.encode()).hexdigest()[:40]


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one more use of `key`; True while the uses within the last
    `window` seconds are within `limit` (the use may go ahead), False once
    they are over.

    `key` names the action and who does it ("jobs:submit:203.0.113.9");
    `window` is in seconds. Refused uses count too, so retrying does not help."""
    key = _short(key)
    now = timezone.now()
    start = _window_start(window, now)
    previous_start = start - dt.timedelta(seconds=window)
    # Counters live two windows: the next window still reads this one.
    lifetime = 2 * window
    try:
        cache_key = f"ratelimit:{key}:{int(start.timestamp())}"
        cache.add(cache_key, 0, lifetime)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr: a new window
            cache.set(cache_key, 1, lifetime)
            count = 1
        previous = cache.get(f"ratelimit:{key}:{int(previous_start.timestamp())}", 0)
    except CacheUnavailable:
        count = _hit_database(key, start, lifetime)
        previous_rows = RateLimitCounter.objects.filter(key=key, window_start=previous_start)
        previous = previous_rows.values_list("count", flat=True).first() or 0
    overlap = 1 - (now - start).total_seconds() / window
    return count + previous * overlap <= limit


def is_over(key: str, *, limit: int, window: int) -> bool:
    """Whether `key` has already passed `limit` within the last `window`
    seconds (the same sliding estimate as `hit`), without counting a use: for
    limits that count only failures (a wrong code), so that the right ones
    are not refused along the way."""
    key = _short(key)
    now = timezone.now()
    start = _window_start(window, now)
    previous_start = start - dt.timedelta(seconds=window)

    def count(window_start: dt.datetime) -> int:
        # The cache reads as empty while it is down, and `hit` then counts in
        # the database: the larger of the two is the count.
        cached = cache.get(f"ratelimit:{key}:{int(window_start.timestamp())}") or 0
        rows = RateLimitCounter.objects.filter(key=key, window_start=window_start)
        return max(int(cached), rows.values_list("count", flat=True).first() or 0)

    overlap = 1 - (now - start).total_seconds() / window
    return count(start) + count(previous_start) * overlap > limit


def _hit_database(key: str, start: dt.datetime, lifetime: int) -> int:
    """Add one to the key's counter of the window and return it (an atomic
    increment: concurrent requests never lose a count)."""
    rows = RateLimitCounter.objects.filter(key=key, window_start=start)
    with transaction.atomic():
        if not rows.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateLimitCounter.objects.create(
                        key=key, window_start=start, expires_at=start + dt.timedelta(seconds=lifetime), count=1
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
