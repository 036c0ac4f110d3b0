import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from jobs import services as jobs_services
from jobs.models import Placement, Posting, PostingStatus
from partnerships.models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    JointMeeting,
    Partner,
    PartnerKind,
)
from partnerships.selectors.network import commitment_list
from partnerships.services import network as services
from partnerships.services.network import (
    commitment_add,
    commitment_close,
    commitment_link_postings,
    meeting_record,
    partner_end,
    partner_save,
)
from stations.closed_months import ClosedMonthError
from stations.models import AuditEntry, Notification, RelatedSite, Role, SiteKind
from stations.selectors import public_nearby_sites
from stations.validators import credit_code_check_char
from tests.factories import ResidentFactory, StationFactory, UserFactory
from tests.factories.jobs import EmployerFactory, PostingFactory
from tests.factories.partnerships_network import CommitmentFactory, JointMeetingFactory, PartnerFactory
from tests.factories.reports import close_month, day_in

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _partner(community, **kwargs):
    defaults = {
        "name": "枣庄银行光明路支行",
        "kind": PartnerKind.BANK,
        "community": community,
        "contact_name": "刘行长",
        "contact_phone": "0632-3310001",
        "address": "光明路88号",
        "partner_since": TODAY() - dt.timedelta(days=10),
    }
    return Partner(**{**defaults, **kwargs})


# --- partners ----------------------------------------------------------------


def test_partner_serves_its_lead_community_and_the_neighbours_chosen(community_staff, community, sibling_community):
    partner = services.partner_save(actor=community_staff, partner=_partner(community), communities=[sibling_community])
    assert set(partner.communities.all()) == {community, sibling_community}


def test_sharing_a_partner_outside_the_street_is_refused(community_staff, community, other_community):
    with pytest.raises(ValidationError) as exc:
        services.partner_save(actor=community_staff, partner=_partner(community), communities=[other_community])
    assert "communities" in exc.value.message_dict
    assert other_community.name in exc.value.message_dict["communities"][0]


def test_community_staff_cannot_lead_a_partner_for_another_community(community_staff, sibling_community):
    with pytest.raises(ValidationError) as exc:
        services.partner_save(actor=community_staff, partner=_partner(sibling_community))
    assert "community" in exc.value.message_dict


def test_a_bank_hosting_a_service_point_shows_on_the_station_finder(community_staff, community):
    station = StationFactory(community=community)
    partner = services.partner_save(actor=community_staff, partner=_partner(community), hosts_service_point=True)
    site = partner.service_point
    assert site.kind == SiteKind.EMBEDDED_POINT and site.is_active
    assert (site.community, site.name, site.address) == (community, "枣庄银行光明路支行", "光明路88号")
    assert site in public_nearby_sites(station=station)


def test_the_service_point_does_not_publish_the_contact_persons_phone(community_staff, community):
    partner = services.partner_save(
        actor=community_staff, partner=_partner(community, contact_phone="13863205678"), hosts_service_point=True
    )
    assert partner.service_point.phone == ""


def test_editing_the_partner_keeps_what_staff_set_on_its_service_point(community_staff, community):
    partner = services.partner_save(actor=community_staff, partner=_partner(community), hosts_service_point=True)
    RelatedSite.objects.filter(pk=partner.service_point_id).update(
        name="光明路支行便民服务点", address="光明路88号一楼", phone="0632-3310000"
    )
    partner.refresh_from_db()
    partner.address = "光明路90号"
    partner.contact_phone = "13863209999"
    services.partner_save(actor=community_staff, partner=partner, hosts_service_point=True)
    site = RelatedSite.objects.get()
    assert (site.name, site.address, site.phone) == ("光明路支行便民服务点", "光明路88号一楼", "0632-3310000")


def test_unticking_the_service_point_deactivates_it(community_staff, community):
    partner = services.partner_save(actor=community_staff, partner=_partner(community), hosts_service_point=True)
    services.partner_save(actor=community_staff, partner=partner, hosts_service_point=False)
    assert RelatedSite.objects.get().is_active is False


