"""A resident's own page (/me/): sign-in codes, the changes a resident asks
for, and their requests about their personal data (PIPL arts. 44-47).

Nothing the resident types changes their record directly: a change request
waits for the community's staff, who confirm it (it then goes through the
same resident update service as their own edits, audited) or decline it
with a reason the resident is told by text.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.fields import IdentifierField
from stations.models import Resident
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.workflows import Step, Workflow


class SignInCode(models.Model):
    """One six-digit code asked for a mobile number. Only its keyed hash is
    kept (self_service.services.code_hash). A row is made for every request,
    registered number or not, so wrong tries and the lockout count the same
    way for both and nothing shows whether the number is on a record."""

    number = IdentifierField(_("mobile"), max_length=11)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    wrong_tries = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["number", "created_at"])]

    def __str__(self):
        return f"{self.number[:3]}****{self.number[-4:]} {self.created_at:%Y-%m-%d %H:%M}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for staff")
    CONFIRMED = "confirmed", _("Confirmed and applied")
    DECLINED = "declined", _("Declined")


# Staff decide a resident's change once: confirmed (applied to the record) or
# declined with a reason the resident is told.
CHANGE_WORKFLOW = Workflow(
    state_field="status",
    steps=[
        Step(
            "confirm",
            {RequestStatus.PENDING},
            RequestStatus.CONFIRMED,
            _("Confirm and apply"),
            rule="self_service.decide_requests",
        ),
        Step(
            "decline",
            {RequestStatus.PENDING},
            RequestStatus.DECLINED,
            _("Decline"),
            rule="self_service.decide_requests",
        ),
    ],
    state_message=_("This request has been decided already."),
)


class ChangeRequest(models.Model):
    """Contact details or job wishes the resident asked to change."""

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="change_requests", verbose_name=_("resident")
    )
    # {field: [value on the record when asked, value asked for]}
    changes = models.JSONField(_("changes"))
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus, default=RequestStatus.PENDING)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=300, blank=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()
    workflow = CHANGE_WORKFLOW

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                name="declined_change_has_reason",
                condition=~models.Q(status="declined") | ~models.Q(decision_reason=""),
            ),
        ]

    def __str__(self):
        return f"{self.resident} · {', '.join(self.changes)}"

    def rows(self) -> list[tuple[str, object, object]]:
        """(field label, value on the record when asked, value asked for),
        with choices shown by their label, for the staff list."""
        out = []
        for name, (old, new) in self.changes.items():
            field = Resident._meta.get_field(name)
            shown = (
                dict(field.flatchoices)
                if field.choices
                else {True: _("Yes"), False: _("No")}
                if name == "wants_training"
                else {}
            )
            out.append((str(field.verbose_name), shown.get(old, old), shown.get(new, new)))
        return out


class DataRequestKind(models.TextChoices):
    CORRECTION = "correction", _("Correct my personal data")
    DELETION = "deletion", _("Delete my personal data")


class DataRequestOutcome(models.TextChoices):
    DONE = "done", _("Done as asked")
    PARTLY = "partly", _("Partly done")
    REFUSED = "refused", _("Refused, with the legal reason")


class DataRequest(models.Model):
    """A request under PIPL arts. 44-47, answered by the community's staff
    by `due_on` (policy parameter self_service.data_request_days)."""

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="data_requests", verbose_name=_("resident")
    )
    kind = models.CharField(_("request"), max_length=12, choices=DataRequestKind)
    details = models.CharField(_("what the resident asks"), max_length=1000)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    due_on = models.DateField(_("answer due by"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=DataRequestOutcome, blank=True)
    answer = models.CharField(_("answer"), max_length=1000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        indexes = [models.Index(fields=["answered_at", "due_on"])]
        constraints = [
            models.CheckConstraint(
                name="answered_data_request_has_outcome",
                condition=models.Q(answered_at__isnull=True) | (~models.Q(outcome="") & ~models.Q(answer="")),
            ),
        ]

    def __str__(self):
        return f"{self.resident} · {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None
