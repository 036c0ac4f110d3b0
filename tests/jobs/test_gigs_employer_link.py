"""A registered employer posts odd jobs itself through a private link the
station issues and texts to the employer's contact: expiring, revocable,
screened like every odd job."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from jobs.models import EmployerGigLink, Gig
from jobs.services import gigs as services
from stations.models import Notification, TextMessage
from tests.factories.jobs import EmployerFactory
from tests.jobs.conftest import household_data

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


def test_the_employer_posts_through_its_link_as_the_poster(community_staff, community):
    employer = EmployerFactory(community=community)
    link = services.employer_gig_link_issue(actor=community_staff, employer=employer)
    gig = services.gig_post_by_employer_link(code=link.code, data=household_data())
    assert (gig.employer, gig.community, gig.poster_phone, gig.posted_by) == (
        employer,
        community,
        employer.contact_phone,
        None,
    )


def test_a_post_through_the_link_below_the_hourly_minimum_is_refused(community_staff, community):
    link = services.employer_gig_link_issue(actor=community_staff, employer=EmployerFactory(community=community))
    with pytest.raises(ValidationError):
        services.gig_post_by_employer_link(code=link.code, data=household_data(pay=20))
    assert not Gig.objects.exists()


def test_high_risk_work_posted_through_the_link_reaches_the_station(community_staff, community):
    link = services.employer_gig_link_issue(actor=community_staff, employer=EmployerFactory(community=community))
    services.gig_post_by_employer_link(code=link.code, data=household_data(risk="electrical", certificate="电工证"))
    assert Notification.objects.filter(recipient=community_staff, kind="jobs.gig_flagged").exists()


def test_a_revoked_link_posts_nothing(community_staff, community):
    employer = EmployerFactory(community=community)
    link = services.employer_gig_link_issue(actor=community_staff, employer=employer)
    services.employer_gig_link_revoke(actor=community_staff, employer=employer)
    with pytest.raises(PermissionDenied):
        services.gig_post_by_employer_link(code=link.code, data=household_data())


def test_an_expired_link_posts_nothing(community_staff, community):
    link = services.employer_gig_link_issue(actor=community_staff, employer=EmployerFactory(community=community))
    EmployerGigLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(PermissionDenied):
        services.gig_post_by_employer_link(code=link.code, data=household_data())


def test_the_link_opens_the_employers_form_by_its_short_code(client, community_staff, community):
    link = services.employer_gig_link_issue(actor=community_staff, employer=EmployerFactory(community=community))
    response = client.get(f"/g/{link.code}")
    assert response["Location"] == reverse("gigs_public:employer_post", args=[link.code])
    assert client.get(response["Location"]).status_code == 200


def test_the_employers_form_posts_and_opens_the_posters_page(client, community_staff, community):
    link = services.employer_gig_link_issue(actor=community_staff, employer=EmployerFactory(community=community))
    response = client.post(
        reverse("gigs_public:employer_post", args=[link.code]),
        {
            "community": community.pk,
            "title": "仓库搬货",
            "kind": "moving",
            "address": "物流园",
            "date": timezone.localdate().isoformat(),
            "start_time": "14:00",
            "end_time": "17:00",
            "places": 2,
            "pay": 25,
            "pay_unit": "hour",
            "risk": "",
        },
    )
    gig = Gig.objects.get()
    assert response["Location"] == reverse("gigs_public:poster", args=[gig.poster_token])


def test_the_station_issues_the_link_from_the_employers_page(staff_client, community):
    employer = EmployerFactory(community=community)
    staff_client.post(reverse("jobs:gig_employer_link", args=[employer.pk]), {"action": "issue"})
    assert EmployerGigLink.objects.filter(employer=employer).exists()
    page = staff_client.get(reverse("jobs:employer_detail", args=[employer.pk])).content.decode()
    assert reverse("jobs:gig_employer_link", args=[employer.pk]) in page
