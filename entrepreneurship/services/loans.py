"""Recording a guarantee loan."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy

from entrepreneurship.services.businesses import _require_resident_in_scope
from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, User
from stations.services.common import require

from ..models import (
    GuaranteeLoan,
)


# Named by its path before services became a package: stored corrections replay it by this name.
@closed_months.guard(
    label=gettext_lazy("Record a guarantee loan"), name="entrepreneurship.services.guarantee_loan_record"
)
@transaction.atomic
def guarantee_loan_record(*, actor: User, loan: GuaranteeLoan, request=None) -> GuaranteeLoan:
    """Record a guarantee loan; the plan's limits are enforced with clear messages."""
    require(actor, "entrepreneurship.manage_loan")
    _require_resident_in_scope(actor, loan.resident)
    loan.community = loan.resident.community
    creating = loan.pk is None
    if creating:
        loan.created_by = actor
    # A loan counts in the month of its grant date.
    stored = GuaranteeLoan.objects.filter(pk=loan.pk).values("community", "granted_on").first() or {}
    closed_months.touch(
        communities=[loan.community_id, stored.get("community")], dates=[loan.granted_on, stored.get("granted_on")]
    )
    loan.full_clean()
    loan.save()
    audit_record(actor=actor, action=AuditAction.CREATE if creating else AuditAction.UPDATE, obj=loan, request=request)
    return loan
