"""What the cooperatives' services share: the rule, the checks that a record
is in the actor's area, and the plan's priority groups."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.models import Resident, TargetGroupCode, User
from stations.selectors import OLDER_WORKER_AGE

RULE = "partnerships.manage_cooperatives"

# The plan's "low income" covers the two assistance household kinds as well as
# the looser low-income group staff record.
LOW_INCOME_GROUPS = (
    TargetGroupCode.MINIMUM_LIVING,
    TargetGroupCode.NEAR_MINIMUM_LIVING,
    TargetGroupCode.LOW_INCOME,
)


def require_visible(actor: User, model, obj, *, field: str, message: str) -> None:
    if obj is None or not model.objects.visible_to(actor).filter(pk=obj.pk).exists():
        raise ValidationError({field: message})


def require_resident(actor: User, resident: Resident) -> None:
    if resident is None or not Resident.objects.visible_to(actor).active().filter(pk=resident.pk).exists():
        raise ValidationError({"resident": _("Choose a resident registered in your area.")})


def not_in_future(day: dt.date | None, field: str) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def priority_flags(resident: Resident, on: dt.date) -> dict[str, bool]:
    """The plan's priority groups for `resident` on day `on` (snapshotted on placements)."""
    codes = set(resident.target_groups.values_list("code", flat=True))
    older = bool(resident.birth_date) and resident.age_on(on) >= OLDER_WORKER_AGE.get(resident.sex, 50)
    return {
        "is_older_worker": older,
        "is_hard_to_employ": TargetGroupCode.HARD_TO_EMPLOY in codes,
        "is_low_income": bool(codes.intersection(LOW_INCOME_GROUPS)),
    }
