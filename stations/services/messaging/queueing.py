"""Queueing a text message, in the caller's transaction."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stations.messaging import rules
from stations.messaging.gateways import OutgoingText, get_gateway
from stations.messaging.templates import clean_params, get_template
from stations.models import Resident, TextMessage, TextMessageStatus
from stations.validators import normalize_mobile

from .common import (
    _hand_off_send,
    _in_portal_language,
    _too_late_reason,
    _withheld_reason,
    log,
)


@_in_portal_language
def text_message_queue(
    *,
    resident: Resident | None,
    template: str,
    params: dict,
    key: str,
    number: str = "",
    send_after: dt.datetime | None = None,
    expires_at: dt.datetime | None = None,
    asked_by_recipient: bool = False,
    now: dt.datetime | None = None,
) -> TextMessage | None:
    """Queue one message to a resident (their mobile unless `number` is
    given), once per `key`: asking again returns the first record. Call it
    inside the transaction that makes the change the message is about.

    Returns None when the resident has no valid mobile. A resident without
    consent, or who opted out, gets a withheld record with the reason (staff
    see it on the record) and nothing is sent. During quiet hours the message
    waits until their end (`not_before`); the sweep hands it over then.
    `send_after` schedules a reminder: it waits until then (and the end of
    quiet hours, if that falls in them), the record being the schedule.
    `expires_at` is when the message stops being of use (an odd job's start):
    one that could go only at or after it (quiet hours) is withheld at once,
    and one still waiting then (the daily cap, retries) is withheld unsent.
    `asked_by_recipient`: the person asked for this message themselves (a
    help request's answer, an employer's posting link asked for at the
    station), so it goes on that request without recorded consent, to a
    resident or to a `number` with no resident (`resident` None); only an
    opt-out withholds it. Without it a message to no resident is withheld.
    """
    now = now or timezone.now()
    tpl = get_template(template)
    cleaned = clean_params(tpl, params)
    try:
        number = normalize_mobile(number or (resident.mobile if resident is not None else ""))
    except ValidationError:
        return None
    key = key[:200]
    with transaction.atomic():
        existing = TextMessage.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return existing
        not_before = rules.next_morning(max(now, send_after) if send_after else now)
        reason = _withheld_reason(resident, number, asked=asked_by_recipient)
        if not reason and expires_at is not None and not_before >= expires_at:
            reason = _too_late_reason(not_before)
        message = TextMessage.objects.create(
            number=number,
            resident=resident,
            template=tpl.code,
            params=cleaned,
            idempotency_key=key,
            status=TextMessageStatus.WITHHELD if reason else TextMessageStatus.QUEUED,
            reason=reason,
            not_before=not_before,
            expires_at=expires_at,
            asked_by_recipient=asked_by_recipient,
        )
        if not reason and message.not_before <= now:
            _hand_off_send(message)
    return message


@_in_portal_language
def text_message_send_requested(
    *,
    number: str,
    resident: Resident | None,
    template: str,
    params: dict,
    recorded_params: dict,
    key: str,
    now: dt.datetime | None = None,
) -> TextMessage:
    """Send at once a message the resident has just asked for (a sign-in
    code; rules.REQUESTED_BY_RESIDENT): no consent check, no quiet hours, no
    daily cap, no queue. It goes to the gateway in the caller's request and
    its record keeps `recorded_params` instead of `params`, so a secret (the
    code) is never stored: the send task could not send it again, which is
    why there is no retry, and the resident asks for a new code instead.
    Returns the record, sent or failed with the reason."""
    now = now or timezone.now()
    tpl = get_template(template)
    if not tpl.requested:
        raise ValidationError({"template": f"template {tpl.code!r} is a notification: queue it"})
    cleaned = clean_params(tpl, params)
    number = normalize_mobile(number)
    message = TextMessage.objects.create(
        number=number,
        resident=resident,
        template=tpl.code,
        params=clean_params(tpl, recorded_params),
        idempotency_key=key[:200],
        status=TextMessageStatus.QUEUED,
        not_before=now,
    )
    gateway = get_gateway()
    try:
        provider_id = gateway.send(
            OutgoingText(number=number, template=tpl, params=cleaned, reference=message.idempotency_key)
        )
    except Exception as exc:  # refused, unreachable or a gateway's bug: no retry (see above)
        from stations.services.background import describe_error

        log.warning("requested text message %s not sent: %s", message.pk, exc)
        TextMessage.objects.filter(pk=message.pk).update(
            status=TextMessageStatus.FAILED,
            reason=describe_error(exc)[:300],
            gateway=gateway.name,
            failed_at=now,
            attempts=1,
        )
    else:
        TextMessage.objects.filter(pk=message.pk).update(
            status=TextMessageStatus.SENT,
            gateway=gateway.name,
            provider_id=str(provider_id)[:100],
            sent_at=now,
            attempts=1,
        )
    message.refresh_from_db()
    return message
