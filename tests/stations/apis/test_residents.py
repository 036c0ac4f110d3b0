import datetime as dt

import pytest
from rest_framework.test import APIClient

from stations.models import AuditAction, AuditEntry, Resident, TargetGroup
from tests.factories import ResidentFactory, valid_id_number
from tests.factories.reports import day_in
from tests.factories.residents import registration_data

pytestmark = pytest.mark.django_db

URL = "/api/v1/residents/"


@pytest.fixture
def api(community_staff):
    client = APIClient()
    client.force_authenticate(community_staff)
    return client


def _payload(community, **overrides):
    data = {
        "name": "刘洋",
        "id_number": valid_id_number(birth=dt.date(1992, 8, 9), male=True),
        "mobile": "+8613812345678",
        "community": community.pk,
        "address": "光明路3号",
        "education": "college",
        "employment_status": "unemployed",
        "target_groups": ["veteran"],
        "wants_training": True,
    }
    data.update(overrides)
    return data


def test_anonymous_callers_are_refused(db):
    assert APIClient().get(URL).status_code in (401, 403)


def test_list_masks_id_numbers_and_phones(api, community):
    ResidentFactory(community=community, id_number="11010519491231002X", mobile="13912345678")
    row = api.get(URL).json()["results"][0]
    assert row["id_number"] == "110105********002X"
    assert row["mobile"] == "139****5678"


def test_list_leaves_out_sensitive_groups(api, community):
    resident = ResidentFactory(community=community)
    resident.target_groups.set(TargetGroup.objects.filter(code__in=["disabled", "veteran"]))
    assert api.get(URL).json()["results"][0]["target_groups"] == ["veteran"]


def test_list_shows_only_the_scope(api, community, sibling_community):
    ResidentFactory(community=community)
    ResidentFactory(community=sibling_community)
    assert api.get(URL).json()["count"] == 1


def test_list_issues_a_fixed_number_of_queries(api, community, django_assert_max_num_queries):
    ResidentFactory.create_batch(3, community=community)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        api.get(URL)
    ResidentFactory.create_batch(20, community=community)
    with django_assert_max_num_queries(len(few)):
        assert api.get(URL).json()["count"] == 23


def test_retrieve_gives_full_values_and_logs_a_view(api, community):
    resident = ResidentFactory(community=community, id_number="11010519491231002X")
    body = api.get(f"{URL}{resident.pk}/").json()
    assert body["id_number"] == "11010519491231002X"
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(resident.pk)).count() == 1


def test_retrieve_gives_the_wanted_occupation_group_code_and_label(api, community):
    resident = ResidentFactory(community=community, wanted_occupation="4-10")
    body = api.get(f"{URL}{resident.pk}/").json()
    assert (body["wanted_occupation"], body["wanted_occupation_label"]) == ("4-10", "4-10 居民服务人员")


def test_create_takes_the_wanted_occupation_group_by_code(api, community):
    response = api.post(URL, _payload(community, wanted_occupation="4-10"), format="json")
    assert response.status_code == 201, response.json()
    assert Resident.objects.get(pk=response.json()["id"]).wanted_occupation == "4-10"


def test_create_answers_400_for_an_unknown_occupation_group(api, community):
    response = api.post(URL, _payload(community, wanted_occupation="4-77"), format="json")
    assert response.status_code == 400
    assert "wanted_occupation" in response.json()["errors"]


def test_retrieve_out_of_scope_is_404(api, far_community):
    resident = ResidentFactory(community=far_community)
    assert api.get(f"{URL}{resident.pk}/").status_code == 404


def test_create_validates_like_the_form_and_registers(api, community):
    response = api.post(URL, _payload(community), format="json")
    assert response.status_code == 201, response.json()
    resident = Resident.objects.get(pk=response.json()["id"])
    assert resident.mobile == "13812345678"
    assert resident.wants_training is True


def test_create_with_a_wrong_id_number_gives_the_field_error(api, community):
    response = api.post(URL, _payload(community, id_number="110105194912310021"), format="json")
    assert response.status_code == 400
    assert "id_number" in response.json()["errors"]


