import datetime as dt

import pytest
from rest_framework.test import APIClient

from assistance.models import AssistanceCase
from stations.models import ServiceKind, ServiceRecord
from tests.assistance.conftest import TODAY
from tests.factories.reports import close_month, day_in
from tests.factories.residents import ResidentFactory

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


def _assignee_error(response, pk) -> tuple[int, object]:
    """Status and the assigned_to error, with the key itself left out."""
    body = response.json()
    errors = body.get("errors", body)
    return response.status_code, str(errors.get("assigned_to")).replace(str(pk), "<pk>")


@pytest.fixture
def outsider_and_missing(other_community_staff):
    """An active account of another street, and a key that names no account."""
    from stations.models import User

    return other_community_staff.pk, User.objects.order_by("-pk").first().pk + 1000


def test_opening_a_case_for_another_areas_staff_answers_like_a_missing_account(api, community, outsider_and_missing):
    resident = ResidentFactory(community=community)
    outsider, missing = outsider_and_missing

    answers = [
        _assignee_error(api.post(BASE, {"resident": resident.pk, "assigned_to": pk}, format="json"), pk)
        for pk in (outsider, missing)
    ]

    assert answers[0] == answers[1]
    assert answers[0][0] == 400 and "<pk>" in answers[0][1]
    assert not AssistanceCase.objects.exists()


def test_reassigning_a_case_to_another_areas_staff_answers_like_a_missing_account(api, make_case, outsider_and_missing):
    case = make_case()
    outsider, missing = outsider_and_missing

    answers = [
        _assignee_error(api.post(f"{BASE}{case.pk}/reassign/", {"assigned_to": pk}, format="json"), pk)
        for pk in (outsider, missing)
    ]

    assert answers[0] == answers[1]
    assert answers[0][0] == 400 and "<pk>" in answers[0][1]


def test_filtering_cases_by_another_areas_staff_answers_like_a_missing_account(api, make_case, outsider_and_missing):
    make_case()
    outsider, missing = outsider_and_missing

    answers = [_assignee_error(api.get(BASE, {"assigned_to": pk}), pk) for pk in (outsider, missing)]

    assert answers[0] == answers[1]
    assert answers[0][0] == 400


def test_a_case_may_still_be_assigned_to_an_officer_of_the_residents_street(api, community, street_officer):
    resident = ResidentFactory(community=community)

    response = api.post(BASE, {"resident": resident.pk, "assigned_to": street_officer.pk}, format="json")

    assert response.status_code == 201
    assert AssistanceCase.objects.get().assigned_to == street_officer


def test_the_api_refuses_a_service_in_a_closed_month_with_400(client, community_staff, community, make_case, month):
    case = make_case(opened_days_ago=(dt.date.today() - month.start).days + 30)
    close_month(community=community, by=community_staff)
    client.force_login(community_staff)
    response = client.post(
        f"/api/v1/assistance/cases/{case.pk}/services/",
        {"kind": ServiceKind.CAREER_GUIDANCE, "served_on": day_in(month).isoformat(), "channel": "phone"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not ServiceRecord.objects.exists()
