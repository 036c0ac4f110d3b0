"""The settings a site spread over several machines sets, read by a separate
process so no test override leaks in (the variables are read at start-up)."""

import json
import os
import subprocess
import sys

from django.conf import settings

SHOW = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "databases": {alias: {"HOST": db.get("HOST"), "TEST": db.get("TEST", {})} for alias, db in s.DATABASES.items()},
    "routers": s.DATABASE_ROUTERS,
    "cache": s.CACHES["default"],
    "broker": s.CELERY_BROKER_URL,
    "static_url": s.STATIC_URL,
}))
"""


def _settings(**env) -> dict:
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PORTAL_", "CELERY_"))
        and key not in ("DATABASE_URL", "REPORTS_DATABASE_URL", "REDIS_URL", "CACHE_URL")
    }
    base.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY="province-settings-test-secret-key-0123456789",
        PORTAL_IGNORE_DOT_ENV="1",
        PORTAL_VAR_DIR=os.environ.get("PORTAL_VAR_DIR", str(settings.BASE_DIR / "var" / "test")),
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        env=base,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_reports_database_url_adds_a_replica_alias_mirrored_in_tests():
    shown = _settings(
        DATABASE_URL="postgres://portal@db-primary:5432/portal",
        REPORTS_DATABASE_URL="postgres://portal@db-replica:5432/portal",
    )
    assert shown["databases"]["reports"]["HOST"] == "db-replica"
    assert shown["databases"]["reports"]["TEST"]["MIRROR"] == "default"
    assert shown["routers"] == ["reports.routers.ReportReplicaRouter"]


def test_without_a_reports_database_url_there_is_only_default():
    shown = _settings(DATABASE_URL="postgres://portal@db-primary:5432/portal")
    assert list(shown["databases"]) == ["default"]


def test_the_cache_may_use_another_redis_than_the_broker():
    shown = _settings(REDIS_URL="redis://broker:6379/0", CACHE_URL="redis://cache:6379/1")
    assert shown["cache"]["LOCATION"] == "redis://cache:6379/1"
    assert shown["broker"] == "redis://broker:6379/0"


def test_the_cache_uses_the_broker_redis_when_no_cache_url_is_set():
    shown = _settings(REDIS_URL="redis://broker:6379/0")
    assert shown["cache"]["LOCATION"] == "redis://broker:6379/0"


def test_static_files_may_come_from_a_cdn():
    shown = _settings(DJANGO_STATIC_URL="https://cdn.example.com/portal/static/")
    assert shown["static_url"] == "https://cdn.example.com/portal/static/"


def test_an_oidc_issuer_without_its_client_credentials_stops_start_up():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="true",
        PORTAL_IGNORE_DOT_ENV="1",
        PORTAL_OIDC_ISSUER="https://auth.example.gov.cn",
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "PORTAL_OIDC_CLIENT_ID" in result.stderr
