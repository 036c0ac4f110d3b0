"""Policy parameters the city bureau sets (amounts, schedules, thresholds).

Each parameter is declared once in code (`stations.policy.declare`) with its
default; every change the bureau makes is a new dated row, so history is kept
and a decision can be read with the figure that applied on its date.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyParameterValue(models.Model):
    key = models.CharField(_("parameter"), max_length=64, db_index=True)
    value = models.JSONField(_("value"))
    valid_from = models.DateField(_("valid from"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "-valid_from", "-pk"]
        verbose_name = _("policy parameter value")
        verbose_name_plural = _("policy parameter history")

    def __str__(self):
        return f"{self.key}={self.value} ({self.valid_from})"
