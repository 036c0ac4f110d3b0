"""Classes (T12) and the enrolments in them. A class sits in the community of
its place; an enrolment in the resident's community.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stations.fields import NormalizedCharField
from stations.models import Community, RelatedSite, Resident, Role
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.workflows import Step, Workflow
from training.models.catalogue import Course, Provider, ScheduleType


class ClassStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for enrolment")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


PUBLIC_CLASS_STATUSES = (ClassStatus.OPEN, ClassStatus.RUNNING)

# A class's life as data (training.services.classes applies it; the class page
# offers the steps `steps_for` returns). The bureau that buys the class moves
# it, as the training.manage_class rule says; a step reads as the status it
# leads to ("Mark: Running").
C = ClassStatus
BUREAU = {Role.DISTRICT_BUREAU}
CLASS_WORKFLOW = Workflow(
    state_field="status",
    steps=[
        Step("open", {C.PLANNED}, C.OPEN, C.OPEN.label, roles=BUREAU),
        Step("start", {C.OPEN}, C.RUNNING, C.RUNNING.label, roles=BUREAU),
        Step("finish", {C.RUNNING}, C.FINISHED, C.FINISHED.label, roles=BUREAU),
        Step("cancel", {C.PLANNED, C.OPEN}, C.CANCELLED, C.CANCELLED.label, roles=BUREAU),
        Step("replan", {C.OPEN}, C.PLANNED, C.PLANNED.label, roles=BUREAU),
    ],
)


class TrainingClass(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="classes", verbose_name=_("course"))
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="classes", verbose_name=_("provider"))
    title = models.CharField(_("class name"), max_length=100)
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="training_classes",
        verbose_name=_("place: community"),
        help_text=_("The community whose training point, station or school hosts the class."),
    )
    site = models.ForeignKey(
        RelatedSite,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_classes",
        verbose_name=_("place: registered site"),
    )
    place = models.CharField(_("place: address"), max_length=200)
    schedule_type = models.CharField(_("schedule"), max_length=10, choices=ScheduleType)
    schedule_note = models.CharField(_("times"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    capacity = models.PositiveSmallIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    status = models.CharField(_("status"), max_length=10, choices=ClassStatus, default=ClassStatus.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()
    workflow = CLASS_WORKFLOW

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        indexes = [models.Index(fields=["status", "start_date"])]
        constraints = [
            models.CheckConstraint(name="class_ends_after_start", condition=Q(end_date__gte=models.F("start_date"))),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.site_id and self.community_id and self.site.community_id != self.community_id:
            errors["site"] = _("The site must belong to the class's community.")
        if self.provider_id and self.course_id and self.provider.district_id != self.course.catalogue.district_id:
            errors["provider"] = _("Choose a provider of the course's district.")
        if errors:
            raise ValidationError(errors)


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    DROPPED_OUT = "dropped_out", _("Dropped out")
    WITHDRAWN = "withdrawn", _("Withdrawn before start")


# Enrolments that hold a seat and clash with other classes.
SEAT_HOLDING = (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clipped to the month's end (31 Aug + 6 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


class Enrolment(models.Model):
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="training_enrolments", verbose_name=_("resident")
    )
    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("class")
    )
    status = models.CharField(_("status"), max_length=12, choices=EnrolmentStatus, default=EnrolmentStatus.ENROLLED)
    enrolled_on = models.DateField(_("enrolled on"))
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    attended_hours = models.PositiveSmallIntegerField(_("hours attended"), default=0)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    # Derived from completed_on when completion is recorded, so the employment
    # windows are plain date comparisons on every database.
    window_3m_end = models.DateField(null=True, blank=True, editable=False)
    window_6m_end = models.DateField(null=True, blank=True, editable=False)
    certificate_number = NormalizedCharField(_("certificate number"), max_length=60, blank=True)
    feedback_score = models.PositiveSmallIntegerField(
        _("trainee's rating (1-5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["training_class", "resident__name", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        indexes = [models.Index(fields=["status", "completed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "training_class"],
                condition=Q(status__in=["enrolled", "completed"]),
                name="one_live_enrolment_per_class",
            ),
            models.CheckConstraint(
                name="completion_has_date",
                condition=~Q(status="completed") | Q(completed_on__isnull=False),
            ),
            models.CheckConstraint(
                name="feedback_score_1_to_5",
                condition=Q(feedback_score__isnull=True) | Q(feedback_score__gte=1, feedback_score__lte=5),
            ),
        ]

    def __str__(self):
        return f"{self.resident} · {self.training_class}"
