"""A small HTTP client for the provider adapters (the standard library's,
with a timeout), turning the network's failures into the gateway's two kinds:
not reachable or a 5xx is GatewayUnavailable (retried), anything else the
adapter reads from the answer."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from stations.messaging.gateways import GatewayRefused, GatewayUnavailable

# A provider answers SendSms in well under a second; 10 s is a hung connection.
TIMEOUT_SECONDS = 10


def request_json(url: str, *, method: str = "GET", body: bytes | None = None, headers: dict | None = None) -> dict:
    if not url.startswith(("https://", "http://")):
        raise GatewayRefused(f"the SMS provider's endpoint is no http(s) address: {url[:40]!r}")
    # The scheme is checked above; http:// is for the fake providers in tests.
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            raw = response.read()
    except urllib.error.HTTPError as exc:
        if exc.code >= 500 or exc.code == 429:
            raise GatewayUnavailable(f"HTTP {exc.code} from the SMS provider") from exc
        raw = exc.read()  # 4xx: the provider's JSON says why
    except (urllib.error.URLError, TimeoutError) as exc:
        raise GatewayUnavailable(f"the SMS provider cannot be reached: {getattr(exc, 'reason', exc)}") from exc
    try:
        answer = json.loads(raw)
    except ValueError as exc:
        raise GatewayUnavailable("the SMS provider's answer is not JSON") from exc
    if not isinstance(answer, dict):
        raise GatewayUnavailable("the SMS provider's answer is not a JSON object")
    return answer
