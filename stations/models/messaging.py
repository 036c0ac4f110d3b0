"""Text messages to residents: one delivery record per message.

A message is a template code plus parameters (what Alibaba Cloud and Tencent
Cloud SMS accept); the templates are listed in stations/messaging/templates.py.
The record says where the message is: queued (perhaps until the morning),
sent (the gateway accepted it), delivered (the provider reported it reached
the phone), failed with the reason, or withheld (never sent: no consent, or
the resident opted out). Nothing marks a message sent unless the gateway
accepted it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.fields import IdentifierField
from stations.scoping import ScopedQuerySet, ScopePaths

from .residents import Resident


class TextMessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
    WITHHELD = "withheld", _("Not sent")


class TextMessage(models.Model):
    # Normalised like the resident's mobile (stations.fields): full-width
    # digits, spaces and a +86 prefix are gone before the cap counts it.
    number = IdentifierField(_("mobile"), max_length=11)
    # Nullable so a deleted record (PIPL art. 47) leaves the delivery trail.
    resident = models.ForeignKey(
        Resident,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="text_messages",
        verbose_name=_("resident"),
    )
    template = models.CharField(_("template"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=TextMessageStatus, default=TextMessageStatus.QUEUED)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    gateway = models.CharField(_("gateway"), max_length=20, blank=True)
    provider_id = models.CharField(_("provider's message id"), max_length=100, blank=True)
    # What the message is about (jobs.alert:12): asking twice queues one message.
    idempotency_key = models.CharField(max_length=200, unique=True)
    # Not sent before this time (quiet hours, the daily cap).
    not_before = models.DateTimeField(_("not before"))
    # No use after this time (an odd-job offer once the job has started):
    # a message still waiting then is withheld rather than sent late.
    expires_at = models.DateTimeField(_("no use after"), null=True, blank=True)
    # To someone who is no resident (an employer's contact, resident empty)
    # and asked for this message at the station; without it such a message
    # is withheld, and a resident deleted later does not make one sendable.
    asked_by_recipient = models.BooleanField(default=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("text message")
        verbose_name_plural = _("text messages")
        indexes = [
            models.Index(fields=["status", "not_before"]),
            models.Index(fields=["number", "sent_at"]),
            models.Index(fields=["provider_id"]),
        ]
        constraints = [
            # The rule "never marked sent when it failed", in the database too.
            models.CheckConstraint(
                name="text_message_sent_has_time",
                condition=~models.Q(status__in=["sent", "delivered"]) | models.Q(sent_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.template} → {self.number[:3]}****{self.number[-4:]}"


class OutboxTextMessage(models.Model):
    """What the database-outbox gateway 'sends': a row per message, for tests
    and for sites that want to look before switching a provider on."""

    number = models.CharField(max_length=11)
    template = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    text = models.CharField(max_length=500)
    reference = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("outbox text message")
        verbose_name_plural = _("outbox text messages")

    def __str__(self):
        return f"{self.template} → {self.number}"
