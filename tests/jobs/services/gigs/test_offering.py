"""Who is offered a new odd job, and the text messages that offer it."""

import pytest
from django.utils import timezone

from jobs.services import gigs as services
from jobs.services.gigs import offering
from stations.messaging.templates import PARAM_MAX_LENGTH
from stations.models import TextConsent, TextMessage, TextMessageStatus
from tests.factories.gigs import GigAvailabilityFactory
from tests.factories.residents import ResidentFactory
from tests.jobs.conftest import gig_data

pytestmark = pytest.mark.django_db

pytestmark = pytest.mark.django_db


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


def available(community, **kwargs):
    resident = ResidentFactory(community=community, text_consent=TextConsent.GIVEN, **kwargs)
    return GigAvailabilityFactory(resident=resident)


def test_an_offer_is_a_template_message_whose_parameters_fit_the_providers_limit(community_staff, community):
    available(community)
    gig = services.gig_post(actor=community_staff, data=gig_data(community, title="家庭保洁" * 10))
    offer = gig.offers.get()
    message = TextMessage.objects.get(template="gig_offer")
    assert offer.text_message == message
    assert message.params["code"] == offer.token
    assert all(len(value) <= PARAM_MAX_LENGTH for value in message.params.values())


def test_an_offer_stops_being_of_use_when_the_job_starts(community_staff, community):
    available(community)
    gig = services.gig_post(actor=community_staff, data=gig_data(community))
    assert gig.offers.get().text_message.expires_at == offering.gig_starts_at(gig)


def test_a_resident_who_has_not_agreed_to_texts_is_offered_but_not_texted(community_staff, community):
    GigAvailabilityFactory(resident=ResidentFactory(community=community))
    gig = services.gig_post(actor=community_staff, data=gig_data(community))
    assert gig.offers.get().text_message.status == TextMessageStatus.WITHHELD


def test_the_offer_goes_to_the_phone_given_for_odd_work(community_staff, community):
    row = available(community)
    row.phone = "13811112222"
    row.save()
    services.gig_post(actor=community_staff, data=gig_data(community))
    assert TextMessage.objects.get(template="gig_offer").number == "13811112222"


def test_no_offer_goes_through_the_staff_sms_backend():
    assert not hasattr(offering, "get_sms_backend")
