"""The resident's session on /me/."""

import datetime as dt

from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.utils import timezone

from self_service.session import IDLE_MINUTES, resident_sign_in, resident_sign_out, signed_in_resident


def browser():
    request = RequestFactory().get("/me/")
    request.session = SessionStore()
    return request


def test_a_signed_in_resident_is_found_until_signing_out(resident):
    request = browser()
    resident_sign_in(request, resident=resident, method="sms")
    found = signed_in_resident(request)
    resident_sign_out(request)

    assert (found, signed_in_resident(request)) == (resident, None)


def test_the_session_ends_after_the_idle_minutes(resident):
    request = browser()
    resident_sign_in(request, resident=resident, method="sms")

    later = timezone.now() + dt.timedelta(minutes=IDLE_MINUTES + 1)

    assert signed_in_resident(request, now=later) is None
