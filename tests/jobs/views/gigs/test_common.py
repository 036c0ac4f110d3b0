"""What the staff and public odd-job pages both say."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation

from jobs.views.gigs.common import flash_errors, posted_message
from tests.factories.gigs import GigFactory, GigOfferFactory


@pytest.mark.django_db
def test_the_posted_message_counts_the_residents_offered():
    gig = GigFactory()
    GigOfferFactory.create_batch(2, gig=gig)

    with translation.override("en"):
        assert posted_message(gig) == "Odd job posted and offered to 2 residents nearby."


def test_each_refusal_becomes_an_error_message():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)

    flash_errors(request, ValidationError({"pay": ["Too low."], "date": ["In the past."]}))

    assert sorted(m.message for m in get_messages(request)) == ["In the past.", "Too low."]
