"""The cache backend: Django's Redis cache that treats an unreachable Redis as
an empty cache instead of an error.

The cache is a help, never a dependency. Everything kept in it can be built
again (public pages, dashboard trends) or has its truth in the database
(import progress, rate limits, refused changes waiting for approval): so when
Redis cannot be reached, or answers too slowly, a read is a miss, a write or a
delete does nothing, and `incr` raises `CacheUnavailable` (it has no answer
that could pass for a count; `stations.ratelimit` then counts in the
database).

A dead Redis must cost a request milliseconds, not seconds: the connection
gives up after SOCKET_CONNECT_TIMEOUT / SOCKET_TIMEOUT with no retry, and
after a failure the process does not try Redis again for `retry_after`
seconds. One warning is logged when the cache is found down (and at most one
a minute while it stays down), and one line when it answers again.

https://docs.djangoproject.com/en/5.2/topics/cache/#redis
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger("portal.cache")

# Seconds. A Redis on the same network answers in well under a millisecond;
# a quarter of a second to connect and half a second for an answer mean it is
# not there for us.
SOCKET_CONNECT_TIMEOUT = 0.25
SOCKET_TIMEOUT = 0.5
# What "unreachable" is: no connection, or no answer in time. Other errors
# (a wrong type under a key) are bugs and are raised.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class CacheUnavailable(Exception):
    """The cache could not be reached; raised by `incr` only."""


class _Health:
    """Whether one Redis location answers, shared by every cache instance of
    the process that uses it (Django makes one instance per thread)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.warned_at: float | None = None


_HEALTH: dict[str, _Health] = {}
_HEALTH_LOCK = threading.Lock()


def _health_of(location: str) -> _Health:
    with _HEALTH_LOCK:
        return _HEALTH.setdefault(location, _Health())


class ResilientRedisCache(RedisCache):
    # After a failure, skip Redis for this long (per process) before trying again.
    retry_after = 5.0
    # While Redis stays down, at most one warning per this many seconds.
    warn_every = 60.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._options = {
            "socket_connect_timeout": SOCKET_CONNECT_TIMEOUT,
            "socket_timeout": SOCKET_TIMEOUT,
            "retry": Retry(NoBackoff(), 0),
            **self._options,
        }
        self._health = _health_of(",".join(self._servers))

    # --- the state -------------------------------------------------------------
    @property
    def is_down(self) -> bool:
        """True while a recent failure keeps this process from trying Redis."""
        return time.monotonic() < self._health.down_until

    def _failed(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        health = self._health
        with health.lock:
            health.down_until = now + self.retry_after
            warn = health.warned_at is None or now - health.warned_at >= self.warn_every
            if warn:
                health.warned_at = now
        if warn:
            logger.warning(
                "cache unreachable (%s: %s): serving without it, trying again every %.0f s",
                operation,
                exc,
                self.retry_after,
            )

    def _answered(self) -> None:
        health = self._health
        if health.warned_at is None:
            return
        with health.lock:
            was_down, health.warned_at = health.warned_at is not None, None
        if was_down:
            logger.warning("cache reachable again")

    def _call(self, operation: str, fallback: Any, run):
        if self.is_down:
            return fallback
        try:
            result = run()
        except UNREACHABLE as exc:
            self._failed(operation, exc)
            return fallback
        self._answered()
        return result

    # --- the operations: a miss when Redis is away ----------------------------
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, lambda: super(ResilientRedisCache, self).add(key, value, timeout, version))

    def get(self, key, default=None, version=None):
        return self._call("get", default, lambda: super(ResilientRedisCache, self).get(key, default, version))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, lambda: super(ResilientRedisCache, self).set(key, value, timeout, version))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, lambda: super(ResilientRedisCache, self).touch(key, timeout, version))

    def delete(self, key, version=None):
        return self._call("delete", False, lambda: super(ResilientRedisCache, self).delete(key, version))

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, lambda: super(ResilientRedisCache, self).get_many(keys, version))

    def has_key(self, key, version=None):
        return self._call("has_key", False, lambda: super(ResilientRedisCache, self).has_key(key, version))

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be set.
        failed = list(data)
        return self._call("set_many", failed, lambda: super(ResilientRedisCache, self).set_many(data, timeout, version))

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, lambda: super(ResilientRedisCache, self).delete_many(keys, version))

    def clear(self):
        return self._call("clear", False, lambda: super(ResilientRedisCache, self).clear())

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call("incr", missing, lambda: super(ResilientRedisCache, self).incr(key, delta, version))
        if result is missing:
            raise CacheUnavailable("the cache cannot be reached")
        return result
