"""Sign-in through the province's unified identity service (爱山东) by
OpenID Connect: the authorization code flow with PKCE, state and nonce.

Authlib's Django client does the protocol: discovery from the issuer, the
state, nonce and PKCE verifier kept in the session, the code exchanged at
the token endpoint, and the ID token's signature checked against the
provider's published keys (JWKS). This module adds what Authlib leaves to
the site: the issuer and audience the token must name (Authlib checks the
audience only when told to), a token without an ID token refused rather
than accepted unchecked, and the ID number claim read and normalised. Who
that ID number is stays with the caller (the view links it to a record).

Off unless settings.PORTAL_OIDC_ISSUER is set (docs/province.md).
"""

from __future__ import annotations

import logging

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.core.exceptions import ValidationError
from joserfc.errors import JoseError

from stations.validators import normalize_resident_id

logger = logging.getLogger(__name__)

METHOD = "oidc"

# Whatever the provider, the network or a forged answer can make the
# protocol raise: each ends on a friendly page, never a 500.
_PROVIDER_ERRORS = (AuthlibBaseError, JoseError, requests.RequestException, RuntimeError, KeyError, ValueError)


class OidcFailed(Exception):
    """No one can be signed in from this answer. `reason` is for the log;
    `cancelled` when the person (or the provider) said no at the provider."""

    def __init__(self, reason: str, *, cancelled: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.cancelled = cancelled


def oidc_enabled() -> bool:
    return bool(settings.PORTAL_OIDC_ISSUER)


# One client per configuration, so the discovery document and the keys are
# fetched once per process (Authlib fetches the keys again when a token names
# a key id it has not seen: the provider rotated its keys).
_clients: dict[tuple, DjangoOAuth2App] = {}


def _client() -> DjangoOAuth2App:
    scopes = list(dict.fromkeys(["openid", *settings.PORTAL_OIDC_SCOPES]))
    key = (
        settings.PORTAL_OIDC_ISSUER,
        settings.PORTAL_OIDC_CLIENT_ID,
        settings.PORTAL_OIDC_CLIENT_SECRET,
        tuple(scopes),
        settings.PORTAL_OIDC_TIMEOUT,
    )
    client = _clients.get(key)
    if client is None:
        client = OAuth().register(
            name="province",
            server_metadata_url=settings.PORTAL_OIDC_ISSUER.rstrip("/") + "/.well-known/openid-configuration",
            client_id=settings.PORTAL_OIDC_CLIENT_ID,
            client_secret=settings.PORTAL_OIDC_CLIENT_SECRET,
            client_kwargs={
                "scope": " ".join(scopes),
                "code_challenge_method": "S256",
                "default_timeout": settings.PORTAL_OIDC_TIMEOUT,
            },
        )
        _clients[key] = client
    return client


def authorization_redirect(request, *, redirect_uri: str):
    """The redirect to the provider's sign-in page; state, nonce and the PKCE
    verifier wait in this browser's session for the answer."""
    try:
        return _client().authorize_redirect(request, redirect_uri)
    except _PROVIDER_ERRORS as exc:
        logger.warning("OIDC: the provider cannot be reached to start a sign-in: %s", exc)
        raise OidcFailed(f"start: {exc}") from exc


def verified_id_number(request) -> str:
    """The normalised resident ID number of the person the provider's answer
    (the callback request) proves, or OidcFailed. The state must be this
    browser's, the code is exchanged with the PKCE verifier, and the ID
    token must be signed by a key of the provider's JWKS, name this issuer
    and this client, be unexpired and carry the nonce sent."""
    error = request.GET.get("error")
    if error:
        raise OidcFailed(f"provider answered {error}", cancelled=error == "access_denied")
    claims_options = {
        "iss": {"essential": True, "value": settings.PORTAL_OIDC_ISSUER},
        "aud": {"essential": True, "value": settings.PORTAL_OIDC_CLIENT_ID},
    }
    try:
        token = _client().authorize_access_token(request, claims_options=claims_options)
    except _PROVIDER_ERRORS as exc:
        logger.warning("OIDC: sign-in answer refused: %s: %s", type(exc).__name__, exc)
        raise OidcFailed(f"{type(exc).__name__}: {exc}") from exc
    # Authlib checks an ID token only when there is one: without it there is
    # no signed statement of who this is.
    claims = token.get("userinfo")
    if not claims:
        logger.warning("OIDC: the token answer holds no ID token")
        raise OidcFailed("no ID token")
    raw = claims.get(settings.PORTAL_OIDC_ID_CLAIM)
    if not isinstance(raw, str) or not raw.strip():
        logger.warning("OIDC: the ID token has no %s claim", settings.PORTAL_OIDC_ID_CLAIM)
        raise OidcFailed("no ID number claim")
    try:
        return normalize_resident_id(raw)
    except ValidationError as exc:
        logger.warning("OIDC: the ID number claim is not a valid resident ID number")
        raise OidcFailed("invalid ID number claim") from exc
