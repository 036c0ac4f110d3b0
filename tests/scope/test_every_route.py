"""Every staff page and API route, as every role, against another scope's data.

The routes come from Django's URL resolver (tests/scope/routes.py), so a route
added later is covered without editing this file. For each route:

- community staff, street officer and district bureau of 市中区 ask for objects
  of a community in another street of another district (滕州市): a route that
  addresses an object must answer 404 (or 403 when the role lacks the rule,
  405 when the method does not exist) to GET, POST and, in the API, PUT, PATCH
  and DELETE with empty data; a route without an object (lists, exports,
  create forms) must not show the other scope's sentinel (tests/scope/registry.py)
  nor, in the API, its ids;
- the city bureau, which sees everything, gets no server error anywhere;
- an anonymous visitor is sent to the login page (pages) or refused with
  401/403 (API).

How objects are made and how kwargs are read: see tests/scope/registry.py.
The world is built once per module inside a transaction that is rolled back
at the end; each test runs in its own savepoint, so writes do not leak.
"""

from __future__ import annotations

import io
import json
import traceback
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import NoReverseMatch, reverse

from stations.models import Community, District, Street
from tests.factories.region import home_and_far_communities
from tests.factories.users import staff_of_every_role
from tests.scope import registry
from tests.scope.routes import Route, discover_routes, import_scope_makers, kwarg_target, view_model

MAKER_MODULES = import_scope_makers()
ROUTES = discover_routes()
ROUTE_IDS = [route.name or route.label for route in ROUTES]
SCOPED_ROLES = ("community_staff", "street_officer", "district_bureau")

# URL kwargs that address no object, with the value the test uses and why.
# Keep this short: a kwarg that names a record is declared with
# registry.register_kwarg() instead, so it is tested against the other scope.
NON_OBJECT_KWARGS: dict[str, tuple[object, str]] = {
    "year": (2025, "a report period; the report itself is scoped to the user's node"),
    "month": (6, "a report period; the report itself is scoped to the user's node"),
}

UNRESOLVED = (
    "{route}: the scope test cannot tell which object the URL kwarg {kwarg!r} addresses. "
    "Name the kwarg `pk` on a view with `model`/`queryset`/`get_queryset()` (or a DRF viewset), "
    "or `<model_name>_pk` (e.g. resident_pk), or declare it with "
    "tests.scope.registry.register_kwarg({kwarg!r}, Model, field=...) in tests/<app>/scope_makers.py. "
    "Only kwargs that address no object at all belong in NON_OBJECT_KWARGS in {this}."
)
NO_MAKER = (
    "{route}: kwarg {kwarg!r} addresses {model}, which has no out-of-scope maker. Register one in "
    "tests/{app}/scope_makers.py with @tests.scope.registry.register({name}) (see tests/scope/registry.py)."
)


@dataclass
class World:
    home: Community
    far: Community
    users: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    maker_errors: dict = field(default_factory=dict)


def _build_world() -> World:
    home, far = home_and_far_communities()
    far_street = far.street
    far_district = far_street.district
    world = World(home=home, far=far)
    world.users = staff_of_every_role(home, prefix="scope")
    made, world.maker_errors = registry.make_all(far)
    world.objects = {District: far_district, Street: far_street, Community: far, **made}
    for role, user in world.users.items():
        client = Client()
        client.force_login(user)
        world.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def _client(world: World, role: str | None) -> Client:
    client = Client()
    if role:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def _url(route: Route, world: World) -> tuple[str, list[str]]:
    """The route's URL for the other scope's objects, and what it addresses."""
    if route.name is None:
        pytest.fail(f"{route.label} has no name: give the route a name so the scope test can reverse it.")
    if route.positional:
        pytest.fail(f"{route.label} has unnamed regex groups: use named kwargs (`pk`, `<model>_pk`).")
    values, addressed = {}, []
    city = world.users["city_bureau"]
    for kwarg in route.kwargs:
        if kwarg in NON_OBJECT_KWARGS:
            values[kwarg] = NON_OBJECT_KWARGS[kwarg][0]
            continue
        target = kwarg_target(route, kwarg, city)
        if target is None or target[0] is None:
            pytest.fail(UNRESOLVED.format(route=route.label, kwarg=kwarg, this=__name__.replace(".", "/") + ".py"))
        model, lookup = target
        if model in world.maker_errors:
            pytest.fail(f"{route.label}: the scope maker for {model._meta.label} failed:\n{world.maker_errors[model]}")
        obj = world.objects.get(model)
        if obj is None:
            pytest.fail(
                NO_MAKER.format(
                    route=route.label,
                    kwarg=kwarg,
                    model=model._meta.label,
                    app=model._meta.app_label,
                    name=model.__name__,
                )
            )
        values[kwarg] = obj.pk if lookup == "pk" else getattr(obj, lookup)
        addressed.append(f"{kwarg}={values[kwarg]} ({model._meta.label} of {world.far.name})")
    try:
        return reverse(route.name, kwargs=values), addressed
    except NoReverseMatch as exc:
        pytest.fail(f"{route.label}: cannot reverse {route.name} with {values}: {exc}")


