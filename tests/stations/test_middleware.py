import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from stations.middleware import ProxiedClientAddressMiddleware


def _seen_address(settings, *, proxies: int, forwarded: str | None, remote="10.0.0.5") -> str:
    settings.PORTAL_TRUSTED_PROXY_COUNT = proxies
    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    ProxiedClientAddressMiddleware(view)(RequestFactory().get("/", **extra))
    return seen["address"]


def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings):
    assert _seen_address(settings, proxies=0, forwarded="203.0.113.9") == "10.0.0.5"


def test_behind_one_proxy_the_client_is_the_last_forwarded_entry(settings):
    assert _seen_address(settings, proxies=1, forwarded="198.51.100.1, 203.0.113.9") == "203.0.113.9"


def test_behind_two_proxies_the_client_is_the_second_entry_from_the_right(settings):
    # The balancer appended the client; nginx appended the balancer.
    address = _seen_address(settings, proxies=2, forwarded="6.6.6.6, 203.0.113.9, 10.0.0.2")
    assert address == "203.0.113.9"


def test_an_entry_forged_by_the_client_to_the_left_is_not_believed(settings):
    assert _seen_address(settings, proxies=1, forwarded="1.2.3.4, 203.0.113.9") != "1.2.3.4"


def test_a_missing_header_keeps_the_connection_address(settings):
    assert _seen_address(settings, proxies=1, forwarded=None) == "10.0.0.5"


def test_a_malformed_entry_keeps_the_connection_address(settings):
    assert _seen_address(settings, proxies=1, forwarded="not-an-address") == "10.0.0.5"


def test_a_forwarded_address_with_a_port_is_read_without_it(settings):
    assert _seen_address(settings, proxies=1, forwarded="203.0.113.9:51234") == "203.0.113.9"


def test_a_bracketed_ipv6_address_with_a_port_is_read_without_it(settings):
    assert _seen_address(settings, proxies=1, forwarded="[2001:db8::1]:443") == "2001:db8::1"


def test_a_plain_ipv6_address_is_read_as_it_is(settings):
    assert _seen_address(settings, proxies=1, forwarded="2001:db8::1") == "2001:db8::1"


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


def test_staff_pages_are_sent_with_no_store(staff_client):
    response = staff_client.get(reverse("stations:dashboard"))
    assert "no-store" in response["Cache-Control"]


def test_login_page_is_sent_with_no_store(client, db):
    response = client.get(reverse("login"))
    assert "no-store" in response["Cache-Control"]


def test_staff_error_pages_are_sent_with_no_store(staff_client):
    response = staff_client.get("/staff/no-such-page/")
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
