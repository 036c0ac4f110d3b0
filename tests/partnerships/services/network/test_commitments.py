"""Following a commitment: closing it, linking postings, completion by hires, reminders."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from jobs import services as jobs_services
from jobs.models import Posting, PostingStatus
from partnerships.models import (
    CommitmentStatus,
)
from partnerships.selectors.network import commitment_list
from partnerships.services.network.commitments import (
    commitment_close,
    commitment_hires,
    commitment_link_postings,
    commitments_remind_overdue,
)
from partnerships.services.network.meetings import meeting_record
from partnerships.services.network.partners import partner_save
from stations.closed_months import ClosedMonthError
from stations.models import Notification, Role
from tests.factories import ResidentFactory, UserFactory
from tests.factories.jobs import EmployerFactory, PostingFactory
from tests.factories.partnerships_network import (
    CommitmentFactory,
    JointMeetingFactory,
    PartnerFactory,
    hire_on,
    unsaved_meeting,
    unsaved_partner,
    unsaved_posts_commitment,
)
from tests.factories.reports import close_month, day_in

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_dropping_a_commitment_needs_a_note(community_staff, community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    with pytest.raises(ValidationError) as exc:
        commitment_close(actor=community_staff, commitment=commitment, status="dropped")
    assert "note" in exc.value.message_dict


def test_closing_as_done_records_the_date_and_note(community_staff, community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    closed = commitment_close(
        actor=community_staff, commitment=commitment, status="done", note="已到位", closed_on=TODAY()
    )
    assert (closed.status, closed.closed_on, closed.close_note) == (CommitmentStatus.DONE, TODAY(), "已到位")


def test_a_closed_commitment_cannot_be_closed_again(community_staff, community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    commitment_close(actor=community_staff, commitment=commitment, status="done")
    with pytest.raises(ValidationError):
        commitment_close(actor=community_staff, commitment=commitment, status="dropped", note="x")


def test_commitment_of_another_community_cannot_be_closed(other_community_staff, community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    with pytest.raises(PermissionDenied):
        commitment_close(actor=other_community_staff, commitment=commitment, status="done")


def test_linking_postings_already_filled_completes_the_commitment(community_staff, community):
    meeting = JointMeetingFactory(community=community, held_on=TODAY() - dt.timedelta(days=5))
    commitment = CommitmentFactory(meeting=meeting, posts_promised=2)
    posting = PostingFactory(employer__community=community)
    # Hired after the meeting, before the posting was linked.
    starts = [TODAY() - dt.timedelta(days=3), TODAY() - dt.timedelta(days=1)]
    for started_on in starts:
        hire_on(
            posting, started_on=started_on, recorded_by=community_staff, resident=ResidentFactory(community=community)
        )
    linked = commitment_link_postings(actor=community_staff, commitment=commitment, postings=[posting])
    assert linked.status == CommitmentStatus.DONE
    assert linked.closed_on == starts[1]


def test_hires_made_before_the_meeting_do_not_keep_the_promise(community_staff, community):
    meeting = JointMeetingFactory(community=community, held_on=TODAY() - dt.timedelta(days=10))
    commitment = CommitmentFactory(meeting=meeting, posts_promised=2)
    posting = PostingFactory(employer__community=community, community=community)
    hire_on(posting, started_on=TODAY() - dt.timedelta(days=40), recorded_by=community_staff)
    hire_on(posting, started_on=TODAY() - dt.timedelta(days=11), recorded_by=community_staff)
    hire_on(posting, started_on=meeting.held_on, recorded_by=community_staff)
    linked = commitment_link_postings(actor=community_staff, commitment=commitment, postings=[posting])
    assert linked.status == CommitmentStatus.OPEN
    assert commitment_hires(linked).count() == 1


def test_commitment_list_counts_only_hires_from_the_meeting_on(community_staff, community):
    meeting = JointMeetingFactory(community=community, held_on=TODAY() - dt.timedelta(days=10))
    posting = PostingFactory(employer__community=community, community=community)
    commitment = CommitmentFactory(meeting=meeting, posts_promised=5, postings=[posting])
    hire_on(posting, started_on=TODAY() - dt.timedelta(days=20), recorded_by=community_staff)
    hire_on(posting, started_on=TODAY() - dt.timedelta(days=2), recorded_by=community_staff)
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
    hire_on(posting, started_on=TODAY(), recorded_by=community_staff)
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.OPEN


def test_postings_of_the_partners_employer_elsewhere_can_be_linked(community_staff, community, far_community):
    employer = EmployerFactory(community=far_community)
    partner = PartnerFactory(community=community, employer=employer)
    meeting = JointMeetingFactory(community=community, partners=[partner])
    commitment = CommitmentFactory(meeting=meeting, partner=partner)
    posting = PostingFactory(employer=employer)
    commitment_link_postings(actor=community_staff, commitment=commitment, postings=[posting])
    assert list(commitment.postings.all()) == [posting]


def test_postings_out_of_scope_cannot_be_linked(community_staff, community, far_community):
    commitment = CommitmentFactory(meeting=JointMeetingFactory(community=community))
    with pytest.raises(ValidationError) as exc:
        commitment_link_postings(
            actor=community_staff, commitment=commitment, postings=[PostingFactory(employer__community=far_community)]
        )
    assert "postings" in exc.value.message_dict


def test_joint_meeting_to_done_commitment_through_the_jobs_flow(community_staff, community):
    """The issue's "Done when": a meeting with two partners and a commitment of
    posts; the posts are published and filled; the commitment shows as done."""
    employer = EmployerFactory(community=community, name="鑫源物业公司")
    property_firm = partner_save(
        actor=community_staff, partner=unsaved_partner(community, name="鑫源物业", kind="enterprise", employer=employer)
    )
    bank = partner_save(actor=community_staff, partner=unsaved_partner(community), hosts_service_point=True)
    meeting = meeting_record(
        actor=community_staff,
        meeting=unsaved_meeting(community),
        partners=[property_firm, bank],
        staff=[community_staff],
        commitments=[unsaved_posts_commitment(property_firm, 2)],
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
    commitment_link_postings(actor=community_staff, commitment=commitment, postings=[posting])

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
    assert commitments_remind_overdue(today=TODAY()) == 1
    assert commitments_remind_overdue(today=TODAY()) == 0
    assert Notification.objects.get().recipient == recorder


def test_closed_commitments_are_not_reminded(community, community_staff):
    meeting = JointMeetingFactory(community=community, held_on=TODAY() - dt.timedelta(days=90))
    commitment = CommitmentFactory(meeting=meeting, due_on=TODAY() - dt.timedelta(days=1))
    commitment_close(actor=community_staff, commitment=commitment, status="dropped", note="企业停业")
    assert commitments_remind_overdue(today=TODAY()) == 0


def test_reminder_command_runs(community, capsys):
    meeting = JointMeetingFactory(community=community, held_on=TODAY() - dt.timedelta(days=90))
    CommitmentFactory(meeting=meeting, due_on=TODAY() - dt.timedelta(days=1))
    call_command("remind_late_commitments", today=TODAY().isoformat())
    assert "1 reminder" in capsys.readouterr().out


def test_a_commitment_cannot_be_closed_on_a_day_in_a_closed_month(community_staff, community, month, before):
    commitment = CommitmentFactory(meeting__community=community, meeting__held_on=before, due_on=before)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        commitment_close(
            actor=community_staff, commitment=commitment, status=CommitmentStatus.DONE, closed_on=day_in(month)
        )
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.OPEN


def test_linking_a_hire_of_a_closed_month_cannot_complete_a_commitment_in_it(community_staff, community, month, before):
    commitment = CommitmentFactory(meeting__community=community, meeting__held_on=before, posts_promised=1)
    posting = PostingFactory(employer=EmployerFactory(community=community), community=community)
    hire_on(posting, started_on=day_in(month), recorded_by=community_staff)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        commitment_link_postings(actor=community_staff, commitment=commitment, postings=[posting])
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.OPEN
