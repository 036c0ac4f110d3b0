"""Who may frame a page: the 爱山东 origins may frame public pages only;
staff pages, sign-in and the API stay DENY; without origins nothing is framed."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
ORIGIN = "https://isd.example.gov.cn"


@pytest.fixture
def framed(settings):
    settings.PORTAL_FRAME_ANCESTORS = [ORIGIN]


@pytest.mark.parametrize("url", ["/", "/assistance/", "/stations/", "/jobs/", "/me/sign-in/"])
def test_public_pages_may_be_framed_by_the_configured_origins(client, framed, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == f"frame-ancestors 'self' {ORIGIN}"
    assert "X-Frame-Options" not in response


@pytest.mark.parametrize("url", ["/accounts/login/", "/staff/", "/staff/assistance/help/"])
def test_staff_pages_and_sign_in_are_never_framed(staff_client, framed, url):
    response = staff_client.get(url)
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Security-Policy"] == "frame-ancestors 'none'"


def test_the_api_is_never_framed(client, framed, db):
    response = client.get("/api/v1/service-items/")
    assert response["X-Frame-Options"] == "DENY" and "'none'" in response["Content-Security-Policy"]


def test_without_configured_origins_public_pages_are_not_framed_either(client, settings, db):
    settings.PORTAL_FRAME_ANCESTORS = []
    response = client.get(reverse("assistance_public:help_request"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Security-Policy"] == "frame-ancestors 'none'"


def test_a_page_not_found_is_not_framed(client, framed):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["X-Frame-Options"] == "DENY"
