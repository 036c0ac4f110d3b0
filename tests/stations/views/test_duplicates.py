"""The possible-duplicates pages: list, compare and merge, merges and undo."""

import datetime as dt

import pytest
from django.urls import reverse

from stations.models import AuditAction, AuditEntry, Resident, ResidentMerge
from stations.services.merges import resident_merge
from tests.factories import ResidentFactory, ServiceRecordFactory, valid_id_number
from tests.factories.assistance import AssistanceCaseFactory

pytestmark = pytest.mark.django_db

BIRTH = dt.date(1975, 3, 8)
ID_A = valid_id_number(birth=BIRTH, male=False, serial=11)
ID_B = valid_id_number(birth=BIRTH, male=False, serial=12)
DUPLICATES = reverse("stations:resident_duplicates")
MERGES = reverse("stations:resident_merges")


@pytest.fixture
def pair(community):
    first = ResidentFactory(community=community, name="王秀英", id_number=ID_A, mobile="13905328861")
    second = ResidentFactory(community=community, name="王秀英", id_number=ID_B, mobile="13905328861")
    return first, second


def _merge_url(first, second):
    return reverse("stations:resident_merge", kwargs={"pk": first.pk}) + f"?with={second.pk}"


def test_a_street_officer_sees_the_pair_masked(client, street_officer, pair):
    client.force_login(street_officer)
    html = client.get(DUPLICATES).content.decode()
    assert "王秀英" in html
    assert ID_A[:6] + "********" + ID_A[-4:] in html
    assert ID_A not in html and ID_B not in html and "13905328861" not in html
    assert _merge_url(*pair).replace("&", "&amp;") in html or _merge_url(*pair) in html


def test_community_staff_do_not_get_the_duplicates_list(staff_client, pair):
    assert staff_client.get(DUPLICATES).status_code == 403


def test_the_compare_page_shows_both_records_masked_with_what_they_hold(client, street_officer, pair, community_staff):
    first, second = pair
    ServiceRecordFactory(resident=second, staff=community_staff)
    client.force_login(street_officer)
    response = client.get(_merge_url(first, second))
    html = response.content.decode()
    assert response.status_code == 200
    assert ID_A not in html and ID_B not in html
    assert f'value="{first.pk}"' in html and f'value="{second.pk}"' in html
    assert response["Cache-Control"] == "no-store"


def test_the_compare_page_of_two_unrelated_records_is_a_404(client, street_officer, community):
    first = ResidentFactory(community=community, name="甲")
    second = ResidentFactory(community=community, name="乙")
    client.force_login(street_officer)
    assert client.get(_merge_url(first, second)).status_code == 404


def test_the_compare_page_of_a_record_in_another_street_is_a_404(client, street_officer, other_community):
    first = ResidentFactory(community=other_community, name="王秀英", id_number=ID_A, mobile="13905328861")
    second = ResidentFactory(community=other_community, name="王秀英", id_number=ID_B, mobile="13905328861")
    client.force_login(street_officer)
    assert client.get(_merge_url(first, second)).status_code == 404


def test_merging_keeps_the_chosen_record_and_opens_it(client, street_officer, pair, community_staff):
    first, second = pair
    service = ServiceRecordFactory(resident=first, staff=community_staff)
    client.force_login(street_officer)
    response = client.post(
        reverse("stations:resident_merge", kwargs={"pk": first.pk}),
        {"with": second.pk, "keep": second.pk, "note": "同一人"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("stations:resident_detail", kwargs={"pk": second.pk})
    service.refresh_from_db()
    assert service.resident_id == second.pk
    assert Resident.with_tombstones.get(pk=first.pk).merged_into_id == second.pk


def test_a_refused_merge_shows_why_and_keeps_the_choice(client, street_officer, pair, community_staff):
    first, second = pair
    AssistanceCaseFactory(resident=first, assigned_to=community_staff)
    AssistanceCaseFactory(resident=second, assigned_to=community_staff)
    client.force_login(street_officer)
    response = client.post(
        reverse("stations:resident_merge", kwargs={"pk": first.pk}), {"with": second.pk, "keep": second.pk, "note": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert f'value="{second.pk}" checked' in html
    assert not ResidentMerge.objects.exists()


def test_the_old_address_of_a_merged_record_redirects_to_the_kept_one(client, street_officer, pair):
    first, second = pair
    resident_merge(actor=street_officer, kept=first, duplicate=second)
    client.force_login(street_officer)
    response = client.get(reverse("stations:resident_detail", kwargs={"pk": second.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("stations:resident_detail", kwargs={"pk": first.pk})


def test_the_old_address_of_a_merged_record_is_a_404_out_of_scope(client, street_officer, other_community_staff, pair):
    first, second = pair
    resident_merge(actor=street_officer, kept=first, duplicate=second)
    client.force_login(other_community_staff)
    assert client.get(reverse("stations:resident_detail", kwargs={"pk": second.pk})).status_code == 404


def test_the_kept_record_page_names_the_record_merged_into_it(client, street_officer, community_staff, pair):
    first, second = pair
    resident_merge(actor=street_officer, kept=first, duplicate=second)
    client.force_login(community_staff)
    html = client.get(reverse("stations:resident_detail", kwargs={"pk": first.pk})).content.decode()
    assert second.masked_id_number in html


def test_the_district_bureau_undoes_a_merge_from_the_merges_page(client, street_officer, district_bureau, pair):
    first, second = pair
    merge = resident_merge(actor=street_officer, kept=first, duplicate=second)
    client.force_login(district_bureau)
    html = client.get(MERGES).content.decode()
    assert reverse("stations:resident_merge_undo", kwargs={"pk": merge.pk}) in html
    response = client.post(reverse("stations:resident_merge_undo", kwargs={"pk": merge.pk}), {"note": "不是同一人"})
    assert response.status_code == 302
    merge.refresh_from_db()
    assert merge.is_undone
    assert AuditEntry.objects.filter(action=AuditAction.MERGE_UNDONE).exists()


def test_a_street_officer_sees_merges_but_cannot_undo_them(client, street_officer, pair):
    merge = resident_merge(actor=street_officer, kept=pair[0], duplicate=pair[1])
    client.force_login(street_officer)
    html = client.get(MERGES).content.decode()
    assert "王秀英" in html
    assert reverse("stations:resident_merge_undo", kwargs={"pk": merge.pk}) not in html
    response = client.post(reverse("stations:resident_merge_undo", kwargs={"pk": merge.pk}), {"note": "x"})
    assert response.status_code == 403


def test_an_undo_without_a_reason_is_refused_with_a_message(client, street_officer, district_bureau, pair):
    merge = resident_merge(actor=street_officer, kept=pair[0], duplicate=pair[1])
    client.force_login(district_bureau)
    response = client.post(reverse("stations:resident_merge_undo", kwargs={"pk": merge.pk}), {"note": ""}, follow=True)
    assert response.status_code == 200
    merge.refresh_from_db()
    assert not merge.is_undone


def test_the_duplicates_list_costs_the_same_queries_for_one_or_many_pairs(
    client, street_officer, community, django_assert_max_num_queries
):
    client.force_login(street_officer)
    for n in range(6):
        for serial in (11, 12):
            ResidentFactory(
                community=community,
                name=f"居民{n}",
                id_number=valid_id_number(birth=dt.date(1970 + n, 1, 1), serial=serial),
                mobile=f"1390532{n:04d}",
            )
    with django_assert_max_num_queries(12):
        assert client.get(DUPLICATES).status_code == 200
