"""What residents ask for (T13): the needs list kept by staff and the public's
requests to join a class (in the community the resident named).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.fields import IdentifierField, NormalizedCharField
from stations.models import Community, Resident
from stations.scoping import ScopedQuerySet, ScopePaths
from training.models.catalogue import Course
from training.models.classes import TrainingClass


class TrainingNeed(models.Model):
    """One resident's wish in one collection round (培训需求清单, 摸排)."""

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="training_needs", verbose_name=_("resident")
    )
    occupation = models.CharField(_("wanted trade"), max_length=60)
    course = models.ForeignKey(
        Course,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("wanted catalogue course"),
    )
    round_date = models.DateField(_("collection round"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-round_date", "resident__name", "pk"]
        verbose_name = _("training need")
        verbose_name_plural = _("training needs list")
        indexes = [models.Index(fields=["occupation", "round_date"])]
        constraints = [
            models.UniqueConstraint(fields=["resident", "occupation", "round_date"], name="one_need_per_trade_round")
        ]

    def __str__(self):
        return f"{self.resident} · {self.occupation}"


class JoinRequestStatus(models.TextChoices):
    NEW = "new", _("New")
    ENROLLED = "enrolled", _("Enrolled")
    DECLINED = "declined", _("Declined")


class JoinRequest(models.Model):
    """A resident asks to join a class from its public page; the request lands
    in the queue of the community they named."""

    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("class")
    )
    name = NormalizedCharField(pgettext_lazy("person", "name"), max_length=50)
    phone = IdentifierField(_("mobile"), max_length=11)
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="training_join_requests", verbose_name=_("your community")
    )
    status = models.CharField(_("status"), max_length=10, choices=JoinRequestStatus, default=JoinRequestStatus.NEW)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    handling_note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["status", "-created_at"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self):
        return f"{self.name} → {self.training_class}"
