import datetime as dt

import pytest
from django.utils import timezone

from jobs.models import Placement
from partnerships.models import CommitmentStatus, JointMeeting, Partner
from tests.factories import ResidentFactory
from tests.factories.jobs import PostingFactory
from tests.factories.partnerships_network import CommitmentFactory, JointMeetingFactory, PartnerFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_staff_create_a_bank_partner_hosting_a_service_point(staff_client, community, sibling_community):
    response = _post(
        staff_client,
        "/api/v1/partners/partners/",
        {
            "name": "农商银行光明路支行",
            "kind": "bank",
            "community": community.pk,
            "shared_with": [sibling_community.pk],
            "partner_since": (TODAY() - dt.timedelta(days=5)).isoformat(),
            "hosts_service_point": True,
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["service_point_active"] is True
    assert set(body["communities"]) == {community.pk, sibling_community.pk}


def _post_enterprise(client, community, *, partner_since, **fields):
    data = {
        "name": "鑫源物业",
        "kind": "enterprise",
        "community": community.pk,
        "partner_since": partner_since.isoformat(),
    }
    return _post(client, "/api/v1/partners/partners/", {**data, **fields})


def test_a_wrong_credit_code_answers_400_on_the_field(staff_client, community):
    response = _post_enterprise(
        staff_client, community, partner_since=TODAY() - dt.timedelta(days=5), credit_code="91370402MA0000000X"
    )
    assert response.status_code == 400
    assert "check character" in str(response.json()["errors"]["credit_code"])
    assert not Partner.objects.exists()


def test_a_service_point_for_an_enterprise_answers_400_on_the_field(staff_client, community):
    response = _post_enterprise(staff_client, community, partner_since=TODAY(), hosts_service_point=True)
    assert response.status_code == 400
    assert "hosts_service_point" in response.json()["errors"]


def test_partner_of_another_community_is_404(staff_client, far_community):
    partner = PartnerFactory(community=far_community)
    assert staff_client.get(f"/api/v1/partners/partners/{partner.pk}/").status_code == 404


def test_meeting_created_with_nested_commitments(staff_client, community):
    a, b = PartnerFactory(community=community), PartnerFactory(community=community)
    response = _post(
        staff_client,
        "/api/v1/partners/meetings/",
        {
            "community": community.pk,
            "held_on": (TODAY() - dt.timedelta(days=1)).isoformat(),
            "topic": "联席会议",
            "chaired_by": "张书记",
            "partners": [a.pk, b.pk],
            "minutes": "认领岗位。",
            "commitments": [
                {
                    "partner": a.pk,
                    "kind": "posts",
                    "description": "5个保洁岗位",
                    "posts_promised": 5,
                    "due_on": (TODAY() + dt.timedelta(days=30)).isoformat(),
                }
            ],
        },
    )
    assert response.status_code == 201, response.json()
    assert len(response.json()["commitments"]) == 1
    assert JointMeeting.objects.get().commitments.get().posts_promised == 5


def test_meeting_in_the_future_answers_400_on_the_date(staff_client, community):
    a = PartnerFactory(community=community)
    response = _post(
        staff_client,
        "/api/v1/partners/meetings/",
        {
            "community": community.pk,
            "held_on": (TODAY() + dt.timedelta(days=3)).isoformat(),
            "topic": "联席会议",
            "chaired_by": "张书记",
            "partners": [a.pk],
            "minutes": "x",
        },
    )
    assert response.status_code == 400
    assert "held_on" in response.json()["errors"]


def test_commitment_list_shows_the_derived_state(staff_client, community):
    meeting = JointMeetingFactory(community=community, held_on=TODAY() - dt.timedelta(days=60))
    CommitmentFactory(meeting=meeting, due_on=TODAY() - dt.timedelta(days=1))
    response = staff_client.get("/api/v1/partners/commitments/")
    assert response.json()["results"][0]["state"] == "late"


def test_close_action_drops_with_a_note(staff_client, community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    response = _post(
        staff_client,
        f"/api/v1/partners/commitments/{commitment.pk}/close/",
        {"status": "dropped", "note": "企业经营困难"},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "dropped"


def test_close_action_without_a_note_for_dropping_answers_400(staff_client, community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    response = _post(staff_client, f"/api/v1/partners/commitments/{commitment.pk}/close/", {"status": "dropped"})
    assert response.status_code == 400
    assert "note" in response.json()["errors"]


def test_link_postings_action_completes_a_filled_commitment(staff_client, community, community_staff):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community), posts_promised=1)
    posting = PostingFactory(employer__community=community)
    Placement.objects.create(
        resident=ResidentFactory(community=community),
        employer=posting.employer,
        posting=posting,
        started_on=TODAY(),
        contract_months=12,
        recorded_by=community_staff,
    )
    response = _post(
        staff_client, f"/api/v1/partners/commitments/{commitment.pk}/link_postings/", {"postings": [posting.pk]}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == CommitmentStatus.DONE
    assert response.json()["hires"] == 1


def test_linking_an_out_of_scope_posting_answers_400(staff_client, community, far_community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    posting = PostingFactory(employer__community=far_community)
    response = _post(
        staff_client, f"/api/v1/partners/commitments/{commitment.pk}/link_postings/", {"postings": [posting.pk]}
    )
    assert response.status_code == 400


def test_commitment_of_another_community_is_404_for_actions(staff_client, far_community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=far_community))
    response = _post(staff_client, f"/api/v1/partners/commitments/{commitment.pk}/close/", {"status": "done"})
    assert response.status_code == 404


def test_district_bureau_cannot_create_partners(client, district_bureau, community):
    client.force_login(district_bureau)
    response = _post(client, "/api/v1/partners/partners/", {"name": "x"})
    assert response.status_code == 403
    assert not Partner.objects.exists()
