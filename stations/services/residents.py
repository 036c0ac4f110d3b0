"""Operations on resident records that other capabilities also call: the
service log and employment status changes (a hire in jobs, a placement on a
labour project, a training outcome all go through here)."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.audit import audit_record
from stations.models import (
    IN_WORK_STATUSES,
    AuditAction,
    EmploymentStatus,
    EmploymentStatusChange,
    Resident,
    ServiceChannel,
    ServiceKind,
    ServiceRecord,
    UnemploymentRegistration,
    User,
)
from stations.services.common import require


def _require_resident_in_scope(actor: User, resident: Resident) -> None:
    if not Resident.objects.visible_to(actor).filter(pk=resident.pk).exists():
        raise PermissionDenied("resident out of scope")


@transaction.atomic
def service_record_create(
    *,
    actor: User,
    resident: Resident,
    kind: ServiceKind,
    served_on: dt.date,
    channel: ServiceChannel,
    note: str = "",
    concerns=None,
    request=None,
) -> ServiceRecord:
    """Write one entry to the service log: the only way any capability records
    a service given to a resident (the 12333 ledger counts these rows)."""
    require(actor, "stations.record_service")
    _require_resident_in_scope(actor, resident)
    if resident.is_removed:
        raise ValidationError(_("This resident's record has been removed; services cannot be added."))
    record = ServiceRecord(
        resident=resident,
        kind=kind,
        served_on=served_on,
        staff=actor,
        channel=channel,
        note=note,
    )
    if concerns is not None:
        record.concerns_type = ContentType.objects.get_for_model(concerns)
        record.concerns_id = concerns.pk
        record.concerns_label = str(concerns)[:200]
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=record,
        request=request,
        changes={"kind": kind, "served_on": served_on},
    )
    return record


@transaction.atomic
def resident_employment_status_change(
    *,
    actor: User,
    resident: Resident,
    status: EmploymentStatus,
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
    _require_resident_in_scope(actor, resident)
    if changed_on > timezone.localdate():
        raise ValidationError({"changed_on": _("The date cannot be in the future.")})
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
    return change
