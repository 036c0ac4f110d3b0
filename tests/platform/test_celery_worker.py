"""A task really travels through Redis to a separate `celery worker` process
and back, against the same database the test wrote to.

Skipped, with the reason, where that cannot work locally (the SQLite test
database lives in this process's memory; no Redis). Under CI=true those are
failures: CI must prove the real path.
"""

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from config.celery import app as celery_app
from stations.tasks import housekeeping_purge_expired

pytestmark = pytest.mark.celery_worker

IN_CI = os.environ.get("CI", "").lower() == "true"
# A cold worker takes a few seconds to start; anything past this is a failure.
RESULT_TIMEOUT_SECONDS = 90


def _cannot_run(reason: str):
    if IN_CI:
        pytest.fail(f"{reason}: CI=true requires the real worker test to run")
    pytest.skip(reason)


def _worker_database_url() -> str:
    """DATABASE_URL of the test run, pointed at the test database pytest-django made."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture
def celery_worker_queue(transactional_db, tmp_path):
    """Start `celery -A config worker` on a queue of its own; yield the queue name."""
    if connection.vendor == "sqlite":
        _cannot_run("the SQLite test database is in memory, so a worker process cannot open it (set DATABASE_URL)")
    if not settings.REDIS_URL:
        _cannot_run("REDIS_URL is not set, so there is no broker for a worker")
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        _cannot_run(f"Redis at {settings.REDIS_URL} does not answer ({type(exc).__name__})")

    # A queue of its own, so workers other people run on the same Redis never take the task.
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DATABASE_URL": _worker_database_url(),
        "DATABASE_CONN_MAX_AGE": "0",  # no connection left open when the test database is dropped
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    log_path = tmp_path / "worker.log"
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [
                *(sys.executable, "-m", "celery", "-A", "config", "worker"),
                *("--pool=solo", "--queues", queue, "--hostname", f"{queue}@%h", "--loglevel=INFO"),
                *("--without-gossip", "--without-mingle", "--without-heartbeat"),
            ],
            cwd=Path(settings.BASE_DIR),
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield queue, log_path
    finally:
        celery_app.conf.task_always_eager = eager
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)


def test_task_runs_in_a_real_worker_on_redis_and_sees_committed_rows(celery_worker_queue):
    queue, log_path = celery_worker_queue
    now = timezone.now()
    Session.objects.create(session_key="expired" * 4, session_data="", expire_date=now - timedelta(minutes=1))
    Session.objects.create(session_key="live" * 8, session_data="", expire_date=now + timedelta(hours=1))

    started = time.monotonic()
    result = housekeeping_purge_expired.apply_async(queue=queue)
    try:
        counts = result.get(timeout=RESULT_TIMEOUT_SECONDS)
    except Exception as exc:
        pytest.fail(
            f"no result from the worker after {time.monotonic() - started:.0f}s ({exc!r}); log:\n{log_path.read_text()}"
        )

    assert counts == {
        "sessions": 1,
        "login_attempts": 0,
        "rate_limit_counters": 0,
        "refused_changes": 0,
        "sign_in_codes": 0,
    }
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live" * 8]
    assert f"{queue}@" in log_path.read_text()  # it was our worker, not an eager call


def test_the_heartbeat_is_recorded_by_its_publisher_and_a_real_worker(celery_worker_queue, client, settings, tmp_path):
    from stations.models import Heartbeat
    from stations.tasks import heartbeat

    queue, log_path = celery_worker_queue
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.MEDIA_ROOT = tmp_path / "media"

    heartbeat.apply_async(queue=queue)  # what beat does every minute
    deadline = time.monotonic() + RESULT_TIMEOUT_SECONDS
    while not Heartbeat.objects.filter(name=Heartbeat.WORKER).exists():
        if time.monotonic() > deadline:
            pytest.fail(f"no worker heartbeat after {RESULT_TIMEOUT_SECONDS}s; log:\n{log_path.read_text()}")
        time.sleep(0.5)

    body = client.get("/healthz").json()
    assert (body["status"], body["broker"], body["worker"], body["beat"]) == ("ok", "ok", "ok", "ok")
    assert "stations.tasks.heartbeat" in log_path.read_text()
