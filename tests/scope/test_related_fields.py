"""Every writable related field of every API serializer answers a key of
another area exactly as it answers a key that names no row.

The serializers are found by importing each app's API modules, so a new
serializer is checked without editing this file. For each role with a
bounded scope, each field is given the key of an object of a community in
another district (made by the scope makers, tests/scope/registry.py) and a
key that names nothing; the two errors must be the same. A field that
passes scope on purpose is listed in DELIBERATE with why.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django.db import transaction
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from stations.models import Community, District, Role, Street
from tests.factories import UserFactory
from tests.factories.region import home_and_far_communities
from tests.scope import registry
from tests.scope.routes import import_scope_makers

ROOT = Path(__file__).resolve().parents[2]
APPS = ("stations", "jobs", "training", "assistance", "entrepreneurship", "partnerships", "reports")
API_MODULES = ("api", "apis", "serializers")

# "<module>.<Serializer>.<field>": why the field accepts keys outside the caller's area.
DELIBERATE = {
    "stations.serializers.StationSerializer.served_communities": (
        "a station keeps the communities a higher office made it serve (联建); station_save refuses new ones "
        "outside the area by name. Region nodes are public facts."
    ),
    "jobs.serializers.RecommendationSerializer.posting": (
        "a published posting anywhere may be recommended (the job market is public); another area's "
        "unpublished one answers like a missing one (tests/jobs/test_api.py)."
    ),
    "partnerships.apis.network.LinkPostingsSerializer.postings": (
        "a partner's employer may post outside the area; partner_link_postings checks each posting."
    ),
}

import_scope_makers()


def _api_modules():
    for app in APPS:
        for name in API_MODULES:
            path = ROOT / app / name
            if path.with_suffix(".py").exists():
                yield importlib.import_module(f"{app}.{name}")
            elif path.is_dir():
                package = importlib.import_module(f"{app}.{name}")
                yield package
                for info in pkgutil.iter_modules([str(path)]):
                    yield importlib.import_module(f"{app}.{name}.{info.name}")


def _serializer_classes():
    found = {}
    for module in _api_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, serializers.BaseSerializer) and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return found


SERIALIZERS = _serializer_classes()


def _related_fields(serializer, prefix: str):
    """(label, field) of each writable related field, nested ones included."""
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        label = f"{prefix}.{name}"
        if isinstance(field, serializers.ManyRelatedField):
            yield label, field.child_relation
        elif isinstance(field, serializers.RelatedField):
            yield label, field
        elif isinstance(field, serializers.ListSerializer):
            yield from _related_fields(field.child, label)
        elif isinstance(field, serializers.BaseSerializer):
            yield from _related_fields(field, label)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        home, far = home_and_far_communities()
        home_street, far_street = home.street, far.street
        home_district, far_district = home_street.district, far_street.district
        users = {
            Role.COMMUNITY_STAFF: UserFactory(role=Role.COMMUNITY_STAFF, community=home),
            Role.STREET_OFFICER: UserFactory(role=Role.STREET_OFFICER, community=None, street=home_street),
            Role.DISTRICT_BUREAU: UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=home_district),
        }
        objects = {District: far_district, Street: far_street, Community: far}
        for model, maker in registry.MAKERS.items():
            with transaction.atomic():
                objects[model] = maker(far)
        yield users, objects
        transaction.set_rollback(True)


def _error(field, value):
    """The error a field (a single or a many field's child) gives for one key."""
    try:
        field.run_validation(value)
    except serializers.ValidationError as exc:
        return str(exc.detail).replace(str(value), "<pk>")
    return None


def test_api_serializers_are_found():
    assert "assistance.apis.CaseOpenSerializer" in SERIALIZERS
    assert len(SERIALIZERS) > 20


def _problems(serializer, label: str, objects: dict) -> list[str]:
    problems = []
    for field_label, field in _related_fields(serializer, label):
        if field_label in DELIBERATE:
            continue
        model = field.get_queryset().model
        if not hasattr(model, "scope_paths"):
            continue  # reference data (the nine station services), the same for everyone
        if model not in objects:
            problems.append(f"{field_label}: no out-of-scope maker for {model._meta.label} (tests/scope/registry.py)")
            continue
        outside = objects[model]
        value = getattr(outside, getattr(field, "slug_field", None) or "pk")
        missing = 2**62 if isinstance(value, int) else f"{value}-missing"
        got, expected = _error(field, value), _error(field, missing)
        if got != expected:
            problems.append(
                f"{field_label}: another area's {model._meta.label} answers {got!r}, a missing key {expected!r}"
            )
    return problems


def _request(user) -> Request:
    request = Request(APIRequestFactory().post("/"))
    request.user = user
    return request


@pytest.mark.parametrize("role", [Role.COMMUNITY_STAFF, Role.STREET_OFFICER, Role.DISTRICT_BUREAU])
@pytest.mark.parametrize("label", sorted(SERIALIZERS))
def test_a_key_of_another_area_answers_like_a_missing_one(world, role, label, db):
    users, objects = world
    serializer = SERIALIZERS[label](context={"request": _request(users[role])})

    problems = _problems(serializer, label, objects)

    assert not problems, "\n".join(problems)


def test_the_check_finds_a_field_that_accepts_any_community(world, db):
    users, objects = world

    class Sample(serializers.Serializer):
        community = serializers.PrimaryKeyRelatedField(queryset=Community.objects.all())
        communities = serializers.PrimaryKeyRelatedField(queryset=Community.objects.all(), many=True)

    problems = _problems(Sample(context={"request": _request(users[Role.COMMUNITY_STAFF])}), "Sample", objects)

    assert [p.split(":")[0] for p in problems] == ["Sample.community", "Sample.communities"]


@pytest.mark.parametrize("key", sorted(DELIBERATE))
def test_each_deliberate_exception_names_a_field_that_exists(key, db):
    label, name = key.rsplit(".", 1)

    assert label in SERIALIZERS and name in SERIALIZERS[label]().fields, f"{key} is stale: remove it from DELIBERATE"
