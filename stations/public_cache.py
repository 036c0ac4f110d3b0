"""A short-lived cache of whole public pages for visitors without a session.

The public job list is the portal's busiest page and the same for every
anonymous visitor in one language: rendering it per request cost tens of
milliseconds (a few hundred filter options and twenty cards). A visitor with a
session or pending messages (a signed-in staff member, an employer who has
just submitted a vacancy) always gets a fresh page, and a response that sets a
cookie is never kept. Only addresses whose query parameters are all ones the
page knows are kept, so made-up parameters cannot fill the cache. A
namespace's pages are dropped when its records change (`public_pages_changed`,
after the commit), and in any case after `seconds`.

The cache is a help, never a dependency: when it cannot be reached the page
is built as usual and writes go on.
"""

from __future__ import annotations

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

PRIVATE_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
# The page depends on the language cookie and the Accept-Language header.
VARY = ("Cookie", "Accept-Language")


def _version_key(namespace: str) -> str:
    return f"public-page-version:{namespace}"


def _bump(namespace: str) -> None:
    try:
        try:
            cache.incr(_version_key(namespace))
        except ValueError:  # no version yet: nothing is cached under it either
            cache.set(_version_key(namespace), 1, None)
    except Exception:  # the cache is down: pages expire by themselves
        logger.warning("could not drop the cached public %s pages", namespace, exc_info=True)


def public_pages_changed(namespace: str) -> None:
    """Forget every cached page of the namespace once the current transaction
    commits (before it, a request could cache the old rows again)."""
    transaction.on_commit(lambda: _bump(namespace))


def cache_public_page(*, namespace: str, params: frozenset[str], seconds: int = 60):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if (
                request.method not in ("GET", "HEAD")
                or any(name in request.COOKIES for name in PRIVATE_COOKIES)
                or not set(request.GET).issubset(params)
            ):
                return view(request, *args, **kwargs)
            try:
                version = cache.get_or_set(_version_key(namespace), 1, None)
                path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
                key = f"public-page:{namespace}:{version}:{get_language()}:{path}"
                kept = cache.get(key)
            except Exception:
                logger.warning("public page cache unreachable", exc_info=True)
                return view(request, *args, **kwargs)
            if kept is not None:
                content, content_type = kept
                response = HttpResponse(content, content_type=content_type)
                patch_vary_headers(response, VARY)
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            patch_vary_headers(response, VARY)
            if response.status_code == 200 and not response.cookies and not response.streaming:
                try:
                    cache.set(key, (response.content, response["Content-Type"]), seconds)
                except Exception:
                    logger.warning("public page cache unreachable", exc_info=True)
            return response

        return wrapped

    return decorator
