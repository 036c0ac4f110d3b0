"""A resident's consent to text messages, opt-outs and replies."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.audit import audit_record
from stations.models import AuditAction, Resident, TextConsent, TextMessage, TextMessageStatus, User
from stations.services.common import require
from stations.validators import normalize_mobile

from .common import (
    OPT_OUT_WORDS,
    OUTSTANDING,
    _in_portal_language,
    log,
)


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
