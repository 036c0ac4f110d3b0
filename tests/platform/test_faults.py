"""Fault tests: parts of the platform fail in the middle of the work.

Redis (the broker) is a `redis-server` of the test's own, on a spare port,
stopped and started again while a real `celery worker` and `celery beat` run
against the test database: nothing asked for during the outage answers 500,
nothing is lost, everything is done once Redis is back, with no manual step.
A web server's PostgreSQL connection is ended (`pg_terminate_backend`) and the
next request still succeeds.

These need PostgreSQL (a worker process cannot open the SQLite test database,
which lives in this process's memory) and Debian's redis-server: without them
they skip with the reason, and under CI=true that is a failure.
"""

import io
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
import redis
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from openpyxl import Workbook

from jobs.models import Employer, EmployerImportBatch
from jobs.services import employer_imports
from reports.models import ReportRequest, ReportStatus
from stations.imports import services as import_services
from stations.models import HandoffState, ImportStatus, Resident, ResidentImportBatch, TaskHandoff
from tests.factories import StationFactory
from tests.platform.brokers import celery_on_broker, free_port

pytestmark = pytest.mark.celery_worker

IN_CI = os.environ.get("CI", "").lower() == "true"
# A cold worker takes a few seconds to start, and after Redis comes back it
# reconnects with growing pauses; past this the work is lost, a failure.
DONE_WITHIN_SECONDS = 120


def _cannot_run(reason: str):
    if IN_CI:
        pytest.fail(f"{reason}: CI=true requires the fault tests to run")
    pytest.skip(reason)


def _needs_postgresql():
    if connection.vendor != "postgresql":
        _cannot_run("the SQLite test database is in memory, so a worker process cannot open it (set DATABASE_URL)")


def _test_database_url() -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def _wait_for(what: str, check, logs: list[Path], seconds: float = DONE_WITHIN_SECONDS):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    shown = "\n".join(f"--- {log.name}\n{log.read_text()[-6000:]}" for log in logs if log.exists())
    pytest.fail(f"{what} did not happen within {seconds:.0f}s\n{shown}")


