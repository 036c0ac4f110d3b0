"""The one interface between the portal and an SMS provider.

A gateway's `send(message)` either returns the provider's id for the message
(it accepted it) or raises: `GatewayUnavailable` (an OSError: network, a 5xx,
the provider's rate limit) is retried with backoff, `GatewayRefused` (a
wrong number, a template not approved, bad credentials) is recorded as failed
and not retried. The send service records the outcome; a gateway never
writes a TextMessage itself.

PORTAL_TEXT_MESSAGE_GATEWAY names the class. ConsoleGateway is the default:
it logs each message and appends it to a file (PORTAL_TEXT_MESSAGE_FILE) for
development. OutboxGateway keeps messages in a table, for tests.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

from stations.messaging.templates import MessageTemplate

log = logging.getLogger("portal.text_messages")


@dataclass(frozen=True)
class OutgoingText:
    number: str
    template: MessageTemplate
    params: dict[str, str]
    # The record's idempotency key: providers that take one (Aliyun OutId,
    # Tencent SessionContext) echo it in delivery reports.
    reference: str

    @property
    def text(self) -> str:
        return self.template.render(self.params)


class GatewayRefused(Exception):
    """The provider refused this message for good: recorded, not retried."""


class GatewayUnavailable(OSError):
    """The provider could not be reached or asked to try later: retried."""


class TextMessageGateway:
    name = "base"

    def send(self, message: OutgoingText) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    @staticmethod
    def provider_template_id(message: OutgoingText) -> str:
        """The provider's id of the template (PORTAL_TEXT_MESSAGE_TEMPLATE_IDS);
        a template the site has not registered is refused, not retried."""
        template_id = settings.PORTAL_TEXT_MESSAGE_TEMPLATE_IDS.get(message.template.code, "")
        if not template_id:
            raise GatewayRefused(f"template {message.template.code!r} has no provider template id on this site")
        return template_id


def text_message_file() -> Path:
    return Path(settings.PORTAL_TEXT_MESSAGE_FILE)


class ConsoleGateway(TextMessageGateway):
    """Development: logs each message and appends it, as a JSON line, to
    PORTAL_TEXT_MESSAGE_FILE (var/text-messages.log). Reaches no phone; the
    delivery record names this gateway so no one takes it for a real send."""

    name = "console"

    def send(self, message: OutgoingText) -> str:
        provider_id = f"console-{uuid.uuid4().hex[:12]}"
        line = {
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "id": provider_id,
            "to": message.number,
            "template": message.template.code,
            "params": message.params,
            "text": message.text,
        }
        path = text_message_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        log.info(
            "text message (not sent to a phone) to=%s*** %s; written to %s", message.number[:3], message.text, path
        )
        return provider_id


class OutboxGateway(TextMessageGateway):
    """Tests: each message becomes an OutboxTextMessage row."""

    name = "outbox"

    def send(self, message: OutgoingText) -> str:
        from stations.models import OutboxTextMessage

        row = OutboxTextMessage.objects.create(
            number=message.number,
            template=message.template.code,
            params=message.params,
            text=message.text[:500],
            reference=message.reference[:200],
        )
        return f"outbox-{row.pk}"


def get_gateway() -> TextMessageGateway:
    return import_string(settings.PORTAL_TEXT_MESSAGE_GATEWAY)()
