"""Text messages to staff phones, through a backend chosen in settings.

`PORTAL_SMS_BACKEND` names a class with `send_messages(messages) -> int`,
where each message is an `SmsMessage`. The default, `LoggingSmsBackend`, only
writes a log line: a site turns real SMS on by pointing the setting at a class
that talks to its provider (for example the city's 12333 SMS gateway).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("portal.sms")

DEFAULT_BACKEND = "stations.sms.LoggingSmsBackend"


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    text: str


class BaseSmsBackend:
    # False for a backend that reaches no phone: notifications then record
    # their SMS as not sent instead of claiming it went out.
    sends = True

    def send_messages(self, messages: list[SmsMessage]) -> int:  # pragma: no cover - interface
        raise NotImplementedError


class LoggingSmsBackend(BaseSmsBackend):
    """Sends nothing: writes one log line per message (phone masked)."""

    sends = False

    def send_messages(self, messages: list[SmsMessage]) -> int:
        for message in messages:
            log.info("sms (not sent) to=%s*** text=%s", message.phone[:3], message.text[:70])
        return len(messages)


class MemorySmsBackend(BaseSmsBackend):
    """Keeps messages in `MemorySmsBackend.outbox`, for tests."""

    outbox: list[SmsMessage] = []

    def send_messages(self, messages: list[SmsMessage]) -> int:
        MemorySmsBackend.outbox.extend(messages)
        return len(messages)


def get_sms_backend() -> BaseSmsBackend:
    return import_string(getattr(settings, "PORTAL_SMS_BACKEND", "") or DEFAULT_BACKEND)()
