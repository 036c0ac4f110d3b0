"""The anonymous API's throttle: DRF's AnonRateThrottle (scope "anon",
`API_ANON_RATE`, per address, signed-in users not throttled), counted by
`stations.ratelimit`, so it holds when the cache is down instead of failing
the request. Windows are fixed (a minute from :00), not DRF's sliding history."""

from __future__ import annotations

from rest_framework import throttling

from stations import ratelimit


class AnonymousThrottle(throttling.AnonRateThrottle):
    def allow_request(self, request, view) -> bool:
        limit, window = self.parse_rate(self.rate)
        if limit is None or window is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:  # a signed-in user
            return True
        self._window = window
        return ratelimit.hit(key, limit=limit, window=window)

    def wait(self) -> float | None:
        return ratelimit.seconds_left(self._window)
