"""Employment subsidy funds allocated directly to communities
(就业补助资金直补社区, 保障措施 三).

A district allocates; the community spends by category; the balance is the
allocation plus approved adjustments minus spending. Spending past the balance
is refused: the services lock the allocation row so two clerks cannot both
spend the last yuan.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.fields import NormalizedCharField
from stations.models import Community
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.workflows import Step, Workflow

POSITIVE_YUAN = [MinValueValidator(Decimal("0.01"))]


class FundAllocation(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="fund_allocations", verbose_name=_("community")
    )
    year = models.PositiveSmallIntegerField(_("budget year"))
    title = models.CharField(_("title"), max_length=150)
    document_number = NormalizedCharField(_("document number"), max_length=60, blank=True)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2, validators=POSITIVE_YUAN)
    allocated_on = models.DateField(_("allocated on"))
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-allocated_on", "-pk"]
        verbose_name = _("fund allocation")
        verbose_name_plural = _("fund allocations")
        constraints = [models.CheckConstraint(name="allocation_amount_positive", condition=Q(amount__gt=0))]

    def __str__(self):
        return self.title


class AdjustmentStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("adjustment", "Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class AdjustmentWorkflow(Workflow):
    """Four eyes on money: whoever asked for an adjustment is not offered its
    decision (partnerships.services.funds refuses it too)."""

    def allowed(self, obj, user) -> list[Step]:
        if obj.requested_by_id == getattr(user, "pk", None):
            return []
        return super().allowed(obj, user)


# The district decides a requested adjustment once: approved or rejected
# (with a note the community reads).
ADJUSTMENT_WORKFLOW = AdjustmentWorkflow(
    state_field="status",
    steps=[
        Step(
            "approve",
            {AdjustmentStatus.REQUESTED},
            AdjustmentStatus.APPROVED,
            _("Approve"),
            rule="partnerships.allocate_funds",
        ),
        Step(
            "reject",
            {AdjustmentStatus.REQUESTED},
            AdjustmentStatus.REJECTED,
            _("Reject"),
            rule="partnerships.allocate_funds",
        ),
    ],
    state_message=_("This adjustment is already %(status)s; it cannot be decided again."),
)


class FundAdjustment(models.Model):
    """A change to an allocation (usually more money), effective once the district approves it."""

    allocation = models.ForeignKey(FundAllocation, on_delete=models.PROTECT, related_name="adjustments")
    amount = models.DecimalField(
        _("change (yuan)"), max_digits=12, decimal_places=2, help_text=_("Negative to reduce the allocation.")
    )
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=AdjustmentStatus, default=AdjustmentStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)

    scope_paths = ScopePaths.via_community("allocation__community")
    objects = ScopedQuerySet.as_manager()
    workflow = ADJUSTMENT_WORKFLOW

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("allocation adjustment")
        verbose_name_plural = _("allocation adjustments")
        constraints = [models.CheckConstraint(name="adjustment_not_zero", condition=~Q(amount=0))]

    def __str__(self):
        return f"{self.allocation} {self.amount:+}"


class SpendingCategory(models.TextChoices):
    SERVICE_VENUE = "service_venue", _("Station venue and equipment")
    JOB_FAIRS = "job_fairs", _("Job fairs and recruitment events")
    TRAINING = "training", _("Training")
    PUBLICITY = "publicity", _("Policy publicity")
    STAFF = "staff", _("Staff and service purchase")
    ASSISTANCE = "assistance", _("Help for hardship groups")
    OTHER = "other", _("Other")


class FundSpending(models.Model):
    allocation = models.ForeignKey(
        FundAllocation, on_delete=models.PROTECT, related_name="spending", verbose_name=_("allocation")
    )
    category = models.CharField(_("category"), max_length=16, choices=SpendingCategory)
    spent_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2, validators=POSITIVE_YUAN)
    payee = models.CharField(_("payee"), max_length=100)
    purpose = models.CharField(_("purpose"), max_length=200)
    voucher_number = NormalizedCharField(_("voucher number"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("allocation__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-spent_on", "-pk"]
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        constraints = [models.CheckConstraint(name="spending_amount_positive", condition=Q(amount__gt=0))]

    def __str__(self):
        return f"{self.spent_on} {self.purpose}"
