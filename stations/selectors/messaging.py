"""Reads of text messages to residents: what staff see on a resident's record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stations.messaging.templates import TEMPLATES
from stations.models import Resident, TextMessage, TextMessageStatus


@dataclass(frozen=True)
class TextMessageRow:
    status: str
    status_label: str
    reason: str
    text: str
    queued_at: dt.datetime
    not_before: dt.datetime
    sent_at: dt.datetime | None
    delivered_at: dt.datetime | None
    failed_at: dt.datetime | None
    gateway: str

    @property
    def arrived(self) -> bool:
        return self.status == TextMessageStatus.DELIVERED


def resident_text_messages(*, user, resident: Resident, limit: int = 50) -> list[TextMessageRow]:
    """The resident's messages, newest first, as staff see them on the record:
    status (queued, sent, delivered, failed or not sent, with the reason),
    times and the text the resident read (the registered Chinese text, in
    whatever language the page is in). Scoped: a message is visible to the
    staff who can see its resident's community (TextMessage.objects.visible_to).
    One query."""
    rows = []
    for message in TextMessage.objects.visible_to(user).filter(resident=resident)[:limit]:
        template = TEMPLATES.get(message.template)
        rows.append(
            TextMessageRow(
                status=message.status,
                status_label=str(message.get_status_display()),
                reason=message.reason,
                text=template.render(message.params) if template else message.template,
                queued_at=message.created_at,
                not_before=message.not_before,
                sent_at=message.sent_at,
                delivered_at=message.delivered_at,
                failed_at=message.failed_at,
                gateway=message.gateway,
            )
        )
    return rows
