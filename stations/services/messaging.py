"""Text messages to residents: queue, send, record the outcome; consent and opt-out.

    text_message_queue()      ─ in the caller's transaction: a TextMessage row
        │                        (queued, or withheld with the reason) and, when
        │                        it may go now, a hand-off to the send task
        ▼
    text_message_send()       ─ the task: re-checks consent, quiet hours and the
        │                        daily cap, then asks the gateway
        ▼
    sent (gateway accepted) ─► delivered / failed (the provider's report)
    failed (refused; or given up after the retries), with the reason

A message is marked sent only when the gateway accepted it; a gateway that
cannot be reached leaves it queued with the reason and the task retries with
backoff (stations.background.RETRY_POLICY). Consent is recorded with the
resident; a resident without it (not asked, or opted out) gets no message,
and an opt-out (reply 退订, or staff on the resident's page) also withholds
every message still queued for the number, at once. docs/messaging.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stations.audit import audit_record
from stations.messaging import rules
from stations.messaging.gateways import GatewayRefused, OutgoingText, get_gateway
from stations.messaging.templates import clean_params, get_template
from stations.models import AuditAction, Resident, TextConsent, TextMessage, TextMessageStatus, User
from stations.services.common import require
from stations.services.notifications import lock_for_sending
from stations.validators import normalize_mobile

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


def _too_late_reason(moment: dt.datetime) -> str:
    return _("Too late to be of use: it could go only from %(time)s (quiet hours or the daily cap).") % {
        "time": f"{timezone.localtime(moment):%m-%d %H:%M}"
    }


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


def _withhold_queued(*, number: str, reason: str) -> int:
    return TextMessage.objects.filter(number=number, status__in=OUTSTANDING).update(
        status=TextMessageStatus.WITHHELD, reason=reason
    )


@_in_portal_language
def resident_text_consent_set(
    *, actor: User, resident: Resident, consent: str, how: str = "", request=None
) -> Resident:
    """Record, on the resident's record, that they agreed to text messages or
    withdrew (staff, on the resident's page). Withdrawal takes effect at once:
    every message still queued for the resident's number is withheld."""
    require(actor, "stations.manage_resident")
    if consent not in (TextConsent.GIVEN, TextConsent.WITHDRAWN):
        raise ValidationError({"consent": _("Choose whether the resident agreed or opted out.")})
    with transaction.atomic():
        locked = Resident.objects.visible_to(actor).select_for_update().filter(pk=resident.pk).first()
        if locked is None:
            raise ValidationError(_("This resident is outside your area."))
        if consent == TextConsent.GIVEN and not locked.mobile:
            raise ValidationError({"consent": _("Record the resident's mobile number first.")})
        previous = locked.text_consent
        locked.text_consent = consent
        locked.text_consent_changed_at = timezone.now()
        locked.text_consent_how = (how or _("Recorded by staff")).strip()[:100]
        locked.save(update_fields=["text_consent", "text_consent_changed_at", "text_consent_how", "updated_at"])
        withheld = 0
        if consent == TextConsent.WITHDRAWN:
            withheld = _withhold_queued(number=locked.mobile, reason=_("The resident opted out of text messages."))
            TextMessage.objects.filter(resident=locked, status__in=OUTSTANDING).update(
                status=TextMessageStatus.WITHHELD, reason=_("The resident opted out of text messages.")
            )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            request=request,
            changes={"text_consent": [previous, consent], "withheld": withheld},
        )
    resident.text_consent = locked.text_consent
    resident.text_consent_changed_at = locked.text_consent_changed_at
    resident.text_consent_how = locked.text_consent_how
    return locked


def resident_text_consent_give_own(*, resident: Resident, how: str, request=None) -> Resident:
    """The resident agrees to text messages themself, on their own page: no
    staff account is involved, and the caller has established that the request
    comes from `resident` (the page's sign-in). Audited on the resident's
    record with no actor. Withdrawing needs no counterpart here: it goes
    through `text_messages_opt_out`, as a 退订 reply does."""
    with transaction.atomic():
        locked = Resident.objects.active().select_for_update().filter(pk=resident.pk).first()
        if locked is None:
            raise ValidationError(_("This record is no longer kept."))
        if not locked.mobile:
            raise ValidationError({"text_consent": _("Your record has no mobile number.")})
        previous = locked.text_consent
        if previous != TextConsent.GIVEN:
            locked.text_consent = TextConsent.GIVEN
            locked.text_consent_changed_at = timezone.now()
            locked.text_consent_how = (how or _("Agreed on the resident's own page")).strip()[:100]
            locked.save(update_fields=["text_consent", "text_consent_changed_at", "text_consent_how", "updated_at"])
            audit_record(
                actor=None,
                action=AuditAction.UPDATE,
                obj=locked,
                request=request,
                changes={"text_consent": [previous, TextConsent.GIVEN], "by": "resident"},
            )
    resident.text_consent = locked.text_consent
    resident.text_consent_changed_at = locked.text_consent_changed_at
    resident.text_consent_how = locked.text_consent_how
    return locked


@_in_portal_language
def text_messages_opt_out(*, number: str, how: str, at: dt.datetime | None = None) -> int:
    """Opt a number out at once (a 退订 reply): every live record with that
    mobile is marked withdrawn and every message queued for it withheld.
    Returns how many records were opted out."""
    at = at or timezone.now()
    number = normalize_mobile(number)
    reason = _("The resident opted out of text messages.")
    with transaction.atomic():
        residents = list(
            Resident.objects.select_for_update().filter(mobile=number).exclude(text_consent=TextConsent.WITHDRAWN)
        )
        for resident in residents:
            previous = resident.text_consent
            resident.text_consent, resident.text_consent_changed_at = TextConsent.WITHDRAWN, at
            resident.text_consent_how = how[:100]
            resident.save(update_fields=["text_consent", "text_consent_changed_at", "text_consent_how", "updated_at"])
            audit_record(
                actor=None,
                action=AuditAction.UPDATE,
                obj=resident,
                changes={"text_consent": [previous, TextConsent.WITHDRAWN], "how": how[:100]},
            )
        _withhold_queued(number=number, reason=reason)
    return len(residents)


def is_opt_out_reply(text: str) -> bool:
    words = "".join(str(text).split()).upper().strip("。.!！")
    return words in OPT_OUT_WORDS


@_in_portal_language
def text_message_reply_receive(*, number: str, text: str, at: dt.datetime | None = None) -> bool:
    """A resident's reply, from the provider's report of replies. 退订 (or
    another stop word) opts the number out at once; other replies are only
    logged (no one reads an SMS inbox). Returns whether it was an opt-out."""
    if not is_opt_out_reply(text):
        log.info("text message reply from %s*** ignored: not an opt-out", str(number)[:3])
        return False
    try:
        text_messages_opt_out(number=number, how=_("Replied “%(text)s” by text message") % {"text": text[:20]}, at=at)
    except ValidationError:
        log.warning("opt-out reply from a number that is no mobile: %r", number)
        return False
    return True
