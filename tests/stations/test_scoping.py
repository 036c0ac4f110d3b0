"""The scope rule applied to staff accounts and region nodes, and the named
reads that pass scope on purpose (stations/scoping.py)."""

import pytest

from stations.models import Community, District, Role, User
from stations.scoping import CityWideRead, city_wide, region_node_visible
from tests.factories import UserFactory


@pytest.fixture
def accounts(community, sibling_community, other_community, far_community, street, other_street, district):
    """One account at every node of the fixtures' region, by name."""
    return {
        "community": UserFactory(role=Role.COMMUNITY_STAFF, community=community),
        "sibling": UserFactory(role=Role.COMMUNITY_STAFF, community=sibling_community),
        "other_street_community": UserFactory(role=Role.COMMUNITY_STAFF, community=other_community),
        "far": UserFactory(role=Role.COMMUNITY_STAFF, community=far_community),
        "street": UserFactory(role=Role.STREET_OFFICER, community=None, street=street),
        "other_street": UserFactory(role=Role.STREET_OFFICER, community=None, street=other_street),
        "district": UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=district),
        "far_district": UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=far_community.street.district),
        "city": UserFactory(role=Role.CITY_BUREAU, community=None),
    }


def _visible(viewer, accounts) -> set[str]:
    pks = set(User.objects.visible_to(viewer).values_list("pk", flat=True))
    return {name for name, account in accounts.items() if account.pk in pks}


def test_street_officer_sees_the_accounts_of_their_street_and_its_communities(accounts):
    assert _visible(accounts["street"], accounts) == {"street", "community", "sibling"}


def test_community_staff_see_only_the_accounts_of_their_community(accounts):
    assert _visible(accounts["community"], accounts) == {"community"}


def test_district_bureau_sees_every_account_in_its_district_at_any_level(accounts):
    assert _visible(accounts["district"], accounts) == {
        "district",
        "street",
        "other_street",
        "community",
        "sibling",
        "other_street_community",
    }


def test_city_bureau_sees_every_account(accounts):
    assert _visible(accounts["city"], accounts) == set(accounts)


def test_an_inactive_viewer_sees_no_account(accounts):
    viewer = accounts["district"]
    viewer.is_active = False

    assert _visible(viewer, accounts) == set()


def test_a_street_officer_may_see_their_street_and_its_communities_as_report_nodes(
    street_officer, street, community, other_street
):
    assert region_node_visible(street_officer, street)
    assert region_node_visible(street_officer, community)
    assert not region_node_visible(street_officer, other_street)


def test_a_street_officer_may_not_see_their_district_or_the_city_as_report_nodes(street_officer, district):
    assert not region_node_visible(street_officer, district)
    assert not region_node_visible(street_officer, None)


def test_only_the_city_bureau_may_see_the_city_as_a_report_node(city_bureau, district_bureau):
    assert region_node_visible(city_bureau, None)
    assert not region_node_visible(district_bureau, None)


def test_a_city_wide_read_reaches_past_the_callers_scope(community, far_community):
    rows = city_wide(Community, read=CityWideRead.NEIGHBOUR_COMMUNITIES)

    assert set(rows) == {community, far_community}


def test_a_city_wide_read_must_name_why(district):
    with pytest.raises(TypeError):
        city_wide(District.objects, read="because")  # type: ignore[arg-type]


def test_the_staff_account_list_leaves_out_accounts_without_a_role(city_bureau):
    from stations.selectors import staff_account_list

    roleless = UserFactory(role="", community=None)

    assert roleless not in staff_account_list(user=city_bureau)
    assert city_bureau in staff_account_list(user=city_bureau)
