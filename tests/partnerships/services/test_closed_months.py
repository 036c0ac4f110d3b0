"""Every partnerships write that would change a closed month's figures is
refused: cooperatives, the partner network, funds, staff training and the
typical examples."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from partnerships.models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    CooperativeMember,
    ExampleStatus,
    FundAllocation,
    FundSpending,
    JointMeeting,
    ProjectPlacement,
    SpendingCategory,
    StaffTrainingAttendance,
)
from partnerships.services.cooperatives import (
    cooperative_member_add,
    cooperative_member_leave,
    labour_organisation_save,
    labour_project_save,
    project_placement_create,
    project_placement_end,
)
from partnerships.services.examples import typical_example_save, typical_example_transition
from partnerships.services.funds import fund_allocation_create, fund_spending_record
from partnerships.services.network import (
    commitment_add,
    commitment_close,
    commitment_link_postings,
    meeting_record,
    partner_end,
    partner_save,
)
from partnerships.services.staff_training import (
    staff_training_attendance_remove,
    staff_training_attendance_update,
    staff_training_attendees_add,
    staff_training_session_save,
)
from stations.closed_months import ClosedMonthError
from stations.models import Role
from tests.factories import ResidentFactory, UserFactory
from tests.factories.partnerships_cooperatives import (
    CooperativeMemberFactory,
    LabourOrganisationFactory,
    LabourProjectFactory,
    ProjectPlacementFactory,
)
from tests.factories.partnerships_examples import TypicalExampleFactory
from tests.factories.partnerships_funds import FundAllocationFactory
from tests.factories.partnerships_network import CommitmentFactory, JointMeetingFactory, PartnerFactory
from tests.factories.partnerships_staff_training import StaffTrainingAttendanceFactory, StaffTrainingSessionFactory
from tests.factories.reports import close_month, day_in, last_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def month():
    return last_month()


@pytest.fixture
def before(month):
    """A day well before the closed month: records begun then count in it."""
    return month.start - dt.timedelta(days=90)


# --- cooperatives -----------------------------------------------------------------------------
def test_a_member_who_joined_in_a_closed_month_cannot_be_added(community_staff, community, month, before):
    organisation = LabourOrganisationFactory(community=community, founded_on=before)
    resident = ResidentFactory(community=community)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        cooperative_member_add(
            actor=community_staff, organisation=organisation, resident=resident, joined_on=day_in(month)
        )
    assert not CooperativeMember.objects.exists()


def test_a_member_cannot_be_recorded_as_having_left_in_a_closed_month(community_staff, community, month, before):
    member = CooperativeMemberFactory(organisation__community=community, joined_on=before)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        cooperative_member_leave(actor=community_staff, member=member, left_on=day_in(month))
    member.refresh_from_db()
    assert member.left_on is None


def test_a_project_cannot_be_moved_to_start_in_a_closed_month(community_staff, community, month):
    project = LabourProjectFactory(organisation__community=community, starts_on=timezone.localdate())
    close_month(community=community, by=community_staff)
    project.starts_on = day_in(month)
    with pytest.raises(ClosedMonthError):
        labour_project_save(actor=community_staff, project=project)


def test_a_resident_cannot_be_placed_from_a_day_in_a_closed_month(community_staff, community, month, before):
    project = LabourProjectFactory(organisation__community=community, starts_on=before)
    resident = ResidentFactory(community=community)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        project_placement_create(actor=community_staff, project=project, resident=resident, started_on=day_in(month))
    assert not ProjectPlacement.objects.exists()


def test_a_placement_cannot_end_in_a_closed_month(community_staff, community, month, before):
    placement = ProjectPlacementFactory(
        project__organisation__community=community, project__starts_on=before, started_on=before
    )
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        project_placement_end(actor=community_staff, placement=placement, ended_on=day_in(month))


# --- the partner network -----------------------------------------------------------------------
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


# --- funds ---------------------------------------------------------------------------------------
@pytest.fixture
def district_officer(district):
    return UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=district)


def test_an_allocation_dated_in_a_closed_month_is_refused(district_officer, community, month):
    close_month(community=community)
    with pytest.raises(ClosedMonthError):
        fund_allocation_create(
            actor=district_officer,
            community=community,
            year=month.start.year,
            title="补助资金",
            amount=Decimal("10000"),
            allocated_on=day_in(month),
        )
    assert not FundAllocation.objects.exists()


def test_spending_dated_in_a_closed_month_is_refused(community_staff, community, month, before):
    allocation = FundAllocationFactory(community=community, allocated_on=before)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        fund_spending_record(
            actor=community_staff,
            allocation=allocation,
            category=SpendingCategory.JOB_FAIRS,
            spent_on=day_in(month),
            amount=Decimal("100"),
            payee="会展公司",
            purpose="岗位集市",
        )
    assert not FundSpending.objects.exists()


# --- staff training ---------------------------------------------------------------------------------
@pytest.fixture
def city_officer(db):
    return UserFactory(role=Role.CITY_BUREAU, community=None)


def test_staff_cannot_be_added_to_a_course_of_a_closed_month(city_officer, community_staff, community, month):
    session = StaffTrainingSessionFactory(starts_on=day_in(month), created_by=city_officer)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        staff_training_attendees_add(actor=city_officer, session=session, attendees=[community_staff])
    assert not StaffTrainingAttendance.objects.exists()


def test_a_completion_of_a_course_of_a_closed_month_cannot_be_withdrawn(city_officer, community_staff, month):
    attendance = StaffTrainingAttendanceFactory(session__starts_on=day_in(month), attendee=community_staff)
    close_month(community=community_staff.community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        staff_training_attendance_update(actor=city_officer, attendance=attendance, completed=False)


def test_an_attendance_of_a_closed_month_cannot_be_taken_off(city_officer, community_staff, month):
    attendance = StaffTrainingAttendanceFactory(session__starts_on=day_in(month), attendee=community_staff)
    close_month(community=community_staff.community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        staff_training_attendance_remove(actor=city_officer, attendance=attendance)
    assert StaffTrainingAttendance.objects.count() == 1


def test_the_hours_of_a_course_of_a_closed_month_cannot_change(city_officer, community_staff, month):
    attendance = StaffTrainingAttendanceFactory(session__starts_on=day_in(month), attendee=community_staff)
    close_month(community=community_staff.community, by=community_staff)
    session = attendance.session
    session.hours = Decimal("16.0")
    with pytest.raises(ClosedMonthError):
        staff_training_session_save(actor=city_officer, session=session)


# --- typical examples ----------------------------------------------------------------------------------
def test_an_example_published_in_a_closed_month_cannot_be_published_again_later(city_officer, community, month):
    published = timezone.make_aware(dt.datetime.combine(day_in(month), dt.time(10)))
    example = TypicalExampleFactory(community=community, status=ExampleStatus.SUBMITTED, published_at=published)
    close_month(community=community)
    with pytest.raises(ClosedMonthError):
        typical_example_transition(actor=city_officer, example=example, step="publish")
    example.refresh_from_db()
    assert example.published_at == published


def test_a_withdrawn_example_cannot_move_to_another_community(community_staff, community, sibling_community, month):
    published = timezone.make_aware(dt.datetime.combine(day_in(month), dt.time(10)))
    example = TypicalExampleFactory(community=community, status=ExampleStatus.WITHDRAWN, published_at=published)
    close_month(community=community, by=community_staff)
    street = UserFactory(role=Role.STREET_OFFICER, community=None, street=community.street)
    example.community = sibling_community
    with pytest.raises(ClosedMonthError):
        typical_example_save(actor=street, example=example)


def test_an_organisation_with_members_in_a_closed_month_cannot_move_to_another_community(
    street_officer, community, sibling_community, month, before
):
    member = CooperativeMemberFactory(organisation__community=community, organisation__founded_on=before)
    close_month(community=community)
    organisation = member.organisation
    organisation.community = sibling_community
    with pytest.raises(ClosedMonthError):
        labour_organisation_save(actor=street_officer, organisation=organisation)


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
