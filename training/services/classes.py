"""Classes the district bureau buys from providers, and telling community
staff whom to call when a class opens for a trade their residents asked for."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import override

from stations.audit import audit_record, field_changes
from stations.models import AuditAction, Role, User
from stations.services import notifications_send_bulk
from stations.services.common import require, require_community_in_scope
from stations.services.notifications import NotificationItem
from training.models import SEAT_HOLDING, CatalogueStatus, ClassStatus, TrainingClass, TrainingNeed
from training.models.classes import CLASS_WORKFLOW

# Where and when a class is held (the public API shows these as they are).
CLASS_SCHEDULE_FIELDS = ("place", "schedule_type", "schedule_note", "start_date", "end_date", "capacity")
# What staff type for a class: the form, the service and the audit trail.
CLASS_FIELDS = ("course", "provider", "title", "community", "site", *CLASS_SCHEDULE_FIELDS)

# Needs older than this are stale: the resident was asked too long ago.
PROSPECT_NEED_DAYS = 365
NAMES_IN_NOTIFICATION = 10


@transaction.atomic
def training_class_save(
    *, actor: User, data: dict, training_class: TrainingClass | None = None, request=None
) -> TrainingClass:
    """Create or change a class of the actor's district. The course comes from
    the district's published catalogue; the place lies in the actor's scope."""
    require(actor, "training.manage_class")
    creating = training_class is None
    if creating:
        training_class = TrainingClass(created_by=actor)
    else:
        training_class = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
        if training_class.status in (ClassStatus.FINISHED, ClassStatus.CANCELLED):
            raise ValidationError(_("A finished or cancelled class cannot be changed."))
    before = {name: getattr(training_class, name, None) for name in CLASS_FIELDS}
    for name in CLASS_FIELDS:
        if name in data:
            setattr(training_class, name, data[name])
    course, provider = training_class.course, training_class.provider
    errors = {}
    if course.catalogue.district_id != actor.district_id or course.catalogue.status == CatalogueStatus.DRAFT:
        errors["course"] = _("Choose a course of your district's published catalogue.")
    if provider.district_id != actor.district_id:
        errors["provider"] = _("Choose a provider of your district.")
    elif not provider.is_active:
        errors["provider"] = _("This provider is no longer active.")
    if errors:
        raise ValidationError(errors)
    require_community_in_scope(actor, training_class.community)
    if not creating:
        taken = training_class.enrolments.filter(status__in=SEAT_HOLDING).count()
        if training_class.capacity < taken:
            raise ValidationError(
                {
                    "capacity": _("%(taken)d residents are already enrolled; the capacity cannot be lower.")
                    % {"taken": taken}
                }
            )
    training_class.full_clean()
    training_class.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=training_class,
        request=request,
        changes=field_changes(before, training_class, CLASS_FIELDS),
    )
    return training_class


@transaction.atomic
def training_class_step(*, actor: User, training_class: TrainingClass, step: str, request=None) -> TrainingClass:
    """Take one step of the class's workflow (CLASS_WORKFLOW), under the row
    lock. Opening it queues the notice to the communities whose residents
    asked for its trade."""
    require(actor, "training.manage_class")

    def check(locked: TrainingClass) -> None:
        if locked.course.catalogue.district_id != actor.district_id:
            raise PermissionDenied("not this district's class")

    def after(locked: TrainingClass, _previous: str) -> None:
        if locked.status == ClassStatus.OPEN:
            from stations.services.background import task_hand_off

            task_hand_off(
                task="training.tasks.notify_class_prospects",
                key=f"training.class_open:{locked.pk}",
                kwargs={"class_id": locked.pk},
            )

    CLASS_WORKFLOW.apply(
        queryset=TrainingClass.objects,
        obj=training_class,
        step=step,
        actor=actor,
        check=check,
        after=after,
        request=request,
    )
    return training_class  # apply refreshes it from the database


def prospect_needs(training_class: TrainingClass, *, today: dt.date | None = None):
    """Recent needs for the class's trade (or course) from residents of its
    district who hold no seat in it yet. System read, not user-scoped: callers
    pass the result only to staff of the residents' own communities."""
    today = today or timezone.localdate()
    course = training_class.course
    return (
        TrainingNeed.objects.filter(
            Q(occupation__iexact=course.occupation) | Q(course=course),
            resident__community__street__district=course.catalogue.district_id,
            resident__removed_at__isnull=True,
            round_date__gte=today - dt.timedelta(days=PROSPECT_NEED_DAYS),
        )
        .exclude(
            resident__training_enrolments__training_class=training_class,
            resident__training_enrolments__status__in=SEAT_HOLDING,
        )
        .select_related("resident__community")
        .order_by("resident__community_id", "resident__name", "pk")
    )


@transaction.atomic
def training_class_notify_prospects(*, training_class: TrainingClass) -> int:
    """Tell each community's staff which of their residents asked for this
    class's trade. Idempotent: one notification per class and staff member
    (stable dedupe key, through stations' notifications_send_bulk), so a retry or a reopening sends nothing twice.
    Returns the number of notifications created."""
    by_community: dict[int, list] = {}
    for need in prospect_needs(training_class):
        names = by_community.setdefault(need.resident.community_id, [])
        if need.resident.name not in names:
            names.append(need.resident.name)
    if not by_community:
        return 0
    staff = User.objects.filter(role=Role.COMMUNITY_STAFF, is_active=True, community_id__in=by_community)
    link = reverse("training:need_list") + "?" + urlencode({"for_class": training_class.pk})
    items = []
    for user in staff:
        names = by_community[user.community_id]
        shown = "、".join(names[:NAMES_IN_NOTIFICATION])
        with override(settings.LANGUAGE_CODE):  # stored once, in the portal's language
            message = _(
                "Class “%(cls)s” (%(trade)s) is open from %(start)s: %(count)d residents of your community "
                "asked for this trade. Call them: %(names)s"
            ) % {
                "cls": training_class.title,
                "trade": training_class.course.occupation,
                "start": training_class.start_date,
                "count": len(names),
                "names": shown + ("…" if len(names) > NAMES_IN_NOTIFICATION else ""),
            }
        items.append(
            NotificationItem(
                recipient_id=user.pk,
                kind="training.class_open",
                message=message,
                link=link,
                dedupe_key=f"training.class_open:{training_class.pk}:{user.pk}",
            )
        )
    return notifications_send_bulk(items)
