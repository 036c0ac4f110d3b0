"""The in-portal notification centre."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    """Outcome of one channel (e-mail, SMS) of a notification."""

    NONE = "", _("Not sent: no address, or no gateway set up")
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Sending failed")


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=40)
    message = models.CharField(_("message"), max_length=500)
    link = models.CharField(_("link"), max_length=300, blank=True)
    # The same reminder is never sent twice: jobs insert with a stable key.
    dedupe_key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Delivery outside the portal, recorded per channel: sent, or failed with
    # the reason (and retried); never marked sent when sending failed.
    email_status = models.CharField(_("e-mail"), max_length=8, choices=DeliveryStatus, blank=True, default="")
    sms_status = models.CharField(_("SMS"), max_length=8, choices=DeliveryStatus, blank=True, default="")
    delivery_error = models.CharField(_("delivery error"), max_length=300, blank=True)
    delivered_at = models.DateTimeField(_("last sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.message
