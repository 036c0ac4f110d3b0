"""What every request someone else decides on records of the decision (a
record transfer, a correction of a closed month): who, when, and why."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DecidedRequest(models.Model):
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)

    class Meta:
        abstract = True
