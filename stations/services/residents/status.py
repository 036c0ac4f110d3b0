"""Employment status changes and the unemployment registrations they open
and close: a hire in jobs, a placement on a labour project, a training
outcome all go through `resident_employment_status_change`."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations import closed_months
from stations.audit import audit_record
from stations.models import (
    IN_WORK_STATUSES,
    AuditAction,
    EmploymentStatus,
    EmploymentStatusChange,
    Resident,
    UnemploymentRegistration,
    User,
)
from stations.services.common import require
from stations.services.residents.common import require_resident_in_scope
from stations.services.residents.households import household_zero_employment_refresh


@closed_months.guard(
    name="stations.services.residents.resident_employment_status_change",
    label=gettext_lazy("Change the employment status"),
)
@transaction.atomic
def resident_employment_status_change(
    *,
    actor: User,
    resident: Resident,
    status: EmploymentStatus | str,
    changed_on: dt.date,
    note: str = "",
    registration_number: str = "",
    request=None,
) -> EmploymentStatusChange:
    """Change a resident's employment status and keep the dated history.

    Becoming registered unemployed opens an unemployment registration (失业登记)
    with its date and number; moving into work ends the open one.
    """
    require(actor, "stations.manage_resident")
    require_resident_in_scope(actor, resident)
    if changed_on > timezone.localdate():
        raise ValidationError({"changed_on": _("The date cannot be in the future.")})
    # The history, the registration opened or ended, and the trainees' outcomes
    # all count from this date.
    closed_months.touch(communities=[resident.community_id], dates=[changed_on])
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    old_status = resident.employment_status
    change = EmploymentStatusChange.objects.create(
        resident=resident, status=status, changed_on=changed_on, recorded_by=actor, note=note[:200]
    )
    open_registration = UnemploymentRegistration.objects.filter(resident=resident, ended_on__isnull=True).first()
    if status == EmploymentStatus.UNEMPLOYED and open_registration is None:
        UnemploymentRegistration.objects.create(resident=resident, number=registration_number, registered_on=changed_on)
    elif status != EmploymentStatus.UNEMPLOYED and open_registration is not None:
        if changed_on < open_registration.registered_on:
            raise ValidationError(
                {
                    "changed_on": _("The date is before the unemployment registration of %(date)s.")
                    % {"date": open_registration.registered_on}
                }
            )
        open_registration.ended_on = changed_on
        open_registration.end_reason = _("Found work") if status in IN_WORK_STATUSES else _("Left the labour force")
        open_registration.save(update_fields=["ended_on", "end_reason"])
    resident.employment_status = status
    resident.four_clears_score = sum(resident.four_clears().values())
    resident.save(update_fields=["employment_status", "four_clears_score", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=resident,
        request=request,
        changes={"employment_status": [old_status, status], "changed_on": changed_on},
    )
    if resident.household_id:
        household_zero_employment_refresh(household=resident.household, on=changed_on)
    return change