def _request(client: Client, route: Route, method: str, url: str, who: str):
    kwargs = {}
    if method != "get":
        kwargs = {"data": {}, "content_type": "application/json"} if route.is_api else {"data": {}}
    try:
        return getattr(client, method)(url, **kwargs)
    except Exception:
        pytest.fail(f"{who} {method.upper()} {url} ({route.label}) raised a server error:\n{traceback.format_exc()}")


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8", "replace")
    if content[:2] == b"PK":  # a zip: an .xlsx export, read its cells too
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        except Exception as exc:  # some other zip: its bytes are all we can read
            return f"{text}\n{exc}"
        text += "\n".join(
            str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return text


def _api_ids(text: str) -> set:
    try:
        data = json.loads(text)
    except ValueError:
        return set()
    if isinstance(data, dict):
        data = data.get("results", [])
    return {item.get("id") for item in data if isinstance(item, dict)} if isinstance(data, list) else set()


def _no_server_error(response, who, method, url, route):
    assert response.status_code < 500, f"{who} {method.upper()} {url} ({route.label}) answered {response.status_code}"


# --- the walk ---------------------------------------------------------------------


@pytest.mark.parametrize("role", SCOPED_ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_IDS)
def test_other_scope_is_out_of_reach(route, role, world, db):
    url, addressed = _url(route, world)
    client = _client(world, role)
    for method in route.methods():
        response = _request(client, route, method, url, role)
        _no_server_error(response, role, method, url, route)
        if method == "get" and route.public_read():
            continue  # public on purpose (PublicReadStaffWrite): anyone may read it
        if addressed:
            assert response.status_code in (403, 404, 405), (
                f"{role} {method.upper()} {url} ({route.label}) answered {response.status_code} for "
                f"{', '.join(addressed)}, outside the user's area. Fetch the object with get_visible_or_404 "
                f"(or a visible_to(user) queryset) before anything else, so out of scope answers 404."
            )
            continue
        text = _body(response)
        assert registry.SENTINEL not in text, (
            f"{role} {method.upper()} {url} ({route.label}) shows a record of {world.far.name}, outside the "
            f"user's area (found {registry.SENTINEL!r}). Build the list from Model.objects.visible_to(user) "
            f"or a selector taking user=."
        )
        if route.is_api and method == "get":
            model = view_model(route, world.users["city_bureau"])
            leaked = world.objects.get(model)
            if leaked is not None:
                assert leaked.pk not in _api_ids(text), (
                    f"{role} GET {url} ({route.label}) lists {model._meta.label} id {leaked.pk} of "
                    f"{world.far.name}, outside the user's area. Use visible_to(request.user) in get_queryset()."
                )


@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_IDS)
def test_city_bureau_gets_no_server_error(route, world, db):
    url, _addressed = _url(route, world)
    client = _client(world, "city_bureau")
    for method in route.methods():
        response = _request(client, route, method, url, "city_bureau")
        _no_server_error(response, "city_bureau", method, url, route)


@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_IDS)
def test_anonymous_visitor_is_refused(route, world, db):
    url, _addressed = _url(route, world)
    client = _client(world, None)
    login_url = resolve_url(settings.LOGIN_URL)
    for method in route.methods():
        response = _request(client, route, method, url, "anonymous")
        _no_server_error(response, "anonymous", method, url, route)
        if route.is_api:
            if method == "get" and route.public_read():
                continue
            assert response.status_code in (401, 403), (
                f"anonymous {method.upper()} {url} ({route.label}) answered {response.status_code}, not 401/403"
            )
        else:
            assert response.status_code == 302 and response["Location"].startswith(login_url), (
                f"anonymous {method.upper()} {url} ({route.label}) answered {response.status_code} "
                f"{response.get('Location', '')}, not a redirect to {login_url}"
            )


# --- the test's own assumptions --------------------------------------------------


def test_walk_finds_staff_pages_and_every_api_route():
    from config.api_urls import router

    names = {route.name for route in ROUTES}
    assert "stations:dashboard" in names
    api_prefixes = {prefix for prefix, _viewset, _basename in router.registry}
    walked = {route.label for route in ROUTES if route.is_api}
    for prefix in api_prefixes:
        assert any(label.startswith(f"api/v1/{prefix}/") for label in walked), prefix


@pytest.mark.parametrize("model", list(registry.MAKERS), ids=lambda m: m._meta.label)
def test_maker_builds_an_object_outside_every_scoped_role(model, world, db):
    assert model not in world.maker_errors, world.maker_errors.get(model)
    obj = world.objects[model]
    assert isinstance(obj, model), f"the maker for {model._meta.label} returned {obj!r}"
    if not hasattr(model, "scope_paths") or not hasattr(model.objects, "visible_to"):
        return  # scoped some other way (your own notifications, accounts by node)
    assert model.objects.visible_to(world.users["city_bureau"]).filter(pk=obj.pk).exists()
    for role in SCOPED_ROLES:
        visible = model.objects.visible_to(world.users[role]).filter(pk=obj.pk).exists()
        assert not visible, f"the maker for {model._meta.label} built an object {role} can see"
