"""When a text message may go out: quiet hours and the per-number daily cap,
both policy parameters the city bureau sets (stations.policy).

REQUESTED_BY_RESIDENT: a message the resident has just asked for on the
portal (a sign-in code: templates marked `requested`) goes out at once, at
any hour, whatever their consent to messages and however many they had
today. Consent, quiet hours and the cap protect residents from messages they
did not ask for; a code they are waiting for on the sign-in page is the
answer to their own request (like a password-reset e-mail), useless if held
until the morning and harmless to their choice about notifications. What
limits it instead: the sign-in page's own limits per number and per address
(self_service.services), and five minutes of validity.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.policy import declare, policy_value

REQUESTED_BY_RESIDENT = "requested"
QUIET_HOURS = "stations.text_messages_quiet_hours"
DAILY_CAP = "stations.text_messages_daily_cap"
_TIME = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")


def _parse_time(text: str) -> dt.time:
    match = _TIME.fullmatch(str(text))
    if not match:
        raise ValidationError(_("Write times as HH:MM, for example 21:00."))
    return dt.time(int(match.group(1)), int(match.group(2)))


def _validate_quiet_hours(value) -> None:
    if set(value) != {"start", "end"}:
        raise ValidationError(_('Give "start" and "end", for example {"start": "21:00", "end": "08:00"}.'))
    _parse_time(value["start"])
    _parse_time(value["end"])


def _validate_cap(value) -> None:
    if value < 1 or value != int(value):
        raise ValidationError(_("Enter a whole number of at least 1."))


def declare_parameters() -> None:
    declare(
        QUIET_HOURS,
        default={"start": "21:00", "end": "08:00"},
        label=_("Text messages: quiet hours"),
        help_text=_("No text message goes to a resident between these times (Beijing time); it waits until the end."),
        validator=_validate_quiet_hours,
    )
    declare(
        DAILY_CAP,
        default=5,
        label=_("Text messages: most per number a day"),
        help_text=_("Messages beyond this to one number on one day wait until the next morning."),
        unit=_("messages"),
        validator=_validate_cap,
    )


def quiet_hours(on: dt.date) -> tuple[dt.time, dt.time]:
    value = policy_value(QUIET_HOURS, on=on)
    return _parse_time(value["start"]), _parse_time(value["end"])


def daily_cap(on: dt.date) -> int:
    return int(policy_value(DAILY_CAP, on=on))


def is_quiet(moment: dt.datetime) -> bool:
    local = timezone.localtime(moment)
    start, end = quiet_hours(local.date())
    now = local.time()
    if start <= end:  # a window within one day
        return start <= now < end
    return now >= start or now < end  # across midnight (21:00-08:00)


def next_morning(moment: dt.datetime) -> dt.datetime:
    """The first moment after `moment` outside quiet hours: the end of the
    quiet hours it falls in (today's or tomorrow's), or `moment` itself."""
    if not is_quiet(moment):
        return moment
    local = timezone.localtime(moment)
    _start, end = quiet_hours(local.date())
    candidate = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if candidate <= local:
        candidate += dt.timedelta(days=1)
    return candidate


def first_moment_of_next_day(moment: dt.datetime) -> dt.datetime:
    """For the daily cap: the next day's first moment outside quiet hours."""
    local = timezone.localtime(moment)
    midnight = (local + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return next_morning(midnight)
