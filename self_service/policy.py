"""The policy figure of the resident's own page: how many days staff have
to answer a request about personal data."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stations.policy import declare, policy_value

DATA_REQUEST_DAYS = "self_service.data_request_days"


def _whole_days(value) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 60:
        raise ValidationError(_("Enter a whole number of days from 1 to 60."))


def declare_parameters() -> None:
    # PIPL art. 50 asks for a timely answer without a number of days; the
    # default of 15 is the brief's figure, and the city bureau may set its own.
    declare(
        DATA_REQUEST_DAYS,
        default=15,
        label=_("Days to answer a resident's request to correct or delete personal data"),
        help_text=_("Counted from the day the resident asks on their own page (PIPL arts. 44-47)."),
        unit=_("days"),
        validator=_whole_days,
    )


def data_request_days(on: dt.date) -> int:
    return int(policy_value(DATA_REQUEST_DAYS, on=on))
