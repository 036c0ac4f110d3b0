import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stations.models import EmploymentStatus, Resident, TargetGroup, UnemploymentRegistration
from stations.selectors import (
    four_clears_summary,
    household_member_find,
    resident_duplicate_check,
    resident_get,
    resident_list,
    resident_rows,
    resident_search,
    resident_shown_group_codes,
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


pytestmark = pytest.mark.django_db


def _found(user, text):
    return sorted(r.name for r in resident_search(user=user, filters={"text": text}))


def test_a_one_character_search_finds_the_name_anywhere(community_staff, community):
    ResidentFactory(community=community, name="卢秀英")
    ResidentFactory(community=community, name="王卢")
    ResidentFactory(community=community, name="王芳")
    assert _found(community_staff, "卢") == ["卢秀英", "王卢"]


def test_a_two_character_search_finds_the_pair_not_the_characters_apart(community_staff, community):
    ResidentFactory(community=community, name="卢秀英")
    ResidentFactory(community=community, name="英秀")
    assert _found(community_staff, "秀英") == ["卢秀英"]


def test_a_three_character_search_needs_the_characters_in_order(community_staff, community):
    ResidentFactory(community=community, name="张晓燕")
    ResidentFactory(community=community, name="晓燕张")
    assert _found(community_staff, "张晓燕") == ["张晓燕"]


def test_pinyin_initials_find_the_name(community_staff, community):
    ResidentFactory(community=community, name="张晓燕")
    ResidentFactory(community=community, name="张小雨")
    assert _found(community_staff, "zxy") == sorted(["张晓燕", "张小雨"])


def test_full_pinyin_finds_the_name_whatever_the_case_and_spacing(community_staff, community):
    ResidentFactory(community=community, name="张晓燕")
    ResidentFactory(community=community, name="张小雨")
    assert _found(community_staff, "Zhang Xiaoyan") == ["张晓燕"]


@pytest.mark.parametrize(
    ("name", "typed"), [("单丽", "shanli"), ("单丽", "danli"), ("曾军", "zengjun"), ("区华", "ouhua")]
)
def test_every_reading_of_a_heteronym_surname_finds_the_name(community_staff, community, name, typed):
    ResidentFactory(community=community, name=name)
    assert _found(community_staff, typed) == [name]


def test_the_last_four_of_the_id_number_or_mobile_find_the_person(community_staff, community):
    number = valid_id_number()
    ResidentFactory(community=community, name="证号", id_number=number, mobile="13900001111")
    ResidentFactory(community=community, name="手机", mobile=f"1390000{number[-4:].replace('X', '9')}")
    ResidentFactory(community=community, name="其他", mobile="13900002222")
    expected = ["手机", "证号"] if number[-1] != "X" else ["证号"]
    assert _found(community_staff, number[-4:]) == expected


def test_search_columns_follow_an_edited_name(community_staff, community):
    resident = ResidentFactory(community=community, name="王芳")
    resident.name = "李娜"
    resident.derive()
    resident.save()
    assert _found(community_staff, "ln") == ["李娜"]
    assert _found(community_staff, "王") == []


def test_search_stays_in_scope(community_staff, other_community):
    ResidentFactory(community=other_community, name="张晓燕")
    assert _found(community_staff, "zxy") == []


def test_a_clerk_pages_by_name_without_joining_the_community(community_staff, community):
    with CaptureQueriesContext(connection) as queries:
        list(resident_search(user=community_staff, filters={}).values_list("pk", flat=True)[:50])
    sql = queries[0]["sql"]
    assert "stations_community" not in sql
    assert 'ORDER BY "stations_resident"."name" ASC' in sql


def test_page_rows_come_in_the_order_of_the_ids_with_the_flag(community_staff, community):
    first, second = ResidentFactory(community=community), ResidentFactory(community=community)
    rows = resident_rows(pks=[second.pk, first.pk])
    assert [r.pk for r in rows] == [second.pk, first.pk]
    assert rows[0].long_term_unemployed is False


def test_page_rows_take_the_same_queries_whatever_the_page_size(community_staff, community, django_assert_num_queries):
    few = [r.pk for r in ResidentFactory.create_batch(2, community=community)]
    many = few + [r.pk for r in ResidentFactory.create_batch(30, community=community)]
    with CaptureQueriesContext(connection) as small:
        resident_rows(pks=few)
    with django_assert_num_queries(len(small)):
        assert len(resident_rows(pks=many)) == 32


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_on_postgresql_a_name_search_asks_the_token_array_the_gin_index_holds(community_staff, community):
    with CaptureQueriesContext(connection) as queries:
        list(resident_search(user=community_staff, filters={"text": "卢"}).values_list("pk", flat=True))
    assert 'string_to_array("stations_resident"."search_tokens", \' \') @>' in queries[0]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_indexdef('resident_search_tokens_gin'::regclass)")
        assert "gin (string_to_array(search_tokens, ' '::text))" in cursor.fetchone()[0]


def test_the_data_migration_fills_the_search_columns_of_stored_rows(community):
    resident = ResidentFactory(community=community, name="张晓燕", mobile="13912345678")
    Resident.with_tombstones.filter(pk=resident.pk).update(search_tokens="", id_tail="", mobile_tail="")
    migration = importlib.import_module("stations.migrations.0017_resident_search")
    migration.fill_search_columns(apps, SimpleNamespace(connection=connection))
    resident.refresh_from_db()
    assert "zxy" in resident.search_tokens.split()
    assert (resident.id_tail, resident.mobile_tail) == (resident.id_number[-4:], "5678")


pytestmark = pytest.mark.django_db


def test_a_record_of_another_area_is_404(community_staff, other_community):
    elsewhere = ResidentFactory(community=other_community)

    with pytest.raises(Http404):
        resident_get(user=community_staff, pk=elsewhere.pk)


def test_a_household_member_is_found_only_in_the_users_area(community_staff, community, other_community):
    mine = ResidentFactory(community=community)
    elsewhere = ResidentFactory(community=other_community)

    assert household_member_find(user=community_staff, id_number=mine.id_number) == mine
    assert household_member_find(user=community_staff, id_number=elsewhere.id_number) is None


def test_the_shown_group_codes_leave_out_the_sensitive_groups(community):
    resident = ResidentFactory(community=community)
    resident.target_groups.set(TargetGroup.objects.filter(code__in=["veteran", "minimum_living"]))

    assert resident_shown_group_codes(pks=[resident.pk]) == {resident.pk: ["veteran"]}