def test_ticking_it_again_reactivates_the_same_service_point(community_staff, community):
    partner = services.partner_save(actor=community_staff, partner=_partner(community), hosts_service_point=True)
    services.partner_save(actor=community_staff, partner=partner, hosts_service_point=False)
    services.partner_save(actor=community_staff, partner=partner, hosts_service_point=True)
    assert RelatedSite.objects.get().is_active is True


def test_ending_the_partnership_deactivates_the_service_point(community_staff, community):
    partner = services.partner_save(actor=community_staff, partner=_partner(community), hosts_service_point=True)
    ended = services.partner_end(actor=community_staff, partner=partner)
    assert ended.ended_on == TODAY()
    assert RelatedSite.objects.get().is_active is False


def test_an_enterprise_cannot_host_a_service_point(community_staff, community):
    with pytest.raises(ValidationError) as exc:
        services.partner_save(
            actor=community_staff, partner=_partner(community, kind=PartnerKind.ENTERPRISE), hosts_service_point=True
        )
    assert "hosts_service_point" in exc.value.message_dict


def test_ending_twice_is_refused_with_the_date(community_staff, community):
    partner = services.partner_save(actor=community_staff, partner=_partner(community))
    services.partner_end(actor=community_staff, partner=partner)
    with pytest.raises(ValidationError) as exc:
        services.partner_end(actor=community_staff, partner=partner)
    assert "ended_on" in exc.value.message_dict


def test_partner_of_another_community_cannot_be_edited(other_community_staff, community):
    partner = PartnerFactory(community=community)
    with pytest.raises(PermissionDenied):
        services.partner_save(actor=other_community_staff, partner=partner)


def test_a_neighbour_sharing_a_partner_cannot_make_itself_the_lead(community, sibling_community):
    neighbour = UserFactory(role=Role.COMMUNITY_STAFF, community=sibling_community)
    partner = PartnerFactory(community=community, communities=[sibling_community])
    partner.community = sibling_community
    with pytest.raises(ValidationError) as exc:
        services.partner_save(actor=neighbour, partner=partner)
    assert "community" in exc.value.message_dict
    partner.refresh_from_db()
    assert partner.community == community
    assert set(partner.communities.all()) == {community, sibling_community}


def test_editing_keeps_the_communities_the_editor_cannot_choose(community_staff, community, other_community):
    # Shared with a community of another street (recorded before it moved, or
    # loaded), which the lead community's staff are not offered.
    partner = PartnerFactory(community=community, communities=[other_community])
    partner.address = "光明路90号"
    services.partner_save(actor=community_staff, partner=partner, communities=[])
    assert set(partner.communities.all()) == {community, other_community}


def test_the_lead_can_stop_sharing_with_a_neighbour(community_staff, community, sibling_community):
    partner = services.partner_save(actor=community_staff, partner=_partner(community), communities=[sibling_community])
    services.partner_save(actor=community_staff, partner=partner, communities=[])
    assert list(partner.communities.all()) == [community]


def test_a_credit_code_is_stored_in_capitals(community_staff, community):
    code = "91370402MA3C4D5E6"
    code += credit_code_check_char(code)
    partner = services.partner_save(actor=community_staff, partner=_partner(community, credit_code=code.lower()))
    partner.refresh_from_db()
    assert partner.credit_code == code


def test_employer_record_must_be_in_scope(community_staff, community, far_community):
    employer = EmployerFactory(community=far_community)
    with pytest.raises(ValidationError) as exc:
        services.partner_save(actor=community_staff, partner=_partner(community, employer=employer))
    assert "employer" in exc.value.message_dict


def test_saving_a_partner_is_audited(community_staff, community):
    partner = services.partner_save(actor=community_staff, partner=_partner(community))
    assert AuditEntry.objects.filter(object_id=str(partner.pk), action="create").exists()


# --- meetings ------------------------------------------------------------------


def _meeting(community, **kwargs):
    defaults = {
        "community": community,
        "held_on": TODAY() - dt.timedelta(days=1),
        "topic": "二季度就业联席会议",
        "chaired_by": "社区党委书记 张书记",
        "minutes": "各单位通报用工需求。",
    }
    return JointMeeting(**{**defaults, **kwargs})


