"""/healthz: what a load balancer or monitor polls."""

import socket

import pytest
from django.test import override_settings
from django.urls import reverse


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_healthz_is_ok_with_a_working_database(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["status"] == "ok"


@pytest.mark.django_db
def test_healthz_answers_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200


@pytest.mark.django_db
def test_healthz_reports_eager_broker_when_none_is_configured(client):
    with override_settings(REDIS_URL=""):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["broker"] == "eager"


@pytest.mark.django_db
def test_healthz_is_503_when_the_configured_broker_is_unreachable(client):
    with override_settings(REDIS_URL=f"redis://127.0.0.1:{_unused_port()}/15"):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["broker"].startswith("down")
    assert body["database"] == "ok"


@pytest.mark.django_db
def test_healthz_answers_json_with_status_database_and_broker(client):
    response = client.get(reverse("healthz"))
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"status", "database", "broker"}
    assert all(isinstance(value, str) for value in response.json().values())


@pytest.mark.django_db
def test_healthz_is_never_cached(client):
    response = client.get(reverse("healthz"))
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_refuses_post(client):
    response = client.post(reverse("healthz"))
    assert response.status_code == 405


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    from stations.views import health

    def broken_cursor():
        raise ConnectionError("database unreachable")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"].startswith("down")
