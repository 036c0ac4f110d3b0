import datetime as dt

from django.urls import reverse

from assistance.models import AssistanceCase
from stations.models import AuditEntry, ServiceKind, ServiceRecord
from tests.assistance.conftest import TODAY
from tests.factories.residents import ResidentFactory


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


def test_bureau_sees_the_ledger_but_cannot_record(client, district_bureau, make_case):
    case = make_case()
    client.force_login(district_bureau)
    assert client.get(reverse("assistance:case_detail", args=[case.pk])).status_code == 200
    response = client.post(
        reverse("assistance:case_service", args=[case.pk]),
        {"kind": "policy_contact", "served_on": TODAY.isoformat(), "channel": "phone"},
    )
    assert response.status_code == 403


def test_the_service_record_prints_the_case_with_its_services_and_signature_lines(
    staff_client, make_case, give, django_assert_max_num_queries
):
    case = make_case(opened_days_ago=60)
    give(case, ServiceKind.POLICY_CONTACT, 3, 10)
    with django_assert_max_num_queries(15):
        staff_client.cookies["django_language"] = "en"
        response = staff_client.get(reverse("assistance:case_print", args=[case.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert case.resident.name in body and case.resident.masked_id_number in body
    assert body.count('class="signature"') == 3
    assert len(response.context["services"]) == 2
    assert 'class="staff-header"' not in body  # a form, not a staff page


def test_printing_a_service_record_is_recorded_as_an_export(staff_client, make_case):
    case = make_case()
    staff_client.get(reverse("assistance:case_print", args=[case.pk]))
    assert AuditEntry.objects.filter(action="export", object_id=str(case.pk)).exists()


def test_the_service_record_of_another_communitys_case_is_not_found(staff_client, other_community, make_case):
    case = make_case(resident=ResidentFactory(community=other_community))
    assert staff_client.get(reverse("assistance:case_print", args=[case.pk])).status_code == 404


def test_staff_book_an_appointment_reminder_that_shows_as_a_queued_message(staff_client, make_case, community):
    from django.utils import timezone

    from stations.models import TextConsent, TextMessage, TextMessageStatus

    case = make_case(resident=ResidentFactory(community=community, text_consent=TextConsent.GIVEN))
    at = (timezone.localtime() + dt.timedelta(days=4)).replace(hour=9, minute=30)
    response = staff_client.post(
        reverse("assistance:case_appointment", kwargs={"pk": case.pk}),
        {"at": at.strftime("%Y-%m-%dT%H:%M"), "service": "职业指导", "place": "幸福社区驿站"},
    )
    assert response.status_code == 302
    message = TextMessage.objects.get(resident=case.resident)
    assert message.status == TextMessageStatus.QUEUED and message.params["place"] == "幸福社区驿站"


def test_case_page_offers_closing_only_while_the_case_is_open(staff_client, make_case, community_staff):
    from assistance import services

    case = make_case()
    close_url = reverse("assistance:case_close", args=[case.pk])
    detail = reverse("assistance:case_detail", args=[case.pk])
    assert f'href="{close_url}"' in staff_client.get(detail).content.decode()
    services.case_close(actor=community_staff, case=case, reason="moved_away")
    assert f'href="{close_url}"' not in staff_client.get(detail).content.decode()


def test_the_close_page_of_a_case_a_colleague_closed_offers_no_form(
    staff_client, make_case, community, community_staff
):
    from assistance import services
    from tests.factories.users import UserFactory

    case = make_case()
    services.case_close(actor=UserFactory(community=community), case=case, reason="moved_away")
    url = reverse("assistance:case_close", args=[case.pk])
    assert 'name="reason"' not in staff_client.get(url).content.decode()
    refused = staff_client.post(url, {"reason": "declined", "closed_on": TODAY.isoformat()})
    assert refused.status_code == 400
    case.refresh_from_db()
    assert case.close_reason == "moved_away"
