import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Commitment, CommitmentStatus, JointMeeting, Partner
from stations.models import Role
from tests.factories import ResidentFactory, UserFactory
from tests.factories.jobs import EmployerFactory, PostingFactory
from tests.factories.partnerships_network import CommitmentFactory, JointMeetingFactory, PartnerFactory, hire_on
from tests.partnerships.query_params import bad_filter_cases, client_as

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _partner_post(community, **extra):
    data = {
        "name": "顺丰驿站光明路店",
        "kind": "parcel_station",
        "community": community.pk,
        "partner_since": (TODAY() - dt.timedelta(days=3)).isoformat(),
        "contact_name": "孙店长",
        "contact_phone": "13863201111",
        "address": "光明路12号",
        "offers_policy_publicity": "on",
    }
    return {**data, **extra}


def test_staff_add_a_parcel_station_hosting_a_service_point(staff_client, community):
    response = staff_client.post(
        reverse("partnerships:partner_create"), _partner_post(community, hosts_service_point="on")
    )
    partner = Partner.objects.get()
    assert response.status_code == 302
    assert partner.service_point.is_active
    detail = staff_client.get(reverse("partnerships:partner_detail", kwargs={"pk": partner.pk}))
    assert "顺丰驿站光明路店" in detail.content.decode()


def test_partner_form_focuses_the_first_field(staff_client):
    response = staff_client.get(reverse("partnerships:partner_create"))
    assert response.status_code == 200
    assert "autofocus" in response.content.decode()


def test_sharing_with_a_community_outside_the_street_keeps_what_was_typed(staff_client, community, other_community):
    response = staff_client.post(
        reverse("partnerships:partner_create"), _partner_post(community, shared_with=[other_community.pk])
    )
    assert response.status_code == 200
    assert "顺丰驿站光明路店" in response.content.decode()
    assert not Partner.objects.exists()


def test_street_officer_leads_a_partner_for_a_community_and_shares_it(
    client, street_officer, community, sibling_community
):
    client.force_login(street_officer)
    response = client.post(
        reverse("partnerships:partner_create"),
        _partner_post(sibling_community, shared_with=[community.pk], hosts_service_point=""),
    )
    assert response.status_code == 302
    assert set(Partner.objects.get().communities.all()) == {community, sibling_community}


