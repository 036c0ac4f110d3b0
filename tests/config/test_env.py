"""Settings from the environment (config/env.py) and the `.env.example` they
are documented in. The start-up tests load settings in a separate process, so
nothing of the test run's own settings leaks in."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config import env

BASE_DIR = Path(settings.BASE_DIR)
ENV_EXAMPLE = BASE_DIR / ".env.example"

# Loads the given .env file as the settings do, starts Django, runs `check`
# with the given options and prints the settings the tests look at.
SCRIPT = """
import json, sys
from pathlib import Path
from config.env import load_dot_env
load_dot_env(Path(sys.argv[1]))
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
call_command("check", *sys.argv[2:])
print(json.dumps({name: str(getattr(settings, name)) if name in ("VAR_DIR", "MEDIA_ROOT", "STATIC_ROOT")
    else getattr(settings, name)
    for name in ("DEBUG", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
                 "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "ALLOWED_HOSTS", "EMAIL_BACKEND",
                 "EMAIL_PORT", "PORTAL_DEMO_PASSWORD", "PORTAL_CITY_NAME", "PORTAL_SMS_BACKEND", "VAR_DIR",
                 "MEDIA_ROOT", "STATIC_ROOT", "CELERY_TASK_ALWAYS_EAGER", "PORTAL_HEARTBEAT_STALE_SECONDS")}))
"""


def _uncommented(text: str) -> str:
    """Every `# NAME=value` line of .env.example with its "# " removed."""
    return re.sub(r"^# (?=[A-Z][A-Z0-9_]*=)", "", text, flags=re.MULTILINE)


def _clean_env(tmp_path, **overrides) -> dict[str, str]:
    """The test run's environment minus every variable .env.example names
    (and the portal's others), plus `overrides`; .env is never read."""
    names = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(encoding="utf-8"), re.MULTILINE))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in names and not key.startswith(("DJANGO_", "PORTAL_", "CELERY_"))
    }
    env.update(PORTAL_IGNORE_DOT_ENV="1", PORTAL_VAR_DIR=str(tmp_path / "var"))
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def _start(tmp_path, dot_env: str, *check_args: str, **env_overrides) -> subprocess.CompletedProcess:
    path = tmp_path / "dot.env"
    path.write_text(dot_env, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path), *check_args],
        env=_clean_env(tmp_path, **env_overrides),
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings_of(result: subprocess.CompletedProcess) -> dict:
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- .env.example, every line uncommented ---------------------------------------


def test_every_line_of_env_example_uncommented_starts_and_means_what_it_says(tmp_path):
    values = _settings_of(_start(tmp_path, _uncommented(ENV_EXAMPLE.read_text(encoding="utf-8"))))

    # DEBUG is on (the file's one active line), so each HTTPS-only protection
    # below is on only because its uncommented line says so.
    assert values["DEBUG"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["EMAIL_PORT"] == 25
    assert values["PORTAL_DEMO_PASSWORD"] == "demo-pass-2026"
    assert values["PORTAL_CITY_NAME"] == "枣庄市"
    assert values["PORTAL_SMS_BACKEND"] == "stations.sms.LoggingSmsBackend"
    assert values["PORTAL_HEARTBEAT_STALE_SECONDS"] == 300
    # An empty value means the default.
    assert values["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1"]
    assert values["CELERY_TASK_ALWAYS_EAGER"] is True
    # Relative paths are under the project directory.
    assert values["MEDIA_ROOT"] == str(BASE_DIR / "var" / "media")
    assert values["STATIC_ROOT"] == str(BASE_DIR / "var" / "static")


def test_a_real_environment_variable_wins_over_the_env_file(tmp_path):
    dot_env = _uncommented(ENV_EXAMPLE.read_text(encoding="utf-8"))

    values = _settings_of(_start(tmp_path, dot_env, DJANGO_HSTS_SECONDS="60", DJANGO_SECURE_SSL_REDIRECT="false"))

    assert values["SECURE_HSTS_SECONDS"] == 60
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["VAR_DIR"] == str(tmp_path / "var")  # PORTAL_VAR_DIR=var in the file


def test_env_example_uncommented_passes_check_deploy_with_a_production_environment(tmp_path):
    dot_env = _uncommented(ENV_EXAMPLE.read_text(encoding="utf-8"))

    result = _start(
        tmp_path,
        dot_env,
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="portal.example.gov.cn",
    )

    assert _settings_of(result)["DEBUG"] is False
    assert "System check identified no issues" in result.stderr + result.stdout


def test_a_misspelt_boolean_in_the_env_file_stops_start_up_naming_the_variable(tmp_path):
    result = _start(tmp_path, "DJANGO_DEBUG=true\nDJANGO_SECURE_SSL_REDIRECT=ture\n")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECURE_SSL_REDIRECT='ture'" in result.stderr


def test_a_number_with_a_unit_in_the_env_file_stops_start_up_naming_the_variable(tmp_path):
    result = _start(tmp_path, "DJANGO_DEBUG=true\nDJANGO_HSTS_SECONDS=1y\n")

    assert result.returncode != 0
    assert "DJANGO_HSTS_SECONDS='1y'" in result.stderr


def test_env_example_lists_every_variable_the_settings_read():
    source = (BASE_DIR / "config" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r"""(?:env_\w+|os\.environ\.get)\(\s*["']([A-Z][A-Z0-9_]*)["']""", source))
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(encoding="utf-8"), re.MULTILINE))

    assert read, "the pattern finds no variable in config/settings.py"
    assert read - listed == set(), "add these to .env.example with their defaults"


