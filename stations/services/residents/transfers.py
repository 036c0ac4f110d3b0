"""Transfers of a record between communities: request, accept, decline."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.audit import audit_record
from stations.models import (
    AuditAction,
    Community,
    Resident,
    ResidentTransferRequest,
    Role,
    TransferStatus,
    User,
)
from stations.scoping import CityWideRead, city_wide
from stations.services.common import require, require_community_in_scope
from stations.services.residents.households import household_zero_employment_refresh
from stations.validators import normalize_resident_id


# --- transfers between communities -------------------------------------------------------
@transaction.atomic
def resident_transfer_request_create(
    *, actor: User, id_number: str, to_community: Community, note: str = "", request=None
) -> ResidentTransferRequest:
    """Ask the community holding `id_number` to hand the record to `to_community`.

    The actor cannot see the record (if they could, there is nothing to
    transfer); they learn only the holding community's name. The holding
    community's staff are notified.
    """
    require(actor, "stations.manage_resident")
    require_community_in_scope(actor, to_community, field="to_community")
    id_number = normalize_resident_id(id_number)
    resident = (
        city_wide(Resident.objects, read=CityWideRead.RESIDENT_TRANSFER)
        .select_related("community")
        .filter(id_number=id_number)
        .first()
    )
    if resident is None:
        raise ValidationError({"id_number": _("No community has registered this ID number: register the person.")})
    if resident.community_id == to_community.pk:
        raise ValidationError(
            {"id_number": _("This person is already registered in %(community)s.") % {"community": to_community.name}}
        )
    if ResidentTransferRequest.objects.filter(resident=resident, status=TransferStatus.PENDING).exists():
        raise ValidationError(
            {
                "id_number": _("A transfer of this person is already waiting for %(community)s to decide.")
                % {"community": resident.community.name}
            }
        )
    transfer = ResidentTransferRequest(
        resident=resident,
        from_community=resident.community,
        to_community=to_community,
        note=note[:300],
        requested_by=actor,
    )
    transfer.full_clean()
    transfer.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=transfer,
        request=request,
        changes={"from": resident.community.name, "to": to_community.name},
    )
    _notify_transfer(
        transfer,
        recipients_community=resident.community,
        kind="transfer_requested",
        message=_("%(community)s asks for the record of %(name)s to be transferred to it.")
        % {"community": to_community.name, "name": resident.name},
    )
    return transfer


def _notify_transfer(transfer, *, recipients_community, kind: str, message: str, users=None) -> None:
    from django.urls import reverse

    link = reverse("stations:resident_transfer_list")
    recipients = (
        users
        if users is not None
        else User.objects.filter(role=Role.COMMUNITY_STAFF, community=recipients_community, is_active=True)
    )
    from stations.services.notifications import notification_send  # the services package imports this module

    for user in recipients:
        notification_send(
            recipient=user, kind=kind, message=message, link=link, dedupe_key=f"{kind}:{transfer.pk}:{user.pk}"
        )


def _require_decider(actor: User, transfer: ResidentTransferRequest) -> None:
    """Only the holding community's staff decide; another community's request
    is out of their scope (PermissionDenied, as before it is looked at)."""
    require(actor, "stations.manage_resident")
    if not ResidentTransferRequest.objects.visible_to(actor).filter(pk=transfer.pk).exists():
        raise PermissionDenied("transfer request out of scope")


def _decided(actor: User, note: str):
    def check(locked: ResidentTransferRequest) -> list[str]:
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.decision_note = note
        return ["decided_by", "decided_at", "decision_note"]

    return check


_DECIDING = ResidentTransferRequest.objects.select_related("resident", "from_community", "to_community", "requested_by")


@transaction.atomic
def resident_transfer_request_accept(
    *, actor: User, transfer: ResidentTransferRequest, note: str = "", request=None
) -> ResidentTransferRequest:
    """The holding community hands the record over: it moves to the requesting
    community with its history and services, leaves its household here, and a
    removed record (moved away) becomes active again."""
    _require_decider(actor, transfer)
    note = note[:300]
    decide = _decided(actor, note)
    held: dict = {}

    def check(locked: ResidentTransferRequest) -> list[str]:
        resident = Resident.objects.select_for_update().get(pk=locked.resident_id)
        if resident.community_id != locked.from_community_id:
            raise ValidationError(
                _("The record is no longer held by %(community)s.") % {"community": locked.from_community.name}
            )
        held["resident"] = resident
        return decide(locked)

    def after(locked: ResidentTransferRequest, previous: str) -> None:
        resident = held["resident"]
        old_household = resident.household
        changes = {"community": [locked.from_community.name, locked.to_community.name]}
        if resident.is_removed:
            changes["removed"] = [resident.get_removal_reason_display(), None]
        resident.community = locked.to_community
        resident.household = None
        resident.removed_at = None
        resident.removal_reason = ""
        resident.save(update_fields=["community", "household", "removed_at", "removal_reason", "updated_at"])
        # One entry in each community's trail: the record left one and joined the other.
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=resident, request=request, changes=changes, region_from=locked
        )
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=resident, request=request, changes=changes)
        if old_household is not None:
            household_zero_employment_refresh(household=old_household, on=timezone.localdate())
        _notify_transfer(
            locked,
            recipients_community=None,
            users=[locked.requested_by],
            kind="transfer_accepted",
            message=_("%(community)s transferred the record of %(name)s to %(to)s.")
            % {"community": locked.from_community.name, "name": resident.name, "to": locked.to_community.name},
        )

    return ResidentTransferRequest.workflow.apply(
        queryset=_DECIDING,
        obj=transfer,
        step="accept",
        actor=actor,
        note=note,
        check=check,
        after=after,
        audit_changes={"note": note},
        request=request,
    )


@transaction.atomic
def resident_transfer_request_decline(
    *, actor: User, transfer: ResidentTransferRequest, note: str, request=None
) -> ResidentTransferRequest:
    """The holding community keeps the record; the requester is told why."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the transfer is declined.")})
    _require_decider(actor, transfer)
    note = note.strip()[:300]

    def after(locked: ResidentTransferRequest, previous: str) -> None:
        _notify_transfer(
            locked,
            recipients_community=None,
            users=[locked.requested_by],
            kind="transfer_declined",
            message=_("%(community)s declined the transfer: %(note)s")
            % {"community": locked.from_community.name, "note": locked.decision_note},
        )

    return ResidentTransferRequest.workflow.apply(
        queryset=_DECIDING,
        obj=transfer,
        step="decline",
        actor=actor,
        note=note,
        check=_decided(actor, note),
        after=after,
        audit_changes={"note": note},
        request=request,
    )
