"""Incubation spaces and their occupancy."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.audit import audit_record
from stations.models import AuditAction, User
from stations.services.common import require, require_community_in_scope

from ..models import (
    IncubationSpace,
    SpaceOccupancy,
)


@transaction.atomic
def incubation_space_save(*, actor: User, space: IncubationSpace, request=None) -> IncubationSpace:
    require(actor, "entrepreneurship.manage_space")
    require_community_in_scope(actor, space.community)
    creating = space.pk is None
    space.full_clean()
    space.save()
    audit_record(actor=actor, action=AuditAction.CREATE if creating else AuditAction.UPDATE, obj=space, request=request)
    return space


@transaction.atomic
def space_occupancy_record(
    *, actor: User, space: IncubationSpace, recorded_on: dt.date, occupied_units: int, priority_group_units: int
) -> SpaceOccupancy:
    require(actor, "entrepreneurship.manage_space")
    if not IncubationSpace.objects.visible_to(actor).filter(pk=space.pk).exists():
        raise PermissionDenied("space out of scope")
    errors = {}
    if occupied_units > space.units:
        errors["occupied_units"] = [
            _("The space has %(units)d units; %(occupied)d cannot be occupied.")
            % {"units": space.units, "occupied": occupied_units}
        ]
    if priority_group_units > occupied_units:
        errors["priority_group_units"] = [_("Cannot exceed the occupied units.")]
    if recorded_on > timezone.localdate():
        errors["recorded_on"] = [_("The date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    row, _created = SpaceOccupancy.objects.update_or_create(
        space=space,
        recorded_on=recorded_on,
        defaults={"occupied_units": occupied_units, "priority_group_units": priority_group_units},
    )
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=space, changes={"occupied_units": occupied_units})
    return row
