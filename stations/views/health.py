"""/healthz: what a load balancer or a monitor polls (docs/production.md).

- 503, status "error": a page cannot work. The database does not answer, or
  media storage cannot be written (uploads, workbooks, imports).
- 200, status "degraded": background work is held up, but pages work and the
  outbox keeps the work until it can go (docs/background-work.md). The broker
  or the cache does not answer, or beat or the workers have not been heard of
  for PORTAL_HEARTBEAT_STALE_SECONDS.
- 200, status "ok": everything answers.

Every check has a short time limit, so the answer never waits long for a part
that does not answer.
"""

import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from stations.models import Heartbeat
from stations.selectors import heartbeat_times

# Media, broker and cache are checked at once in these threads while the
# request's own thread checks the database (its connection belongs to that
# thread; PostgreSQL gives up connecting after 5 s, config/settings.py).
# Whatever has not answered CHECK_SECONDS after the start is "timeout"; its
# thread is left to finish, and with all four threads stuck later checks
# also answer "timeout" instead of piling up threads.
CHECK_SECONDS = 3.0
_checks = ThreadPoolExecutor(max_workers=4, thread_name_prefix="healthz")

FATAL = ("database", "media")
OK = ("ok", "eager")


def _down(exc: BaseException) -> str:
    return f"down: {type(exc).__name__}"


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "down"; the reason is reported
        return _down(exc)
    return "ok"


def _media_status() -> str:
    """Write, then delete, a small file where uploads go."""
    try:
        name = default_storage.save(f"healthz/{uuid.uuid4().hex}.probe", ContentFile(b"ok"))
        default_storage.delete(name)
    except Exception as exc:
        return _down(exc)
    return "ok"


def _broker_status() -> str:
    if not settings.REDIS_URL:
        return "eager"  # no broker configured: tasks run in-process
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
    except Exception as exc:
        return _down(exc)
    return "ok"


def _cache_status() -> str:
    """A value set is read back (the same call pages make)."""
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=30)
        kept = cache.get(key) == "ok"
        cache.delete(key)
    except Exception as exc:
        return _down(exc)
    return "ok" if kept else "down: the value was not kept"


def _pulse(name: str, heard: dict | None, now) -> tuple[str, int | None]:
    """A heartbeat's state and age in seconds: "eager" (no workers or beat
    needed), "unknown" (the database does not answer), "never", "ok", "stale"."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager", None
    if heard is None:
        return "unknown", None
    at = heard.get(name)
    if at is None:
        return "never", None
    age = max(0, int((now - at).total_seconds()))
    return ("ok" if age <= settings.PORTAL_HEARTBEAT_STALE_SECONDS else "stale"), age


@login_not_required
@never_cache
@require_GET
def healthz(request):
    started = timezone.now()
    running = {
        name: _checks.submit(check)
        for name, check in (
            ("media", _media_status),
            ("broker", _broker_status),
            ("cache", _cache_status),
        )
    }
    database = _database_status()
    heard = None
    if database == "ok":
        try:
            heard = heartbeat_times()
        except Exception:
            heard = None
    body: dict[str, str | int | None] = {"status": "ok", "database": database}
    for name, future in running.items():
        left = CHECK_SECONDS - (timezone.now() - started).total_seconds()
        try:
            body[name] = future.result(timeout=max(left, 0.01))
        except FutureTimeout:
            body[name] = "timeout"
    now = timezone.now()
    for name in (Heartbeat.WORKER, Heartbeat.BEAT):
        body[name], body[f"{name}_seconds_ago"] = _pulse(name, heard, now)

    checks = {name: body[name] for name in ("database", "media", "broker", "cache", "worker", "beat")}
    if any(checks[name] != "ok" for name in FATAL):
        body["status"] = "error"
    elif any(value not in OK for value in checks.values()):
        body["status"] = "degraded"
    return JsonResponse(body, status=503 if body["status"] == "error" else 200)
