"""The settings a production site runs with, checked as a separate process so
no test override leaks in."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

MANAGE = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]


def _production_env(tmp_path, **overrides) -> dict[str, str]:
    """The test run's environment minus every portal/Django variable, plus the
    few a real production site must set."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PORTAL_", "SESSION_", "LOGIN_", "CELERY_"))
    }
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="portal.example.gov.cn",
        PORTAL_IGNORE_DOT_ENV="1",
        PORTAL_VAR_DIR=str(tmp_path / "var"),
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def _manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MANAGE, *args], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120, check=False
    )


def test_check_deploy_has_no_warnings_under_production_settings(tmp_path):
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = _manage("check", env=_production_env(tmp_path, DJANGO_SECRET_KEY=None))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_migrations_are_checked_on_a_bare_checkout_without_a_secret_key(tmp_path):
    result = _manage("makemigrations", "--check", "--dry-run", env=_production_env(tmp_path, DJANGO_SECRET_KEY=None))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_web_server_entry_point_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**_production_env(tmp_path, DJANGO_SECRET_KEY=None), "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_migrations_are_complete_for_every_app(tmp_path):
    env = {**os.environ, "PORTAL_VAR_DIR": str(tmp_path / "var")}
    result = _manage("makemigrations", "--check", "--dry-run", env=env)
    assert result.returncode == 0, "models changed without a migration:\n" + result.stdout + result.stderr
