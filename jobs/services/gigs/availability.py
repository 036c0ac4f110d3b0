"""Who takes odd work: a resident's kinds of work, days and distance,
registered at the station or on their own page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jobs.models import GigAvailability, GigKind
from stations.audit import audit_record
from stations.models import AuditAction, Resident, TextConsent, User
from stations.services.common import require
from stations.services.messaging import resident_text_consent_give_own, resident_text_consent_set

# The farthest a resident may say they will go: beyond a district's width, an
# odd job of an afternoon is not worth the journey.
MAX_KM = 50


def _checked_wish(*, kinds: list, weekdays: list, max_km: int) -> dict:
    """The kinds of work, days and distance a resident takes, cleaned, or a
    ValidationError naming each that is missing or out of range."""
    kinds = [k for k in kinds if k in GigKind.values]
    weekdays = sorted({int(d) for d in weekdays if 0 <= int(d) <= 6})
    errors = {}
    if not kinds:
        errors["kinds"] = [_("Choose at least one kind of work.")]
    if not weekdays:
        errors["weekdays"] = [_("Choose at least one day.")]
    if not 1 <= int(max_km) <= MAX_KM:
        errors["max_km"] = [_("Choose a distance from 1 to %(n)s km.") % {"n": MAX_KM}]
    if errors:
        raise ValidationError(errors)
    return {"kinds": kinds, "weekdays": weekdays, "max_km": max_km}


def _availability_save(
    *, resident: Resident, wish: dict, defaults: dict, actor: User | None, request
) -> GigAvailability:
    """Save a resident's checked odd-work wish, audited on the availability
    row (whose scope is the resident's community)."""
    row, created = GigAvailability.objects.update_or_create(
        resident=resident, defaults={**wish, "active": True, **defaults}
    )
    changes: dict = dict(wish)
    if actor is None:
        changes["by"] = "resident"
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=row,
        request=request,
        changes=changes,
    )
    return row


@transaction.atomic
def availability_register(
    *,
    actor: User,
    resident: Resident,
    kinds: list[str],
    weekdays: list[int],
    max_km: int,
    phone: str = "",
    text_consent: bool = False,
    request=None,
) -> GigAvailability:
    """Register (or change) in one step which odd work a resident takes, and,
    when the resident agrees there and then, their consent to text messages
    (recorded as any consent is, audited; without it offers are not texted)."""
    require(actor, "jobs.manage_posting")
    if not Resident.objects.visible_to(actor).filter(pk=resident.pk).exists():
        raise PermissionDenied("resident")
    row = _availability_save(
        resident=resident,
        wish=_checked_wish(kinds=kinds, weekdays=weekdays, max_km=max_km),
        defaults={"phone": phone, "registered_by": actor},
        actor=actor,
        request=request,
    )
    if text_consent and resident.text_consent != TextConsent.GIVEN:
        resident_text_consent_set(
            actor=actor,
            resident=resident,
            consent=TextConsent.GIVEN,
            how=_("Agreed when registering for odd work"),
            request=request,
        )
    return row


@transaction.atomic
def availability_register_own(
    *,
    resident: Resident,
    kinds: list[str],
    weekdays: list[int],
    max_km: int,
    text_consent: bool = False,
    request=None,
) -> GigAvailability:
    """The resident says on their own page (/me/) which odd work they take,
    on which days and how far they will go: their own wish, saved at once
    (no staff confirmation, unlike a change to their record), audited with
    no actor on the availability row. Offers go to the mobile on their record:
    a phone for offers another than that is set only at the station, where
    the person is seen. `text_consent` records their agreement to texts
    when not given yet. The caller has established that the request comes
    from `resident` (the resident page's sign-in). New odd jobs are offered
    from then on; jobs already posted are not offered again."""
    if resident.removed_at is not None:
        raise PermissionDenied("resident")
    row = _availability_save(
        resident=resident,
        wish=_checked_wish(kinds=kinds, weekdays=weekdays, max_km=max_km),
        defaults={"registered_by": None},
        actor=None,
        request=request,
    )
    if text_consent and resident.text_consent != TextConsent.GIVEN:
        resident_text_consent_give_own(
            resident=resident, how=_("Agreed on their own page, for odd-job offers"), request=request
        )
    return row


@transaction.atomic
def availability_withdraw_own(*, resident: Resident, request=None) -> GigAvailability | None:
    """The resident stops taking odd work, on their own page: no new offers
    from now on; places already taken stay (they cancel those on the offer's
    page). The row is kept, inactive, so the station sees it was withdrawn.
    Returns None when the resident had not registered."""
    row = GigAvailability.objects.select_for_update().filter(resident=resident).first()
    if row is None:
        return None
    if row.active:
        row.active = False
        row.save(update_fields=["active", "updated_at"])
        audit_record(
            actor=None, action=AuditAction.UPDATE, obj=row, request=request, changes={"active": False, "by": "resident"}
        )
    return row
