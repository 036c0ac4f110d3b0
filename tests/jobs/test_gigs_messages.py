"""Odd jobs reach residents through the approved-template gateway, with short
codes that fit a template parameter and open their pages at /g/<code>."""

import pytest
from django.urls import reverse

from jobs.models import GigOffer
from jobs.services import gigs as services
from jobs.views import gigs as views
from stations.messaging.templates import PARAM_MAX_LENGTH
from stations.models import TextConsent, TextMessage, TextMessageStatus
from tests.factories.gigs import GigAvailabilityFactory, GigFactory, GigOfferFactory
from tests.factories.residents import ResidentFactory
from tests.jobs.conftest import gig_data

pytestmark = pytest.mark.django_db


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
    assert gig.offers.get().text_message.expires_at == services.gig_starts_at(gig)


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
    import jobs.services.gigs as module

    assert not hasattr(module, "get_sms_backend")


def test_a_household_posting_at_the_station_is_texted_its_own_short_link(community_staff, community):
    household = ResidentFactory(community=community, text_consent=TextConsent.GIVEN)
    gig = services.gig_post(
        actor=community_staff, data=gig_data(community, poster_resident=household, poster_name="", poster_phone="")
    )
    message = TextMessage.objects.get(template="gig_poster_link")
    assert message.resident == household
    assert message.params["code"] == gig.poster_token
    assert (gig.poster_name, gig.poster_phone) == (household.name, household.mobile)


def test_a_freed_place_is_texted_to_the_first_waiting():
    first = GigOfferFactory()
    second = GigOfferFactory(gig=first.gig)
    services.offer_accept(token=first.token)
    services.offer_accept(token=second.token)
    services.offer_cancel(token=first.token)
    assert GigOffer.objects.get(pk=second.pk).text_message.template == "gig_place_free"


# --- the short links ---------------------------------------------------------------
def test_a_short_code_opens_the_residents_offer(client):
    offer = GigOfferFactory()
    response = client.get(f"/g/{offer.token}")
    assert response.status_code == 302
    assert response["Location"] == reverse("gigs_public:offer", args=[offer.token])


def test_a_posters_short_code_opens_the_posters_page(client):
    gig = GigFactory()
    response = client.get(f"/g/{gig.poster_token}")
    assert response["Location"] == reverse("gigs_public:poster", args=[gig.poster_token])


def test_codes_are_short_enough_for_a_message_parameter():
    offer = GigOfferFactory()
    assert len(offer.token) == len(offer.gig.poster_token) == 10


def test_an_unknown_code_is_404(client):
    assert client.get("/g/xxxxxxxxxx").status_code == 404


def test_after_too_many_wrong_codes_even_a_right_one_is_refused_for_the_hour(client):
    offer = GigOfferFactory()
    for n in range(views.WRONG_CODES_PER_HOUR + 1):
        client.get(f"/g/wrong{n:05d}")
    assert client.get(f"/g/{offer.token}").status_code == 429
    assert client.get(reverse("gigs_public:offer", args=[offer.token])).status_code == 429


def test_right_codes_do_not_count_against_the_address(client):
    offer = GigOfferFactory()
    for _ in range(views.WRONG_CODES_PER_HOUR + 5):
        assert client.get(reverse("gigs_public:offer", args=[offer.token])).status_code == 200
