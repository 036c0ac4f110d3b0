"""Sending a queued text message, the sweep that sends those due, and the provider's reports."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.messaging import rules
from stations.messaging.gateways import GatewayRefused, OutgoingText, get_gateway
from stations.messaging.templates import get_template
from stations.models import TextMessage, TextMessageStatus
from stations.services.notifications import lock_for_sending

from .common import (
    OUTSTANDING,
    SWEEP_BATCH,
    _hand_off_send,
    _in_portal_language,
    _too_late_reason,
    _withheld_reason,
    log,
)


def _defer(message: TextMessage, *, until: dt.datetime, reason: str) -> None:
    TextMessage.objects.filter(pk=message.pk).update(not_before=until, reason=reason[:300])


def _lock_number(number: str) -> None:
    """Hold the number until the transaction ends, so that sends to one number
    take turns: two messages checked against the daily cap at once would each
    count the other as not yet sent and both go, one over the cap. Row locks
    do not help (each send locks only its own message); PostgreSQL's
    transaction-level advisory lock on a hash of the number does. SQLite lets
    one writer at a time, so the second send's write fails instead of
    passing the cap."""
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b(f"text-number:{number}".encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)])


def _sent_today(number: str, now: dt.datetime) -> int:
    local = timezone.localtime(now)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return TextMessage.objects.filter(
        number=number, sent_at__gte=midnight, sent_at__lt=midnight + dt.timedelta(days=1)
    ).count()


@_in_portal_language
def text_message_send(*, message_id: int, now: dt.datetime | None = None) -> str:
    """Send one queued message, or leave it queued, and record what happened.

    Checked again at the moment of sending: consent (an opt-out since it was
    queued withholds it), quiet hours (it waits for the morning) and the daily
    cap per number (it waits for the next day). Then the gateway: accepted →
    sent with the provider's id; refused → failed with the reason, not
    retried; not reachable → stays queued with the reason and DeliveryFailed
    is raised (after the record is saved) so the task retries with backoff.
    Idempotent: a message that is not queued is left alone. Returns the status.
    """
    from stations.background import DeliveryFailed
    from stations.services.background import describe_error

    now = now or timezone.now()
    retry_error = ""
    with transaction.atomic():
        # No select_related: PostgreSQL locks no row on the nullable side of a join.
        message = lock_for_sending(TextMessage.objects.filter(pk=message_id, status__in=OUTSTANDING)).first()
        if message is None:
            return ""  # sent, failed or withheld already, or being sent by another run
        reason = _withheld_reason(message.resident, message.number, asked=message.asked_by_recipient)
        if reason:
            TextMessage.objects.filter(pk=message.pk).update(status=TextMessageStatus.WITHHELD, reason=reason)
            return TextMessageStatus.WITHHELD
        if message.expires_at is not None and now >= message.expires_at:
            TextMessage.objects.filter(pk=message.pk).update(
                status=TextMessageStatus.WITHHELD, reason=_too_late_reason(now)
            )
            return TextMessageStatus.WITHHELD
        if message.not_before > now:
            return TextMessageStatus.QUEUED
        if rules.is_quiet(now):
            _defer(message, until=rules.next_morning(now), reason=_("Waiting for the end of quiet hours."))
            return TextMessageStatus.QUEUED
        cap = rules.daily_cap(timezone.localdate(now))
        _lock_number(message.number)
        if _sent_today(message.number, now) >= cap:
            _defer(
                message,
                until=rules.first_moment_of_next_day(now),
                reason=_("This number had %(cap)d messages today; it waits for tomorrow.") % {"cap": cap},
            )
            return TextMessageStatus.QUEUED
        gateway = get_gateway()
        outgoing = OutgoingText(
            number=message.number,
            template=get_template(message.template),
            params=message.params,
            reference=message.idempotency_key,
        )
        attempts = message.attempts + 1
        try:
            provider_id = gateway.send(outgoing)
        except GatewayRefused as exc:
            TextMessage.objects.filter(pk=message.pk).update(
                status=TextMessageStatus.FAILED,
                reason=str(exc)[:300],
                gateway=gateway.name,
                failed_at=now,
                attempts=attempts,
            )
            return TextMessageStatus.FAILED
        except OSError as exc:
            retry_error = describe_error(exc)
            TextMessage.objects.filter(pk=message.pk).update(
                reason=retry_error[:300], gateway=gateway.name, attempts=attempts
            )
        except Exception as exc:  # a gateway's own bug: recorded, not retried
            log.exception("text message %s: the gateway failed", message.pk)
            TextMessage.objects.filter(pk=message.pk).update(
                status=TextMessageStatus.FAILED,
                reason=describe_error(exc)[:300],
                gateway=gateway.name,
                failed_at=now,
                attempts=attempts,
            )
            return TextMessageStatus.FAILED
        else:
            TextMessage.objects.filter(pk=message.pk).update(
                status=TextMessageStatus.SENT,
                reason="",
                gateway=gateway.name,
                provider_id=str(provider_id)[:100],
                sent_at=now,
                attempts=attempts,
            )
            return TextMessageStatus.SENT
    # Outside the transaction, so the reason above stays recorded.
    raise DeliveryFailed(f"text message {message_id} not sent: {retry_error}")


def text_message_fail(*, message_id: int, reason: str, **_ignored) -> None:
    """The send task gave up (its retries ran out): a message still queued
    becomes failed, keeping the gateway's last error as the reason."""
    message = TextMessage.objects.filter(pk=message_id, status__in=OUTSTANDING).first()
    if message is None:
        return
    TextMessage.objects.filter(pk=message.pk).update(
        status=TextMessageStatus.FAILED, reason=(message.reason or reason)[:300], failed_at=timezone.now()
    )


def text_messages_send_due(*, now: dt.datetime | None = None) -> int:
    """Every few minutes (beat): hand every queued message whose time has
    come (the morning after quiet hours, the next day after the cap, or one
    whose hand-off was lost) to the send task. A message whose task is still
    retrying keeps that hand-off (same key). Returns how many were asked for."""
    now = now or timezone.now()
    if rules.is_quiet(now):
        return 0
    due = list(
        TextMessage.objects.filter(status__in=OUTSTANDING, not_before__lte=now).order_by("not_before", "pk")[
            :SWEEP_BATCH
        ]
    )
    with transaction.atomic():
        for message in due:
            _hand_off_send(message)
    return len(due)


@_in_portal_language
def text_message_delivery_report(
    *, provider_id: str, delivered: bool, reason: str = "", at: dt.datetime | None = None
) -> TextMessage | None:
    """Record the provider's delivery report for a sent message: delivered,
    or failed with the provider's reason. A report for an unknown id, or for a
    message that already has its final word, changes nothing."""
    at = at or timezone.now()
    with transaction.atomic():
        message = (
            TextMessage.objects.select_for_update()
            .filter(provider_id=provider_id, status=TextMessageStatus.SENT)
            .exclude(provider_id="")
            .first()
        )
        if message is None:
            return None
        if delivered:
            message.status, message.delivered_at = TextMessageStatus.DELIVERED, at
            message.save(update_fields=["status", "delivered_at"])
        else:
            message.status, message.failed_at = TextMessageStatus.FAILED, at
            message.reason = (_("Not delivered: %(reason)s") % {"reason": reason or _("no reason given")})[:300]
            message.save(update_fields=["status", "failed_at", "reason"])
    return message
