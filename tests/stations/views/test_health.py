"""/healthz: what a load balancer or monitor polls. The database and media
storage make it 503; the broker, the cache and the heartbeats of beat and the
workers only make it "degraded" (200)."""

import datetime as dt
import socket
import time

import pytest
from celery.signals import after_task_publish
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from stations.models import Heartbeat
from stations.services.background import heartbeat_record

pytestmark = pytest.mark.django_db

CHECKS = ("database", "media", "broker", "cache", "worker", "beat")


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def with_workers(settings, media_root):
    """Tasks go to workers (not in-process), so the heartbeats count."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.REDIS_URL = ""  # the broker's own check is tested apart
    return settings


def _beats(*, worker_ago: int | None, beat_ago: int | None) -> None:
    now = timezone.now()
    if worker_ago is not None:
        heartbeat_record(name=Heartbeat.WORKER, at=now - dt.timedelta(seconds=worker_ago))
    if beat_ago is not None:
        heartbeat_record(name=Heartbeat.BEAT, at=now - dt.timedelta(seconds=beat_ago))


# --- the answer --------------------------------------------------------------------


def test_healthz_is_ok_when_everything_answers(client, media_root):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: body[name] for name in ("database", "media", "cache")} == dict.fromkeys(
        ("database", "media", "cache"), "ok"
    )


def test_healthz_answers_json_with_every_check(client, media_root):
    response = client.get(reverse("healthz"))

    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"status", *CHECKS, "worker_seconds_ago", "beat_seconds_ago"}


def test_healthz_answers_without_login(client, media_root):
    assert client.get("/healthz").status_code == 200


def test_healthz_is_never_cached(client, media_root):
    response = client.get(reverse("healthz"))

    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_healthz_refuses_post(client):
    assert client.post(reverse("healthz")).status_code == 405


def test_healthz_leaves_no_probe_file_in_media(client, media_root):
    client.get(reverse("healthz"))

    assert [path for path in media_root.rglob("*") if path.is_file()] == []


# --- 503: pages cannot work ------------------------------------------------------


def test_healthz_is_503_when_the_database_is_down(client, media_root, monkeypatch):
    from stations.views import health

    def broken_cursor():
        raise ConnectionError("database unreachable")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "down: ConnectionError"


def test_healthz_is_503_when_media_storage_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    settings.MEDIA_ROOT = blocker / "media"  # even root cannot make a directory inside a file

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["media"].startswith("down")
    assert body["database"] == "ok"


# --- 200 "degraded": background work waits, pages work -------------------------


def test_healthz_reports_eager_broker_and_heartbeats_without_redis(client, media_root):
    with override_settings(REDIS_URL="", CELERY_TASK_ALWAYS_EAGER=True):
        response = client.get(reverse("healthz"))

    body = response.json()
    assert (body["status"], body["broker"], body["worker"], body["beat"]) == ("ok", "eager", "eager", "eager")
    assert body["worker_seconds_ago"] is None


def test_healthz_is_degraded_not_503_when_the_broker_is_unreachable(client, media_root):
    with override_settings(REDIS_URL=f"redis://127.0.0.1:{_unused_port()}/15"):
        response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["broker"].startswith("down")
    assert body["database"] == "ok"


def test_healthz_is_degraded_when_the_cache_is_unreachable(client, media_root):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{_unused_port()}/14",
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["cache"].startswith("down")


def test_healthz_answers_within_its_time_limit_when_a_check_hangs(client, media_root, monkeypatch):
    from stations.views import health

    monkeypatch.setattr(health, "_cache_status", lambda: time.sleep(health.CHECK_SECONDS + 2) or "ok")
    started = time.monotonic()

    response = client.get(reverse("healthz"))

    assert time.monotonic() - started < health.CHECK_SECONDS + 1
    assert response.status_code == 200
    assert response.json()["cache"] == "timeout"
    assert response.json()["status"] == "degraded"


def test_healthz_is_ok_with_recent_heartbeats(client, with_workers):
    _beats(worker_ago=20, beat_ago=5)

    body = client.get(reverse("healthz")).json()

    assert (body["status"], body["worker"], body["beat"]) == ("ok", "ok", "ok")
    assert 20 <= body["worker_seconds_ago"] < 30
    assert 5 <= body["beat_seconds_ago"] < 15


def test_healthz_is_degraded_when_the_worker_heartbeat_is_stale(client, with_workers):
    _beats(worker_ago=settings.PORTAL_HEARTBEAT_STALE_SECONDS + 60, beat_ago=5)

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["worker"], body["beat"]) == ("degraded", "stale", "ok")


def test_healthz_is_degraded_when_beat_is_stale(client, with_workers):
    _beats(worker_ago=5, beat_ago=settings.PORTAL_HEARTBEAT_STALE_SECONDS + 60)

    body = client.get(reverse("healthz")).json()

    assert (body["status"], body["worker"], body["beat"]) == ("degraded", "ok", "stale")


def test_healthz_is_degraded_when_no_heartbeat_was_ever_heard(client, with_workers):
    body = client.get(reverse("healthz")).json()

    assert (body["status"], body["worker"], body["beat"]) == ("degraded", "never", "never")


def test_the_stale_threshold_is_a_setting(client, with_workers):
    _beats(worker_ago=90, beat_ago=90)
    with_workers.PORTAL_HEARTBEAT_STALE_SECONDS = 60

    body = client.get(reverse("healthz")).json()

    assert (body["worker"], body["beat"]) == ("stale", "stale")


# --- the heartbeats ----------------------------------------------------------------


def test_the_heartbeat_task_records_the_worker():
    from stations.tasks import heartbeat

    heartbeat.apply()

    assert timezone.now() - Heartbeat.objects.get(name=Heartbeat.WORKER).at < dt.timedelta(seconds=10)


def test_publishing_the_heartbeat_records_beat():
    after_task_publish.send(sender="stations.tasks.heartbeat", body=(), exchange="", routing_key="celery")

    assert timezone.now() - Heartbeat.objects.get(name=Heartbeat.BEAT).at < dt.timedelta(seconds=10)


def test_publishing_another_task_records_no_heartbeat():
    after_task_publish.send(sender="stations.tasks.handoffs_relay", body=(), exchange="", routing_key="celery")

    assert not Heartbeat.objects.exists()


def test_a_heartbeat_overwrites_the_last_one():
    heartbeat_record(name=Heartbeat.WORKER, at=timezone.now() - dt.timedelta(hours=1))
    heartbeat_record(name=Heartbeat.WORKER)

    assert Heartbeat.objects.count() == 1
    assert timezone.now() - Heartbeat.objects.get().at < dt.timedelta(seconds=10)


def test_beat_sends_the_heartbeat_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["stations.heartbeat"]

    assert (entry["task"], entry["schedule"]) == ("stations.tasks.heartbeat", 60.0)