def test_env_example_names_each_variable_once():
    names = re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(encoding="utf-8"), re.MULTILINE)

    assert len(names) == len(set(names))


# --- the helpers ------------------------------------------------------------------


def _unset(monkeypatch, name: str) -> None:
    """Unset `name` now and again after the test, whatever the test sets."""
    monkeypatch.setenv(name, "")
    monkeypatch.delenv(name)


@pytest.mark.parametrize("word", ["true", "True", "1", "yes", "YES", "on", " on "])
def test_env_bool_reads_true_words(monkeypatch, word):
    monkeypatch.setenv("PORTAL_TEST_FLAG", word)

    assert env.env_bool("PORTAL_TEST_FLAG", False) is True


@pytest.mark.parametrize("word", ["false", "FALSE", "0", "no", "off", "Off"])
def test_env_bool_reads_false_words(monkeypatch, word):
    monkeypatch.setenv("PORTAL_TEST_FLAG", word)

    assert env.env_bool("PORTAL_TEST_FLAG", True) is False


@pytest.mark.parametrize("word", ["ture", "y", "2", "enabled", "true # comment"])
def test_env_bool_refuses_any_other_word_naming_the_variable_and_the_value(monkeypatch, word):
    monkeypatch.setenv("PORTAL_TEST_FLAG", word)

    with pytest.raises(ImproperlyConfigured, match=re.escape(f"PORTAL_TEST_FLAG={word.strip()!r}")):
        env.env_bool("PORTAL_TEST_FLAG", True)


@pytest.mark.parametrize("value", [None, "", "  "])
def test_an_unset_or_empty_variable_means_the_default(monkeypatch, value):
    if value is None:
        _unset(monkeypatch, "PORTAL_TEST_VALUE")
    else:
        monkeypatch.setenv("PORTAL_TEST_VALUE", value)

    assert env.env_bool("PORTAL_TEST_VALUE", True) is True
    assert env.env_int("PORTAL_TEST_VALUE", 7) == 7
    assert env.env_str("PORTAL_TEST_VALUE", "x") == "x"
    assert env.env_list("PORTAL_TEST_VALUE", "a,b") == ["a", "b"]
    assert env.env_path("PORTAL_TEST_VALUE", Path("/srv/x"), base=Path("/srv")) == Path("/srv/x")


@pytest.mark.parametrize("value", ["31536000 # a year", "1.5", "ten"])
def test_env_int_refuses_what_is_not_a_whole_number(monkeypatch, value):
    monkeypatch.setenv("PORTAL_TEST_NUMBER", value)

    with pytest.raises(ImproperlyConfigured, match="PORTAL_TEST_NUMBER"):
        env.env_int("PORTAL_TEST_NUMBER", 0)


def test_env_path_takes_a_relative_path_under_the_base_and_an_absolute_one_as_it_is(monkeypatch):
    monkeypatch.setenv("PORTAL_TEST_DIR", "var/media")
    assert env.env_path("PORTAL_TEST_DIR", Path("/x"), base=Path("/srv/portal")) == Path("/srv/portal/var/media")

    monkeypatch.setenv("PORTAL_TEST_DIR", "/data/media")
    assert env.env_path("PORTAL_TEST_DIR", Path("/x"), base=Path("/srv/portal")) == Path("/data/media")


