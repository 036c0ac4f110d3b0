"""The notification centre: reminders and notices to staff accounts.

A notification is inserted once per `dedupe_key`: a reminder job can run
again (retry, a second beat, a manual re-run) without anyone getting the same
reminder twice. A new notification is also sent by e-mail when the recipient
has an address, and by SMS when they have a phone (PORTAL_SMS_BACKEND), after
the transaction commits, so a rolled-back job sends nothing. Delivery failures
are logged and never undo the notification.

Notifications are messages to the account itself, not changes to business
records, so they are not written to the audit log.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.models import Notification, User
from stations.sms import SmsMessage, get_sms_backend

log = logging.getLogger("portal.notifications")

# Rows per INSERT in the bulk variant: a reminder run for a whole city can hold
# tens of thousands of rows; 1,000 keeps each statement well under SQLite's and
# PostgreSQL's parameter limits (7 columns x 1,000 rows).
BULK_BATCH_SIZE = 1000


@dataclass(frozen=True)
class NotificationItem:
    """One notification for `notifications_send_bulk`."""

    recipient_id: int
    kind: str
    message: str
    dedupe_key: str
    link: str = ""


def _deliver(notification_ids: list[int]) -> None:
    """E-mail and SMS for the given notifications; failures are logged only."""
    rows = list(Notification.objects.filter(pk__in=notification_ids).select_related("recipient").order_by("pk"))
    emails = [
        EmailMessage(
            subject=_("Employment station portal: %(message)s") % {"message": row.message[:60]},
            body=row.message + (f"\n\n{row.link}" if row.link else ""),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[row.recipient.email],
        )
        for row in rows
        if row.recipient.email and row.recipient.is_active
    ]
    texts = [
        SmsMessage(phone=row.recipient.phone, text=row.message)
        for row in rows
        if row.recipient.phone and row.recipient.is_active
    ]
    if emails:
        try:
            get_connection().send_messages(emails)
        except Exception:  # a mail server outage must not break the job that notified
            log.exception("notification e-mail failed for %d messages", len(emails))
    if texts:
        try:
            get_sms_backend().send_messages(texts)
        except Exception:
            log.exception("notification SMS failed for %d messages", len(texts))


def notification_send(
    *, recipient: User, kind: str, message: str, link: str = "", dedupe_key: str
) -> tuple[Notification, bool]:
    """Notify one account, once per `dedupe_key`.

    Returns (notification, created). When the key was used before, nothing is
    inserted or sent and the earlier notification is returned.
    """
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            dedupe_key=dedupe_key[:200],
            defaults={"recipient": recipient, "kind": kind[:40], "message": message[:500], "link": link[:300]},
        )
        if created:
            transaction.on_commit(lambda: _deliver([notification.pk]))
    return notification, created


def notifications_send_bulk(items: Iterable[NotificationItem]) -> int:
    """Insert many notifications in set-based batches, skipping used keys.

    For reminder jobs: build the items with one query, call this once. Returns
    how many notifications were new; only those are e-mailed / texted.
    """
    items = list({item.dedupe_key[:200]: item for item in items}.values())
    if not items:
        return 0
    new_ids: list[int] = []
    with transaction.atomic():
        for start in range(0, len(items), BULK_BATCH_SIZE):
            batch = items[start : start + BULK_BATCH_SIZE]
            keys = [item.dedupe_key[:200] for item in batch]
            existing = set(Notification.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True))
            fresh = [item for item in batch if item.dedupe_key[:200] not in existing]
            # ignore_conflicts covers a concurrent run inserting the same key
            # between the SELECT above and this INSERT.
            Notification.objects.bulk_create(
                [
                    Notification(
                        recipient_id=item.recipient_id,
                        kind=item.kind[:40],
                        message=item.message[:500],
                        link=item.link[:300],
                        dedupe_key=item.dedupe_key[:200],
                    )
                    for item in fresh
                ],
                ignore_conflicts=True,
            )
            if fresh:
                new_ids.extend(
                    Notification.objects.filter(dedupe_key__in=[i.dedupe_key[:200] for i in fresh]).values_list(
                        "pk", flat=True
                    )
                )
        if new_ids:
            transaction.on_commit(lambda: _deliver(new_ids))
    return len(new_ids)


def notification_mark_read(*, user: User, notification: Notification) -> Notification:
    """Mark one of the user's own notifications read (no-op when already read)."""
    if notification.recipient_id != user.pk:
        raise Notification.DoesNotExist
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of the user read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
