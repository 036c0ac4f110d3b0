"""The service log (服务台账): every service a resident receives. Other
capabilities record theirs through `service_record_create`."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations import closed_months
from stations.audit import audit_record
from stations.models import (
    AuditAction,
    Resident,
    ServiceChannel,
    ServiceKind,
    ServiceRecord,
    User,
)
from stations.services.common import require
from stations.services.residents.common import require_resident_in_scope


@closed_months.guard(name="stations.services.residents.service_record_create", label=gettext_lazy("Record a service"))
@transaction.atomic
def service_record_create(
    *,
    actor: User,
    resident: Resident,
    kind: ServiceKind | str,
    served_on: dt.date,
    channel: ServiceChannel | str,
    note: str = "",
    concerns=None,
    request=None,
) -> ServiceRecord:
    """Write one entry to the service log: the only way any capability records
    a service given to a resident (the 12333 ledger counts these rows)."""
    require(actor, "stations.record_service")
    require_resident_in_scope(actor, resident)
    if resident.is_removed:
        raise ValidationError(_("This resident's record has been removed; services cannot be added."))
    closed_months.touch(communities=[resident.community_id], dates=[served_on])
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