def test_load_dot_env_strips_inline_comments_and_quotes(tmp_path, monkeypatch):
    _unset(monkeypatch, "PORTAL_TEST_A")
    _unset(monkeypatch, "PORTAL_TEST_B")
    path = tmp_path / ".env"
    path.write_text('PORTAL_TEST_A=31536000        # a year\nPORTAL_TEST_B="a # b"\n', encoding="utf-8")

    env.load_dot_env(path)

    assert os.environ["PORTAL_TEST_A"] == "31536000"
    assert os.environ["PORTAL_TEST_B"] == "a # b"


def test_load_dot_env_never_overrides_a_real_variable_even_an_empty_one(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_TEST_A", "real")
    monkeypatch.setenv("PORTAL_TEST_B", "")
    path = tmp_path / ".env"
    path.write_text("PORTAL_TEST_A=from-file\nPORTAL_TEST_B=from-file\n", encoding="utf-8")

    env.load_dot_env(path)

    assert os.environ["PORTAL_TEST_A"] == "real"
    assert os.environ["PORTAL_TEST_B"] == ""


def test_load_dot_env_takes_values_literally(tmp_path, monkeypatch):
    _unset(monkeypatch, "PORTAL_TEST_SECRET")
    path = tmp_path / ".env"
    path.write_text("PORTAL_TEST_SECRET=ab${HOME}cd\n", encoding="utf-8")

    env.load_dot_env(path)

    assert os.environ["PORTAL_TEST_SECRET"] == "ab${HOME}cd"


def test_load_dot_env_does_nothing_without_a_file(tmp_path):
    env.load_dot_env(tmp_path / "missing.env")


def test_env_json_reads_an_object_of_template_ids(monkeypatch):
    monkeypatch.setenv("PORTAL_TEST_JSON", '{"job_alert": "SMS_123456"}')
    assert env.env_json("PORTAL_TEST_JSON", "{}") == {"job_alert": "SMS_123456"}


def test_env_json_refuses_what_is_not_json_naming_the_variable(monkeypatch):
    monkeypatch.setenv("PORTAL_TEST_JSON", "{job_alert: SMS_123456}")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_TEST_JSON"):
        env.env_json("PORTAL_TEST_JSON", "{}")


# --- Framing by the 爱山东 platform (docs/province.md) ---------------------------


def test_frame_origins_are_read_separated_by_spaces_or_commas(monkeypatch):
    monkeypatch.setenv("PORTAL_FRAME_ANCESTORS", "https://isd.example.gov.cn, HTTPS://m.example.gov.cn:8443")
    assert env.env_origins("PORTAL_FRAME_ANCESTORS") == ["https://isd.example.gov.cn", "https://m.example.gov.cn:8443"]


@pytest.mark.parametrize("value", ["*", "https://*.example.gov.cn", "https://a.gov.cn/path", "a.gov.cn", "https://a;b"])
def test_a_frame_origin_that_is_no_origin_stops_start_up_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("PORTAL_FRAME_ANCESTORS", value)
    with pytest.raises(ImproperlyConfigured, match="PORTAL_FRAME_ANCESTORS"):
        env.env_origins("PORTAL_FRAME_ANCESTORS")


def test_a_samesite_value_is_one_of_the_three(monkeypatch):
    monkeypatch.setenv("DJANGO_CSRF_COOKIE_SAMESITE", "none")
    assert env.env_choice("DJANGO_CSRF_COOKIE_SAMESITE", "Lax", ("Lax", "Strict", "None")) == "None"
    monkeypatch.setenv("DJANGO_CSRF_COOKIE_SAMESITE", "loose")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_CSRF_COOKIE_SAMESITE"):
        env.env_choice("DJANGO_CSRF_COOKIE_SAMESITE", "Lax", ("Lax", "Strict", "None"))


def test_frame_origins_without_secure_cookies_stop_start_up(tmp_path):
    result = _start(tmp_path, "DJANGO_DEBUG=true\n", PORTAL_FRAME_ANCESTORS="https://isd.example.gov.cn")
    assert result.returncode != 0 and "DJANGO_CSRF_COOKIE_SAMESITE=None" in result.stderr
