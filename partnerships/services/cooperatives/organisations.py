"""HR agencies and labour cooperatives, and their members."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, Resident, User
from stations.services.common import lock_visible, require, require_community_in_scope

from ...models import CooperativeMember, LabourOrganisation
from .common import RULE, require_resident, require_visible


@closed_months.guard(
    name="partnerships.services.cooperatives.labour_organisation_save",
    label=gettext_lazy("Save an HR agency or labour cooperative"),
)
@transaction.atomic
def labour_organisation_save(*, actor: User, organisation: LabourOrganisation, request=None) -> LabourOrganisation:
    """Create or edit an HR agency or labour cooperative in the actor's area."""
    require(actor, RULE)
    require_community_in_scope(actor, organisation.community)
    creating = organisation.pk is None
    if not creating:
        require_visible(
            actor,
            LabourOrganisation,
            organisation,
            field="community",
            message=_("This organisation is outside your area."),
        )
        stored = LabourOrganisation.objects.filter(pk=organisation.pk).values("community", "founded_on").get()
        if stored["community"] != organisation.community_id:
            # Its members and projects count for its community: they move with it.
            closed_months.touch(
                communities=[stored["community"], organisation.community_id],
                dates=[stored["founded_on"], organisation.founded_on],
            )
    organisation.full_clean()
    organisation.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE if creating else AuditAction.UPDATE, obj=organisation, request=request
    )
    return organisation


@closed_months.guard(
    name="partnerships.services.cooperatives.cooperative_member_add", label=gettext_lazy("Add a member")
)
@transaction.atomic
def cooperative_member_add(
    *,
    actor: User,
    organisation: LabourOrganisation,
    resident: Resident,
    joined_on: dt.date,
    skills: str = "",
    request=None,
) -> CooperativeMember:
    """Make a resident of the actor's area a member of an organisation in scope."""
    require(actor, RULE)
    require_visible(
        actor,
        LabourOrganisation,
        organisation,
        field="organisation",
        message=_("Choose an organisation in your area."),
    )
    require_resident(actor, resident)
    errors = {}
    if joined_on is None:
        errors["joined_on"] = [_("Enter the date the resident joined.")]
    elif joined_on > timezone.localdate():
        errors["joined_on"] = [_("The date cannot be in the future.")]
    elif joined_on < organisation.founded_on:
        errors["joined_on"] = [
            _("%(name)s was founded on %(date)s; a member cannot join before that.")
            % {"name": organisation.name, "date": organisation.founded_on.isoformat()}
        ]
    if not organisation.is_active:
        errors["organisation"] = [_("This organisation is no longer active; it cannot take new members.")]
    if CooperativeMember.objects.filter(organisation=organisation, resident=resident, left_on__isnull=True).exists():
        errors["resident"] = [
            _("%(name)s is already a member of %(organisation)s.")
            % {"name": resident.name, "organisation": organisation.name}
        ]
    if errors:
        raise ValidationError(errors)
    closed_months.touch(communities=[organisation.community_id], dates=[joined_on])
    member = CooperativeMember(
        organisation=organisation, resident=resident, joined_on=joined_on, skills=(skills or "").strip()
    )
    member.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        # Another staff member added the same person a moment ago.
        raise ValidationError(
            {"resident": _("%(name)s is already a member of this organisation.") % {"name": resident.name}}
        ) from None
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=member,
        request=request,
        changes={"organisation": organisation.pk, "resident": resident.pk, "joined_on": joined_on},
    )
    return member


@closed_months.guard(
    name="partnerships.services.cooperatives.cooperative_member_leave", label=gettext_lazy("Record that a member left")
)
@transaction.atomic
def cooperative_member_leave(
    *, actor: User, member: CooperativeMember, left_on: dt.date, request=None
) -> CooperativeMember:
    """Record the day a member left the organisation."""
    require(actor, RULE)
    locked = lock_visible(
        CooperativeMember,
        actor=actor,
        pk=member.pk,
        select_related=("organisation", "resident"),
        error=PermissionDenied("member out of scope"),
    )
    errors = {}
    if locked.left_on is not None:
        errors["left_on"] = [_("This member already left on %(date)s.") % {"date": locked.left_on.isoformat()}]
    elif left_on is None:
        errors["left_on"] = [_("Enter the date the member left.")]
    elif left_on > timezone.localdate():
        errors["left_on"] = [_("The date cannot be in the future.")]
    elif left_on < locked.joined_on:
        errors["left_on"] = [
            _("The member joined on %(date)s; they cannot leave before that.") % {"date": locked.joined_on.isoformat()}
        ]
    if errors:
        raise ValidationError(errors)
    closed_months.touch(communities=[locked.organisation.community_id], dates=[left_on])
    locked.left_on = left_on
    locked.save(update_fields=["left_on"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        request=request,
        changes={"left_on": left_on},
    )
    member.left_on = left_on
    return locked