def _posts(partner, n=2, **kwargs):
    fields = {
        "partner": partner,
        "kind": CommitmentKind.POSTS,
        "description": f"{n}个保洁岗位",
        "posts_promised": n,
        "due_on": TODAY() + dt.timedelta(days=60),
    }
    return Commitment(**{**fields, **kwargs})


def test_meeting_is_recorded_with_partners_staff_and_commitments(community_staff, community):
    a, b = PartnerFactory(community=community), PartnerFactory(community=community)
    meeting = services.meeting_record(
        actor=community_staff,
        meeting=_meeting(community),
        partners=[a, b],
        staff=[community_staff],
        commitments=[_posts(a), _posts(b, 3)],
    )
    assert set(meeting.partners.all()) == {a, b}
    assert list(meeting.staff.all()) == [community_staff]
    assert meeting.recorded_by == community_staff
    assert meeting.commitments.count() == 2


def test_meeting_needs_a_partner_of_the_community(community_staff, community, sibling_community):
    neighbours_only = PartnerFactory(community=community, communities=[sibling_community])
    neighbours_only.communities.set([sibling_community])
    with pytest.raises(ValidationError) as exc:
        services.meeting_record(actor=community_staff, meeting=_meeting(community), partners=[neighbours_only])
    assert "partners" in exc.value.message_dict


def test_meeting_without_partners_is_refused(community_staff, community):
    with pytest.raises(ValidationError) as exc:
        services.meeting_record(actor=community_staff, meeting=_meeting(community), partners=[])
    assert "partners" in exc.value.message_dict


def test_meeting_in_the_future_is_refused(community_staff, community):
    with pytest.raises(ValidationError) as exc:
        services.meeting_record(
            actor=community_staff,
            meeting=_meeting(community, held_on=TODAY() + dt.timedelta(days=3)),
            partners=[PartnerFactory(community=community)],
        )
    assert "held_on" in exc.value.message_dict


def test_staff_present_must_work_in_the_community(community_staff, community, other_community_staff):
    with pytest.raises(ValidationError) as exc:
        services.meeting_record(
            actor=community_staff,
            meeting=_meeting(community),
            partners=[PartnerFactory(community=community)],
            staff=[other_community_staff],
        )
    assert "staff" in exc.value.message_dict


def test_a_commitment_by_a_partner_not_present_names_its_row(community_staff, community):
    present, absent = PartnerFactory(community=community), PartnerFactory(community=community)
    with pytest.raises(ValidationError) as exc:
        services.meeting_record(
            actor=community_staff,
            meeting=_meeting(community),
            partners=[present],
            commitments=[_posts(present), _posts(absent)],
        )
    assert "2" in exc.value.message_dict["commitments"][0]
    assert not JointMeeting.objects.exists()


def test_a_posts_commitment_needs_the_number(community_staff, community):
    partner = PartnerFactory(community=community)
    commitment = _posts(partner)
    commitment.posts_promised = None
    with pytest.raises(ValidationError) as exc:
        services.meeting_record(
            actor=community_staff, meeting=_meeting(community), partners=[partner], commitments=[commitment]
        )
    assert "commitments" in exc.value.message_dict


def test_a_commitment_due_before_the_meeting_is_refused(community_staff, community):
    partner = PartnerFactory(community=community)
    with pytest.raises(ValidationError):
        services.meeting_record(
            actor=community_staff,
            meeting=_meeting(community),
            partners=[partner],
            commitments=[_posts(partner, due_on=TODAY() - dt.timedelta(days=5))],
        )


# --- commitments -----------------------------------------------------------------


