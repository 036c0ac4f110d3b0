"""Finding every staff and API route, and what its URL kwargs address.

Used by tests/scope/test_every_route.py. Everything is read from Django's URL
resolver, so a route added later is walked without editing the test.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from tests.scope import registry

TESTS_DIR = Path(__file__).resolve().parent.parent
STAFF_PREFIXES = ("staff/", "api/v1/", "reports/")
SAFE_METHODS = ("get",)
WRITE_METHODS = ("post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    label: str  # "staff/jobs/postings/<int:pk>/" with regex groups shown as <name>
    name: str | None  # "jobs:posting_detail", for reverse()
    callback: object = field(compare=False, repr=False)
    kwargs: tuple[str, ...] = ()
    positional: bool = False  # unnamed regex groups: cannot be reversed by kwargs
    default_kwargs: tuple = ()

    @property
    def is_api(self) -> bool:
        return self.label.startswith("api/")

    @property
    def view_class(self):
        return getattr(self.callback, "view_class", None) or getattr(self.callback, "cls", None)

    @property
    def is_drf(self) -> bool:
        return hasattr(self.callback, "cls")

    def methods(self) -> tuple[str, ...]:
        """GET plus the write methods the route answers (pages: GET and POST)."""
        if not self.is_api:
            return ("get", "post")
        actions = getattr(self.callback, "actions", None)
        if actions:  # a viewset route: only the mapped methods exist
            return ("get", *[m for m in WRITE_METHODS if m in actions])
        cls = self.view_class
        if cls is not None:
            return ("get", *[m for m in WRITE_METHODS if hasattr(cls, m)])
        return ("get", "post")

    def public_read(self) -> bool:
        """API reads open to everyone on purpose (region, station finder)."""
        from stations.apis.permissions import PublicReadStaffWrite

        cls = self.view_class
        if cls is None:
            return False
        if getattr(cls, "scope_public_read", False):
            return True
        initkwargs = getattr(self.callback, "initkwargs", {}) or {}
        permission_classes = initkwargs.get("permission_classes", getattr(cls, "permission_classes", ()))
        return any(isinstance(p, type) and issubclass(p, PublicReadStaffWrite) for p in permission_classes)


def _pattern_text(pattern) -> str:
    text = str(pattern)
    if isinstance(pattern, RegexPattern):
        text = text.lstrip("^").rstrip("$")
        text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", text)
        text = text.replace("\\", "")
    return text


def _kwarg_names(pattern) -> tuple[list[str], bool]:
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters), False
    regex = pattern.regex
    return list(regex.groupindex), regex.groups > len(regex.groupindex)


def _walk(patterns, prefix: str, namespaces: list[str], kwargs: list[str], positional: bool):
    for entry in patterns:
        names, unnamed = _kwarg_names(entry.pattern)
        label = prefix + _pattern_text(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = namespaces + ([entry.namespace] if entry.namespace else [])
            yield from _walk(entry.url_patterns, label, ns, kwargs + names, positional or unnamed)
        elif isinstance(entry, URLPattern):
            yield Route(
                label=label,
                name=":".join([*namespaces, entry.name]) if entry.name else None,
                callback=entry.callback,
                kwargs=tuple(kwargs + names),
                positional=positional or unnamed,
                default_kwargs=tuple(sorted((entry.default_args or {}).items())),
            )


def discover_routes() -> list[Route]:
    """Every URL pattern under /staff/ and /api/v1/, includes and DRF routers
    included. DRF's format-suffix twins (`.json`) are the same views and are
    left out; so is the API root, which lists URLs and no data."""
    routes = []
    seen = set()
    for route in _walk(get_resolver().url_patterns, "", [], [], False):
        if not route.label.startswith(STAFF_PREFIXES):
            continue
        if "format" in route.kwargs:
            continue
        if route.label in seen:
            continue
        seen.add(route.label)
        routes.append(route)
    return routes


def import_scope_makers() -> list[str]:
    """Import every tests/*/scope_makers.py so its makers register."""
    imported = []
    for path in sorted(TESTS_DIR.glob("*/scope_makers.py")):
        package = path.parent.name
        if (path.parent / "__init__.py").exists():
            importlib.import_module(f"tests.{package}.scope_makers")
        else:
            spec = importlib.util.spec_from_file_location(f"tests_{package}_scope_makers", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        imported.append(str(path.relative_to(TESTS_DIR.parent)))
    return imported


# --- what a kwarg addresses ----------------------------------------------------


def model_by_name(model_name: str):
    """The model whose `_meta.model_name` is `model_name` (makers break ties)."""
    candidates = [m for m in apps.get_models() if m._meta.model_name == model_name]
    if len(candidates) > 1:
        with_maker = [m for m in candidates if m in registry.MAKERS]
        candidates = with_maker or candidates
    return candidates[0] if len(candidates) == 1 else None


def view_model(route: Route, user):
    """The model a class-based view or viewset works on, or None."""
    cls = route.view_class
    if cls is None:
        return None
    model = getattr(cls, "model", None)
    if model is not None:
        return model
    queryset = getattr(cls, "queryset", None)
    if queryset is not None:
        return queryset.model
    # Views that build their queryset per request (visible_to(request.user)).
    request = RequestFactory().get("/")
    request.user = user
    try:
        initkwargs = getattr(route.callback, "initkwargs", None) or getattr(route.callback, "view_initkwargs", {})
        view = cls(**initkwargs)
        if route.is_drf:
            from rest_framework.request import Request

            view.request = Request(request)
            view.request.user = user
            view.args, view.kwargs, view.format_kwarg = (), {}, None
            view.action = (getattr(route.callback, "actions", None) or {}).get("get")
        else:
            view.setup(request)
        queryset = view.get_queryset()
    except Exception:
        return None
    return getattr(queryset, "model", None)


def kwarg_target(route: Route, kwarg: str, user) -> tuple[type, str] | None:
    """(model, field) that the URL kwarg addresses, or None if unknown."""
    cls = route.view_class
    if route.is_drf and cls is not None:
        lookup_field = getattr(cls, "lookup_field", "pk")
        lookup_kwarg = getattr(cls, "lookup_url_kwarg", None) or lookup_field
        if kwarg == lookup_kwarg:
            model = view_model(route, user)
            return (model, lookup_field) if model else None
    elif cls is not None:
        if kwarg == getattr(cls, "pk_url_kwarg", "pk"):
            model = view_model(route, user)
            return (model, "pk") if model else None
        if kwarg == getattr(cls, "slug_url_kwarg", None):
            model = view_model(route, user)
            return (model, getattr(cls, "slug_field", "slug")) if model else None
    if kwarg in registry.KWARGS:
        return registry.KWARGS[kwarg]
    if kwarg.endswith("_pk"):
        model = model_by_name(kwarg[: -len("_pk")])
        return (model, "pk") if model else None
    return None
