import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jobs.models import Gig, GigOffer, GigStatus, OfferState
from jobs.services import gigs as services
from stations.models import Notification
from tests.factories.gigs import GigAvailabilityFactory, GigFactory, GigOfferFactory
from tests.factories.residents import ResidentFactory
from tests.jobs.conftest import gig_data

pytestmark = pytest.mark.django_db


# --- posting and screening ------------------------------------------------------
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


# --- offers ------------------------------------------------------------------------
def test_new_gig_is_offered_to_available_residents_nearby_whose_work_fits(community_staff, community):
    fits = GigAvailabilityFactory(resident=ResidentFactory(community=community))
    GigAvailabilityFactory(resident=ResidentFactory(community=community), kinds=["moving"])
    gig = services.gig_post(actor=community_staff, data=gig_data(community))
    assert list(gig.offers.values_list("resident_id", flat=True)) == [fits.resident_id]
    offer = gig.offers.get()
    assert f"/g/{offer.token}" in offer.message_text


def test_gig_is_not_offered_to_residents_further_than_they_go(community_staff, community, sibling_community):
    sibling_community.latitude, sibling_community.longitude = "34.900000", "117.320000"  # ~10 km north
    sibling_community.save()
    GigAvailabilityFactory(resident=ResidentFactory(community=sibling_community), max_km=3)
    gig = services.gig_post(actor=community_staff, data=gig_data(community))
    assert not gig.offers.exists()


def test_gig_is_not_offered_on_a_day_the_resident_does_not_work(community_staff, community):
    today = timezone.localdate().weekday()
    GigAvailabilityFactory(resident=ResidentFactory(community=community), weekdays=[(today + 1) % 7])
    gig = services.gig_post(actor=community_staff, data=gig_data(community))
    assert not gig.offers.exists()


# --- accept, waiting list, cancel ----------------------------------------------------
def test_first_accept_takes_the_place_and_fills_the_gig():
    offer = GigOfferFactory()
    services.offer_accept(token=offer.token)
    offer.refresh_from_db()
    assert offer.state == OfferState.ACCEPTED
    assert Gig.objects.get().status == GigStatus.FILLED


def test_accept_after_the_last_place_goes_to_the_waiting_list():
    first = GigOfferFactory()
    second = GigOfferFactory(gig=first.gig)
    services.offer_accept(token=first.token)
    services.offer_accept(token=second.token)
    second.refresh_from_db()
    assert second.state == OfferState.WAITING
    assert Gig.objects.get().places_taken == 1


def test_cancelled_place_goes_to_the_first_on_the_waiting_list():
    first = GigOfferFactory()
    second = GigOfferFactory(gig=first.gig)
    services.offer_accept(token=first.token)
    services.offer_accept(token=second.token)
    services.offer_cancel(token=first.token)
    second.refresh_from_db()
    assert second.state == OfferState.ACCEPTED
    assert Gig.objects.get().places_taken == 1


def test_accepting_twice_takes_one_place():
    offer = GigOfferFactory(gig__places=2)
    services.offer_accept(token=offer.token)
    services.offer_accept(token=offer.token)
    assert Gig.objects.get().places_taken == 1


# --- check in and out, pay ------------------------------------------------------------
def test_scanning_the_qr_code_twice_checks_in_then_out_and_counts_the_hours():
    offer = GigOfferFactory()
    services.offer_accept(token=offer.token)
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    services.offer_check_in_out(token=offer.token, check_token=offer.gig.check_token, now=start)
    offer = services.offer_check_in_out(
        token=offer.token, check_token=offer.gig.check_token, now=start + dt.timedelta(hours=2, minutes=30)
    )
    assert offer.state == OfferState.DONE
    assert offer.hours_worked == 2.5


def test_another_gigs_qr_code_does_not_check_in():
    offer = GigOfferFactory()
    services.offer_accept(token=offer.token)
    with pytest.raises(PermissionDenied):
        services.offer_check_in_out(token=offer.token, check_token=GigFactory().check_token)


def test_poster_confirms_pay_for_a_worker_who_checked_in():
    offer = GigOfferFactory()
    services.offer_accept(token=offer.token)
    services.offer_check_in_out(token=offer.token, check_token=offer.gig.check_token)
    offer = services.offer_confirm_pay(poster_token=offer.gig.poster_token, offer=offer, amount=90)
    assert offer.pay_confirmed == 90


def test_pay_cannot_be_confirmed_with_another_gigs_poster_link():
    offer = GigOfferFactory()
    with pytest.raises(PermissionDenied):
        services.offer_confirm_pay(poster_token=GigFactory().poster_token, offer=offer, amount=90)


def test_not_paid_report_reaches_the_communitys_staff(community_staff, community):
    offer = GigOfferFactory(gig__community=community)
    services.offer_accept(token=offer.token)
    services.offer_check_in_out(token=offer.token, check_token=offer.gig.check_token)
    services.offer_report_unpaid(token=offer.token, note="没给钱")
    assert Notification.objects.filter(recipient=community_staff, kind="jobs.gig_unpaid").count() == 1
    assert GigOffer.objects.get().unpaid_reported_at is not None


def test_rating_outside_one_to_five_is_refused():
    offer = GigOfferFactory(state=OfferState.DONE)
    with pytest.raises(ValidationError):
        services.offer_rate_job(token=offer.token, rating=6)


# --- availability -------------------------------------------------------------------
def test_station_registers_a_resident_for_odd_work_in_one_step(community_staff, community):
    resident = ResidentFactory(community=community)
    row = services.availability_register(
        actor=community_staff, resident=resident, kinds=["cleaning"], weekdays=[0, 1], max_km=2
    )
    assert row.kinds == ["cleaning"] and row.weekdays == [0, 1]


def test_station_cannot_register_a_resident_of_another_area(community_staff, other_community):
    with pytest.raises(PermissionDenied):
        services.availability_register(
            actor=community_staff,
            resident=ResidentFactory(community=other_community),
            kinds=["cleaning"],
            weekdays=[0],
            max_km=2,
        )


# --- the gig's own steps --------------------------------------------------------------
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
