"""One record of the partner network through its selector: in scope it is
returned, out of scope and missing answer 404 alike; the choices of the
meeting form stay in scope."""

import datetime as dt

import pytest
from django.utils import timezone

from partnerships.selectors import network as selectors
from tests.factories.partnerships_network import CommitmentFactory, JointMeetingFactory, PartnerFactory
from tests.factories.users import UserFactory
from tests.partnerships.selectors.scope_checks import scope_test

pytestmark = pytest.mark.django_db

GETS = [
    (selectors.partner_get, lambda c: PartnerFactory(community=c)),
    (selectors.meeting_get, lambda c: JointMeetingFactory(community=c)),
    (selectors.commitment_get, lambda c: CommitmentFactory(meeting__community=c, partner__community=c)),
]
test_a_record_in_scope_is_returned_and_out_of_scope_answers_404_like_a_missing_one = scope_test(GETS)


def test_current_partner_choices_leave_out_ended_partnerships(community_staff, community):
    current = PartnerFactory(community=community)
    PartnerFactory(community=community, ended_on=timezone.localdate() - dt.timedelta(days=1))

    assert list(selectors.partner_choices(user=community_staff, current_only=True)) == [current]


def test_meeting_staff_are_the_active_accounts_of_communities_in_scope(community_staff, community, other_community):
    colleague = UserFactory(community=community)
    UserFactory(community=community, is_active=False)
    UserFactory(community=other_community)

    assert set(selectors.meeting_staff_choices(user=community_staff)) == {community_staff, colleague}


def test_a_partner_shared_from_a_neighbour_is_not_led_in_the_users_scope(community_staff, community, sibling_community):
    shared = PartnerFactory(community=sibling_community, communities=[community])

    assert (
        selectors.partner_led_in_scope(user=community_staff, partner=shared),
        selectors.partner_led_in_scope(user=community_staff, partner=PartnerFactory(community=community)),
    ) == (False, True)