class RedisServer:
    """A redis-server of the test's own, nothing kept on disk (as in production
    here): stopping it loses whatever was queued in it."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.directory)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.RedisError:
                time.sleep(0.1)
        pytest.fail(f"redis-server on port {self.port} did not start")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None


@pytest.fixture
def own_redis(tmp_path):
    if shutil.which("redis-server") is None:
        _cannot_run("redis-server is not installed (Debian package redis-server; .ci/run installs it)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


class Celery:
    """`celery worker` and `celery beat` processes on the test database and a given broker."""

    def __init__(self, broker_url: str, directory: Path):
        self.env = {
            **os.environ,
            "DATABASE_URL": _test_database_url(),
            "DATABASE_CONN_MAX_AGE": "0",  # no connection left open when the test database is dropped
            "REDIS_URL": broker_url,
            "CACHE_URL": "",  # the worker's cache on the same Redis: it fails with it
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "PORTAL_RELAY_SECONDS": "2",  # beat's relay every 2 s instead of every minute
        }
        self.directory = directory
        self.processes: dict[str, subprocess.Popen] = {}

    def log(self, name: str) -> Path:
        return self.directory / f"{name}.log"

    @property
    def logs(self) -> list[Path]:
        return [self.log(name) for name in ("worker", "beat")]

    def _start(self, name: str, args: list[str]):
        with open(self.log(name), "a") as log:
            self.processes[name] = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "config", *args, "--loglevel=INFO"],
                cwd=Path(settings.BASE_DIR),
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def start_worker(self):
        self._start(
            "worker",
            ["worker", "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        )
        _wait_for("the worker's start", lambda: "ready." in self.log("worker").read_text(), self.logs, 60)

    def start_beat(self):
        self._start("beat", ["beat", "--schedule", str(self.directory / "beat-schedule")])

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        self.processes.clear()


@pytest.fixture
def celery_processes(transactional_db, own_redis, tmp_path):
    _needs_postgresql()
    processes = Celery(own_redis.url, tmp_path)
    with celery_on_broker(own_redis.url):
        yield processes
    processes.stop()


def _ledger(rows: int) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "手机号", "社区名称", "住址", "文化程度", "就业状态", "人员类别"])
    from tests.factories import valid_id_number

    for n in range(rows):
        ws.append([f"居民{n}", valid_id_number(serial=n + 1), "", "光明路社区", "", "", "", ""])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("台账.xlsx", out.getvalue())


def _employer_sheet(community, rows: int) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(["单位名称", "统一社会信用代码", "社区代码", "联系人", "联系电话"])
    from tests.factories.jobs import valid_credit_code

    for n in range(rows):
        ws.append([f"用工单位{n}", valid_credit_code(n + 1), community.code, "刘", "13863201111"])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("用工单位.xlsx", out.getvalue())


def _status(model, pk):
    return model.objects.filter(pk=pk).values_list("status", flat=True).first()


def test_work_asked_for_while_redis_is_down_is_done_once_it_is_back(
    client, community, community_staff, city_bureau, own_redis, celery_processes, monkeypatch
):
    monkeypatch.setattr(import_services, "ASYNC_ROW_THRESHOLD", 2)
    monkeypatch.setattr(employer_imports, "ASYNC_ROW_THRESHOLD", 2)
    StationFactory(community=community)
    celery_processes.start_worker()
    celery_processes.start_beat()

    own_redis.stop()
    # A workbook, asked for during the outage: saved, and the user is told it waits.
    client.force_login(city_bureau)
    response = client.post(reverse("reports:report_list"), {"node": "city", "period": "2026-10"})
    assert response.status_code == 302
    report = ReportRequest.objects.get()
    client.cookies["django_language"] = "en"
    page = client.get(response.url)
    assert page.status_code == 200 and "Waiting for a worker" in page.content.decode()
    # Pages and the API still answer.
    assert client.get(reverse("reports:report_list")).status_code == 200
    assert client.get("/api/v1/stations/").status_code == 200
    # A large ledger, uploaded during the outage.
    client.force_login(community_staff)
    response = client.post(reverse("stations:resident_import"), {"file": _ledger(3)})
    assert response.status_code == 302
    batch = ResidentImportBatch.objects.get()
    client.cookies["django_language"] = "en"
    page = client.get(response.url)
    assert page.status_code == 200 and "Waiting for a worker" in page.content.decode()
    # A large employer file, uploaded during the outage.
    response = client.post(reverse("jobs:employer_import"), {"file": _employer_sheet(community, 3)})
    assert response.status_code == 302
    employers = EmployerImportBatch.objects.get()
    client.cookies["django_language"] = "en"
    page = client.get(response.url)
    assert page.status_code == 200 and "Waiting for a worker" in page.content.decode()
    assert set(TaskHandoff.objects.values_list("state", flat=True)) == {HandoffState.PENDING}

    own_redis.start()  # no one touches anything: beat's relay hands the work over
    _wait_for(
        "the workbook's build", lambda: _status(ReportRequest, report.pk) == ReportStatus.DONE, celery_processes.logs
    )
    _wait_for(
        "the ledger's check",
        lambda: _status(ResidentImportBatch, batch.pk) == ImportStatus.READY,
        celery_processes.logs,
    )
    _wait_for(
        "the employer file's check",
        lambda: _status(EmployerImportBatch, employers.pk) == ImportStatus.READY,
        celery_processes.logs,
    )

    # The imports themselves, confirmed during a second outage.
    own_redis.stop()
    response = client.post(reverse("stations:resident_import_confirm", args=[batch.pk]))
    assert response.status_code == 302
    assert _status(ResidentImportBatch, batch.pk) == ImportStatus.QUEUED
    response = client.post(reverse("jobs:employer_import_confirm", args=[employers.pk]))
    assert response.status_code == 302
    assert _status(EmployerImportBatch, employers.pk) == ImportStatus.QUEUED
    own_redis.start()
    _wait_for("the import", lambda: _status(ResidentImportBatch, batch.pk) == ImportStatus.DONE, celery_processes.logs)
    _wait_for(
        "the employer import",
        lambda: _status(EmployerImportBatch, employers.pk) == ImportStatus.DONE,
        celery_processes.logs,
    )

    assert Resident.objects.count() == 3
    assert Employer.objects.count() == 3
    # Each piece of work was done once, though the relay may have handed it over more than once.
    assert set(TaskHandoff.objects.values_list("state", "runs")) == {(HandoffState.DONE, 1)}


def test_work_the_broker_lost_in_a_restart_is_handed_over_again_by_the_next_worker(
    client, city_bureau, community, own_redis, celery_processes
):
    client.force_login(city_bureau)
    client.post(reverse("reports:report_list"), {"node": "city", "period": "2026-10"})  # no worker yet
    report = ReportRequest.objects.get()
    assert TaskHandoff.objects.get().state == HandoffState.SENT  # in Redis' queue only
    own_redis.stop()  # Redis keeps nothing on disk: the queued message is gone
    own_redis.start()
    celery_processes.start_worker()  # its start hands over what was never started
    _wait_for(
        "the workbook's build", lambda: _status(ReportRequest, report.pk) == ReportStatus.DONE, celery_processes.logs
    )
    assert TaskHandoff.objects.get().runs == 1


# --- PostgreSQL ends a connection -------------------------------------------------------------------
@pytest.fixture
def web_server(transactional_db, tmp_path):
    """gunicorn, one sync worker, on the test database, keeping its database
    connection between requests as in production (CONN_MAX_AGE)."""
    _needs_postgresql()
    port = free_port()
    env = {**os.environ, "DATABASE_URL": _test_database_url(), "DATABASE_CONN_MAX_AGE": "600"}
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
            cwd=Path(settings.BASE_DIR),
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for("gunicorn's start", lambda: "Booting worker" in log_path.read_text(), [log_path], 60)
        yield url, log_path
    finally:
        server.terminate()
        server.wait(timeout=20)


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - a local test server
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def _web_backends(dbname: str) -> set[int]:
    """Backend pids of other clients of the test database (the web server's)."""
    with psycopg2.connect(**_admin_connect_args()) as admin, admin.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid() AND pid <> %s",
            [dbname, connection.connection.get_backend_pid()],
        )
        return {row[0] for row in cursor.fetchall()}


