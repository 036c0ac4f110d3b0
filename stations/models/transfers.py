"""Requests to move a resident's record to another community."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.scoping import ScopedQuerySet, ScopePaths
from stations.workflows import Step, Workflow

from .decisions import DecidedRequest
from .region import Community
from .residents import Resident


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the holding community")
    ACCEPTED = "accepted", _("Accepted: record moved")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Withdrawn")


# The holding community decides a waiting request once: it hands the record
# over or keeps it (with a note the requester reads).
TRANSFER_WORKFLOW = Workflow(
    state_field="status",
    steps=[
        Step("accept", {TransferStatus.PENDING}, TransferStatus.ACCEPTED, _("Accept"), rule="stations.manage_resident"),
        Step(
            "decline", {TransferStatus.PENDING}, TransferStatus.DECLINED, _("Decline"), rule="stations.manage_resident"
        ),
    ],
    state_message=_("This request has already been decided (%(status)s)."),
)


class ResidentTransferRequest(DecidedRequest):
    """A community asks the community holding a person's record to hand it over.

    The requesting staff never see the record itself: they typed the ID number
    and were told which community holds it. The holding community's staff
    accept (the record moves, with its history) or decline.
    """

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="transfer_requests", verbose_name=_("resident")
    )
    from_community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("holding community")
    )
    to_community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("requesting community")
    )
    status = models.CharField(_("status"), max_length=12, choices=TransferStatus, default=TransferStatus.PENDING)
    note = models.CharField(_("reason for the request"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+", verbose_name=_("requested by")
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    # The holding community decides, so the request sits in its scope; the
    # requesting side reads its own requests through a selector on to_community.
    scope_paths = ScopePaths.via_community("from_community")
    objects = ScopedQuerySet.as_manager()
    workflow = TRANSFER_WORKFLOW

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("transfer request")
        verbose_name_plural = _("transfer requests")
        constraints = [
            models.UniqueConstraint(
                fields=["resident"],
                condition=models.Q(status="pending"),
                name="one_pending_transfer_per_resident",
            ),
            models.CheckConstraint(
                name="transfer_between_two_communities",
                condition=~models.Q(from_community=models.F("to_community")),
            ),
        ]

    def __str__(self):
        return f"{self.from_community} → {self.to_community}"
