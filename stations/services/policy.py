import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, Community, PolicyParameterValue, User
from stations.policy import check_value, get_parameter, policy_value
from stations.services.common import require


@closed_months.guard(label=gettext_lazy("Set a policy parameter"))
@transaction.atomic
def policy_parameter_set(*, actor: User, key: str, value, valid_from: dt.date, note: str = "") -> PolicyParameterValue:
    """Record a new value of a policy parameter; earlier values stay as history.

    Only the city bureau ("stations.set_policy"). The value must be of the kind
    the parameter declares (number, yes/no, text, JSON list or object) and pass
    its validator; `valid_from` says from which day decisions read it.
    """
    require(actor, "stations.set_policy")
    try:
        parameter = get_parameter(key)  # parameters are declared in code
    except KeyError:
        raise ValidationError({"key": _("There is no policy parameter “%(key)s”.") % {"key": key}}) from None
    check_value(parameter, value)
    if valid_from is None:
        raise ValidationError({"valid_from": _("Enter the date the value applies from.")})
    before = policy_value(key, on=valid_from)
    # A value back-dated into closed months may change their figures (the
    # 12333 schedule decides compliance); most parameters change none, and
    # only the figures decide. Every community: a parameter is the city's.
    if valid_from < timezone.localdate().replace(day=1):
        closed_months.touch(communities=Community.objects.values_list("pk", flat=True), dates=[valid_from])
    row = PolicyParameterValue(key=key, value=value, valid_from=valid_from, note=note, set_by=actor)
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_repr=f"policy:{key}",
        changes={"value": [before, value], "valid_from": valid_from, "note": note},
    )
    return row
