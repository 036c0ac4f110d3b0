"""Residents placed on labour projects.

A placement on a project is a placement like any other: it changes the
resident's employment status through stations' one service for that, so it
appears in the employment history, the unemployment registration is closed
and the reports count it.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, EmploymentStatus, Resident, User
from stations.models.residents import IN_WORK_STATUSES
from stations.services import resident_employment_status_change
from stations.services.common import lock_visible, require

from ...models import LabourProject, ProjectPlacement
from .common import RULE, priority_flags, require_resident


@closed_months.guard(
    name="partnerships.services.cooperatives.project_placement_create",
    label=gettext_lazy("Place a resident on a labour project"),
)
@transaction.atomic
def project_placement_create(
    *,
    actor: User,
    project: LabourProject,
    resident: Resident,
    started_on: dt.date,
    post: str = "",
    employment_status: str = EmploymentStatus.EMPLOYED,
    request=None,
) -> ProjectPlacement:
    """Put a resident of the actor's area to work on a labour project.

    Refused when the project's posts are all filled, when the start date is
    outside the project's period or in the future, or when the resident
    already works on it. The project row is locked first, so two staff
    placing the last post at once cannot both succeed. The priority groups are
    snapshotted, and the resident's employment status and history change like
    any other placement's.
    """
    require(actor, RULE)
    locked = lock_visible(
        LabourProject,
        actor=actor,
        pk=getattr(project, "pk", None),
        select_related=("organisation",),
        error=ValidationError({"project": _("Choose a labour project in your area.")}),
    )
    require_resident(actor, resident)
    errors: dict[str, list[str]] = {}
    if employment_status not in IN_WORK_STATUSES:
        errors["employment_status"] = [_("Choose employed, flexible employment or self-employed.")]
    if started_on is None:
        errors["started_on"] = [pgettext("placement", "Enter the start date.")]
    elif started_on > timezone.localdate():
        errors["started_on"] = [_("Record the placement on or after the day the resident starts.")]
    elif not (locked.starts_on <= started_on <= locked.ends_on):
        errors["started_on"] = [
            _("The project runs from %(start)s to %(end)s; the start date must fall within it.")
            % {"start": locked.starts_on.isoformat(), "end": locked.ends_on.isoformat()}
        ]
    open_placements = ProjectPlacement.objects.filter(project=locked, ended_on__isnull=True)
    if open_placements.filter(resident=resident).exists():
        errors["resident"] = [
            _("%(name)s is already working on %(project)s.") % {"name": resident.name, "project": locked.title}
        ]
    else:
        working = open_placements.count()
        if working >= locked.posts:
            errors["resident"] = [
                _(
                    "All %(posts)d posts of %(project)s are filled (%(working)d residents working). "
                    "End a placement or add posts to the project first."
                )
                % {"posts": locked.posts, "project": locked.title, "working": working}
            ]
    if errors:
        raise ValidationError(errors)
    # The placement counts for the project's community, the move into work for the resident's.
    closed_months.touch(communities=[locked.organisation.community_id, resident.community_id], dates=[started_on])
    placement = ProjectPlacement(
        project=locked,
        resident=resident,
        post=(post or "").strip(),
        started_on=started_on,
        employment_status=employment_status,
        recorded_by=actor,
        **priority_flags(resident, started_on),
    )
    placement.full_clean(validate_constraints=False)
    placement.save()
    try:
        resident_employment_status_change(
            actor=actor,
            resident=resident,
            status=employment_status,
            changed_on=started_on,
            note=_("Labour project: %(title)s") % {"title": locked.title[:150]},
            request=request,
        )
    except ValidationError as exc:
        # Its date checks speak of `changed_on`: here that is the start date.
        if hasattr(exc, "error_dict") and "changed_on" in exc.error_dict:
            raise ValidationError({"started_on": exc.error_dict["changed_on"]}) from None
        raise
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=placement,
        request=request,
        changes={
            "project": locked.pk,
            "resident": resident.pk,
            "started_on": started_on,
            "employment_status": employment_status,
        },
    )
    return placement


@closed_months.guard(
    name="partnerships.services.cooperatives.project_placement_end",
    label=gettext_lazy("End a placement on a labour project"),
)
@transaction.atomic
def project_placement_end(
    *,
    actor: User,
    placement: ProjectPlacement,
    ended_on: dt.date,
    resident_out_of_work: bool = False,
    request=None,
) -> ProjectPlacement:
    """End a resident's work on a project. The resident's employment status is
    left alone (they may have other work) unless staff say they are now out of
    work, which registers them unemployed through the usual service."""
    require(actor, RULE)
    locked = lock_visible(
        ProjectPlacement,
        actor=actor,
        pk=getattr(placement, "pk", None),
        select_related=("project__organisation", "resident"),
        error=PermissionDenied("placement out of scope"),
    )
    errors = {}
    if locked.ended_on is not None:
        errors["ended_on"] = [_("This placement already ended on %(date)s.") % {"date": locked.ended_on.isoformat()}]
    elif ended_on is None:
        errors["ended_on"] = [_("Enter the end date.")]
    elif ended_on > timezone.localdate():
        errors["ended_on"] = [_("The date cannot be in the future.")]
    elif ended_on < locked.started_on:
        errors["ended_on"] = [
            _("The resident started on %(date)s; the placement cannot end before that.")
            % {"date": locked.started_on.isoformat()}
        ]
    if not errors and resident_out_of_work:
        other = (
            ProjectPlacement.objects.filter(resident=locked.resident_id, ended_on__isnull=True)
            .exclude(pk=locked.pk)
            .select_related("project")
            .order_by("started_on", "pk")
            .first()
        )
        if other is not None:
            # Registering them unemployed would contradict the work they still do.
            if ProjectPlacement.objects.visible_to(actor).filter(pk=other.pk).exists():
                message = _(
                    "The resident still works on the project “%(project)s”: end that placement first, "
                    "or leave “out of work” unticked."
                ) % {"project": other.project.title}
            else:
                message = _(
                    "The resident still works on another labour project: that placement must end first, "
                    "or leave “out of work” unticked."
                )
            errors["resident_out_of_work"] = [message]
    if errors:
        raise ValidationError(errors)
    closed_months.touch(
        communities=[locked.project.organisation.community_id, locked.resident.community_id], dates=[ended_on]
    )
    locked.ended_on = ended_on
    locked.save(update_fields=["ended_on"])
    if resident_out_of_work:
        try:
            resident_employment_status_change(
                actor=actor,
                resident=locked.resident,
                status=EmploymentStatus.UNEMPLOYED,
                changed_on=ended_on,
                note=_("Labour project ended: %(title)s") % {"title": locked.project.title[:150]},
                request=request,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "changed_on" in exc.error_dict:
                raise ValidationError({"ended_on": exc.error_dict["changed_on"]}) from None
            raise
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        request=request,
        changes={"ended_on": ended_on, "resident_out_of_work": resident_out_of_work},
    )
    placement.ended_on = ended_on
    return locked
