import datetime as dt

import pytest

from entrepreneurship.models import CatalogueState, SubsidyKind
from entrepreneurship.selectors import catalogue_list, earlier_payments_of, once_rule_breaches, public_stars
from stations.models import Role
from tests.entrepreneurship.conftest import make_proposal
from tests.factories import ResidentFactory, UserFactory
from tests.factories.entrepreneurship import (
    BusinessFactory,
    StartupProjectFactory,
    StartupStarFactory,
    paid_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def founder(community):
    return ResidentFactory(community=community)


def _paid_twice(founder, *, first_on=dt.date(2025, 3, 1), second_on=dt.date(2025, 6, 1), **first_extra):
    first = paid_application(
        resident=founder,
        business=BusinessFactory(community=founder.community, founders=[founder], kind="micro_enterprise"),
        paid_on=first_on,
        **first_extra,
    )
    second = paid_application(
        resident=founder,
        business=BusinessFactory(community=founder.community, founders=[founder]),
        paid_on=second_on,
        amount="2000",
        legacy_duplicate=True,
    )
    return first, second


def test_the_later_payment_to_the_same_founder_is_a_breach_pointing_at_the_first(district_bureau, founder):
    first, second = _paid_twice(founder)
    breaches = list(once_rule_breaches(user=district_bureau))
    assert [b.pk for b in breaches] == [second.pk]
    assert breaches[0].earlier_pk == first.pk


def test_a_single_payment_per_founder_is_no_breach(district_bureau, founder):
    paid_application(resident=founder, business=BusinessFactory(community=founder.community, founders=[founder]))
    paid_application(resident=founder, kind=SubsidyKind.RENT, amount="3000")
    assert list(once_rule_breaches(user=district_bureau)) == []


def test_district_sees_only_breaches_paid_in_its_district(district_bureau, far_community):
    _paid_twice(ResidentFactory(community=far_community))
    assert list(once_rule_breaches(user=district_bureau)) == []


def test_city_sees_breaches_of_every_district(city_bureau, community, far_community):
    _paid_twice(ResidentFactory(community=community))
    _paid_twice(ResidentFactory(community=far_community))
    assert once_rule_breaches(user=city_bureau).count() == 2


def test_an_earlier_payment_in_another_district_is_named(district_bureau, founder, far_community):
    first, second = _paid_twice(founder, community=far_community)
    (breach,) = once_rule_breaches(user=district_bureau)
    earlier = earlier_payments_of([breach])[breach.earlier_pk]
    assert earlier.pk == first.pk and earlier.community.street.district.name == "滕州市"


def test_street_officers_and_community_staff_do_not_get_the_list(street_officer, community_staff, founder):
    from stations.permissions import user_can

    assert not user_can(street_officer, "entrepreneurship.view_breaches")
    assert not user_can(community_staff, "entrepreneurship.view_breaches")
    assert user_can(UserFactory(role=Role.CITY_BUREAU, community=None), "entrepreneurship.view_breaches")


def test_payments_to_two_records_of_one_person_are_a_breach(district_bureau, founder):
    # Two records holding one ID number (a pair on the duplicates list, not yet merged).
    twin = ResidentFactory(community=founder.community, id_number=founder.id_number, shares_id_number=True)
    first = paid_application(
        resident=founder,
        business=BusinessFactory(community=founder.community, founders=[founder]),
        paid_on=dt.date(2025, 3, 1),
    )
    second = paid_application(
        resident=twin,
        business=BusinessFactory(community=founder.community, founders=[twin]),
        paid_on=dt.date(2025, 6, 1),
        legacy_duplicate=True,
    )

    breaches = list(once_rule_breaches(user=district_bureau))

    assert [(b.pk, b.earlier_pk) for b in breaches] == [(second.pk, first.pk)]


def test_community_sees_its_own_proposals_and_what_its_district_published(
    community_staff, community, sibling_community, far_community
):
    district = community.street.district
    own = StartupProjectFactory(district=district, community=community, state=CatalogueState.DRAFT)
    published = StartupProjectFactory(district=district, state=CatalogueState.PUBLISHED)
    StartupProjectFactory(district=district, community=sibling_community, state=CatalogueState.PROPOSED)
    StartupProjectFactory(district=far_community.street.district, state=CatalogueState.PUBLISHED)

    seen = set(catalogue_list(user=community_staff, kind="projects"))

    assert seen == {own, published}


def test_district_sees_its_districts_items_in_every_state(district_bureau, community, far_community):
    district = community.street.district
    mine = {
        StartupProjectFactory(district=district, community=community, state=state)
        for state in (CatalogueState.DRAFT, CatalogueState.PROPOSED)
    }
    StartupProjectFactory(district=far_community.street.district, state=CatalogueState.PROPOSED)

    assert set(catalogue_list(user=district_bureau, kind="projects")) == mine


def test_city_sees_every_district(city_bureau, community, far_community):
    items = {make_proposal(community), make_proposal(far_community)}

    assert set(catalogue_list(user=city_bureau, kind="projects")) == items


def test_a_star_honoured_in_two_years_and_two_districts_is_shown_once(district, other_district):
    StartupStarFactory(district=district, name="孙丽", business_name="石榴盆景工作室", year=2024)
    StartupStarFactory(district=other_district, name="孙丽", business_name="石榴盆景工作室", year=2025)
    StartupStarFactory(district=district, name="孙丽", business_name="石榴盆景工作室", year=2025)
    other = StartupStarFactory(district=district, name="王强", business_name="王记面馆", year=2024)

    stars = list(public_stars())

    assert sorted((s.name, s.year) for s in stars) == [("孙丽", 2025), ("王强", 2024)]
    assert other in stars
