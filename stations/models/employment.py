"""A resident's employment history: status changes and unemployment registrations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.fields import IdentifierField
from stations.scoping import ScopedQuerySet, ScopePaths

from .residents import EmploymentStatus, Resident


class EmploymentStatusChange(models.Model):
    """Dated history of employment status: reports count flows from it."""

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("resident")
    )
    status = models.CharField(_("employment status"), max_length=24, choices=EmploymentStatus)
    changed_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_on", "-pk"]
        verbose_name = _("employment status change")
        verbose_name_plural = _("employment history")
        indexes = [models.Index(fields=["changed_on", "status"])]

    def __str__(self):
        return f"{self.changed_on} {self.get_status_display()}"


class UnemploymentRegistration(models.Model):
    """失业登记: opened with date and number, ended when the person finds work."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="unemployment_registrations")
    number = IdentifierField(_("registration number"), max_length=40, blank=True)
    registered_on = models.DateField(_("registered on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=100, blank=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on"]
        verbose_name = _("unemployment registration")
        verbose_name_plural = _("unemployment registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["resident"], condition=models.Q(ended_on__isnull=True), name="one_open_registration"
            ),
            models.CheckConstraint(
                name="registration_ends_after_start",
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("registered_on")),
            ),
        ]

    def __str__(self):
        return f"{self.number or '-'} {self.registered_on}"
