"""Reads of staff accounts (stations/selectors/accounts.py), scoped by node."""

import pytest
from django.http import Http404

from stations.models import Role
from stations.selectors import staff_account_get, staff_account_list, staff_account_search
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_street_officer_lists_the_accounts_of_the_street_not_of_another(
    street_officer, community_staff, other_community_staff
):
    listed = set(staff_account_list(user=street_officer))
    assert community_staff in listed and other_community_staff not in listed


def test_the_search_finds_an_account_by_part_of_its_user_name(city_bureau, community):
    wanted = UserFactory(username="zhang_wei", role=Role.COMMUNITY_STAFF, community=community)
    UserFactory(username="li_na", role=Role.COMMUNITY_STAFF, community=community)
    assert list(staff_account_search(user=city_bureau, filters={"q": "zhang"})) == [wanted]


pytestmark = pytest.mark.django_db


def test_an_account_inside_the_users_node_is_found(street_officer, community_staff):
    assert staff_account_get(user=street_officer, pk=community_staff.pk) == community_staff


def test_an_account_of_another_area_is_404(community_staff, other_community_staff):
    with pytest.raises(Http404):
        staff_account_get(user=community_staff, pk=other_community_staff.pk)
