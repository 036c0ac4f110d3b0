"""Write operations for HR agencies and labour cooperatives (T10): the
organisations, their members, the labour projects they take on and the
residents placed on those projects.

A placement on a project is a placement like any other: it changes the
resident's employment status through stations' one service for that, so it
appears in the employment history, the unemployment registration is closed
and the reports count it.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, EmploymentStatus, Resident, TargetGroupCode, User
from stations.models.residents import IN_WORK_STATUSES
from stations.selectors import OLDER_WORKER_AGE
from stations.services import resident_employment_status_change
from stations.services.common import lock_visible, require, require_community_in_scope

from ..models import CooperativeMember, LabourOrganisation, LabourProject, ProjectPlacement

RULE = "partnerships.manage_cooperatives"

# The plan's "low income" covers the two assistance household kinds as well as
# the looser low-income group staff record.
LOW_INCOME_GROUPS = (
    TargetGroupCode.MINIMUM_LIVING,
    TargetGroupCode.NEAR_MINIMUM_LIVING,
    TargetGroupCode.LOW_INCOME,
)


def _require_visible(actor: User, model, obj, *, field: str, message: str) -> None:
    if obj is None or not model.objects.visible_to(actor).filter(pk=obj.pk).exists():
        raise ValidationError({field: message})


def _require_resident(actor: User, resident: Resident) -> None:
    if resident is None or not Resident.objects.visible_to(actor).active().filter(pk=resident.pk).exists():
        raise ValidationError({"resident": _("Choose a resident registered in your area.")})


def _not_in_future(day: dt.date | None, field: str) -> None:
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


# --- organisations -----------------------------------------------------------------
@closed_months.guard(label=gettext_lazy("Save an HR agency or labour cooperative"))
@transaction.atomic
def labour_organisation_save(*, actor: User, organisation: LabourOrganisation, request=None) -> LabourOrganisation:
    """Create or edit an HR agency or labour cooperative in the actor's area."""
    require(actor, RULE)
    require_community_in_scope(actor, organisation.community)
    creating = organisation.pk is None
    if not creating:
        _require_visible(
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


# --- members -----------------------------------------------------------------------
@closed_months.guard(label=gettext_lazy("Add a member"))
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
    _require_visible(
        actor,
        LabourOrganisation,
        organisation,
        field="organisation",
        message=_("Choose an organisation in your area."),
    )
    _require_resident(actor, resident)
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


@closed_months.guard(label=gettext_lazy("Record that a member left"))
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


# --- projects ----------------------------------------------------------------------
@closed_months.guard(label=gettext_lazy("Save a labour project"))
@transaction.atomic
def labour_project_save(*, actor: User, project: LabourProject, request=None) -> LabourProject:
    """Create or edit a labour project of an organisation in the actor's area.

    An edit may not cut the posts below the residents working on it, nor move
    the period so that a placement falls outside it.
    """
    require(actor, RULE)
    _require_visible(
        actor,
        LabourOrganisation,
        getattr(project, "organisation", None) if project.organisation_id else None,
        field="organisation",
        message=_("Choose an organisation in your area."),
    )
    creating = project.pk is None
    if not creating:
        _require_visible(
            actor, LabourProject, project, field="organisation", message=_("This project is outside your area.")
        )
    project.full_clean()
    if not creating:
        placements = ProjectPlacement.objects.filter(project=project)
        working = placements.filter(ended_on__isnull=True).count()
        errors = {}
        if project.posts < working:
            errors["posts"] = [
                _("%(n)d residents are working on this project; end their placements before cutting the posts.")
                % {"n": working}
            ]
        if placements.filter(started_on__lt=project.starts_on).exists():
            errors["starts_on"] = [_("A resident started before this date; the project cannot start later.")]
        if placements.filter(started_on__gt=project.ends_on).exists():
            errors["ends_on"] = [_("A resident started after this date; the project cannot end earlier.")]
        if errors:
            raise ValidationError(errors)
    # Running, started and their value count from the project's dates, for its
    # organisation's community; its placements move with it.
    stored = LabourProject.objects.filter(pk=project.pk).values("organisation__community", "starts_on").first() or {}
    organisation = LabourOrganisation.objects.filter(pk=project.organisation_id).values_list("community", flat=True)
    closed_months.touch(
        communities=[*organisation, stored.get("organisation__community")],
        dates=[project.starts_on, stored.get("starts_on")],
    )
    project.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE if creating else AuditAction.UPDATE, obj=project, request=request
    )
    return project


# --- placements --------------------------------------------------------------------
@closed_months.guard(label=gettext_lazy("Place a resident on a labour project"))
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
    _require_resident(actor, resident)
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


@closed_months.guard(label=gettext_lazy("End a placement on a labour project"))
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


__all__ = [
    "LOW_INCOME_GROUPS",
    "cooperative_member_add",
    "cooperative_member_leave",
    "labour_organisation_save",
    "labour_project_save",
    "priority_flags",
    "project_placement_create",
    "project_placement_end",
]