def test_dropping_a_commitment_needs_a_note(community_staff, community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    with pytest.raises(ValidationError) as exc:
        services.commitment_close(actor=community_staff, commitment=commitment, status="dropped")
    assert "note" in exc.value.message_dict


def test_closing_as_done_records_the_date_and_note(community_staff, community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    closed = services.commitment_close(
        actor=community_staff, commitment=commitment, status="done", note="已到位", closed_on=TODAY()
    )
    assert (closed.status, closed.closed_on, closed.close_note) == (CommitmentStatus.DONE, TODAY(), "已到位")


def test_a_closed_commitment_cannot_be_closed_again(community_staff, community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    services.commitment_close(actor=community_staff, commitment=commitment, status="done")
    with pytest.raises(ValidationError):
        services.commitment_close(actor=community_staff, commitment=commitment, status="dropped", note="x")


def test_commitment_of_another_community_cannot_be_closed(other_community_staff, community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    with pytest.raises(PermissionDenied):
        services.commitment_close(actor=other_community_staff, commitment=commitment, status="done")


def test_linking_postings_already_filled_completes_the_commitment(community_staff, community):
    meeting = JointMeetingFactory(community=community, held_on=TODAY() - dt.timedelta(days=5))
    commitment = CommitmentFactory(meeting=meeting, posts_promised=2)
    posting = PostingFactory(employer__community=community)
    # Hired after the meeting, before the posting was linked.
    starts = [TODAY() - dt.timedelta(days=3), TODAY() - dt.timedelta(days=1)]
    for started_on in starts:
        Placement.objects.create(
            resident=ResidentFactory(community=community),
            employer=posting.employer,
            posting=posting,
            started_on=started_on,
            contract_months=12,
            recorded_by=community_staff,
        )
    linked = services.commitment_link_postings(actor=community_staff, commitment=commitment, postings=[posting])
    assert linked.status == CommitmentStatus.DONE
    assert linked.closed_on == starts[1]


def _hire(posting, started_on, recorded_by):
    return Placement.objects.create(
        resident=ResidentFactory(community=posting.community),
        employer=posting.employer,
        posting=posting,
        started_on=started_on,
        contract_months=12,
        recorded_by=recorded_by,
    )


def test_hires_made_before_the_meeting_do_not_keep_the_promise(community_staff, community):
    meeting = JointMeetingFactory(community=community, held_on=TODAY() - dt.timedelta(days=10))
    commitment = CommitmentFactory(meeting=meeting, posts_promised=2)
    posting = PostingFactory(employer__community=community, community=community)
    _hire(posting, TODAY() - dt.timedelta(days=40), community_staff)
    _hire(posting, TODAY() - dt.timedelta(days=11), community_staff)
    _hire(posting, meeting.held_on, community_staff)
    linked = services.commitment_link_postings(actor=community_staff, commitment=commitment, postings=[posting])
    assert linked.status == CommitmentStatus.OPEN
    assert services.commitment_hires(linked).count() == 1


def test_commitment_list_counts_only_hires_from_the_meeting_on(community_staff, community):
    meeting = JointMeetingFactory(community=community, held_on=TODAY() - dt.timedelta(days=10))
    posting = PostingFactory(employer__community=community, community=community)
    commitment = CommitmentFactory(meeting=meeting, posts_promised=5, postings=[posting])
    _hire(posting, TODAY() - dt.timedelta(days=20), community_staff)
    _hire(posting, TODAY() - dt.timedelta(days=2), community_staff)
    assert commitment_list(user=community_staff).get(pk=commitment.pk).hires == 1


def _hire_through_jobs(posting, actor):
    """A hire as staff record it: a recommendation moved to "hire"."""
    rec = jobs_services.recommendation_create(
        actor=actor, resident=ResidentFactory(community=posting.community), posting=posting
    )
    jobs_services.recommendation_transition(
        actor=actor, recommendation=rec, transition="hire", started_on=TODAY(), contract_months=12
    )


def test_a_hire_on_a_linked_posting_completes_the_commitment(community_staff, community):
    posting = PostingFactory(employer__community=community, community=community, status=PostingStatus.PUBLISHED)
    commitment = CommitmentFactory(
        meeting=JointMeetingFactory(community=community), posts_promised=1, postings=[posting]
    )
    _hire_through_jobs(posting, community_staff)
    commitment.refresh_from_db()
    assert (commitment.status, commitment.closed_on) == (CommitmentStatus.DONE, TODAY())


def test_fewer_hires_than_promised_leave_it_open(community_staff, community):
    posting = PostingFactory(employer__community=community, community=community, status=PostingStatus.PUBLISHED)
    commitment = CommitmentFactory(
        meeting=JointMeetingFactory(community=community), posts_promised=2, postings=[posting]
    )
    _hire_through_jobs(posting, community_staff)
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.OPEN


def test_a_placement_written_outside_the_jobs_service_completes_nothing(community_staff, community):
    """The rule runs where placements are made, not on every saved row: a
    record restored or corrected by hand does not close promises by itself."""
    posting = PostingFactory(employer__community=community, community=community)
    commitment = CommitmentFactory(
        meeting=JointMeetingFactory(community=community), posts_promised=1, postings=[posting]
    )
    _hire(posting, TODAY(), community_staff)
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.OPEN


def test_postings_of_the_partners_employer_elsewhere_can_be_linked(community_staff, community, far_community):
    employer = EmployerFactory(community=far_community)
    partner = PartnerFactory(community=community, employer=employer)
    meeting = JointMeetingFactory(community=community, partners=[partner])
    commitment = CommitmentFactory(meeting=meeting, partner=partner)
    posting = PostingFactory(employer=employer)
    services.commitment_link_postings(actor=community_staff, commitment=commitment, postings=[posting])
    assert list(commitment.postings.all()) == [posting]


def test_postings_out_of_scope_cannot_be_linked(community_staff, community, far_community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    with pytest.raises(ValidationError) as exc:
        services.commitment_link_postings(
            actor=community_staff, commitment=commitment, postings=[PostingFactory(employer__community=far_community)]
        )
    assert "postings" in exc.value.message_dict


def test_joint_meeting_to_done_commitment_through_the_jobs_flow(community_staff, community):
    """The issue's "Done when": a meeting with two partners and a commitment of
    posts; the posts are published and filled; the commitment shows as done."""
    employer = EmployerFactory(community=community, name="鑫源物业公司")
    property_firm = services.partner_save(
        actor=community_staff, partner=_partner(community, name="鑫源物业", kind="enterprise", employer=employer)
    )
    bank = services.partner_save(actor=community_staff, partner=_partner(community), hosts_service_point=True)
    meeting = services.meeting_record(
        actor=community_staff,
        meeting=_meeting(community),
        partners=[property_firm, bank],
        staff=[community_staff],
        commitments=[_posts(property_firm, 2)],
    )
    commitment = meeting.commitments.get()

    posting = Posting(
        employer=employer,
        community=community,
        title="小区保洁员",
        occupation_category="cleaning_security",
        headcount=2,
        salary_min=2400,
        salary_max=2800,
        work_pattern="full_time",
        valid_from=TODAY(),
        valid_until=TODAY() + dt.timedelta(days=30),
        contact_name="王经理",
        contact_phone="13863201234",
    )
    posting = jobs_services.posting_save(actor=community_staff, posting=posting)
    jobs_services.posting_publish(actor=community_staff, posting=posting, note="联席会议认领岗位")
    services.commitment_link_postings(actor=community_staff, commitment=commitment, postings=[posting])

    for name in ("赵大姐", "钱大姐"):
        resident = ResidentFactory(community=community, name=name)
        rec = jobs_services.recommendation_create(actor=community_staff, resident=resident, posting=posting)
        jobs_services.recommendation_transition(
            actor=community_staff, recommendation=rec, transition="hire", started_on=TODAY(), contract_months=12
        )

    commitment.refresh_from_db()
    posting.refresh_from_db()
    assert posting.status == PostingStatus.FILLED
    assert commitment.status == CommitmentStatus.DONE
    assert commitment.closed_on == TODAY()
    assert not commitment.is_late()


# --- reminders -----------------------------------------------------------------


def test_late_commitment_reminds_the_recorder_once(community):
    recorder = UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    meeting = JointMeetingFactory(community=community, recorded_by=recorder, held_on=TODAY() - dt.timedelta(days=90))
    CommitmentFactory(meeting=meeting, due_on=TODAY() - dt.timedelta(days=1))
    CommitmentFactory(meeting=meeting, due_on=TODAY() + dt.timedelta(days=1))
    assert services.commitments_remind_overdue(today=TODAY()) == 1
    assert services.commitments_remind_overdue(today=TODAY()) == 0
    assert Notification.objects.get().recipient == recorder


def test_closed_commitments_are_not_reminded(community, community_staff):
    meeting = JointMeetingFactory(community=community, held_on=TODAY() - dt.timedelta(days=90))
    commitment = CommitmentFactory(meeting=meeting, due_on=TODAY() - dt.timedelta(days=1))
    services.commitment_close(actor=community_staff, commitment=commitment, status="dropped", note="企业停业")
    assert services.commitments_remind_overdue(today=TODAY()) == 0


def test_reminder_command_runs(community, capsys):
    meeting = JointMeetingFactory(community=community, held_on=TODAY() - dt.timedelta(days=90))
    CommitmentFactory(meeting=meeting, due_on=TODAY() - dt.timedelta(days=1))
    call_command("remind_late_commitments", today=TODAY().isoformat())
    assert "1 reminder" in capsys.readouterr().out


# --- closed months: the partner network ----------------------------------------
def test_a_partner_cannot_be_dated_to_start_in_a_closed_month(community_staff, community, month):
    partner = PartnerFactory(community=community, partner_since=timezone.localdate())
    close_month(community=community, by=community_staff)
    partner.partner_since = day_in(month)
    with pytest.raises(ClosedMonthError):
        partner_save(actor=community_staff, partner=partner)


def test_a_partnership_cannot_end_in_a_closed_month(community_staff, community, month, before):
    partner = PartnerFactory(community=community, partner_since=before)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        partner_end(actor=community_staff, partner=partner, ended_on=day_in(month))


def test_a_meeting_held_in_a_closed_month_cannot_be_recorded(community_staff, community, month, before):
    partner = PartnerFactory(community=community, partner_since=before)
    close_month(community=community, by=community_staff)
    meeting = JointMeeting(
        community=community, held_on=day_in(month), topic="联席会议", chaired_by="张书记", minutes="认领岗位。"
    )
    commitment = Commitment(
        partner=partner, kind=CommitmentKind.POSTS, description="保洁岗位", posts_promised=2, due_on=month.end
    )
    with pytest.raises(ClosedMonthError):
        meeting_record(actor=community_staff, meeting=meeting, partners=[partner], commitments=[commitment])
    assert not JointMeeting.objects.exists()


def test_a_commitment_cannot_be_closed_on_a_day_in_a_closed_month(community_staff, community, month, before):
    commitment = CommitmentFactory(meeting__community=community, meeting__held_on=before, due_on=before)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        commitment_close(
            actor=community_staff, commitment=commitment, status=CommitmentStatus.DONE, closed_on=day_in(month)
        )
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.OPEN


def test_a_commitment_cannot_be_added_to_a_meeting_of_a_closed_month(community_staff, community, month):
    meeting = JointMeetingFactory(community=community, held_on=day_in(month))
    close_month(community=community, by=community_staff)
    partner = meeting.partners.first()
    commitment = Commitment(
        partner=partner, kind=CommitmentKind.POSTS, description="岗位", posts_promised=1, due_on=month.end
    )
    with pytest.raises(ClosedMonthError):
        commitment_add(actor=community_staff, meeting=meeting, commitment=commitment)
    assert not Commitment.objects.exists()


def test_linking_a_hire_of_a_closed_month_cannot_complete_a_commitment_in_it(community_staff, community, month, before):
    from jobs.models import Placement
    from tests.factories.jobs import EmployerFactory, PostingFactory

    commitment = CommitmentFactory(meeting__community=community, meeting__held_on=before, posts_promised=1)
    posting = PostingFactory(employer=EmployerFactory(community=community))
    Placement.objects.create(
        resident=ResidentFactory(community=community),
        employer=posting.employer,
        posting=posting,
        started_on=day_in(month),
        contract_months=12,
        recorded_by=community_staff,
    )
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        commitment_link_postings(actor=community_staff, commitment=commitment, postings=[posting])
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.OPEN
