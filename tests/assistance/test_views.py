import datetime as dt

from django.urls import reverse

from assistance.models import AssistanceCase
from stations.models import AuditEntry, ServiceKind, ServiceRecord
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


def test_household_case_page_records_a_service_to_a_member(staff_client, community, community_staff):
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


def test_household_page_shows_days_since_identification_against_the_deadline(staff_client, community, community_staff):
    from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory

    household = HouseholdFactory(community=community, zero_employment_since=TODAY - dt.timedelta(days=40))
    case = HouseholdCaseFactory(household=household, assigned_to=community_staff)
    body = staff_client.get(reverse("assistance:household_detail", args=[case.pk])).content.decode()
    deadline = (TODAY - dt.timedelta(days=10)).isoformat()
    assert "认定后天数" in body
    assert "40 天" in body and "期限 30 天" in body and deadline in body
    assert "已超过期限 10 天" in body
    listing = staff_client.get(reverse("assistance:household_list")).content.decode()
    assert "40 / 30" in listing


def test_household_case_closed_from_its_page_with_a_reason(staff_client, community, community_staff):
    from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory

    household = HouseholdFactory(community=community, zero_employment_since=TODAY - dt.timedelta(days=5))
    case = HouseholdCaseFactory(household=household, assigned_to=community_staff)
    url = reverse("assistance:household_close", args=[case.pk])
    refused = staff_client.post(url, {"reason": "member_in_work"})
    assert refused.status_code == 400
    assert staff_client.post(url, {"reason": "moved_away"}).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.close_reason) == ("closed", "moved_away")
    page = staff_client.get(reverse("assistance:household_detail", args=[case.pk])).content.decode()
    assert "迁出本社区" in page


def _overdue_case(make_case, resident_community, assigned_to):
    return make_case(
        opened_days_ago=130, resident=ResidentFactory(community=resident_community), assigned_to=assigned_to
    )


def test_street_dashboard_lists_every_overdue_case_of_its_communities(
    client,
    make_case,
    community,
    sibling_community,
    other_community,
    community_staff,
    street_officer,
    django_assert_max_num_queries,
):
    from stations.models import Role
    from tests.factories.users import UserFactory

    sibling_staff = UserFactory(role=Role.COMMUNITY_STAFF, community=sibling_community)
    mine = _overdue_case(make_case, community, community_staff)
    theirs = _overdue_case(make_case, sibling_community, sibling_staff)
    outside = _overdue_case(
        make_case, other_community, UserFactory(role=Role.COMMUNITY_STAFF, community=other_community)
    )
    on_time = make_case(opened_days_ago=5)
    client.force_login(street_officer)
    with django_assert_max_num_queries(40):
        body = client.get(reverse("stations:dashboard")).content.decode()
    assert "中心街街道 逾期案件" in body
    for case in (mine, theirs):
        assert reverse("assistance:case_detail", args=[case.pk]) in body
    for case in (outside, on_time):
        assert reverse("assistance:case_detail", args=[case.pk]) not in body
    assert f"{community.name} 1" in body and f"{sibling_community.name} 1" in body


def test_district_dashboard_lists_overdue_cases_of_every_street_and_their_escalations(
    client, make_case, community, other_community, far_community, community_staff, district_bureau
):
    from assistance.reminders import reminders_send
    from stations.models import Role
    from tests.factories.users import UserFactory

    here = _overdue_case(make_case, community, community_staff)
    there = _overdue_case(make_case, other_community, UserFactory(role=Role.COMMUNITY_STAFF, community=other_community))
    far = _overdue_case(make_case, far_community, UserFactory(role=Role.COMMUNITY_STAFF, community=far_community))
    reminders_send(today=TODAY)
    client.force_login(district_bureau)
    body = client.get(reverse("stations:dashboard")).content.decode()
    assert reverse("assistance:case_detail", args=[here.pk]) in body
    assert reverse("assistance:case_detail", args=[there.pk]) in body
    assert reverse("assistance:case_detail", args=[far.pk]) not in body
    assert "区（市）人社局" in body  # escalated to the district
    assert "Overdue" not in body and "escalated" not in body


def test_area_list_shows_the_most_overdue_first_and_counts_them_all(
    make_case, community, community_staff, street_officer
):
    from assistance.selectors import overdue_in_scope

    cases = [make_case(opened_days_ago=days) for days in (100, 300, 200)]
    area = overdue_in_scope(user=street_officer, limit=2)
    assert area["total"] == 3
    assert [item.case.pk for item in area["items"]] == [cases[1].pk, cases[2].pk]
    assert area["by_community"] == [(community.name, 3, community.pk)]


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


def test_ledger_export_cells_are_those_the_case_instances_gave(client, community_staff, make_case, give):
    import io

    from openpyxl import load_workbook

    from assistance import selectors
    from assistance.models import AidType, CaseStatus
    from assistance.schedule import COUNTED_KINDS

    fresh = make_case(opened_days_ago=10)
    behind = make_case(opened_days_ago=200)
    for kind in COUNTED_KINDS[:2]:
        give(behind, kind, 5, 40)
    community_staff.first_name, community_staff.last_name = "", ""
    community_staff.save()
    assert fresh and behind
    client.force_login(community_staff)
    rows = list(load_workbook(io.BytesIO(client.get(reverse("assistance:ledger_export")).content)).active.values)

    schedule = selectors.current_schedule(on=TODAY)
    expected = []
    for case in selectors.case_list(user=community_staff, filters={"status": CaseStatus.OPEN}, today=TODAY):
        progress = selectors.progress_of(case, schedule=schedule, today=TODAY)
        by_kind = {k.kind: k for k in progress.kinds}
        expected.append(
            (
                case.resident.community.name,
                case.resident.name,
                case.resident.masked_id_number,
                case.opened_on,
                dict(AidType.choices)[case.aid_type],
                dict(CaseStatus.choices)[case.status],
                case.assigned_to.get_full_name() or case.assigned_to.get_username(),
                *[f"{by_kind[k].done}/{by_kind[k].required}" for k in COUNTED_KINDS],
                progress.next_due.next_due_on if progress.next_due else None,
                "、".join(str(k.label) for k in progress.overdue) or None,
            )
        )
    got = [tuple(v.date() if isinstance(v, dt.datetime) else v for v in row) for row in rows[1:]]
    assert len(got) == 2
    assert got == [tuple(str(v) if hasattr(v, "_proxy____cast") else v for v in row) for row in expected]
