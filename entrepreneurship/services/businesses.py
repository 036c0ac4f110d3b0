"""Recording a startup founded by residents of the actor's area."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, Resident, User
from stations.services.common import require, require_community_in_scope

from ..models import (
    Business,
)


def _require_resident_in_scope(actor: User, resident: Resident) -> None:
    if not Resident.objects.visible_to(actor).filter(pk=resident.pk).exists():
        raise ValidationError({"resident": _("Choose a resident registered in your area.")})


# Named by its path before services became a package: stored corrections replay it by this name.
@closed_months.guard(label=gettext_lazy("Record a startup"), name="entrepreneurship.services.business_register")
@transaction.atomic
def business_register(*, actor: User, business: Business, founders: list[Resident], request=None) -> Business:
    """Record a business founded by residents of the actor's area."""
    require(actor, "entrepreneurship.manage_business")
    require_community_in_scope(actor, business.community)
    if not founders:
        raise ValidationError({"founders": _("Name at least one founder.")})
    for founder in founders:
        _require_resident_in_scope(actor, founder)
    creating = business.pk is None
    # A startup counts, with its jobs, in the month of its registration date.
    stored = Business.objects.filter(pk=business.pk).values("community", "registered_on").first() or {}
    closed_months.touch(
        communities=[business.community_id, stored.get("community")],
        dates=[business.registered_on, stored.get("registered_on")],
    )
    business.full_clean()
    business.save()
    business.founders.set(founders)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=business,
        request=request,
        changes={"founders": [f.name for f in founders]},
    )
    return business
