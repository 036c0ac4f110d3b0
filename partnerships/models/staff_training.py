"""Systematic training and regular rotation of community employment staff
(系统培训、定期轮训, 保障措施 三)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from stations.models import Community, District, Street
from stations.scoping import ScopedQuerySet, ScopePaths


class StaffTrainingKind(models.TextChoices):
    SYSTEMATIC = "systematic", _("Systematic training")
    ROTATION = "rotation", _("Regular rotation training")


class StaffTrainingSession(models.Model):
    """A course for staff. Organised by the city (no district) or a district."""

    kind = models.CharField(_("kind"), max_length=12, choices=StaffTrainingKind)
    title = models.CharField(_("course"), max_length=150)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_training_sessions",
        verbose_name=_("organising district"),
        help_text=_("Empty for a course run by the city."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    place = models.CharField(_("place"), max_length=150, blank=True)
    trainer = models.CharField(_("trainer"), max_length=100, blank=True)
    content = models.TextField(_("content"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # A district sees its own courses; courses run by the city are seen by
    # everyone through their own attendance records.
    scope_paths = ScopePaths(district="district", street=None, community=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("staff training course")
        verbose_name_plural = _("staff training courses")
        constraints = [
            models.CheckConstraint(name="staff_training_ends_after_start", condition=Q(ends_on__gte=F("starts_on"))),
            models.CheckConstraint(name="staff_training_hours_positive", condition=Q(hours__gt=0)),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": [_("The course cannot end before it starts.")]})


class StaffTrainingAttendance(models.Model):
    """One staff member on one course. The attendee's node is copied from
    their account when recorded, so the record is scoped like the person."""

    session = models.ForeignKey(StaffTrainingSession, on_delete=models.CASCADE, related_name="attendances")
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff_trainings", verbose_name=_("attendee")
    )
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    street = models.ForeignKey(Street, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    completed = models.BooleanField(_("completed"), default=True)
    score = models.CharField(_("assessment"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(district="district", street="street", community="community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-session__starts_on", "pk"]
        verbose_name = _("staff training record")
        verbose_name_plural = _("staff training records")
        constraints = [
            models.UniqueConstraint(fields=["session", "attendee"], name="one_attendance_per_course_and_person")
        ]

    def __str__(self):
        return f"{self.attendee} — {self.session}"
