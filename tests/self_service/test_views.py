"""Staff side: the to-do of residents' requests, scoped; confirm applies
through resident_update, decline leaves the record and tells the resident."""

import pytest
from django.urls import reverse
from django.utils import translation

from self_service import services
from self_service.models import ChangeRequest, RequestStatus
from stations.models import AuditEntry, Role, TextConsent, TextMessage
from tests.factories import ResidentFactory, UserFactory


def test_confirming_applies_the_change_to_the_record_and_audits_it(staff_client, change, resident):
    response = staff_client.post(reverse("self_service:change_decide", args=[change.pk]), {"decision": "confirm"})

    assert response.status_code == 302
    resident.refresh_from_db()
    change.refresh_from_db()
    assert resident.address == "新地址1号" and resident.wanted_work_pattern == "part_time"
    assert change.status == RequestStatus.CONFIRMED
    assert AuditEntry.objects.filter(action="update", object_id=str(resident.pk)).exists()


def test_declining_leaves_the_record_and_texts_the_reason(staff_client, community):
    resident = ResidentFactory(community=community, mobile="13912345678", text_consent=TextConsent.GIVEN)
    change = services.change_request_create(resident=resident, data={"address": "新地址2号"})

    staff_client.post(
        reverse("self_service:change_decide", args=[change.pk]), {"decision": "decline", "reason": "地址无法核实"}
    )

    resident.refresh_from_db()
    change.refresh_from_db()
    assert resident.address != "新地址2号"
    assert change.status == RequestStatus.DECLINED and change.decision_reason == "地址无法核实"
    message = TextMessage.objects.get(number="13912345678", template="change_declined")
    assert message.params == {"reason": "地址无法核实"}


def test_declining_without_a_reason_is_refused(staff_client, change):
    staff_client.post(reverse("self_service:change_decide", args=[change.pk]), {"decision": "decline", "reason": " "})

    change.refresh_from_db()
    assert change.status == RequestStatus.PENDING


def test_a_change_already_decided_is_not_applied_again(community_staff, change):
    services.change_request_decline(actor=community_staff, change_request=change, reason="不符")

    with pytest.raises(Exception, match="decided already"):
        services.change_request_confirm(actor=community_staff, change_request=change)


def test_staff_of_another_community_get_404_for_a_change_outside_their_area(client, other_community_staff, change):
    client.force_login(other_community_staff)

    response = client.post(reverse("self_service:change_decide", args=[change.pk]), {"decision": "confirm"})

    assert response.status_code == 404
    change.refresh_from_db()
    assert change.status == RequestStatus.PENDING


def test_the_list_shows_only_requests_of_the_users_area(client, other_community_staff, change, street_officer):
    client.force_login(other_community_staff)
    assert change.resident.name not in client.get(reverse("self_service:request_list")).content.decode()

    client.force_login(street_officer)
    assert change.resident.name in client.get(reverse("self_service:request_list")).content.decode()


def test_a_district_bureau_sees_requests_but_may_not_decide_them(client, district_bureau, change):
    client.force_login(district_bureau)

    response = client.post(reverse("self_service:change_decide", args=[change.pk]), {"decision": "confirm"})

    assert response.status_code == 403


def test_answering_a_data_request_closes_it_and_tells_the_resident(staff_client, community):
    resident = ResidentFactory(community=community, mobile="13912345678", text_consent=TextConsent.GIVEN)
    data_request = services.data_request_create(resident=resident, kind="correction", details="姓名错字")

    staff_client.post(
        reverse("self_service:data_request_answer", args=[data_request.pk]),
        {"outcome": "done", "answer": "已更正"},
    )

    data_request.refresh_from_db()
    assert data_request.answered_at is not None and data_request.answer == "已更正"
    assert TextMessage.objects.filter(template="data_request_answered", resident=resident).exists()


def test_an_answer_without_text_is_refused(staff_client, resident):
    data_request = services.data_request_create(resident=resident, kind="correction", details="姓名错字")

    staff_client.post(reverse("self_service:data_request_answer", args=[data_request.pk]), {"outcome": "done"})

    data_request.refresh_from_db()
    assert data_request.is_open


def test_the_list_offers_confirm_and_decline_to_staff_who_decide(staff_client, change):
    page = staff_client.get(reverse("self_service:request_list")).content.decode()

    assert reverse("self_service:change_decide", args=[change.pk]) in page
    assert 'value="confirm"' in page and 'value="decline"' in page


def test_the_list_offers_no_decision_to_a_district_bureau(client, district_bureau, change):
    client.force_login(district_bureau)

    page = client.get(reverse("self_service:request_list")).content.decode()

    assert change.resident.name in page
    assert reverse("self_service:change_decide", args=[change.pk]) not in page


def test_a_stale_pages_decision_is_refused_with_the_message(client, community, community_staff, change):
    services.change_request_confirm(actor=community_staff, change_request=change)
    client.force_login(UserFactory(role=Role.COMMUNITY_STAFF, community=community))

    response = client.post(
        reverse("self_service:change_decide", args=[change.pk]), {"decision": "decline", "reason": "不符"}, follow=True
    )

    with translation.override("zh-hans"):
        refusal = str(ChangeRequest.workflow.state_message)
    assert refusal in response.content.decode()
    change.refresh_from_db()
    assert change.status == RequestStatus.CONFIRMED
