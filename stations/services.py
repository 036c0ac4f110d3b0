"""Write operations of the base app. Views, forms, serializers and tasks call
these; they validate, write the audit trail and run in one transaction."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.audit import audit_record, field_changes
from stations.models import (
    AuditAction,
    Community,
    PolicyParameterValue,
    Resident,
    ServiceChannel,
    ServiceKind,
    ServiceRecord,
    Station,
    User,
)
from stations.permissions import user_can
from stations.policy import get_parameter
from stations.scoping import scope_q

STATION_FIELDS = (
    "name",
    "community",
    "address",
    "latitude",
    "longitude",
    "opening_hours",
    "phone",
    "operator_kind",
    "operator_name",
    "status",
    "note",
)


def _require(user, permission: str) -> None:
    if not user_can(user, permission):
        raise PermissionDenied(permission)


def _require_community_in_scope(user, community: Community) -> None:
    if not Community.objects.visible_to(user).filter(pk=community.pk).exists():
        raise ValidationError({"community": _("You can only choose a community in your own area.")})


@transaction.atomic
def station_save(*, actor: User, station: Station, services=None, served_communities=None, request=None) -> Station:
    """Create or update a station inside the actor's scope."""
    _require(actor, "stations.manage_station")
    _require_community_in_scope(actor, station.community)
    if served_communities is not None:
        outside = [c for c in served_communities if not Community.objects.visible_to(actor).filter(pk=c.pk).exists()]
        if outside:
            raise ValidationError(
                {
                    "served_communities": _("These communities are outside your area: %(names)s")
                    % {"names": "、".join(str(c) for c in outside)}
                }
            )
    creating = station.pk is None
    before = (
        {}
        if creating
        else dict(
            Station.objects.filter(pk=station.pk)
            .values(*[f if f != "community" else "community_id" for f in STATION_FIELDS])
            .get()
        )
    )
    if "community_id" in before:
        before["community"] = Community.objects.filter(pk=before.pop("community_id")).first()
    station.full_clean()
    station.save()
    if services is not None:
        station.services.set(services)
    if served_communities is not None:
        station.served_communities.set(served_communities)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=station,
        changes={} if creating else field_changes(before, station, STATION_FIELDS),
        request=request,
    )
    return station


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
    _require(actor, "stations.record_service")
    if not Resident.objects.visible_to(actor).filter(pk=resident.pk).exists():
        raise PermissionDenied("resident out of scope")
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
def policy_parameter_set(*, actor: User, key: str, value, valid_from: dt.date, note: str = "") -> PolicyParameterValue:
    """Record a new value of a policy parameter; earlier values stay as history."""
    _require(actor, "stations.set_policy")
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


@transaction.atomic
def staff_account_deactivate(*, actor: User, account: User, request=None) -> User:
    """Disable an account and end every session it has open."""
    if actor.pk == account.pk:
        raise ValidationError(_("You cannot disable your own account."))
    if not actor.is_superuser:
        q = scope_q(actor, Community.scope_paths)
        if (
            q is None
            or account.community_id is None
            or not Community.objects.filter(q, pk=account.community_id).exists()
        ):
            raise PermissionDenied("account out of scope")
    account.is_active = False
    account.save(update_fields=["is_active"])
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(account.pk):
            session.delete()
            ended += 1
    audit_record(
        actor=actor,
        action=AuditAction.ACCOUNT,
        obj=account,
        request=request,
        changes={"is_active": [True, False], "sessions_ended": ended},
        region_from=account.community,
    )
    return account
