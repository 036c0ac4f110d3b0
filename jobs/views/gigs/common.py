"""What the staff and public odd-job pages both say."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jobs.models import Gig
from stations.forms.errors import error_messages


def flash_errors(request, exc: ValidationError) -> None:
    for text in error_messages(exc):
        messages.error(request, text)


def posted_message(gig: Gig) -> str:
    return _("Odd job posted and offered to %(n)s residents nearby.") % {"n": gig.offers.count()}
