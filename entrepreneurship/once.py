"""How often a subsidy may be awarded: finding the application that already
holds the slot, and saying so.

Each kind's `once_per` (entrepreneurship.subsidy_kinds) is the rule; this
module applies it. A slot is held
by a live application (`LIVE_STATUSES`) of the same kind for the same person
(once-per-person kinds) or the same business (once-per-business kinds). The
one-off startup subsidy is both: once per founder across all their businesses,
and once per business.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.models import Resident

from .models import (
    BUSINESS_KINDS,
    LIVE_STATUSES,
    PER_PERSON_KINDS,
    ApplicationStatus,
    Business,
    SubsidyApplication,
)


def slot_holders(application: SubsidyApplication, *, reaching: str | None = None) -> QuerySet[SubsidyApplication]:
    """Other live applications holding a slot `application` needs, earliest
    first, wherever they were filed (a person may have moved district).
    Legacy duplicates count: they hold a slot too.

    `reaching` is the live state a step would move `application` to: then only
    applications already in that state or further count. A new submission
    meets every live one (as the constraint does); of two applications that
    are both live (only possible from before the rule), the first to be
    approved wins the approval and the first paid wins the payment, and the
    other is refused at that step."""
    statuses = LIVE_STATUSES[LIVE_STATUSES.index(reaching) :] if reaching else LIVE_STATUSES
    same_slot = Q(pk__in=[])
    if application.kind in PER_PERSON_KINDS:
        # One person, however many records hold their ID number (a pair
        # waiting on the duplicates list for a merge is still one founder).
        same_slot |= Q(resident__id_number=application.resident.id_number)
    if application.kind in BUSINESS_KINDS and application.business_id:
        same_slot |= Q(business_id=application.business_id)
    return (
        SubsidyApplication.objects.filter(same_slot, kind=application.kind, status__in=statuses)
        .exclude(pk=application.pk)
        .select_related("resident", "business")
        .order_by("created_at", "pk")
    )


def lock_slot(application: SubsidyApplication) -> None:
    """Lock the person and the business the rule is about, always in that
    order, so two decisions for the same person or business (even on two
    different applications) run one after the other and the second sees the
    first. No-op on SQLite, which serialises writers anyway."""
    if application.kind in PER_PERSON_KINDS:
        person = Resident.with_tombstones.select_for_update().filter(id_number=application.resident.id_number)
        list(person.order_by("pk").values_list("pk", flat=True))
    if application.kind in BUSINESS_KINDS and application.business_id:
        list(Business.objects.select_for_update().filter(pk=application.business_id).values_list("pk", flat=True))


def describe(earlier: SubsidyApplication) -> str:
    """The earlier application as a reviewer needs it: number, date, business, status."""
    filed = timezone.localtime(earlier.submitted_at or earlier.created_at).date()
    if earlier.status == ApplicationStatus.PAID and earlier.paid_on:
        status = _("paid %(date)s") % {"date": f"{earlier.paid_on:%Y-%m-%d}"}
    else:
        status = earlier.get_status_display()
    if earlier.business_id:
        return _("application No. %(number)s, filed %(date)s for %(business)s, %(status)s") % {
            "number": earlier.pk,
            "date": f"{filed:%Y-%m-%d}",
            "business": earlier.business.name,
            "status": status,
        }
    return _("application No. %(number)s, filed %(date)s, %(status)s") % {
        "number": earlier.pk,
        "date": f"{filed:%Y-%m-%d}",
        "status": status,
    }


def _same_person(application: SubsidyApplication, earlier: SubsidyApplication) -> bool:
    return application.kind in PER_PERSON_KINDS and earlier.resident.id_number == application.resident.id_number


def slot_taken_message(application: SubsidyApplication, earlier: SubsidyApplication) -> str:
    kind = application.get_kind_display()
    if _same_person(application, earlier):
        return _("%(name)s has already applied for the %(kind)s (%(earlier)s); it is awarded only once per person.") % {
            "name": application.resident.name,
            "kind": kind,
            "earlier": describe(earlier),
        }
    return _(
        "An application for the %(kind)s already exists for %(business)s (%(earlier)s); "
        "it is awarded only once per business."
    ) % {
        "business": application.business.name if application.business_id else "",
        "kind": kind,
        "earlier": describe(earlier),
    }


def slot_taken_error(application: SubsidyApplication, earlier: SubsidyApplication) -> ValidationError:
    """A ValidationError on the field the rule is about (the person or the business)."""
    field = "resident" if _same_person(application, earlier) else "business"
    return ValidationError({field: ValidationError(slot_taken_message(application, earlier), code="once")})


def require_free_slot(application: SubsidyApplication, *, reaching: str | None = None) -> None:
    """Raise the refusal naming the earlier application when the slot is taken
    (for the step `reaching` a live state, see `slot_holders`)."""
    earlier = slot_holders(application, reaching=reaching).first()
    if earlier is not None:
        raise slot_taken_error(application, earlier)
