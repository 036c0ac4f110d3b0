"""What the text message services share: the portal's language for stored reasons, the hand-off
to the send task, and whether a number may be sent to."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stations.models import Resident, TextConsent, TextMessage, TextMessageStatus

log = logging.getLogger("portal.text_messages")

SEND_TASK = "stations.tasks.text_message_send"
# Messages handed to the send task per sweep; the next sweep (5 minutes) takes the rest.
SWEEP_BATCH = 500
# Replies that mean "stop" (退订 is what the templates ask for; TD and the
# others are what Chinese providers also treat as opt-out).
OPT_OUT_WORDS = frozenset({"退订", "TD", "T", "N", "取消", "STOP", "UNSUBSCRIBE"})
OUTSTANDING = (TextMessageStatus.QUEUED,)


P = ParamSpec("P")
R = TypeVar("R")


def _in_portal_language(func: Callable[P, R]) -> Callable[P, R]:
    """Reasons are stored and read later by anyone: in the portal's language."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper


def _hand_off_send(message: TextMessage) -> None:
    from stations.services.background import task_hand_off

    task_hand_off(task=SEND_TASK, key=f"stations.text_message:{message.pk}", kwargs={"message_id": message.pk})


def _number_opted_out(number: str) -> bool:
    return Resident.with_tombstones.filter(mobile=number, text_consent=TextConsent.WITHDRAWN).exists()


def _withheld_reason(resident: Resident | None, number: str, *, asked: bool = False) -> str:
    """Why a message to this resident / number may not go, or "". `asked`:
    the person asked for this very message (a help request's answer, an
    employer's posting link asked for at the station), so the request is the
    consent, resident or not; a number that opted out still gets nothing."""
    if _number_opted_out(number) or (resident is not None and resident.text_consent == TextConsent.WITHDRAWN):
        return _("The resident opted out of text messages.")
    if asked:
        return ""
    if resident is None or resident.text_consent != TextConsent.GIVEN:
        return _("The resident has not agreed to text messages.")
    return ""


def _too_late_reason(moment: dt.datetime) -> str:
    return _("Too late to be of use: it could go only from %(time)s (quiet hours or the daily cap).") % {
        "time": f"{timezone.localtime(moment):%m-%d %H:%M}"
    }
