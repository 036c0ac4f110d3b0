"""The resident's pages: sign-in, the record, requests, download, opt-out."""

import json

import pytest
from django.urls import reverse

from self_service import session
from self_service.models import ChangeRequest, DataRequest
from stations.models import AuditEntry, TextConsent
from tests.factories import ResidentFactory, ServiceRecordFactory

from .conftest import last_code


def _sign_in(client, number="13912345678"):
    client.post(reverse("me:sign_in"), {"mobile": number})
    return client.post(reverse("me:code"), {"code": last_code(number)})


def test_the_own_page_sends_a_visitor_who_is_not_signed_in_to_the_sign_in_page(client, db):
    response = client.get("/me/")

    assert response.status_code == 302 and response["Location"] == reverse("me:sign_in")


def test_asking_for_a_code_answers_the_same_for_a_registered_and_an_unknown_number(client, resident):
    known = client.post(reverse("me:sign_in"), {"mobile": "13912345678"})
    known_page = client.get(known["Location"]).content.decode().replace("139****5678", "NUMBER")
    client.session.flush()
    unknown = client.post(reverse("me:sign_in"), {"mobile": "13800001111"})
    unknown_page = client.get(unknown["Location"]).content.decode().replace("138****1111", "NUMBER")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    strip = [line for line in known_page.splitlines() if "csrfmiddlewaretoken" not in line]
    assert strip == [line for line in unknown_page.splitlines() if "csrfmiddlewaretoken" not in line]


def test_a_mistyped_number_is_refused_with_the_number_kept(client, db):
    response = client.post(reverse("me:sign_in"), {"mobile": "1391234"})

    assert response.status_code == 200
    assert "11 digits" in response.content.decode() or "11位" in response.content.decode()
    assert 'value="1391234"' in response.content.decode()


def test_signing_in_shows_the_record_with_identifiers_masked(client, resident, community_staff):
    ServiceRecordFactory(resident=resident, staff=community_staff)

    response = _sign_in(client)
    page = client.get(response["Location"]).content.decode()

    assert response["Location"] == reverse("me:home")
    assert resident.masked_id_number in page
    assert resident.id_number not in page
    assert "13912345678" not in page
    assert AuditEntry.objects.filter(action="login", object_id=str(resident.pk)).exists()


def test_a_wrong_code_keeps_the_visitor_on_the_code_page_with_a_message(client, resident):
    client.post(reverse("me:sign_in"), {"mobile": "13912345678"})
    wrong = "000000" if last_code() != "000000" else "111111"

    response = client.post(reverse("me:code"), {"code": wrong})

    assert response.status_code == 200
    assert session.RESIDENT_ID not in client.session


def test_a_shared_phone_asks_who_is_signing_in(client, community, resident):
    spouse = ResidentFactory(community=community, mobile="13912345678", name="李强")
    response = _sign_in(client)
    assert response["Location"] == reverse("me:choose")

    response = client.post(reverse("me:choose"), {"resident": spouse.pk})

    assert response["Location"] == reverse("me:home")
    assert client.session[session.RESIDENT_ID] == spouse.pk


def test_an_idle_session_ends_after_fifteen_minutes(client, resident):
    _sign_in(client)
    store = client.session
    store[session.SEEN_AT] -= session.IDLE_MINUTES * 60 + 1
    store.save()

    response = client.get(reverse("me:home"))

    assert response["Location"] == reverse("me:sign_in")


def test_signing_out_ends_the_resident_session(client, resident):
    _sign_in(client)

    client.post(reverse("me:sign_out"))

    assert client.get(reverse("me:home"))["Location"] == reverse("me:sign_in")


def test_a_change_of_job_wishes_is_a_pending_request_and_the_record_is_unchanged(client, resident):
    _sign_in(client)

    response = client.post(
        reverse("me:change"),
        {"mobile": "13912345678", "address": resident.address, "wants_training": "true", "wanted_course_types": "电工"},
    )

    assert response.status_code == 302
    change = ChangeRequest.objects.get(resident=resident)
    assert change.changes == {"wants_training": [None, True], "wanted_course_types": ["", "电工"]}
    resident.refresh_from_db()
    assert resident.wants_training is None


def test_sending_the_change_form_unchanged_says_nothing_was_changed(client, resident):
    _sign_in(client)

    response = client.post(reverse("me:change"), {"mobile": "13912345678", "address": resident.address})

    assert response.status_code == 200
    assert not ChangeRequest.objects.exists()


def test_a_data_request_is_due_in_the_policy_number_of_days(client, resident):
    from django.utils import timezone

    _sign_in(client)

    client.post(reverse("me:data_request"), {"kind": "correction", "details": "出生日期有误"})

    data_request = DataRequest.objects.get(resident=resident)
    assert (data_request.due_on - timezone.localdate()).days == 15


def test_the_download_is_a_json_copy_of_the_residents_own_data(client, resident, community_staff):
    ServiceRecordFactory(resident=resident, staff=community_staff, note="首次登记")
    other = ResidentFactory(community=resident.community, name="张三")
    ServiceRecordFactory(resident=other, staff=community_staff, note="别人的服务")
    _sign_in(client)

    response = client.get(reverse("me:download"))

    copy = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert copy["record"]["id_number"] == resident.id_number
    assert [s["note"] for s in copy["services"]] == ["首次登记"]
    assert AuditEntry.objects.filter(action="export", object_id=str(resident.pk)).exists()


def test_stopping_messages_withdraws_consent_at_once(client, community):
    resident = ResidentFactory(community=community, mobile="13912345678", text_consent=TextConsent.GIVEN)
    _sign_in(client)

    client.post(reverse("me:opt_out"))

    resident.refresh_from_db()
    assert resident.text_consent == TextConsent.WITHDRAWN


@pytest.mark.parametrize("name", ["me:change", "me:data_request", "me:download"])
def test_the_resident_pages_need_a_signed_in_resident(client, db, name):
    assert client.get(reverse(name))["Location"] == reverse("me:sign_in")
