"""Sign-in through the province's identity service (爱山东), against a local
OpenID Connect provider started by the tests (tests/self_service/oidc_provider.py)."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse
from joserfc.jwk import RSAKey

from self_service import session
from stations.models import AuditEntry
from stations.validators import id_check_char
from tests.factories import ResidentFactory

from .oidc_provider import CLIENT_ID, CLIENT_SECRET, OidcProvider

ID_NUMBER = "11010519491231002X"


@pytest.fixture
def client(client):
    """Pages in English, matched by their English text (zh-hans is the default)."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture(scope="module")
def provider():
    running = OidcProvider().start()
    yield running
    running.stop()


@pytest.fixture
def oidc(settings, provider):
    provider.reset()
    settings.PORTAL_OIDC_ISSUER = provider.issuer
    settings.PORTAL_OIDC_CLIENT_ID = CLIENT_ID
    settings.PORTAL_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.PORTAL_OIDC_ID_CLAIM = "id_card"
    settings.PORTAL_OIDC_SCOPES = ["openid", "profile"]
    return provider


@pytest.fixture
def registered(community):
    return ResidentFactory(community=community, id_number=ID_NUMBER, name="王芳")


def _sign_in_at_provider(client, provider, id_number=ID_NUMBER):
    """Press the button, let the provider 'sign the person in' and follow
    its redirect back to the portal, as a browser would."""
    provider.subject_id_number = id_number
    start = client.post(reverse("me:oidc_start"))
    assert start.status_code == 302 and start["Location"].startswith(provider.issuer)
    back = requests.get(start["Location"], allow_redirects=False, timeout=5)
    callback = urlsplit(back.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def test_the_full_flow_links_the_identity_to_the_record_and_signs_in(client, oidc, registered):
    response = _sign_in_at_provider(client, oidc)

    assert response.status_code == 302 and response["Location"] == reverse("me:home")
    assert client.session[session.RESIDENT_ID] == registered.pk
    assert client.session[session.METHOD] == "oidc"
    entry = AuditEntry.objects.get(action="login", object_id=str(registered.pk))
    assert entry.changes == {"resident_sign_in": "oidc"}


def test_the_authorization_request_carries_state_nonce_and_a_pkce_challenge(client, oidc, registered):
    start = client.post(reverse("me:oidc_start"))

    query = {k: v[0] for k, v in parse_qs(urlsplit(start["Location"]).query).items()}
    assert query["response_type"] == "code" and query["client_id"] == CLIENT_ID
    assert "openid" in query["scope"].split()
    assert query["state"] and query["nonce"]
    assert query["code_challenge_method"] == "S256" and query["code_challenge"]


def test_the_code_is_exchanged_with_the_pkce_verifier(client, oidc, registered):
    _sign_in_at_provider(client, oidc)

    assert oidc.token_requests[0]["code_verifier"]


def test_an_id_number_with_a_lowercase_x_is_normalised_before_the_lookup(client, oidc, registered):
    _sign_in_at_provider(client, oidc, id_number="11010519491231002x")

    assert client.session[session.RESIDENT_ID] == registered.pk


def test_an_id_token_with_another_nonce_is_refused(client, oidc, registered):
    oidc.tamper = {"claims": {"nonce": "not-the-one-sent"}}

    response = _sign_in_at_provider(client, oidc)

    assert response.status_code == 400
    assert "could not finish your sign-in" in response.content.decode()
    assert session.RESIDENT_ID not in client.session


def test_an_answer_with_another_state_is_refused_before_the_code_is_used(client, oidc, registered):
    oidc.tamper = {"state": "forged-state"}

    response = _sign_in_at_provider(client, oidc)

    assert response.status_code == 400
    assert session.RESIDENT_ID not in client.session
    assert oidc.token_requests == []


def test_an_id_token_signed_with_another_key_is_refused(client, oidc, registered):
    oidc.tamper = {"sign_with": RSAKey.generate_key(2048, parameters={"kid": "test-key"})}

    response = _sign_in_at_provider(client, oidc)

    assert response.status_code == 400
    assert session.RESIDENT_ID not in client.session


def test_an_id_token_for_another_client_is_refused(client, oidc, registered):
    oidc.tamper = {"claims": {"aud": "another-client", "azp": CLIENT_ID}}

    response = _sign_in_at_provider(client, oidc)

    assert response.status_code == 400
    assert session.RESIDENT_ID not in client.session


def test_an_id_token_from_another_issuer_is_refused(client, oidc, registered):
    oidc.tamper = {"claims": {"iss": "https://elsewhere.example"}}

    response = _sign_in_at_provider(client, oidc)

    assert response.status_code == 400
    assert session.RESIDENT_ID not in client.session


def test_an_expired_id_token_is_refused(client, oidc, registered):
    oidc.tamper = {"claims": {"iat": 1_000_000_000, "exp": 1_000_000_300}}

    response = _sign_in_at_provider(client, oidc)

    assert response.status_code == 400
    assert session.RESIDENT_ID not in client.session


def test_an_id_token_without_the_id_number_claim_is_refused(client, oidc, registered):
    response = _sign_in_at_provider(client, oidc, id_number="")

    assert response.status_code == 400
    assert session.RESIDENT_ID not in client.session


def test_an_unknown_id_number_gets_a_page_saying_to_register_at_the_station(client, oidc, registered):
    stranger = "11010519800101001" + id_check_char("11010519800101001")

    response = _sign_in_at_provider(client, oidc, id_number=stranger)

    page = response.content.decode()
    assert response.status_code == 200
    assert "No record with your ID number" in page
    assert reverse("assistance_public:help_request") in page
    assert session.RESIDENT_ID not in client.session


def test_two_live_records_with_the_id_number_sign_no_one_in(client, oidc, community):
    for name in ("王芳", "王 芳"):
        ResidentFactory(community=community, id_number=ID_NUMBER, name=name, shares_id_number=True)

    response = _sign_in_at_provider(client, oidc)

    assert response.status_code == 200
    assert "more than one record" in response.content.decode()
    assert session.RESIDENT_ID not in client.session


def test_a_sign_in_cancelled_at_the_provider_gets_a_friendly_page(client, oidc, db):
    client.post(reverse("me:oidc_start"))

    response = client.get(reverse("me:oidc_callback"), {"error": "access_denied", "state": "x"})

    assert response.status_code == 200
    assert "was cancelled" in response.content.decode()


def test_an_unreachable_provider_gets_a_friendly_page(client, oidc, settings, db):
    settings.PORTAL_OIDC_ISSUER = "http://127.0.0.1:9"  # the discard port: nothing listens
    settings.PORTAL_OIDC_TIMEOUT = 2

    response = client.post(reverse("me:oidc_start"))

    assert response.status_code == 400
    assert "could not finish your sign-in" in response.content.decode()


def test_the_sign_in_page_offers_the_province_button_when_configured(client, oidc, db):
    page = client.get(reverse("me:sign_in")).content.decode()

    assert reverse("me:oidc_start") in page
    assert "Sign in with Ai Shandong" in page


def test_without_configuration_the_sign_in_page_offers_only_the_code(client, settings, db):
    settings.PORTAL_OIDC_ISSUER = ""

    page = client.get(reverse("me:sign_in")).content.decode()

    assert reverse("me:oidc_start") not in page
    assert "Send me a code" in page


@pytest.mark.parametrize("name", ["me:oidc_start", "me:oidc_callback"])
def test_without_configuration_the_province_sign_in_addresses_answer_404(client, settings, db, name):
    settings.PORTAL_OIDC_ISSUER = ""

    assert client.get(reverse(name)).status_code == 404
    assert client.post(reverse(name)).status_code == 404
