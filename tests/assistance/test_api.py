import pytest
from rest_framework.test import APIClient

from assistance.models import AssistanceCase
from stations.models import ServiceRecord
from tests.factories.residents import ResidentFactory

from .conftest import TODAY

BASE = "/api/v1/assistance/cases/"


@pytest.fixture
def api(community_staff):
    client = APIClient()
    client.force_authenticate(community_staff)
    return client


def test_case_list_shows_progress_within_scope(api, make_case, other_community, django_assert_max_num_queries):
    mine = [make_case() for _ in range(3)]
    make_case(resident=ResidentFactory(community=other_community))
    with django_assert_max_num_queries(6):
        response = api.get(BASE)
    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == {c.pk for c in mine}
    assert response.json()["results"][0]["progress"]["next_due"]["count"] == 1


def test_out_of_scope_case_is_404(api, make_case, other_community):
    case = make_case(resident=ResidentFactory(community=other_community))
    assert api.get(f"{BASE}{case.pk}/").status_code == 404
    assert api.post(f"{BASE}{case.pk}/services/", {"kind": "policy_contact"}).status_code == 404


def test_open_a_case_through_the_api(api, community, community_staff):
    resident = ResidentFactory(community=community)
    response = api.post(BASE, {"resident": resident.pk, "assigned_to": community_staff.pk}, format="json")
    assert response.status_code == 201
    assert AssistanceCase.objects.get().resident == resident
    again = api.post(BASE, {"resident": resident.pk, "assigned_to": community_staff.pk}, format="json")
    assert again.status_code == 400


def test_cannot_open_a_case_for_a_resident_out_of_scope(api, other_community, community_staff):
    resident = ResidentFactory(community=other_community)
    response = api.post(BASE, {"resident": resident.pk, "assigned_to": community_staff.pk}, format="json")
    assert response.status_code == 400
    assert "resident" in response.json()["errors"]


def test_record_and_list_services_through_the_api(api, make_case):
    case = make_case()
    response = api.post(f"{BASE}{case.pk}/services/", {"kind": "job_recommendation", "note": "保洁岗位"}, format="json")
    assert response.status_code == 201
    assert ServiceRecord.objects.get().channel == "phone"
    listed = api.get(f"{BASE}{case.pk}/services/").json()
    assert [r["kind"] for r in listed["results"]] == ["job_recommendation"]
    progress = api.get(f"{BASE}{case.pk}/progress/").json()
    assert next(k for k in progress["kinds"] if k["kind"] == "job_recommendation")["done"] == 1


def test_future_service_date_is_a_400_with_the_field(api, make_case):
    case = make_case()
    response = api.post(
        f"{BASE}{case.pk}/services/", {"kind": "policy_contact", "served_on": "2999-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert "served_on" in response.json()["errors"]


def test_close_through_the_api(api, make_case):
    case = make_case()
    response = api.post(f"{BASE}{case.pk}/close/", {"reason": "found_work"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "employed"
    assert response.json()["closed_on"] == TODAY.isoformat()


def test_bureau_reads_but_cannot_write(make_case, district_bureau):
    case = make_case()
    client = APIClient()
    client.force_authenticate(district_bureau)
    assert client.get(f"{BASE}{case.pk}/").status_code == 200
    assert client.post(f"{BASE}{case.pk}/services/", {"kind": "policy_contact"}, format="json").status_code == 403
