"""The training needs list and residents' public requests to join a class."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, Community, Resident, User
from stations.services.common import require
from stations.validators import normalize_mobile
from training.models import (
    PUBLIC_CLASS_STATUSES,
    Course,
    JoinRequest,
    JoinRequestStatus,
    TrainingClass,
    TrainingNeed,
)

from .enrolments import enrolment_create


@closed_months.guard(label=gettext_lazy("Record a training need"))
@transaction.atomic
def training_need_record(
    *,
    actor: User,
    resident: Resident,
    round_date: dt.date,
    occupation: str = "",
    course: Course | None = None,
    note: str = "",
    request=None,
) -> TrainingNeed:
    """Write a resident's wanted trade (or catalogue course) for a collection
    round. A course sets the trade to its occupation, so demand and supply are
    compared on the same word."""
    require(actor, "training.record_need")
    if not Resident.objects.visible_to(actor).filter(pk=resident.pk).exists():
        raise PermissionDenied("resident out of scope")
    occupation = (course.occupation if course is not None else occupation).strip()
    errors = {}
    if not occupation:
        errors["occupation"] = _("Enter the trade the resident wants to learn, or choose a course.")
    if round_date > timezone.localdate():
        errors["round_date"] = _("The collection round cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    if TrainingNeed.objects.filter(resident=resident, occupation__iexact=occupation, round_date=round_date).exists():
        raise ValidationError(
            {
                "occupation": _("%(name)s's wish for %(trade)s is already on this round's list.")
                % {"name": resident.name, "trade": occupation}
            }
        )
    closed_months.touch(communities=[resident.community_id], dates=[round_date])
    need = TrainingNeed(
        resident=resident, occupation=occupation, course=course, round_date=round_date, note=note, recorded_by=actor
    )
    need.full_clean(validate_constraints=False)
    need.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=need,
        request=request,
        changes={"occupation": occupation, "round_date": round_date},
    )
    return need


@transaction.atomic
def join_request_submit(
    *, training_class: TrainingClass, name: str, phone: str, community: Community, request=None
) -> JoinRequest:
    """A resident (no account) asks to join a class; the request goes to the
    queue of the community they named. Repeats of the same phone for the same
    class while one is waiting are folded into the first."""
    errors = {}
    name = name.strip()
    if not name:
        errors["name"] = _("Enter your name.")
    try:
        phone = normalize_mobile(phone)
    except ValidationError as exc:
        errors["phone"] = exc.messages
    if training_class.status not in PUBLIC_CLASS_STATUSES:
        errors["__all__"] = _("This class no longer takes requests.")
    if errors:
        raise ValidationError(errors)
    waiting = JoinRequest.objects.filter(
        training_class=training_class, phone=phone, status=JoinRequestStatus.NEW
    ).first()
    if waiting is not None:
        return waiting
    join_request = JoinRequest(training_class=training_class, name=name, phone=phone, community=community)
    join_request.full_clean()
    join_request.save()
    audit_record(
        actor=None, action=AuditAction.CREATE, obj=join_request, request=request, object_repr=str(training_class)
    )
    return join_request


@transaction.atomic
def join_request_handle(
    *,
    actor: User,
    join_request: JoinRequest,
    outcome: JoinRequestStatus,
    resident: Resident | None = None,
    note: str = "",
    request=None,
) -> JoinRequest:
    """Close a request: enrol the resident it names (capacity and clash rules
    apply) or decline it with a note."""
    require(actor, "training.handle_join_request")
    join_request = JoinRequest.objects.visible_to(actor).select_for_update(of=("self",)).get(pk=join_request.pk)
    if join_request.status != JoinRequestStatus.NEW:
        raise ValidationError(_("This request has already been handled."))
    if outcome == JoinRequestStatus.ENROLLED:
        if resident is None:
            raise ValidationError({"resident": _("Find the resident's record to enrol them.")})
        enrolment_create(actor=actor, resident=resident, training_class=join_request.training_class, request=request)
    elif outcome == JoinRequestStatus.DECLINED:
        if not note.strip():
            raise ValidationError({"note": _("Say why the request is declined.")})
    else:
        raise ValidationError({"outcome": _("Choose enrol or decline.")})
    join_request.status = outcome
    join_request.handled_by = actor
    join_request.handled_at = timezone.now()
    join_request.handling_note = note
    join_request.save(update_fields=["status", "handled_by", "handled_at", "handling_note"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=join_request,
        request=request,
        changes={"status": [JoinRequestStatus.NEW, outcome]},
    )
    return join_request
