"""Joint meetings and the commitments recorded at them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partnerships.models import (
    Commitment,
    CommitmentKind,
    JointMeeting,
)
from partnerships.services.network.meetings import commitment_add, meeting_record
from stations.closed_months import ClosedMonthError
from tests.factories.partnerships_network import (
    JointMeetingFactory,
    PartnerFactory,
    unsaved_meeting,
    unsaved_posts_commitment,
)
from tests.factories.reports import close_month, day_in

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_meeting_is_recorded_with_partners_staff_and_commitments(community_staff, community):
    a, b = PartnerFactory(community=community), PartnerFactory(community=community)
    meeting = meeting_record(
        actor=community_staff,
        meeting=unsaved_meeting(community),
        partners=[a, b],
        staff=[community_staff],
        commitments=[unsaved_posts_commitment(a), unsaved_posts_commitment(b, 3)],
    )
    assert set(meeting.partners.all()) == {a, b}
    assert list(meeting.staff.all()) == [community_staff]
    assert meeting.recorded_by == community_staff
    assert meeting.commitments.count() == 2


def test_meeting_needs_a_partner_of_the_community(community_staff, community, sibling_community):
    neighbours_only = PartnerFactory(community=community, communities=[sibling_community])
    neighbours_only.communities.set([sibling_community])
    with pytest.raises(ValidationError) as exc:
        meeting_record(actor=community_staff, meeting=unsaved_meeting(community), partners=[neighbours_only])
    assert "partners" in exc.value.message_dict


def test_meeting_without_partners_is_refused(community_staff, community):
    with pytest.raises(ValidationError) as exc:
        meeting_record(actor=community_staff, meeting=unsaved_meeting(community), partners=[])
    assert "partners" in exc.value.message_dict


def test_meeting_in_the_future_is_refused(community_staff, community):
    with pytest.raises(ValidationError) as exc:
        meeting_record(
            actor=community_staff,
            meeting=unsaved_meeting(community, held_on=TODAY() + dt.timedelta(days=3)),
            partners=[PartnerFactory(community=community)],
        )
    assert "held_on" in exc.value.message_dict


def test_staff_present_must_work_in_the_community(community_staff, community, other_community_staff):
    with pytest.raises(ValidationError) as exc:
        meeting_record(
            actor=community_staff,
            meeting=unsaved_meeting(community),
            partners=[PartnerFactory(community=community)],
            staff=[other_community_staff],
        )
    assert "staff" in exc.value.message_dict


def test_a_commitment_by_a_partner_not_present_names_its_row(community_staff, community):
    present, absent = PartnerFactory(community=community), PartnerFactory(community=community)
    with pytest.raises(ValidationError) as exc:
        meeting_record(
            actor=community_staff,
            meeting=unsaved_meeting(community),
            partners=[present],
            commitments=[unsaved_posts_commitment(present), unsaved_posts_commitment(absent)],
        )
    assert "2" in exc.value.message_dict["commitments"][0]
    assert not JointMeeting.objects.exists()


def test_a_posts_commitment_needs_the_number(community_staff, community):
    partner = PartnerFactory(community=community)
    commitment = unsaved_posts_commitment(partner)
    commitment.posts_promised = None
    with pytest.raises(ValidationError) as exc:
        meeting_record(
            actor=community_staff, meeting=unsaved_meeting(community), partners=[partner], commitments=[commitment]
        )
    assert "commitments" in exc.value.message_dict


def test_a_commitment_due_before_the_meeting_is_refused(community_staff, community):
    partner = PartnerFactory(community=community)
    with pytest.raises(ValidationError):
        meeting_record(
            actor=community_staff,
            meeting=unsaved_meeting(community),
            partners=[partner],
            commitments=[unsaved_posts_commitment(partner, due_on=TODAY() - dt.timedelta(days=5))],
        )


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
