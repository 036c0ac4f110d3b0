"""Codes cannot be guessed by trying: wrong ones are counted per address."""

import pytest
from django.urls import reverse

from jobs.views.gigs import codes
from tests.factories.gigs import GigOfferFactory

pytestmark = pytest.mark.django_db


def test_after_too_many_wrong_codes_even_a_right_one_is_refused_for_the_hour(client):
    offer = GigOfferFactory()
    for n in range(codes.WRONG_CODES_PER_HOUR + 1):
        client.get(f"/g/wrong{n:05d}")
    assert client.get(f"/g/{offer.token}").status_code == 429
    assert client.get(reverse("gigs_public:offer", args=[offer.token])).status_code == 429


def test_right_codes_do_not_count_against_the_address(client):
    offer = GigOfferFactory()
    for _ in range(codes.WRONG_CODES_PER_HOUR + 5):
        assert client.get(reverse("gigs_public:offer", args=[offer.token])).status_code == 200
