import pytest

from tests.factories.gigs import GigOfferFactory

pytestmark = pytest.mark.django_db


def test_codes_are_short_enough_for_a_message_parameter():
    offer = GigOfferFactory()
    assert len(offer.token) == len(offer.gig.poster_token) == 10