def test_a_wrong_credit_code_is_explained_and_keeps_what_was_typed(staff_client, community):
    response = staff_client.post(
        reverse("partnerships:partner_create"), _partner_post(community, credit_code="91370402MA0000000X")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "check character is wrong" in body and "顺丰驿站光明路店" in body
    assert not Partner.objects.exists()


def test_an_enterprise_ticking_the_service_point_is_explained(staff_client, community):
    response = staff_client.post(
        reverse("partnerships:partner_create"), _partner_post(community, kind="enterprise", hosts_service_point="on")
    )
    assert response.status_code == 200
    assert "顺丰驿站光明路店" in response.content.decode()
    assert not Partner.objects.exists()


def test_partner_list_filters_by_kind_and_offer(staff_client, community):
    PartnerFactory(community=community, name="农商银行", kind="bank", offers_vacancies=False, offers_sponsorship=True)
    PartnerFactory(community=community, name="鑫源物业", kind="enterprise")
    response = staff_client.get(reverse("partnerships:partner_list"), {"kind": "bank", "offers": "sponsorship"})
    content = response.content.decode()
    assert "农商银行" in content and "鑫源物业" not in content


def test_partner_list_hides_ended_partners_when_asked(staff_client, community):
    PartnerFactory(community=community, name="已结束单位", ended_on=TODAY() - dt.timedelta(days=1))
    PartnerFactory(community=community, name="在合作单位")
    content = staff_client.get(reverse("partnerships:partner_list"), {"state": "active"}).content.decode()
    assert "在合作单位" in content and "已结束单位" not in content


def test_partner_list_shows_partners_shared_from_a_neighbour(staff_client, community, sibling_community):
    PartnerFactory(community=sibling_community, communities=[community], name="邻社区共建单位")
    assert "邻社区共建单位" in staff_client.get(reverse("partnerships:partner_list")).content.decode()


def test_a_neighbour_sharing_a_partner_reads_it_but_cannot_edit_it(client, community, sibling_community):
    client.force_login(UserFactory(role=Role.COMMUNITY_STAFF, community=sibling_community))
    partner = PartnerFactory(community=community, communities=[sibling_community])
    detail = client.get(reverse("partnerships:partner_detail", kwargs={"pk": partner.pk}))
    assert detail.status_code == 200
    assert reverse("partnerships:partner_edit", kwargs={"pk": partner.pk}) not in detail.content.decode()
    edit_url = reverse("partnerships:partner_edit", kwargs={"pk": partner.pk})
    assert client.get(edit_url).status_code == 403
    assert client.post(edit_url, _partner_post(sibling_community)).status_code == 403
    partner.refresh_from_db()
    assert partner.community == community


def test_partner_of_another_community_is_404(staff_client, other_community):
    partner = PartnerFactory(community=other_community)
    assert staff_client.get(reverse("partnerships:partner_detail", kwargs={"pk": partner.pk})).status_code == 404
    assert staff_client.get(reverse("partnerships:partner_edit", kwargs={"pk": partner.pk})).status_code == 404


def test_ending_a_partnership_from_its_page(staff_client, community):
    partner = PartnerFactory(community=community)
    response = staff_client.post(
        reverse("partnerships:partner_detail", kwargs={"pk": partner.pk}), {"ended_on": TODAY().isoformat()}
    )
    partner.refresh_from_db()
    assert response.status_code == 302 and partner.ended_on == TODAY()


def _meeting_post(community, partners, rows=()):
    data = {
        "community": community.pk,
        "held_on": (TODAY() - dt.timedelta(days=1)).isoformat(),
        "topic": "二季度就业联席会议",
        "chaired_by": "张书记",
        "place": "党群服务中心",
        "partners": [p.pk for p in partners],
        "minutes": "各单位认领岗位。",
        "commitments-TOTAL_FORMS": "3",
        "commitments-INITIAL_FORMS": "0",
        "commitments-MIN_NUM_FORMS": "0",
        "commitments-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"commitments-{i}-{key}": value for key, value in row.items()})
    return data


def test_meeting_form_offers_three_empty_commitment_rows(staff_client):
    content = staff_client.get(reverse("partnerships:meeting_create")).content.decode()
    assert 'name="commitments-2-description"' in content
    assert "autofocus" in content


def test_recording_a_meeting_with_two_partners_and_a_commitment(staff_client, community, community_staff):
    a, b = PartnerFactory(community=community), PartnerFactory(community=community)
    row = {
        "partner": a.pk,
        "kind": "posts",
        "description": "10个保洁岗位",
        "posts_promised": "10",
        "due_on": (TODAY() + dt.timedelta(days=60)).isoformat(),
    }
    response = staff_client.post(reverse("partnerships:meeting_create"), _meeting_post(community, [a, b], [row]))
    meeting = JointMeeting.objects.get()
    assert response.status_code == 302
    assert meeting.commitments.get().posts_promised == 10
    assert meeting.recorded_by == community_staff
    detail = staff_client.get(reverse("partnerships:meeting_detail", kwargs={"pk": meeting.pk})).content.decode()
    assert "10个保洁岗位" in detail


def test_a_bad_commitment_row_keeps_everything_typed(staff_client, community):
    a = PartnerFactory(community=community)
    row = {"partner": a.pk, "kind": "posts", "description": "保洁岗位", "posts_promised": "", "due_on": ""}
    response = staff_client.post(reverse("partnerships:meeting_create"), _meeting_post(community, [a], [row]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "二季度就业联席会议" in content and "保洁岗位" in content and "各单位认领岗位。" in content
    assert not JointMeeting.objects.exists()


def test_a_commitment_by_a_partner_not_present_is_explained(staff_client, community):
    present, absent = PartnerFactory(community=community), PartnerFactory(community=community)
    row = {
        "partner": absent.pk,
        "kind": "other",
        "description": "提供会议室",
        "due_on": (TODAY() + dt.timedelta(days=10)).isoformat(),
    }
    response = staff_client.post(reverse("partnerships:meeting_create"), _meeting_post(community, [present], [row]))
    assert response.status_code == 200
    assert "提供会议室" in response.content.decode()
    assert not Commitment.objects.exists()


def test_meeting_of_another_community_is_404(staff_client, other_community):
    meeting = JointMeetingFactory(community=other_community)
    assert staff_client.get(reverse("partnerships:meeting_detail", kwargs={"pk": meeting.pk})).status_code == 404


def test_commitment_list_filters_late_ones(staff_client, community):
    meeting = JointMeetingFactory(community=community, held_on=TODAY() - dt.timedelta(days=90))
    CommitmentFactory(meeting=meeting, description="逾期的承诺", due_on=TODAY() - dt.timedelta(days=1))
    CommitmentFactory(meeting=meeting, description="进行中的承诺", due_on=TODAY() + dt.timedelta(days=1))
    content = staff_client.get(reverse("partnerships:commitment_list"), {"state": "late"}).content.decode()
    assert "逾期的承诺" in content and "进行中的承诺" not in content


def test_commitment_list_tells_done_late_from_done(staff_client, community):
    meeting = JointMeetingFactory(community=community, held_on=TODAY() - dt.timedelta(days=90))
    CommitmentFactory(
        meeting=meeting,
        description="按时完成",
        due_on=TODAY() - dt.timedelta(days=10),
        status="done",
        closed_on=TODAY() - dt.timedelta(days=20),
    )
    CommitmentFactory(
        meeting=meeting,
        description="超期完成",
        due_on=TODAY() - dt.timedelta(days=10),
        status="done",
        closed_on=TODAY() - dt.timedelta(days=5),
    )
    late = staff_client.get(reverse("partnerships:commitment_list"), {"state": "done_late"}).content.decode()
    done = staff_client.get(reverse("partnerships:commitment_list"), {"state": "done"}).content.decode()
    assert "超期完成" in late and "按时完成" not in late
    assert "按时完成" in done and "超期完成" not in done


def test_linking_a_filled_posting_on_the_page_completes_the_commitment(staff_client, community, community_staff):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community), posts_promised=1)
    posting = PostingFactory(employer__community=community, title="保洁员")
    resident = ResidentFactory(community=community)
    hire_on(posting, started_on=TODAY(), recorded_by=community_staff, resident=resident)
    url = reverse("partnerships:commitment_detail", kwargs={"pk": commitment.pk})
    assert "保洁员" in staff_client.get(url).content.decode()
    response = staff_client.post(url, {"action": "link", "postings": [posting.pk]})
    commitment.refresh_from_db()
    assert response.status_code == 302 and commitment.status == CommitmentStatus.DONE
    page = staff_client.get(url).content.decode()
    assert resident.masked_id_number in page and resident.id_number not in page


def test_commitment_page_counts_hires_elsewhere_but_lists_only_those_in_the_area(
    staff_client, community, far_community, community_staff
):
    employer = EmployerFactory(community=far_community)
    partner = PartnerFactory(community=community, employer=employer)
    far_posting = PostingFactory(employer=employer, community=far_community, title="外地保洁员")
    near_posting = PostingFactory(employer__community=community, title="本地保洁员")
    commitment = CommitmentFactory(
        meeting=JointMeetingFactory(community=community, partners=[partner]),
        partner=partner,
        posts_promised=3,
        postings=[far_posting, near_posting],
    )
    far_resident = ResidentFactory(community=far_community, name="外地居民甲")
    near_resident = ResidentFactory(community=community, name="本地居民乙")
    for resident, posting in ((far_resident, far_posting), (near_resident, near_posting)):
        hire_on(posting, started_on=TODAY(), recorded_by=community_staff, resident=resident)
    page = staff_client.get(reverse("partnerships:commitment_detail", kwargs={"pk": commitment.pk})).content.decode()
    assert "<strong>2 / 3</strong>" in page
    assert "本地居民乙" in page
    assert "外地居民甲" not in page and far_resident.masked_id_number not in page
    assert "1 more hire outside your area counts towards the promise" in page
    assert "外地保洁员" in page
    assert reverse("jobs:posting_detail", kwargs={"pk": far_posting.pk}) not in page
    assert reverse("jobs:posting_detail", kwargs={"pk": near_posting.pk}) in page


def test_dropping_without_a_note_is_explained(staff_client, community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    url = reverse("partnerships:commitment_detail", kwargs={"pk": commitment.pk})
    response = staff_client.post(url, {"action": "close", "status": "dropped", "closed_on": TODAY().isoformat()})
    assert response.status_code == 200
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.OPEN


def test_commitment_of_another_community_is_404(staff_client, other_community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=other_community))
    url = reverse("partnerships:commitment_detail", kwargs={"pk": commitment.pk})
    assert staff_client.get(url).status_code == 404
    assert staff_client.post(url, {"action": "close", "status": "done"}).status_code == 404


def test_district_bureau_reads_but_cannot_record(client, district_bureau, community):
    client.force_login(district_bureau)
    assert client.get(reverse("partnerships:meeting_list")).status_code == 200
    assert client.get(reverse("partnerships:meeting_create")).status_code == 403


def test_partner_form_lists_service_point_kinds_with_the_chinese_separator(client, community_staff):
    from django.utils import translation

    client.force_login(community_staff)
    client.cookies["django_language"] = "zh-hans"
    with translation.override("zh-hans"):
        body = client.get(reverse("partnerships:partner_create")).content.decode()

    assert "、" in body.split('name="hosts_service_point"')[1][:400]


# --- bad filter values ---------------------------------------------------------------------------
BAD_FILTER_PAGES = [
    ("partnerships:partner_list", "community_staff", ["community", "page"]),
    ("partnerships:meeting_list", "community_staff", ["community", "date_from", "date_to", "page"]),
    ("partnerships:commitment_list", "community_staff", ["community", "partner", "page"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "param", "value"), bad_filter_cases(BAD_FILTER_PAGES))
def test_a_bad_filter_value_on_a_page_is_ignored(client, request, some_records, name, role, param, value):
    assert client_as(client, request, role).get(reverse(name), {param: value}).status_code == 200