def _admin_connect_args() -> dict:
    params = connection.get_connection_params()
    return {k: v for k, v in params.items() if k in ("host", "port", "user", "password", "dbname", "database")}


def test_a_request_after_postgresql_ended_the_connection_succeeds(web_server, community):
    url, log_path = web_server
    StationFactory(community=community)
    dbname = connection.settings_dict["NAME"]
    connection.ensure_connection()
    _wait_for("the first answer", lambda: _get(url + "/api/v1/stations/") == 200, [log_path], 60)
    before = _web_backends(dbname)
    assert before, "the web server keeps no database connection between requests"

    with psycopg2.connect(**_admin_connect_args()) as admin, admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", [list(before)])

    assert _get(url + "/api/v1/stations/") == 200, log_path.read_text()[-4000:]
    after = _web_backends(dbname)
    assert after and not (after & before)  # a new connection, not the ended one


# --- the cache's Redis stops ------------------------------------------------------------------------
def test_pages_and_the_api_answer_while_the_cache_redis_is_down_and_use_it_again_once_back(
    client, community, community_staff, own_redis, settings, monkeypatch, caplog
):
    """The cache is a help, never a dependency (stations/cache.py): with its
    Redis stopped mid-test, public pages, a staff page, the anonymous API and
    a public form answer as usual; once it is back it is used again."""
    from django.core.cache import cache

    from stations.cache import ResilientRedisCache
    from tests.factories.jobs import PostingFactory
    from tests.jobs.conftest import submission

    monkeypatch.setattr(ResilientRedisCache, "retry_after", 0.5)
    settings.CACHES = {"default": {"BACKEND": "stations.cache.ResilientRedisCache", "LOCATION": own_redis.url}}
    StationFactory(community=community)
    posting = PostingFactory(employer__community=community)
    inspect = redis.Redis.from_url(own_redis.url)
    public_pages = [
        reverse("public:home"),
        reverse("jobs_public:posting_list"),
        reverse("jobs_public:posting_detail", kwargs={"pk": posting.pk}),
        "/api/v1/jobs/postings/",
        "/api/v1/jobs/fairs/",
        "/api/v1/stations/",
    ]

    def every_page_answers():
        client.logout()
        assert {path: client.get(path).status_code for path in public_pages} == dict.fromkeys(public_pages, 200)
        client.force_login(community_staff)
        assert client.get(reverse("stations:resident_list")).status_code == 200
        client.logout()

    every_page_answers()
    assert inspect.keys("*public-page:jobs*"), "the job list was not kept in the cache"

    own_redis.stop()
    caplog.set_level(logging.WARNING, logger="portal.cache")
    every_page_answers()
    response = client.post(reverse("jobs_public:posting_submit"), submission(community))
    assert response.status_code == 302
    started = time.monotonic()
    every_page_answers()
    assert time.monotonic() - started < 10  # a dead cache costs milliseconds, not a timeout per call

    own_redis.start()  # empty: nothing was kept on disk
    time.sleep(ResilientRedisCache.retry_after + 0.1)
    cache.set("probe", 1)
    assert cache.get("probe") == 1
    every_page_answers()
    assert inspect.keys("*public-page:jobs*"), "the cache is not used again once Redis is back"
    logged = [r.getMessage() for r in caplog.records if r.name == "portal.cache"]
    assert len([m for m in logged if m.startswith("cache unreachable")]) == 1
    assert logged[-1] == "cache reachable again"
