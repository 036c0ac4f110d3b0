"""The notification centre: reminders and notices to staff accounts.

A notification is inserted once per `dedupe_key`: a reminder job can run
again (retry, a second beat, a manual re-run) without anyone getting the same
reminder twice. A new notification is also sent by e-mail when the recipient
has an address, and by SMS when they have a phone (PORTAL_SMS_BACKEND): the
delivery is handed to a worker in the same transaction (task_hand_off), so a
rolled-back job sends nothing and a committed one is sent even if the broker
was down. Each channel's outcome is recorded on the notification (sent, or
failed with the reason); failed messages are retried, never marked sent, and
never undo the notification.

Notifications are messages to the account itself, not changes to business
records, so they are not written to the audit log.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stations.models import DeliveryStatus, Notification, User
from stations.sms import SmsMessage, get_sms_backend

log = logging.getLogger("portal.notifications")

# Rows per INSERT in the bulk variant: a reminder run for a whole city can hold
# tens of thousands of rows; 1,000 keeps each statement well under SQLite's and
# PostgreSQL's parameter limits (9 columns x 1,000 rows).
BULK_BATCH_SIZE = 1000
# Notifications per delivery task: one city-wide reminder run becomes several
# tasks of a size a worker sends in a minute or two.
DELIVERY_BATCH_SIZE = 500


@dataclass(frozen=True)
class NotificationItem:
    """One notification for `notifications_send_bulk`."""

    recipient_id: int
    kind: str
    message: str
    dedupe_key: str
    link: str = ""


def _sms_gateway_sends() -> bool:
    return getattr(get_sms_backend(), "sends", True)


def _channels(*, email: str, phone: str, is_active: bool, sms_sends: bool = True) -> dict[str, str]:
    """Which channels a new notification goes out on (pending) given its
    recipient, and whether an SMS gateway is set up at all."""
    return {
        "email_status": DeliveryStatus.PENDING if is_active and email else DeliveryStatus.NONE,
        "sms_status": DeliveryStatus.PENDING if is_active and phone and sms_sends else DeliveryStatus.NONE,
    }


def _hand_off_delivery(notification_ids: list[int]) -> None:
    """Within the caller's transaction: a worker sends them after the commit."""
    from stations.services.background import task_hand_off

    ids = sorted(notification_ids)
    for start in range(0, len(ids), DELIVERY_BATCH_SIZE):
        chunk = ids[start : start + DELIVERY_BATCH_SIZE]
        task_hand_off(
            task="stations.tasks.notifications_deliver",
            key=f"stations.notifications.deliver:{chunk[0]}-{chunk[-1]}:{len(chunk)}",
            kwargs={"notification_ids": chunk},
        )


def email_send(*, subject: str, body: str, to: str, connection=None) -> None:
    """Send one e-mail or raise: the caller records the outcome (sent, or
    failed with the reason) instead of assuming it went out."""
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to], connection=connection
    )
    if message.send(fail_silently=False) != 1:
        raise OSError("the mail server did not accept the message")


def lock_for_sending(queryset):
    """Rows a send is about to mark, locked until the transaction ends, so two
    runs at once send one message; a row locked by the other run is skipped."""
    if db_connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset


def _send_email(connection, row: Notification) -> None:
    email_send(
        subject=_("Employment station portal: %(message)s") % {"message": row.message[:60]},
        body=row.message + (f"\n\n{row.link}" if row.link else ""),
        to=row.recipient.email,
        connection=connection,
    )


def _send_sms(backend, row: Notification) -> None:
    if backend.send_messages([SmsMessage(phone=row.recipient.phone, text=row.message)]) != 1:
        raise OSError("the SMS gateway did not accept the message")


def notifications_deliver(*, notification_ids: list[int]) -> int:
    """Send the e-mail and SMS of these notifications that are waiting or
    failed before, one message at a time, and record each outcome: sent, or
    failed with the reason. Idempotent: a sent message is never sent again.
    Returns how many messages went out; raises DeliveryFailed (after recording
    every outcome) when any failed, so the task retries those."""
    from stations.background import DeliveryFailed
    from stations.services.background import describe_error

    outstanding = [DeliveryStatus.PENDING, DeliveryStatus.FAILED]
    rows = list(
        Notification.objects.filter(pk__in=notification_ids)
        .filter(Q(email_status__in=outstanding) | Q(sms_status__in=outstanding))
        .select_related("recipient")
        .order_by("pk")
    )
    if not rows:
        return 0
    sent = failed = 0
    mail_connection = get_connection(fail_silently=False)
    try:
        mail_connection.open()  # one SMTP session for the batch
    except Exception:
        log.warning("the mail server cannot be reached; each message records its failure", exc_info=True)
    sms_backend = get_sms_backend()
    with translation.override(settings.LANGUAGE_CODE):
        for row in rows:
            recipient, errors = row.recipient, []
            changes: dict[str, object] = {}
            for channel, address, send in (
                ("email", recipient.email, _send_email),
                ("sms", recipient.phone, _send_sms),
            ):
                if getattr(row, f"{channel}_status") not in outstanding:
                    continue
                if not (recipient.is_active and address) or (
                    channel == "sms" and not getattr(sms_backend, "sends", True)
                ):
                    changes[f"{channel}_status"] = DeliveryStatus.NONE
                    continue
                try:
                    send(mail_connection if channel == "email" else sms_backend, row)
                except Exception as exc:  # each message's outcome is recorded; the rest go on
                    log.warning("notification %s: %s not sent: %s", row.pk, channel, describe_error(exc))
                    changes[f"{channel}_status"] = DeliveryStatus.FAILED
                    errors.append(f"{channel}: {describe_error(exc)}")
                    failed += 1
                else:
                    changes[f"{channel}_status"] = DeliveryStatus.SENT
                    changes["delivered_at"] = timezone.now()
                    sent += 1
            changes["delivery_error"] = "; ".join(errors)[:300]
            Notification.objects.filter(pk=row.pk).update(**changes)
    try:
        mail_connection.close()
    except Exception:
        log.warning("closing the mail connection failed", exc_info=True)
    if failed:
        raise DeliveryFailed(f"{failed} of {failed + sent} notification messages were not sent")
    return sent


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
            defaults={
                "recipient": recipient,
                "kind": kind[:40],
                "message": message[:500],
                "link": link[:300],
                **_channels(
                    email=recipient.email,
                    phone=recipient.phone,
                    is_active=recipient.is_active,
                    sms_sends=_sms_gateway_sends(),
                ),
            },
        )
        if created and DeliveryStatus.PENDING in (notification.email_status, notification.sms_status):
            _hand_off_delivery([notification.pk])
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
    to_deliver: list[int] = []
    sms_sends = _sms_gateway_sends()
    contacts = {
        pk: _channels(email=email, phone=phone, is_active=is_active, sms_sends=sms_sends)
        for pk, email, phone, is_active in User.objects.filter(
            pk__in={item.recipient_id for item in items}
        ).values_list("pk", "email", "phone", "is_active")
    }
    no_channel = _channels(email="", phone="", is_active=False)
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
                        **contacts.get(item.recipient_id, no_channel),
                    )
                    for item in fresh
                ],
                ignore_conflicts=True,
            )
            if fresh:
                for pk, email_status, sms_status in Notification.objects.filter(
                    dedupe_key__in=[i.dedupe_key[:200] for i in fresh]
                ).values_list("pk", "email_status", "sms_status"):
                    new_ids.append(pk)
                    if DeliveryStatus.PENDING in (email_status, sms_status):
                        to_deliver.append(pk)
        if to_deliver:
            _hand_off_delivery(to_deliver)
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
