"""Every link a staff page shows opens for the user who sees it.

A page that offers a link (a tab, a "new" button, an edit link) to a page whose
view refuses the user's role sends them into a 403. For each role, every staff
page the role may open is rendered with objects of the user's own area (the
scope makers of tests/scope/registry.py, built in the home community), and
every link and form on it that leads to a staff view with a `permission` rule must be
one the role holds (`stations.permissions.user_can`): wrap the link in
`{% if user|can:"<the view's permission>" %}`.
"""

from __future__ import annotations

import re
import traceback
from urllib.parse import urlparse

import pytest
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from stations.models import Community, District, Role, Street
from stations.permissions import user_can
from tests.factories.region import home_and_far_communities
from tests.factories.users import staff_of_every_role
from tests.scope import registry
from tests.scope.routes import Route, discover_routes, import_scope_makers, kwarg_target

import_scope_makers()
PAGES = [route for route in discover_routes() if not route.is_api and route.name]
ROLES = {
    "community_staff": Role.COMMUNITY_STAFF,
    "street_officer": Role.STREET_OFFICER,
    "district_bureau": Role.DISTRICT_BUREAU,
    "city_bureau": Role.CITY_BUREAU,
}
# Links, and the targets of forms (a button that posts into a 403 is as bad).
HREF = re.compile(r"""<(?:a\b[^>]*\bhref|form\b[^>]*\baction)="([^"#]+)""")
PERIOD_KWARGS = {"year": 2025, "month": 6}


@pytest.fixture(scope="module")
def home_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        home, _far = home_and_far_communities()
        users = staff_of_every_role(home, prefix="links")
        made, _errors = registry.make_all(home)  # the scope test reports makers that fail
        objects = {District: home.street.district, Street: home.street, Community: home, **made}
        yield users, objects
        transaction.set_rollback(True)


def _page_url(route: Route, objects: dict, city) -> str | None:
    values = {}
    for kwarg in route.kwargs:
        if kwarg in PERIOD_KWARGS:
            values[kwarg] = PERIOD_KWARGS[kwarg]
            continue
        target = kwarg_target(route, kwarg, city)
        obj = objects.get(target[0]) if target and target[0] is not None else None
        if obj is None:
            return None  # the scope test reports routes it cannot address
        values[kwarg] = obj.pk if target[1] == "pk" else getattr(obj, target[1])
    try:
        return reverse(route.name, kwargs=values)
    except NoReverseMatch:
        return None


def _permission_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    view_class = getattr(match.func, "view_class", None)
    return getattr(view_class, "permission", None) if view_class else None


@pytest.mark.parametrize("role", ROLES)
def test_every_link_on_a_staff_page_opens_for_the_user_who_sees_it(role, home_world, db):
    users, objects = home_world
    user = users[role]
    client = Client()
    client.force_login(user)
    refused = []
    for route in PAGES:
        permission = route.view_class and getattr(route.view_class, "permission", None)
        if permission and not user_can(user, permission):
            continue
        url = _page_url(route, objects, users["city_bureau"])
        if url is None:
            continue
        try:
            response = client.get(url)
        except Exception:
            pytest.fail(f"{role} GET {url} raised:\n{traceback.format_exc()}")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in set(HREF.findall(response.content.decode())):
            path = urlparse(href.replace("&amp;", "&")).path
            if urlparse(href).netloc or not path.startswith("/"):
                continue
            needed = _permission_of(path)
            if needed and not user_can(user, needed):
                refused.append(f"{url} links to {path}, which needs {needed}")
    assert not refused, f"{role} ({ROLES[role]}) is shown links it may not open:\n" + "\n".join(sorted(set(refused)))
