import datetime as dt

from django.db import transaction

from stations.audit import audit_record
from stations.models import AuditAction, PolicyParameterValue, User
from stations.policy import get_parameter
from stations.services.common import require


@transaction.atomic
def policy_parameter_set(*, actor: User, key: str, value, valid_from: dt.date, note: str = "") -> PolicyParameterValue:
    """Record a new value of a policy parameter; earlier values stay as history."""
    require(actor, "stations.set_policy")
    get_parameter(key)  # unknown keys raise KeyError: parameters are declared in code
    row = PolicyParameterValue(key=key, value=value, valid_from=valid_from, note=note, set_by=actor)
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_repr=f"policy:{key}",
        changes={"value": value, "valid_from": valid_from, "note": note},
    )
    return row
