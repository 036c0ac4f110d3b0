"""Scope makers: network."""

from partnerships.models import Commitment, JointMeeting, Partner
from tests.factories.partnerships_network import CommitmentFactory, JointMeetingFactory, PartnerFactory
from tests.scope.registry import SENTINEL, register


@register(Partner)
def make_partner(community):
    return PartnerFactory(community=community, name=f"{SENTINEL} partner")


@register(JointMeeting)
def make_meeting(community):
    partner = PartnerFactory(community=community, name=f"{SENTINEL} meeting partner")
    return JointMeetingFactory(community=community, topic=f"{SENTINEL} meeting", partners=[partner])


@register(Commitment)
def make_commitment(community):
    partner = PartnerFactory(community=community, name=f"{SENTINEL} commitment partner")
    meeting = JointMeetingFactory(community=community, topic=f"{SENTINEL} commitment meeting", partners=[partner])
    return CommitmentFactory(meeting=meeting, partner=partner, description=f"{SENTINEL} commitment")
