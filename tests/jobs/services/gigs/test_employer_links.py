"""An employer's private posting link: issued, texted, replaced."""

import pytest
from django.core.exceptions import PermissionDenied

from jobs.models import EmployerGigLink
from jobs.services import gigs as services
from stations.models import TextMessage
from tests.factories.jobs import EmployerFactory

pytestmark = pytest.mark.django_db

pytestmark = pytest.mark.django_db


def test_issuing_a_link_texts_it_to_the_employers_contact(community_staff, community):
    employer = EmployerFactory(community=community)
    link = services.employer_gig_link_issue(actor=community_staff, employer=employer)
    message = TextMessage.objects.get(template="gig_employer_link")
    assert (message.number, message.params["code"], message.status) == (employer.contact_phone, link.code, "queued")
    assert link.text_message == message


def test_a_new_link_stops_the_last_one(community_staff, community):
    employer = EmployerFactory(community=community)
    first = services.employer_gig_link_issue(actor=community_staff, employer=employer)
    services.employer_gig_link_issue(actor=community_staff, employer=employer)
    assert not EmployerGigLink.objects.get(pk=first.pk).is_live()


def test_staff_of_another_area_cannot_issue_a_link(other_community_staff, community):
    with pytest.raises(PermissionDenied):
        services.employer_gig_link_issue(actor=other_community_staff, employer=EmployerFactory(community=community))
