import datetime as dt

import pytest
from django.utils import timezone

from stations.models import EmploymentStatus, UnemploymentRegistration
from stations.selectors import (
    four_clears_summary,
    resident_duplicate_check,
    resident_list,
    search_q,
    years_before,
)
from tests.factories import ResidentFactory, valid_id_number
from tests.factories.residents import HouseholdFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _born(years, days=30):
    return years_before(TODAY, years) - dt.timedelta(days=days)


def _names(user, **filters):
    return sorted(r.name for r in resident_list(user=user, filters=filters))


def test_older_worker_is_women_from_40_and_men_from_50(community_staff, community):
    ResidentFactory(community=community, name="女41", id_number=valid_id_number(birth=_born(41), male=False))
    ResidentFactory(community=community, name="女39", id_number=valid_id_number(birth=_born(39), male=False))
    ResidentFactory(community=community, name="男51", id_number=valid_id_number(birth=_born(51), male=True))
    ResidentFactory(community=community, name="男45", id_number=valid_id_number(birth=_born(45), male=True))
    assert _names(community_staff, group="older_worker") == ["女41", "男51"]


def test_long_term_unemployed_have_a_registration_open_over_a_year(community_staff, community):
    old = ResidentFactory(community=community, name="老登记")
    new = ResidentFactory(community=community, name="新登记")
    ended = ResidentFactory(community=community, name="已结束")
    UnemploymentRegistration.objects.create(resident=old, registered_on=years_before(TODAY, 1) - dt.timedelta(days=1))
    UnemploymentRegistration.objects.create(resident=new, registered_on=TODAY - dt.timedelta(days=100))
    UnemploymentRegistration.objects.create(
        resident=ended, registered_on=TODAY - dt.timedelta(days=800), ended_on=TODAY - dt.timedelta(days=10)
    )
    assert _names(community_staff, group="long_term_unemployed") == ["老登记"]


def test_zero_employment_household_members_are_found(community_staff, community):
    household = HouseholdFactory(community=community, zero_employment_since=TODAY)
    ResidentFactory(community=community, name="零就业", household=household)
    ResidentFactory(community=community, name="其他")
    assert _names(community_staff, group="zero_employment") == ["零就业"]


def test_recent_unemployed_graduate_left_school_within_two_years(community_staff, community):
    ResidentFactory(
        community=community,
        name="新毕业",
        is_graduate=True,
        education="bachelor",
        graduation_date=TODAY - dt.timedelta(days=200),
    )
    ResidentFactory(
        community=community,
        name="老毕业",
        is_graduate=True,
        education="bachelor",
        graduation_date=TODAY - dt.timedelta(days=900),
    )
    ResidentFactory(
        community=community,
        name="已就业",
        is_graduate=True,
        education="bachelor",
        graduation_date=TODAY - dt.timedelta(days=200),
        employment_status=EmploymentStatus.EMPLOYED,
    )
    assert _names(community_staff, group="recent_graduate") == ["新毕业"]


def test_typed_group_filter(community_staff, community):
    veteran = ResidentFactory(community=community, name="退役")
    veteran.target_groups.set(veteran.target_groups.model.objects.filter(code="veteran"))
    ResidentFactory(community=community, name="普通")
    assert _names(community_staff, group="veteran") == ["退役"]


def test_four_clears_filters(community_staff, community):
    ResidentFactory(
        community=community,
        name="齐全",
        skill_level="junior",
        wants_training=False,
        employment_status=EmploymentStatus.EMPLOYED,
    ).save()
    ResidentFactory(community=community, name="不全")
    assert _names(community_staff, four_clears="complete") == ["齐全"]
    assert _names(community_staff, four_clears="incomplete") == ["不全"]


def test_removed_records_are_left_out_unless_asked(community_staff, community):
    ResidentFactory(community=community, name="在册")
    ResidentFactory(community=community, name="已移除", removed_at=timezone.now(), removal_reason="moved_away")
    assert _names(community_staff) == ["在册"]
    assert _names(community_staff, removed=True) == ["已移除"]


def test_search_by_name_fragment(community_staff, community):
    ResidentFactory(community=community, name="欧阳娜娜")
    ResidentFactory(community=community, name="张三")
    assert _names(community_staff, text="阳娜") == ["欧阳娜娜"]


def test_search_by_full_id_number_is_exact(community):
    assert search_q("11010519491231002x").children == [("id_number", "11010519491231002X")]


def test_sort_by_age(community_staff, community):
    ResidentFactory(community=community, name="年轻", id_number=valid_id_number(birth=_born(20)))
    ResidentFactory(community=community, name="年长", id_number=valid_id_number(birth=_born(60)))
    assert [r.name for r in resident_list(user=community_staff, filters={"sort": "-age"})] == ["年长", "年轻"]


def test_duplicate_check_names_only_the_community(far_community):
    resident = ResidentFactory(community=far_community)
    found = resident_duplicate_check(resident.id_number.lower())
    assert found.community_name == far_community.name
    assert resident_duplicate_check(resident.id_number, exclude_pk=resident.pk) is None


def test_four_clears_summary_is_scoped(community_staff, community, sibling_community):
    ResidentFactory(community=community)
    ResidentFactory(community=sibling_community)
    rows = list(four_clears_summary(user=community_staff))
    assert [r.pk for r in rows] == [community.pk]
    assert rows[0].residents_total == 1
