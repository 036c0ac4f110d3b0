"""Technical rows with an end of life, kept in the database so that they hold
while the cache is away; the nightly housekeeping deletes them once expired
(stations.services.housekeeping)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitCounter(models.Model):
    """How many times something limited (`key`: what, from which address) was
    done in one window. Counts go here only while the cache cannot be
    reached (stations.ratelimit); a row lives two windows, as the next window
    still reads it."""

    key = models.CharField(_("key"), max_length=200)
    window_start = models.DateTimeField(_("window start"))
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="one_rate_counter_per_window")]

    def __str__(self):
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M}: {self.count}"


class RefusedChange(models.Model):
    """A change refused because it would alter a closed month, kept for a day
    under a random key so its author can send it for approval
    (stations.closed_months). It may hold personal data, so only the key
    leaves the server."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("refused to")
    )
    data = models.JSONField(_("refused change"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("refused change")
        verbose_name_plural = _("refused changes")

    def __str__(self):
        return self.key
