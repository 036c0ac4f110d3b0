"""The deployment check of the secret key (stations/checks.py)."""

from stations import checks


def test_a_site_with_its_secret_key_set_passes(monkeypatch):
    monkeypatch.setattr(checks, "secret_key_is_set", lambda: True)
    assert checks.secret_key_check(None) == []


def test_a_site_without_a_secret_key_fails_the_check(monkeypatch):
    monkeypatch.setattr(checks, "secret_key_is_set", lambda: False)
    monkeypatch.setattr(checks.sys, "argv", ["manage.py", "runserver"])
    assert [error.id for error in checks.secret_key_check(None)] == ["stations.E001"]


def test_commands_that_only_write_source_files_need_no_key(monkeypatch):
    monkeypatch.setattr(checks, "secret_key_is_set", lambda: False)
    monkeypatch.setattr(checks.sys, "argv", ["manage.py", "makemigrations"])
    assert checks.secret_key_check(None) == []
