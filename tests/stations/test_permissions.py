"""Which role may do what (stations/permissions.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stations import permissions
from stations.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_role_may_do_what_its_rules_name_and_nothing_else(city_bureau, community_staff):
    assert permissions.user_can(city_bureau, "stations.set_policy")
    assert not permissions.user_can(community_staff, "stations.set_policy")


def test_a_visitor_and_an_inactive_account_may_do_nothing(community):
    inactive = UserFactory(role=Role.COMMUNITY_STAFF, community=community, is_active=False)
    assert not permissions.user_can(AnonymousUser(), "stations.view_station")
    assert not permissions.user_can(inactive, "stations.view_station")


def test_an_app_registers_its_rules_in_the_one_table(monkeypatch, community_staff):
    monkeypatch.setattr(permissions, "_RULES", dict(permissions._RULES))
    permissions.register({"tests.do_thing": [Role.COMMUNITY_STAFF]})
    assert permissions.user_can(community_staff, "tests.do_thing")
    assert permissions.rules()["tests.do_thing"] == frozenset({Role.COMMUNITY_STAFF})