def test_create_of_a_duplicate_names_the_holding_community(api, community, far_community):
    existing = ResidentFactory(community=far_community)
    response = api.post(URL, _payload(community, id_number=existing.id_number), format="json")
    assert response.status_code == 400
    assert far_community.name in response.json()["errors"]["id_number"][0]


def test_create_in_a_community_outside_the_scope_is_refused(api, far_community):
    response = api.post(URL, _payload(far_community), format="json")
    assert response.status_code == 400
    assert "community" in response.json()["errors"]


def test_partial_update_changes_one_field_and_audits_it(api, community):
    resident = ResidentFactory(community=community, address="旧")
    response = api.patch(f"{URL}{resident.pk}/", {"address": "新"}, format="json")
    assert response.status_code == 200, response.json()
    resident.refresh_from_db()
    assert resident.address == "新"
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(resident.pk)).latest("pk")
    assert entry.changes == {"address": ["旧", "新"]}


def test_bureau_cannot_write(community, district_bureau):
    client = APIClient()
    client.force_authenticate(district_bureau)
    assert client.post(URL, _payload(community), format="json").status_code == 403


def test_create_with_a_full_width_id_number_finds_the_person_registered_in_ascii(api, community, far_community):
    existing = ResidentFactory(community=far_community, id_number="11010519491231002X")
    response = api.post(URL, _payload(community, id_number="１１０１０５１９４９１２３１００２ｘ"), format="json")
    assert response.status_code == 400
    assert far_community.name in response.json()["errors"]["id_number"][0]
    assert Resident.objects.filter(id_number=existing.id_number).count() == 1


def test_create_stores_a_full_width_id_number_and_name_normalised(api, community):
    number = valid_id_number(birth=dt.date(1992, 8, 9), male=True, serial=31)
    full_width = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    response = api.post(URL, _payload(community, id_number=full_width, name="\u3000刘洋\u200b"), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["id_number"] == number
    assert Resident.objects.get(pk=response.json()["id"]).name == "刘洋"


def test_a_merged_record_is_a_404_in_the_api(api, community, street_officer):
    from stations.services.merges import resident_merge

    kept = ResidentFactory(community=community, name="王秀英", mobile="13905328861")
    typo = valid_id_number(birth=kept.birth_date, male=kept.sex == "M", serial=77)
    merged = ResidentFactory(community=community, name="王秀英", mobile="13905328861", id_number=typo)
    resident_merge(actor=street_officer, kept=kept, duplicate=merged)
    assert api.get(f"{URL}{merged.pk}/").status_code == 404
    assert [row["id"] for row in api.get(URL).json()["results"]] == [kept.pk]


def test_the_name_filter_finds_one_character_or_a_longer_part_in_order(api, community):
    ResidentFactory(community=community, name="卢秀英")
    ResidentFactory(community=community, name="英秀卢")
    ResidentFactory(community=community, name="王芳")

    def names(text):
        return sorted(row["name"] for row in api.get(URL, {"name": text}).json()["results"])

    assert names("卢") == ["卢秀英", "英秀卢"]
    assert names("卢秀英") == ["卢秀英"]


# --- a closed month ----------------------------------------------------------------------------


def test_the_api_answers_400_with_the_closed_month_message(client, community_staff, community, closed, month):
    client.force_login(community_staff)
    payload = registration_data(registered_on=day_in(month).isoformat(), community=community.pk)
    response = client.post("/api/v1/residents/", payload, content_type="application/json")
    assert response.status_code == 400
    assert month.label in " ".join(response.json()["errors"]["non_field_errors"])
    assert not Resident.objects.exists()


def test_the_api_takes_the_registration_date(client, community_staff, community, month):
    client.force_login(community_staff)
    payload = registration_data(registered_on=day_in(month).isoformat(), community=community.pk)
    response = client.post("/api/v1/residents/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["registered_on"] == day_in(month).isoformat()
