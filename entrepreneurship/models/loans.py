"""Startup guarantee loans (创业担保贷款 / 创业提振贷, T7)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.models import Community, Resident
from stations.scoping import ScopedQuerySet, ScopePaths

from .businesses import Business


class BorrowerKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    MICRO_ENTERPRISE = "micro_enterprise", _("Micro enterprise")


# The plan's limits: amount in yuan and term in months per borrower kind.
LOAN_LIMITS = {
    BorrowerKind.INDIVIDUAL: (Decimal("500000"), 36),
    BorrowerKind.MICRO_ENTERPRISE: (Decimal("10000000"), 24),
}


class LoanStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    GRANTED = "granted", _("Granted")
    DECLINED = "declined", _("Declined by the bank")
    REPAID = "repaid", _("Repaid")


class RepaymentStatus(models.TextChoices):
    NOT_DUE = "not_due", _("Not yet due")
    ON_TIME = "on_time", _("On time")
    OVERDUE = "overdue", _("Overdue")
    SETTLED = "settled", _("Settled")


class GuaranteeLoan(models.Model):
    # What staff and the API edit: the form's and the serializer's fields.
    EDITABLE_FIELDS = (
        "borrower_kind",
        "resident",
        "business",
        "bank",
        "amount",
        "term_months",
        "rate_discount_percent",
        "status",
        "repayment_status",
        "granted_on",
    )

    borrower_kind = models.CharField(_("borrower"), max_length=20, choices=BorrowerKind)
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="guarantee_loans")
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="guarantee_loans", verbose_name=_("applicant")
    )
    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, null=True, blank=True, related_name="loans", verbose_name=_("business")
    )
    bank = models.CharField(_("bank"), max_length=60)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    term_months = models.PositiveSmallIntegerField(_("term (months)"))
    rate_discount_percent = models.DecimalField(
        _("interest subsidy (%)"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    status = models.CharField(_("status"), max_length=10, choices=LoanStatus, default=LoanStatus.APPLIED)
    repayment_status = models.CharField(
        _("repayment"), max_length=10, choices=RepaymentStatus, default=RepaymentStatus.NOT_DUE
    )
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("guarantee loan")
        verbose_name_plural = _("guarantee loans")
        constraints = [
            models.CheckConstraint(name="loan_amount_positive", condition=models.Q(amount__gt=0)),
            models.CheckConstraint(
                name="loan_within_plan_limits",
                condition=(
                    models.Q(borrower_kind="individual", amount__lte=500000, term_months__lte=36)
                    | models.Q(borrower_kind="micro_enterprise", amount__lte=10000000, term_months__lte=24)
                ),
            ),
        ]

    def __str__(self):
        return f"{self.bank} {self.amount}"

    def clean(self):
        errors = {}
        limit = LOAN_LIMITS.get(self.borrower_kind)
        if limit and self.amount is not None and self.amount > limit[0]:
            errors["amount"] = [
                _("A %(kind)s guarantee loan is at most %(limit)s yuan.")
                % {"kind": self.get_borrower_kind_display(), "limit": f"{limit[0]:,.0f}"}
            ]
        if limit and self.term_months is not None and self.term_months > limit[1]:
            errors["term_months"] = [
                _("A %(kind)s guarantee loan runs at most %(months)d months.")
                % {"kind": self.get_borrower_kind_display(), "months": limit[1]}
            ]
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = [_("Enter an amount above zero.")]
        if self.borrower_kind == BorrowerKind.MICRO_ENTERPRISE and not self.business_id:
            errors["business"] = [_("Choose the micro enterprise that borrows.")]
        if errors:
            raise ValidationError(errors)
