"""Enrolment (capacity and clashes checked under a row lock), results, and
pushing a class to a resident through the one service log."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations import closed_months
from stations.audit import audit_record, field_changes
from stations.models import AuditAction, Community, Resident, ServiceChannel, ServiceKind, ServiceRecord, User
from stations.services import service_record_create
from stations.services.common import require
from training.models import SEAT_HOLDING, ClassStatus, Enrolment, EnrolmentStatus, TrainingClass, add_months


def _require_resident_in_scope(actor: User, resident: Resident) -> None:
    if not Resident.objects.visible_to(actor).filter(pk=resident.pk).exists():
        raise PermissionDenied("resident out of scope")


def _d(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


@closed_months.guard(label=gettext_lazy("Enrol a resident"))
@transaction.atomic
def enrolment_create(
    *,
    actor: User,
    resident: Resident,
    training_class: TrainingClass,
    enrolled_on: dt.date | None = None,
    note: str = "",
    request=None,
) -> Enrolment:
    """Enrol a resident of the actor's scope in an open class.

    The class row is locked (then the resident's) so two staff filling the last
    seat at the same moment cannot both succeed; a resident attends one class
    at a time, so classes whose dates overlap clash whatever their schedule.
    """
    require(actor, "training.enrol")
    _require_resident_in_scope(actor, resident)
    enrolled_on = enrolled_on or timezone.localdate()
    closed_months.touch(communities=[resident.community_id], dates=[enrolled_on])
    training_class = (
        TrainingClass.objects.select_for_update(of=("self",)).select_related("course").get(pk=training_class.pk)
    )
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if resident.is_removed:
        raise ValidationError(_("This resident's record has been removed."))
    if training_class.status != ClassStatus.OPEN:
        raise ValidationError(
            _("“%(cls)s” is not open for enrolment (it is %(status)s).")
            % {"cls": training_class.title, "status": training_class.get_status_display()}
        )
    if (
        not TrainingClass.objects.filter(
            community__street__district__in=Community.objects.visible_to(actor).values("street__district")
        )
        .filter(pk=training_class.pk)
        .exists()
    ):
        raise ValidationError({"training_class": _("Choose a class held in your own district.")})
    live = Enrolment.objects.filter(status__in=SEAT_HOLDING)
    if live.filter(training_class=training_class, resident=resident).exists():
        raise ValidationError(
            _("%(name)s is already enrolled in “%(cls)s”.") % {"name": resident.name, "cls": training_class.title}
        )
    taken = live.filter(training_class=training_class).count()
    if taken >= training_class.capacity:
        raise ValidationError(
            _(
                "“%(cls)s” is full: all %(capacity)d seats are taken. "
                "Choose another class, or ask the district bureau to open one."
            )
            % {"cls": training_class.title, "capacity": training_class.capacity}
        )
    clash = (
        live.filter(
            resident=resident,
            training_class__start_date__lte=training_class.end_date,
            training_class__end_date__gte=training_class.start_date,
            training_class__status__in=(ClassStatus.OPEN, ClassStatus.RUNNING, ClassStatus.PLANNED),
        )
        .select_related("training_class")
        .first()
    )
    if clash is not None:
        other = clash.training_class
        raise ValidationError(
            _(
                "%(name)s is already enrolled in “%(other)s” (%(start)s to %(end)s), whose dates overlap this "
                "class. A resident attends one class at a time."
            )
            % {"name": resident.name, "other": other.title, "start": _d(other.start_date), "end": _d(other.end_date)}
        )
    enrolment = Enrolment(
        resident=resident,
        training_class=training_class,
        enrolled_on=enrolled_on,
        enrolled_by=actor,
        note=note,
    )
    enrolment.full_clean(validate_constraints=False)
    enrolment.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=enrolment,
        request=request,
        changes={"class": training_class.title, "seats_taken": taken + 1},
    )
    return enrolment


RESULT_FIELDS = ("status", "attended_hours", "completed_on", "certificate_number", "feedback_score", "note")


@closed_months.guard(label=gettext_lazy("Record a training result"))
@transaction.atomic
def enrolment_record_result(
    *,
    actor: User,
    enrolment: Enrolment,
    status: EnrolmentStatus,
    attended_hours: int,
    completed_on: dt.date | None = None,
    certificate_number: str = "",
    feedback_score: int | None = None,
    note: str = "",
    request=None,
) -> Enrolment:
    """Record attendance and the outcome. Completion needs a date inside the
    class's dates (or after it) and not in the future; the 3- and 6-month
    employment windows are derived from it."""
    require(actor, "training.record_result")
    if not Enrolment.objects.visible_to(actor).filter(pk=enrolment.pk).exists():
        raise PermissionDenied("enrolment out of scope")
    stored = Enrolment.objects.filter(pk=enrolment.pk).values("completed_on", "resident__community").get()
    # A completion counts in the month of its date (and its six-month outcome from there).
    closed_months.touch(
        communities=[stored["resident__community"]],
        dates=[stored["completed_on"], completed_on if status == EnrolmentStatus.COMPLETED else None],
    )
    enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("training_class").get(pk=enrolment.pk)
    before = {name: getattr(enrolment, name) for name in RESULT_FIELDS}
    training_class = enrolment.training_class
    errors = {}
    if status == EnrolmentStatus.COMPLETED:
        if completed_on is None:
            errors["completed_on"] = _("Enter the date the resident completed the class.")
        elif completed_on < training_class.start_date:
            errors["completed_on"] = _("Completion cannot be before the class starts (%(start)s).") % {
                "start": _d(training_class.start_date)
            }
        elif completed_on > timezone.localdate():
            errors["completed_on"] = _("The completion date cannot be in the future.")
    elif completed_on or certificate_number:
        errors["status"] = _("A completion date or certificate is only kept for a completed class.")
    if status == EnrolmentStatus.ENROLLED and before["status"] != EnrolmentStatus.ENROLLED:
        errors["status"] = _("To enrol the resident again, make a new enrolment.")
    course_hours = training_class.course.hours
    if attended_hours > course_hours * 2:
        errors["attended_hours"] = _("Hours attended look wrong: the course has %(hours)d hours.") % {
            "hours": course_hours
        }
    if errors:
        raise ValidationError(errors)
    enrolment.status = status
    enrolment.attended_hours = attended_hours
    enrolment.completed_on = completed_on if status == EnrolmentStatus.COMPLETED else None
    enrolment.window_3m_end = add_months(completed_on, 3) if enrolment.completed_on else None
    enrolment.window_6m_end = add_months(completed_on, 6) if enrolment.completed_on else None
    enrolment.certificate_number = certificate_number.strip()
    enrolment.feedback_score = feedback_score
    enrolment.note = note
    enrolment.full_clean(validate_constraints=False)
    enrolment.save(update_fields=[*RESULT_FIELDS, "window_3m_end", "window_6m_end"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=enrolment,
        request=request,
        changes=field_changes(before, enrolment, RESULT_FIELDS),
    )
    return enrolment


@closed_months.guard(label=gettext_lazy("Tell a resident about a class"))
def class_push_to_resident(
    *,
    actor: User,
    resident: Resident,
    training_class: TrainingClass,
    channel: ServiceChannel,
    served_on: dt.date | None = None,
    note: str = "",
    request=None,
) -> ServiceRecord:
    """Tell a resident about a class (by phone, message or visit). The only
    record is ONE entry in the service log, of kind "training information",
    which the 12333 ledger counts."""
    require(actor, "training.push_class")
    if training_class.status not in (ClassStatus.OPEN, ClassStatus.RUNNING, ClassStatus.PLANNED):
        raise ValidationError(_("Only planned, open or running classes can be recommended."))
    return service_record_create(
        actor=actor,
        resident=resident,
        kind=ServiceKind.TRAINING_INFORMATION,
        served_on=served_on or timezone.localdate(),
        channel=channel,
        note=note or training_class.title,
        concerns=training_class,
        request=request,
    )
