"""Labour projects an organisation takes on."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, User
from stations.services.common import require

from ...models import LabourOrganisation, LabourProject, ProjectPlacement
from .common import RULE, require_visible


@closed_months.guard(
    name="partnerships.services.cooperatives.labour_project_save", label=gettext_lazy("Save a labour project")
)
@transaction.atomic
def labour_project_save(*, actor: User, project: LabourProject, request=None) -> LabourProject:
    """Create or edit a labour project of an organisation in the actor's area.

    An edit may not cut the posts below the residents working on it, nor move
    the period so that a placement falls outside it.
    """
    require(actor, RULE)
    require_visible(
        actor,
        LabourOrganisation,
        getattr(project, "organisation", None) if project.organisation_id else None,
        field="organisation",
        message=_("Choose an organisation in your area."),
    )
    creating = project.pk is None
    if not creating:
        require_visible(
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
