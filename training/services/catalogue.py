"""Providers and the district catalogue: drafted and published by the district bureau."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.audit import audit_record, field_changes
from stations.models import AuditAction, Community, User
from stations.services.common import require
from training.models import Catalogue, CatalogueStatus, Course, Provider
from training.models.catalogue import CATALOGUE_WORKFLOW

PROVIDER_FIELDS = ("name", "licence_number", "contact_person", "phone", "address", "is_active")
# What a course offers (the public API shows these as they are).
COURSE_DESCRIPTION_FIELDS = (
    "name",
    "occupation",
    "content",
    "hours",
    "entry_requirements",
    "subsidy_standard",
    "audience",
    "programme",
)
COURSE_FIELDS = (*COURSE_DESCRIPTION_FIELDS, "position")


def _require_own_district(actor: User, district_id: int) -> None:
    if actor.district_id != district_id:
        raise PermissionDenied("not this district's bureau")


@transaction.atomic
def provider_save(
    *, actor: User, data: dict, served_communities=(), provider: Provider | None = None, request=None
) -> Provider:
    """Create or update a provider of the actor's district. Served communities
    must lie in that district."""
    require(actor, "training.manage_provider")
    creating = provider is None
    if creating:
        provider = Provider(district_id=actor.district_id)
    else:
        _require_own_district(actor, provider.district_id)
    before = {name: getattr(provider, name) for name in PROVIDER_FIELDS}
    for name in PROVIDER_FIELDS:
        if name in data:
            setattr(provider, name, data[name])
    communities = list(served_communities)
    outside = [c for c in communities if not Community.objects.filter(pk=c.pk, street__district=actor.district_id)]
    if outside:
        raise ValidationError({"served_communities": _("Choose communities of your own district.")})
    provider.full_clean()
    provider.save()
    provider.served_communities.set(communities)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=provider,
        request=request,
        changes=field_changes(before, provider, PROVIDER_FIELDS),
    )
    return provider


@transaction.atomic
def catalogue_create(*, actor: User, title: str, note: str = "", request=None) -> Catalogue:
    """Start a draft catalogue for the actor's district."""
    require(actor, "training.manage_catalogue")
    catalogue = Catalogue(district_id=actor.district_id, title=title, note=note)
    catalogue.full_clean()
    catalogue.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=catalogue, request=request, changes={"title": title})
    return catalogue


def _require_draft(catalogue: Catalogue) -> None:
    if catalogue.status != CatalogueStatus.DRAFT:
        raise ValidationError(_("A published catalogue cannot be changed. Start a new draft for the next edition."))


@transaction.atomic
def catalogue_update(*, actor: User, catalogue: Catalogue, title: str, note: str = "", request=None) -> Catalogue:
    require(actor, "training.manage_catalogue")
    _require_own_district(actor, catalogue.district_id)
    _require_draft(catalogue)
    before = {"title": catalogue.title, "note": catalogue.note}
    catalogue.title, catalogue.note = title, note
    catalogue.full_clean()
    catalogue.save(update_fields=["title", "note"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=catalogue,
        request=request,
        changes=field_changes(before, catalogue, ("title", "note")),
    )
    return catalogue


@transaction.atomic
def course_save(*, actor: User, catalogue: Catalogue, data: dict, course: Course | None = None, request=None) -> Course:
    """Add or edit a course line of a draft catalogue."""
    require(actor, "training.manage_catalogue")
    _require_own_district(actor, catalogue.district_id)
    _require_draft(catalogue)
    creating = course is None
    if creating:
        course = Course(catalogue=catalogue)
    elif course.catalogue_id != catalogue.pk:
        raise ValidationError(_("This course belongs to another catalogue."))
    before = {name: getattr(course, name) for name in COURSE_FIELDS}
    for name in COURSE_FIELDS:
        if name in data:
            setattr(course, name, data[name])
    course.occupation = (course.occupation or "").strip()
    course.full_clean()
    course.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=course,
        request=request,
        changes=field_changes(before, course, COURSE_FIELDS),
        region_from=catalogue,
    )
    return course


@transaction.atomic
def course_delete(*, actor: User, course: Course, request=None) -> None:
    require(actor, "training.manage_catalogue")
    _require_own_district(actor, course.catalogue.district_id)
    _require_draft(course.catalogue)
    if course.classes.exists():
        raise ValidationError(_("Classes use this course; it cannot be removed."))
    audit_record(actor=actor, action=AuditAction.REMOVE, obj=course, request=request, region_from=course.catalogue)
    course.delete()


@transaction.atomic
def catalogue_publish(*, actor: User, catalogue: Catalogue, request=None) -> Catalogue:
    """Publish a draft (CATALOGUE_WORKFLOW): it becomes the district's public
    catalogue, and the one published before it is marked superseded. The
    district's catalogues are locked first, in one order, so two bureau users
    publishing at once take turns instead of both publishing."""
    require(actor, "training.manage_catalogue")
    _require_own_district(actor, catalogue.district_id)
    list(Catalogue.objects.select_for_update().filter(district_id=catalogue.district_id).order_by("pk"))

    def check(locked: Catalogue) -> list[str]:
        if not locked.courses.exists():
            raise ValidationError(_("Add at least one course before publishing the catalogue."))
        locked.published_at = timezone.now()
        locked.published_by = actor
        return ["published_at", "published_by"]

    def supersede_the_previous(locked: Catalogue) -> None:
        # Before the save: one catalogue per district may be published.
        previous = Catalogue.objects.filter(district_id=locked.district_id, status=CatalogueStatus.PUBLISHED)
        for old in previous.exclude(pk=locked.pk):
            old.status = CatalogueStatus.SUPERSEDED
            old.save(update_fields=["status"])
            audit_record(
                actor=actor,
                action=AuditAction.TRANSITION,
                obj=old,
                request=request,
                changes={"status": [CatalogueStatus.PUBLISHED, CatalogueStatus.SUPERSEDED]},
            )

    CATALOGUE_WORKFLOW.apply(
        queryset=Catalogue.objects,
        obj=catalogue,
        step="publish",
        actor=actor,
        check=check,
        before=supersede_the_previous,
        request=request,
    )
    return catalogue  # apply refreshes it from the database
