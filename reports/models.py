"""Built workbooks and the residents' satisfaction survey."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.models import Community, District, Station, Street
from stations.models.decisions import DecidedRequest
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.workflows import Step, Workflow


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Building")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportOrigin(models.TextChoices):
    REQUEST = "request", _("Asked for")
    SCHEDULE = "schedule", _("Monthly schedule")


class ReportRequest(models.Model):
    """One workbook for one node and period, asked for by a user or built by
    the monthly schedule, with its progress and, once built, its file."""

    node_code = models.CharField(_("node"), max_length=12)
    node_name = models.CharField(_("area"), max_length=60)
    # The node's place in the region, for scoping (empty for the city).
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    street = models.ForeignKey(Street, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    period_label = models.CharField(_("period"), max_length=32)
    period_start = models.DateField()
    period_end = models.DateField()
    origin = models.CharField(_("origin"), max_length=10, choices=ReportOrigin, default=ReportOrigin.REQUEST)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    file = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    scope_paths = ScopePaths(district="district", street="street", community="community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("progress workbook")
        verbose_name_plural = _("progress workbooks")
        constraints = [
            # The schedule builds each node's month once, however often beat fires.
            models.UniqueConstraint(
                fields=["node_code", "period_label"],
                condition=models.Q(origin="schedule"),
                name="one_scheduled_workbook_per_node_and_period",
            ),
        ]

    def __str__(self):
        return f"{self.node_name} {self.period_label}"

    @property
    def handoff_key(self) -> str:
        """The key of the background work that builds it (stations.TaskHandoff)."""
        return f"reports.build:{self.pk}"

    @property
    def filename(self) -> str:
        return f"progress-{self.node_code}-{self.period_label}.xlsx".replace("..", "_")


class SatisfactionResponse(models.Model):
    """A resident's rating of a station (满意度调查); no personal data is asked."""

    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="satisfaction_responses")
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    scope_paths = ScopePaths.via_community("station__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("satisfaction response")
        verbose_name_plural = _("satisfaction responses")
        constraints = [models.CheckConstraint(name="rating_1_to_5", condition=models.Q(rating__gte=1, rating__lte=5))]

    def __str__(self):
        return f"{self.station} {self.rating}"


class PeriodCloseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted and locked")
    REVIEWED = "reviewed", _("Reviewed by the street")


class PeriodClose(models.Model):
    """A community's month, submitted and locked by its staff and reviewed by
    the street. The figures as they stood at closing are kept: the month's
    workbooks show them, and later edits appear as corrections after close."""

    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="period_closes")
    month = models.DateField(_("month"), help_text=_("First day of the month."))
    status = models.CharField(
        _("status"), max_length=10, choices=PeriodCloseStatus, default=PeriodCloseStatus.SUBMITTED
    )
    figures = models.JSONField(_("figures at closing"), default=dict)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "community__code"]
        verbose_name = _("period close")
        verbose_name_plural = _("period closes")
        constraints = [
            models.UniqueConstraint(fields=["community", "month"], name="one_close_per_community_and_month"),
            models.CheckConstraint(name="close_month_is_first_day", condition=models.Q(month__day=1)),
        ]

    def __str__(self):
        return f"{self.community} {self.month:%Y-%m}"


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the street")
    APPLIED = "applied", _("Approved and applied")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CorrectionWorkflow(Workflow):
    """Four eyes on a closed month: whoever asked for a correction is offered
    only its withdrawal, and nobody else is (reports.services_corrections
    refuses the other ways round too)."""

    def allowed(self, obj, user) -> list[Step]:
        own = obj.requested_by_id == getattr(user, "pk", None)
        return [s for s in super().allowed(obj, user) if (s.name == "withdraw") == own]


# The street officer (or the district, for a change beyond one street) decides
# a pending correction once; until then the requester may withdraw it.
CORRECTION_WORKFLOW = CorrectionWorkflow(
    state_field="status",
    steps=[
        Step(
            "approve",
            {CorrectionStatus.PENDING},
            CorrectionStatus.APPLIED,
            _("Approve and apply"),
            rule="reports.decide_correction",
        ),
        Step(
            "reject",
            {CorrectionStatus.PENDING},
            CorrectionStatus.REJECTED,
            _("Reject"),
            rule="reports.decide_correction",
        ),
        Step("withdraw", {CorrectionStatus.PENDING}, CorrectionStatus.WITHDRAWN, _("Withdraw the request")),
    ],
    changed_at_field="decided_at",
    state_message=_("This request has already been decided (%(status)s)."),
)


class CorrectionRequest(DecidedRequest):
    """A change to a closed month (stations.closed_months), asked for by the
    staff member it was refused to and decided by the street officer. Approved,
    the change is made as that staff member asked it, and the closed figures
    move by exactly what it changed; the workbook lists it on its corrections
    sheet."""

    # The first closed month the change alters, and its community (the scope).
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community"))
    month = models.DateField(_("month"), help_text=_("First day of the month."))
    # The refused service call: its name and arguments (records as keys).
    operation = models.CharField(_("change"), max_length=200)
    arguments = models.JSONField(default=dict, blank=True)
    reason = models.CharField(_("reason"), max_length=500)
    # [{"community", "community_name", "month", "figures": {key: [before, after]}}]
    expected_changes = models.JSONField(_("changes when asked"), default=list, blank=True)
    applied_changes = models.JSONField(_("changes when applied"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=CorrectionStatus, default=CorrectionStatus.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+", verbose_name=_("asked by")
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()
    workflow = CORRECTION_WORKFLOW

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        indexes = [models.Index(fields=["status", "month"])]
        constraints = [
            models.CheckConstraint(name="correction_month_is_first_day", condition=models.Q(month__day=1)),
        ]

    def __str__(self):
        return f"{self.community} {self.month:%Y-%m} #{self.pk}"
