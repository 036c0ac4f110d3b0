import contextlib
import ipaddress
import logging

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core.exceptions import PermissionDenied
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

security_log = logging.getLogger("portal.security")

# The API answers 401/403 itself; health checks and static files are public.
PUBLIC_PREFIXES = ("/api/", "/healthz", "/static/", "/i18n/")


def _without_port(entry: str) -> str:
    """Some balancers write "1.2.3.4:5678" or "[2001:db8::1]:443"."""
    if entry.startswith("["):
        return entry[1:].split("]", 1)[0]
    if entry.count(":") == 1:
        return entry.split(":", 1)[0]
    return entry


class ProxiedClientAddressMiddleware:
    """Behind N trusted proxies, REMOTE_ADDR is the nearest proxy's address,
    so every visitor would share one survey limit and one sign-in lockout.
    Each trusted proxy appends the address it saw to X-Forwarded-For; the
    client is the N-th entry from the right. Entries further left are
    whatever the client sent and are never believed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        proxies = settings.PORTAL_TRUSTED_PROXY_COUNT
        if proxies:
            forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
            if len(forwarded) >= proxies:
                address = _without_port(forwarded[-proxies])
                try:
                    request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(address))
                except ValueError:
                    security_log.warning("ignored a malformed X-Forwarded-For entry: %r", address[:60])
        return self.get_response(request)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """The language the visitor chose with the switcher (its cookie), else the
    site's default, zh-hans. Django's own LocaleMiddleware falls back to the
    browser's Accept-Language, which gave a station PC with an English browser
    English pages.
    """

    def process_request(self, request):
        language = settings.LANGUAGE_CODE
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen:
            with contextlib.suppress(LookupError):  # a language the site no longer offers
                language = translation.get_supported_language_variant(chosen)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class StaffLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Every page needs a login unless its view opts out with @login_not_required.

    Refused permission checks in any page are written to the audit log here, so
    no view has to remember to.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(PUBLIC_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            log_permission_denied(request, str(exception))
        return None


def log_permission_denied(request, reason: str = "") -> None:
    from stations.audit import audit_record
    from stations.models import AuditAction

    user = getattr(request, "user", None)
    security_log.warning("permission denied user=%s path=%s", getattr(user, "pk", None), request.path)
    audit_record(
        actor=user,
        action=AuditAction.PERMISSION_DENIED,
        request=request,
        object_repr=request.path,
        changes={"method": request.method, "reason": reason} if reason else {"method": request.method},
    )


class PersonalDataNoStoreMiddleware:
    """Staff pages and the API may show personal data: browsers and proxies
    must not keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(("/staff/", "/api/v1/", "/accounts/", "/reports/")) or getattr(
            response, "personal_data", False
        ):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response


# The resident's own page (/me/, namespace "me") is a public page too: it is
# for residents, not staff, and 爱山东 lists it among the services it frames.
RESIDENT_NAMESPACES = frozenset({"public", "me"})


def is_public_page(request) -> bool:
    """A page for residents: its URL namespace is `public`, `me` or ends in
    `_public` (assistance_public, jobs_public …), the convention every app's
    urls_public follows."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.namespaces:
        return False
    namespace = match.namespaces[0]
    return namespace in RESIDENT_NAMESPACES or namespace.endswith("_public")


class FramePolicyMiddleware:
    """Who may show a page in a frame. Public pages: the origins in
    PORTAL_FRAME_ANCESTORS (the 爱山东 platform's pages), by CSP
    frame-ancestors, without X-Frame-Options (which cannot name an origin
    and would forbid it). Every other page, and every page when no origin is
    configured: nobody (frame-ancestors 'none' beside X-Frame-Options: DENY
    for browsers that know only the older header).

    Listed after XFrameOptionsMiddleware, so it sees the response first and
    can exempt a public page from DENY."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        origins = settings.PORTAL_FRAME_ANCESTORS
        if origins and is_public_page(request):
            response.xframe_options_exempt = True
            ancestors = " ".join(["'self'", *origins])
        else:
            ancestors = "'none'"
        existing = response.get("Content-Security-Policy", "")
        directive = f"frame-ancestors {ancestors}"
        response["Content-Security-Policy"] = f"{existing}; {directive}" if existing else directive
        return response
