"""A short-lived cache of whole public pages for visitors without a session.

The public job list is the portal's busiest page and the same for every
anonymous visitor in one language: rendering it per request cost tens of
milliseconds (a few hundred filter options and twenty cards). A visitor with a
session or pending messages (a signed-in staff member, an employer who has
just submitted a vacancy) always gets a fresh page, and a response that sets a
cookie is never kept. A namespace's pages are dropped at once when its
records change (`public_pages_changed`), and in any case after `seconds`.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

PRIVATE_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def _version_key(namespace: str) -> str:
    return f"public-page-version:{namespace}"


def public_pages_changed(namespace: str) -> None:
    """Forget every cached page of the namespace (its records changed)."""
    try:
        cache.incr(_version_key(namespace))
    except ValueError:  # no version yet: nothing cached under it either
        cache.set(_version_key(namespace), 1, None)


def cache_public_page(*, namespace: str, seconds: int = 60):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or any(name in request.COOKIES for name in PRIVATE_COOKIES):
                return view(request, *args, **kwargs)
            version = cache.get_or_set(_version_key(namespace), 1, None)
            path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
            key = f"public-page:{namespace}:{version}:{get_language()}:{path}"
            kept = cache.get(key)
            if kept is not None:
                content, content_type = kept
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.cookies and not response.streaming:
                cache.set(key, (response.content, response["Content-Type"]), seconds)
            return response

        return wrapped

    return decorator
