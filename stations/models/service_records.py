"""The one service log: every service given to a resident, by kind and channel."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.scoping import ScopedQuerySet, ScopePaths

from .residents import Resident


class ServiceKind(models.TextChoices):
    # The four the 12333 rule counts come first.
    POLICY_CONTACT = "policy_contact", _("Policy contact")
    CAREER_GUIDANCE = "career_guidance", _("Career guidance")
    JOB_RECOMMENDATION = "job_recommendation", _("Job recommendation")
    TRAINING_INFORMATION = "training_information", _("Training information")
    UNEMPLOYMENT_REGISTRATION = "unemployment_registration", _("Unemployment registration")
    NEEDS_COLLECTION = "needs_collection", _("Needs collection")
    STARTUP_PROMOTION = "startup_promotion", _("Startup promotion")
    SUBSIDY_CLAIM = "subsidy_claim", _("Subsidy claim")
    FOLLOW_UP = "follow_up", _("Follow-up visit")
    OTHER = "other", _("Other service")


class ServiceChannel(models.TextChoices):
    VISIT = "visit", _("Home visit")
    PHONE = "phone", _("Phone")
    STATION = "station", _("At the station")
    MESSAGE = "message", _("Message")


class ServiceRecord(models.Model):
    """The one service log. Jobs, training and assistance write here through
    `stations.services.service_record_create`; none keeps a second copy."""

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="services", verbose_name=_("resident")
    )
    kind = models.CharField(_("service"), max_length=32, choices=ServiceKind)
    served_on = models.DateField(_("date"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="services_given", verbose_name=_("staff")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ServiceChannel)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # What it concerned (a posting, a class, a policy), where that applies.
    concerns_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    concerns_id = models.PositiveBigIntegerField(null=True, blank=True)
    concerns = GenericForeignKey("concerns_type", "concerns_id")
    concerns_label = models.CharField(_("concerning"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-served_on", "-pk"]
        verbose_name = _("service record")
        verbose_name_plural = _("service log")
        indexes = [models.Index(fields=["resident", "kind", "served_on"])]

    def __str__(self):
        return f"{self.served_on} {self.get_kind_display()}"

    def clean(self):
        if self.served_on and self.served_on > timezone.localdate():
            raise ValidationError({"served_on": _("A service cannot be dated in the future.")})
