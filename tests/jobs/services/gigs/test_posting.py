"""Posting an odd job (station, household, an employer's link): screening,
who may post where, and cancelling."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jobs.models import EmployerGigLink, Gig, GigOffer, GigStatus
from jobs.services import gigs as services
from stations.models import Notification, TextConsent, TextMessage
from tests.factories.gigs import GigFactory, GigOfferFactory
from tests.factories.jobs import EmployerFactory
from tests.factories.residents import ResidentFactory
from tests.jobs.conftest import gig_data, household_data

pytestmark = pytest.mark.django_db

pytestmark = pytest.mark.django_db


def test_gig_paying_below_the_hourly_minimum_is_refused(community_staff, community):
    with pytest.raises(ValidationError):
        services.gig_post(actor=community_staff, data=gig_data(community, pay=20))
    assert not Gig.objects.exists()


def test_gig_paying_the_hourly_minimum_is_posted(community_staff, community):
    gig = services.gig_post(actor=community_staff, data=gig_data(community, pay=21))
    assert gig.status == GigStatus.OPEN


def test_day_rate_is_checked_against_the_hourly_minimum_for_the_gigs_hours(community_staff, community):
    # 3 hours at 21 yuan: 63 yuan is the floor for the afternoon.
    with pytest.raises(ValidationError):
        services.gig_post(actor=community_staff, data=gig_data(community, pay=60, pay_unit="day"))
    assert services.gig_post(actor=community_staff, data=gig_data(community, pay=63, pay_unit="day")).pk


def test_gig_asking_workers_for_a_deposit_is_refused(community_staff, community):
    with pytest.raises(ValidationError):
        services.gig_post(actor=community_staff, data=gig_data(community, description="需交押金100元"))


def test_high_risk_gig_needs_the_certificate_named(community_staff, community):
    with pytest.raises(ValidationError) as info:
        services.gig_post(actor=community_staff, data=gig_data(community, risk="heights"))
    assert "certificate" in info.value.error_dict


def test_gig_outside_the_staff_area_is_refused(community_staff, other_community):
    with pytest.raises(ValidationError):
        services.gig_post(actor=community_staff, data=gig_data(other_community))


def test_cancelling_a_gig_tells_the_workers_holding_a_place(community_staff, community):
    offer = GigOfferFactory(gig__community=community)
    services.offer_accept(token=offer.token)
    gig = services.gig_step(actor=community_staff, gig=offer.gig, step="cancel")
    assert gig.status == GigStatus.CANCELLED
    assert GigOffer.objects.get().text_message.template == "gig_cancelled"


def test_staff_of_another_area_cannot_cancel_a_gig(other_community_staff, community):
    gig = GigFactory(community=community)
    with pytest.raises(ValidationError):
        services.gig_step(actor=other_community_staff, gig=gig, step="cancel")
    gig.refresh_from_db()
    assert gig.status == GigStatus.OPEN


def test_a_cancelled_gig_cannot_be_accepted(community_staff, community):
    offer = GigOfferFactory(gig__community=community)
    services.gig_step(actor=community_staff, gig=offer.gig, step="cancel")
    with pytest.raises(ValidationError):
        services.offer_accept(token=offer.token)


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


def test_a_household_posting_at_the_station_is_texted_its_own_short_link(community_staff, community):
    household = ResidentFactory(community=community, text_consent=TextConsent.GIVEN)
    gig = services.gig_post(
        actor=community_staff, data=gig_data(community, poster_resident=household, poster_name="", poster_phone="")
    )
    message = TextMessage.objects.get(template="gig_poster_link")
    assert message.resident == household
    assert message.params["code"] == gig.poster_token
    assert (gig.poster_name, gig.poster_phone) == (household.name, household.mobile)


def test_a_household_posts_an_odd_job_at_its_own_community(community):
    resident = ResidentFactory(community=community)
    gig = services.gig_post_for_household(resident=resident, data=household_data())
    assert (gig.community, gig.poster_resident, gig.posted_by) == (community, resident, None)
    assert gig.poster_phone == resident.mobile


def test_a_household_posting_below_the_hourly_minimum_is_refused(community):
    with pytest.raises(ValidationError):
        services.gig_post_for_household(resident=ResidentFactory(community=community), data=household_data(pay=20))
    assert not Gig.objects.exists()


def test_a_household_cannot_post_outside_its_street(community, other_community):
    with pytest.raises(ValidationError):
        services.gig_post_for_household(
            resident=ResidentFactory(community=community), data=household_data(community=other_community)
        )


def test_a_removed_resident_cannot_post(community):
    resident = ResidentFactory(community=community, removed_at=timezone.now())
    with pytest.raises(PermissionDenied):
        services.gig_post_for_household(resident=resident, data=household_data())


def test_high_risk_work_a_household_posts_reaches_the_station(community, community_staff):
    services.gig_post_for_household(
        resident=ResidentFactory(community=community), data=household_data(risk="heights", certificate="高处作业证")
    )
    assert Notification.objects.filter(recipient=community_staff, kind="jobs.gig_flagged").exists()
