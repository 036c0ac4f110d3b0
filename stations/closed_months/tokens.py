"""Refused changes kept for a day under a random key, for their author to send for approval."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.models import RefusedChange

# A refused change waits in the database (stations.RefusedChange) under a
# random key for its author to send it: the link carries only the key, never
# the change (it may hold an ID number or a phone, which must not reach a URL,
# a log or a browser history). The nightly housekeeping deletes expired ones.
TOKEN_MAX_AGE = 24 * 3600  # a refused change can be sent for approval the same day


def read_correction_token(token: str, *, actor) -> dict:
    """The refused change a link's key stands for, for the user who was refused it."""
    if not re.fullmatch(r"[\w-]{16,64}", token or ""):
        raise ValidationError(_("This link is not valid."))
    data = RefusedChange.objects.filter(key=token, expires_at__gt=timezone.now()).values_list("data", flat=True).first()
    if data is None:
        raise ValidationError(_("This link has expired: make the change again to get a new one."))
    if data.get("actor") != actor.pk:
        raise ValidationError(_("This link belongs to another account."))
    return data


def forget_correction_token(token: str) -> None:
    RefusedChange.objects.filter(key=token).delete()


def expired_refusals_purge(*, now: dt.datetime | None = None) -> int:
    """Delete refused changes whose day has passed; returns how many."""
    deleted, _count = RefusedChange.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return deleted
