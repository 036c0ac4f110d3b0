"""What the public pages reached by a code share: no account needed, wrong
codes counted per address and refused past a limit (so codes cannot be
guessed by trying), and the offers opened on this phone remembered."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.utils.decorators import method_decorator

from jobs.views.public import client_ip
from stations import ratelimit

public = method_decorator(login_not_required, name="dispatch")

# The session remembers the offers opened on this phone, so scanning the QR
# code at the place knows who is checking in without asking.
SESSION_KEY = "gig_offer_tokens"


def remember(request, token: str) -> None:
    tokens = list(request.session.get(SESSION_KEY, []))
    if token not in tokens:
        tokens = [*tokens[-9:], token]
        request.session[SESSION_KEY] = tokens


# Wrong codes one address may try in an hour before lookups stop answering:
# a person mistyping a link needs a few; guessing a 10-character code needs
# around 10**14 (jobs.models.gigs.new_code).
WRONG_CODES_PER_HOUR = 20


class TooManyWrongCodes(Exception):
    pass


def by_code(request, find, **kwargs):
    """Look a code up with `find`, counting a wrong one against the address."""
    key = f"gigs:wrong-code:{client_ip(request)}"
    if ratelimit.is_over(key, limit=WRONG_CODES_PER_HOUR, window=3600):
        raise TooManyWrongCodes
    try:
        return find(**kwargs)
    except Http404:
        ratelimit.hit(key, limit=WRONG_CODES_PER_HOUR, window=3600)
        raise


def too_many(request):
    return render(request, "jobs/gigs/too_many.html", status=429)


class CodeLookupMixin:
    """Public pages reached by a code: a blocked address gets 429, not a lookup."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except TooManyWrongCodes:
            return too_many(request)
