"""Staff accounts (stations/models/accounts.py): the node an account works in."""

import pytest

from stations.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_account_works_in_its_community_and_is_labelled_by_it(community_staff, community):
    assert (community_staff.node, community_staff.node_label) == (community, str(community))


def test_the_city_bureau_works_in_the_whole_city(city_bureau, settings, community, far_community):
    assert city_bureau.node is None and city_bureau.node_label == settings.PORTAL_CITY_NAME
    assert {community.pk, far_community.pk} <= set(city_bureau.node_community_ids())


def test_an_inactive_account_is_no_region_staff(community):
    assert not UserFactory(role=Role.COMMUNITY_STAFF, community=community, is_active=False).is_region_staff


def test_an_account_is_named_by_its_full_name_or_else_its_username(db):
    assert UserFactory(username="clerk-7", first_name="晓燕", last_name="").display_name == "晓燕"
    assert UserFactory(username="clerk-8", first_name="", last_name="").display_name == "clerk-8"
