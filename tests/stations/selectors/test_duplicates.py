"""The possible-duplicates list (stations.selectors)."""

import datetime as dt

import pytest

from stations.models import MergeGrounds, RemovalReason
from stations.selectors import resident_duplicate_pairs, resident_merged_into
from stations.services.merges import resident_merge
from tests.factories import ResidentFactory, valid_id_number

BIRTH = dt.date(1975, 3, 8)
ID_A = valid_id_number(birth=BIRTH, male=False, serial=11)
ID_B = valid_id_number(birth=BIRTH, male=False, serial=12)


def _pairs(user):
    return [(p.first.pk, p.second.pk, p.grounds) for p in resident_duplicate_pairs(user=user)]


@pytest.mark.django_db
def test_two_records_holding_one_id_number_are_a_pair(community, street_officer):
    first = ResidentFactory(community=community, id_number=ID_A)
    second = ResidentFactory(community=community, id_number=ID_A, shares_id_number=True)
    assert _pairs(street_officer) == [(first.pk, second.pk, MergeGrounds.SAME_ID_NUMBER)]


@pytest.mark.django_db
def test_same_name_birth_date_and_mobile_with_another_id_number_are_a_pair(community, street_officer):
    first = ResidentFactory(community=community, name="王秀英", id_number=ID_A, mobile="13905328861")
    second = ResidentFactory(community=community, name="王 秀英", id_number=ID_B, mobile="13905328861")
    assert _pairs(street_officer) == [(first.pk, second.pk, MergeGrounds.SAME_NAME_BIRTH_MOBILE)]


@pytest.mark.django_db
def test_same_name_and_mobile_with_another_birth_date_is_no_pair(community, street_officer):
    ResidentFactory(community=community, name="王秀英", id_number=ID_A, mobile="13905328861")
    other = valid_id_number(birth=dt.date(1976, 3, 8), male=False, serial=11)
    ResidentFactory(community=community, name="王秀英", id_number=other, mobile="13905328861")
    assert _pairs(street_officer) == []


@pytest.mark.django_db
def test_records_without_a_mobile_are_not_paired_by_name_and_birth_date(community, street_officer):
    ResidentFactory(community=community, name="王秀英", id_number=ID_A, mobile="")
    ResidentFactory(community=community, name="王秀英", id_number=ID_B, mobile="")
    assert _pairs(street_officer) == []


@pytest.mark.django_db
def test_a_removed_record_is_listed_with_its_live_twin(community, street_officer):
    from django.utils import timezone

    ResidentFactory(community=community, name="王秀英", id_number=ID_A, mobile="13905328861")
    ResidentFactory(
        community=community,
        name="王秀英",
        id_number=ID_B,
        mobile="13905328861",
        removed_at=timezone.now(),
        removal_reason=RemovalReason.MOVED_AWAY,
    )
    assert len(_pairs(street_officer)) == 1


@pytest.mark.django_db
def test_a_merged_pair_leaves_the_list(community, street_officer):
    first = ResidentFactory(community=community, name="王秀英", id_number=ID_A, mobile="13905328861")
    second = ResidentFactory(community=community, name="王秀英", id_number=ID_B, mobile="13905328861")
    resident_merge(actor=street_officer, kept=first, duplicate=second)
    assert _pairs(street_officer) == []


@pytest.mark.django_db
def test_a_pair_across_two_streets_is_the_district_bureau_s(
    community, other_community, street_officer, district_bureau, other_district, far_community
):
    ResidentFactory(community=community, name="王秀英", id_number=ID_A, mobile="13905328861")
    ResidentFactory(community=other_community, name="王秀英", id_number=ID_B, mobile="13905328861")
    assert _pairs(street_officer) == []
    assert len(_pairs(district_bureau)) == 1


@pytest.mark.django_db
def test_a_street_officer_does_not_see_pairs_of_another_street(other_community, street_officer):
    ResidentFactory(community=other_community, name="王秀英", id_number=ID_A, mobile="13905328861")
    ResidentFactory(community=other_community, name="王秀英", id_number=ID_B, mobile="13905328861")
    assert _pairs(street_officer) == []


@pytest.mark.django_db
def test_the_list_costs_three_queries_whatever_its_length(community, street_officer, django_assert_num_queries):
    for n in range(5):
        birth = dt.date(1970 + n, 1, 1)
        for serial in (11, 12):
            ResidentFactory(
                community=community,
                name=f"居民{n}",
                id_number=valid_id_number(birth=birth, serial=serial),
                mobile=f"1390532{n:04d}",
            )
    with django_assert_num_queries(3):
        pairs = resident_duplicate_pairs(user=street_officer)
        [(p.first.community.street.name, p.second.community.name) for p in pairs]
    assert len(pairs) == 5


@pytest.mark.django_db
def test_the_old_address_of_a_tombstone_leads_to_the_kept_record_within_scope(
    community, street_officer, other_community_staff
):
    first = ResidentFactory(community=community, name="王秀英", id_number=ID_A, mobile="13905328861")
    second = ResidentFactory(community=community, name="王秀英", id_number=ID_B, mobile="13905328861")
    resident_merge(actor=street_officer, kept=first, duplicate=second)
    assert resident_merged_into(user=street_officer, pk=second.pk) == first
    assert resident_merged_into(user=other_community_staff, pk=second.pk) is None
