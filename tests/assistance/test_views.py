import datetime as dt

from django.urls import reverse

from assistance.models import AssistanceCase
from stations.models import AuditEntry, ServiceRecord
from tests.factories.residents import ResidentFactory

from .conftest import TODAY


def test_ledger_lists_cases_of_my_community_with_progress(staff_client, make_case, django_assert_max_num_queries):
    for _ in range(5):
        make_case()
    with django_assert_max_num_queries(20):
        response = staff_client.get(reverse("assistance:case_list"))
    assert response.status_code == 200
    assert response.content.decode().count("/staff/assistance/") >= 5


def test_case_of_another_community_is_not_found(staff_client, other_community, make_case):
    case = make_case(resident=ResidentFactory(community=other_community))
    assert staff_client.get(reverse("assistance:case_detail", args=[case.pk])).status_code == 404
    assert staff_client.post(reverse("assistance:case_service", args=[case.pk]), {}).status_code == 404


def test_case_page_shows_overdue_items_and_logs_the_view(staff_client, make_case):
    case = make_case(opened_days_ago=120)
    response = staff_client.get(reverse("assistance:case_detail", args=[case.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="overdue"' in body
    assert AuditEntry.objects.filter(action="view", object_id=str(case.pk)).exists()


def test_recording_a_service_by_phone_from_the_case_page(staff_client, make_case):
    case = make_case()
    response = staff_client.post(
        reverse("assistance:case_service", args=[case.pk]),
        {"kind": "policy_contact", "served_on": TODAY.isoformat(), "channel": "phone", "note": "讲解政策"},
    )
    assert response.status_code == 302
    assert ServiceRecord.objects.get().note == "讲解政策"


def test_service_form_errors_keep_what_was_typed(staff_client, make_case):
    case = make_case()
    future = (TODAY + dt.timedelta(days=3)).isoformat()
    response = staff_client.post(
        reverse("assistance:case_service", args=[case.pk]),
        {"kind": "policy_contact", "served_on": future, "channel": "phone", "note": "keep me"},
    )
    assert response.status_code == 400
    assert "keep me" in response.content.decode()
    assert not ServiceRecord.objects.exists()


def test_proposed_resident_is_opened_with_one_click(staff_client, community, community_staff):
    resident = ResidentFactory(community=community, employment_status="unemployed")
    page = staff_client.get(reverse("assistance:proposed")).content.decode()
    assert resident.name in page
    response = staff_client.post(
        reverse("assistance:case_open", args=[resident.pk]),
        {
            "assigned_to": community_staff.pk,
            "aid_type": "basic_service",
            "opened_on": TODAY.isoformat(),
            "proposed": "1",
        },
    )
    case = AssistanceCase.objects.get(resident=resident)
    assert response.url == reverse("assistance:case_detail", args=[case.pk])
    assert case.origin == "proposed"
    after = staff_client.get(reverse("assistance:proposed")).content.decode()
    assert reverse("assistance:case_open", args=[resident.pk]) not in after


def test_close_page_closes_the_case(staff_client, make_case):
    case = make_case()
    response = staff_client.post(
        reverse("assistance:case_close", args=[case.pk]),
        {"reason": "moved_away", "closed_on": TODAY.isoformat(), "employment_status": "employed", "note": ""},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"


def test_compliance_page_shows_the_definition_beside_the_figure(client, street_officer, make_case):
    make_case(opened_days_ago=370)
    client.force_login(street_officer)
    response = client.get(reverse("assistance:compliance"), {"level": "community"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "0%" in body
    assert 'id="def-h"' in body


def test_dashboard_shows_my_overdue_cases_with_one_click_recording(staff_client, make_case):
    case = make_case(opened_days_ago=120)
    body = staff_client.get(reverse("stations:dashboard")).content.decode()
    assert case.resident.name in body
    assert reverse("assistance:case_service", args=[case.pk]) in body


def test_bureau_sees_the_ledger_but_cannot_record(client, district_bureau, make_case):
    case = make_case()
    client.force_login(district_bureau)
    assert client.get(reverse("assistance:case_detail", args=[case.pk])).status_code == 200
    response = client.post(
        reverse("assistance:case_service", args=[case.pk]),
        {"kind": "policy_contact", "served_on": TODAY.isoformat(), "channel": "phone"},
    )
    assert response.status_code == 403


def test_household_case_page_records_a_follow_up(staff_client, community, community_staff):
    from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory

    household = HouseholdFactory(community=community, zero_employment_since=TODAY - dt.timedelta(days=20))
    case = HouseholdCaseFactory(household=household, assigned_to=community_staff)
    member = ResidentFactory(community=community, household=household)
    assert staff_client.get(reverse("assistance:household_detail", args=[case.pk])).status_code == 200
    response = staff_client.post(
        reverse("assistance:household_service", args=[case.pk]),
        {"member": member.pk, "kind": "follow_up", "served_on": TODAY.isoformat(), "channel": "phone"},
    )
    assert response.status_code == 302
    assert ServiceRecord.objects.get().resident == member


def test_ledger_downloads_masked_and_logged(client, community_staff, community):
    import io

    from openpyxl import load_workbook

    from assistance.models import AssistanceCase
    from stations.models import AuditEntry
    from tests.factories import ResidentFactory

    resident = ResidentFactory(community=community)
    AssistanceCase.objects.create(
        resident=resident,
        assigned_to=community_staff,
        opened_by=community_staff,
        opened_on=dt.date.today() - dt.timedelta(days=100),
        year_ends_on=dt.date.today() + dt.timedelta(days=264),
    )
    client.force_login(community_staff)
    response = client.get(reverse("assistance:ledger_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][1] == resident.name
    assert rows[1][2] == resident.masked_id_number
    assert resident.id_number not in str(rows)
    assert AuditEntry.objects.filter(action="export", object_repr="12333 ledger").exists()
