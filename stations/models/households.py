"""Households: the unit the zero-employment clock runs on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.scoping import ScopedQuerySet, ScopePaths

from .region import Community


class Household(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="households", verbose_name=_("community")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    # Set the day the household becomes zero-employment, cleared when someone works.
    zero_employment_since = models.DateField(_("zero-employment since"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self):
        return self.address or f"#{self.pk}"
