"""Write operations of the community funds (就业补助资金直补社区).

The district allocates; the community spends; the balance is the allocation
plus approved adjustments minus spending, and no spending or approved cut may
take it below zero. Every write that depends on the balance locks the
allocation row first (spending and adjustment decisions alike, always in that
order), then reads the balance, so of two clerks spending the last yuan at
once the second sees the first's line and is refused.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, Community, Role, User
from stations.permissions import user_can
from stations.services import notification_send
from stations.services.common import lock_visible, require, require_community_in_scope

from ..models import AdjustmentStatus, FundAdjustment, FundAllocation, FundSpending
from ..selectors.funds import allocation_balance

# Four eyes on money: a district bureau account may ask for an adjustment
# itself, but another account of the bureau grants or refuses it.
OWN_REQUEST = gettext_lazy("Another member of the district bureau must decide a request you made.")


def yuan(value: Decimal) -> str:
    """Money in messages: grouped by thousands, two decimals."""
    return f"{Decimal(value):,.2f}"


def _lock_allocation(actor: User, allocation: FundAllocation) -> FundAllocation:
    return lock_visible(
        FundAllocation,
        actor=actor,
        pk=allocation.pk,
        select_related=("community__street",),
        error=ValidationError({"allocation": _("Choose an allocation of your own area.")}),
    )


@closed_months.guard(label=gettext_lazy("Allocate funds to a community"))
@transaction.atomic
def fund_allocation_create(
    *,
    actor: User,
    community: Community,
    year: int,
    title: str,
    amount: Decimal,
    allocated_on: dt.date,
    document_number: str = "",
    note: str = "",
    request=None,
) -> FundAllocation:
    """The district allocates money to one community of its district."""
    require(actor, "partnerships.allocate_funds")
    require_community_in_scope(actor, community)
    errors = {}
    today = timezone.localdate()
    if allocated_on and allocated_on > today:
        errors["allocated_on"] = [_("The allocation date cannot be in the future.")]
    if year and allocated_on and abs(int(year) - allocated_on.year) > 1:
        errors["year"] = [
            _("The budget year %(year)s is far from the allocation date %(date)s. Check both.")
            % {"year": year, "date": allocated_on.isoformat()}
        ]
    if errors:
        raise ValidationError(errors)
    closed_months.touch(communities=[community], dates=[allocated_on])
    allocation = FundAllocation(
        community=community,
        year=year,
        title=title.strip(),
        document_number=document_number.strip(),
        amount=amount,
        allocated_on=allocated_on,
        note=note,
        allocated_by=actor,
    )
    allocation.full_clean()
    allocation.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=allocation,
        request=request,
        changes={"amount": str(allocation.amount), "community": community.name},
    )
    return allocation


@closed_months.guard(label=gettext_lazy("Record spending"))
@transaction.atomic
def fund_spending_record(
    *,
    actor: User,
    allocation: FundAllocation,
    category: str,
    spent_on: dt.date,
    amount: Decimal,
    payee: str,
    purpose: str,
    voucher_number: str = "",
    request=None,
) -> FundSpending:
    """Record one spending line; refused when it would take the balance below zero."""
    require(actor, "partnerships.spend_funds")
    locked = _lock_allocation(actor, allocation)
    errors = {}
    today = timezone.localdate()
    if spent_on:
        if spent_on < locked.allocated_on:
            errors["spent_on"] = [
                _("The date cannot be before the money was allocated (%(date)s).")
                % {"date": locked.allocated_on.isoformat()}
            ]
        elif spent_on > today:
            errors["spent_on"] = [_("The date cannot be in the future.")]
    if amount is not None and amount > 0:
        balance = allocation_balance(locked)
        if amount > balance:
            errors["amount"] = [
                _(
                    "This spending of ¥%(amount)s exceeds the balance of ¥%(balance)s of %(allocation)s. "
                    "Ask the district for an approved adjustment first."
                )
                % {"amount": yuan(amount), "balance": yuan(balance), "allocation": locked.title}
            ]
    if errors:
        raise ValidationError(errors)
    closed_months.touch(communities=[locked.community_id], dates=[spent_on])
    spending = FundSpending(
        allocation=locked,
        category=category,
        spent_on=spent_on,
        amount=amount,
        payee=payee.strip(),
        purpose=purpose.strip(),
        voucher_number=voucher_number.strip(),
        recorded_by=actor,
    )
    spending.full_clean()
    spending.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=spending,
        request=request,
        changes={"allocation": locked.title, "amount": str(spending.amount), "category": category},
    )
    return spending


def _refuse_cut_below_zero(allocation: FundAllocation, amount: Decimal) -> None:
    if amount is None or amount >= 0:
        return
    balance = allocation_balance(allocation)
    if balance + amount < 0:
        raise ValidationError(
            {
                "amount": [
                    _(
                        "A reduction of ¥%(cut)s would take the balance of %(allocation)s below zero: "
                        "only ¥%(balance)s is left unspent."
                    )
                    % {"cut": yuan(-amount), "allocation": allocation.title, "balance": yuan(balance)}
                ]
            }
        )


@transaction.atomic
def fund_adjustment_request(
    *, actor: User, allocation: FundAllocation, amount: Decimal, reason: str, request=None
) -> FundAdjustment:
    """Ask for more (or less) money on an allocation; the district decides."""
    if not (user_can(actor, "partnerships.spend_funds") or user_can(actor, "partnerships.allocate_funds")):
        raise PermissionDenied("partnerships.spend_funds")
    locked = _lock_allocation(actor, allocation)
    if amount is not None and amount == 0:
        raise ValidationError({"amount": [_("Enter the change: more than 0 to add money, less than 0 to reduce.")]})
    _refuse_cut_below_zero(locked, amount)
    adjustment = FundAdjustment(allocation=locked, amount=amount, reason=(reason or "").strip(), requested_by=actor)
    adjustment.full_clean()
    adjustment.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=adjustment,
        request=request,
        changes={"allocation": locked.title, "amount": str(adjustment.amount)},
    )
    _notify_district(adjustment, locked)
    return adjustment


@transaction.atomic
def fund_adjustment_decide(
    *, actor: User, adjustment: FundAdjustment, approve: bool, note: str = "", request=None
) -> FundAdjustment:
    """The district approves or rejects a requested adjustment.

    The allocation is locked before the adjustment (the order spending uses),
    so an approved cut is checked against a balance no clerk is changing."""
    require(actor, "partnerships.allocate_funds")
    visible = FundAdjustment.objects.visible_to(actor).filter(pk=adjustment.pk).values_list("allocation_id", flat=True)
    allocation_id = visible.first()
    if allocation_id is None:
        raise PermissionDenied("adjustment out of scope")
    allocation = _lock_allocation(actor, FundAllocation(pk=allocation_id))
    note = (note or "").strip()
    audit_changes: dict = {}

    def check(locked) -> list[str]:
        audit_changes["amount"] = str(locked.amount)
        if locked.requested_by_id == actor.pk:
            raise ValidationError(OWN_REQUEST, code="own_request")
        if not approve and not note:
            raise ValidationError({"decision_note": [_("Say why the adjustment is rejected.")]})
        if approve:
            _refuse_cut_below_zero(allocation, locked.amount)
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.decision_note = note[:300]
        return ["decided_by", "decided_at", "decision_note"]

    locked = FundAdjustment.workflow.apply(
        queryset=FundAdjustment.objects,
        obj=adjustment,
        step="approve" if approve else "reject",
        actor=actor,
        check=check,
        after=lambda decided, previous: _notify_requester(decided, allocation),
        audit_changes=audit_changes,
        request=request,
    )
    return locked


def _adjustment_link(adjustment: FundAdjustment) -> str:
    return reverse("partnerships:fund_adjustment_detail", kwargs={"pk": adjustment.pk})


def _notify_district(adjustment: FundAdjustment, allocation: FundAllocation) -> None:
    recipients = User.objects.filter(
        role=Role.DISTRICT_BUREAU, district_id=allocation.community.street.district_id, is_active=True
    ).exclude(pk=adjustment.requested_by_id)
    message = _("%(community)s asks for an adjustment of ¥%(amount)s to %(allocation)s.") % {
        "community": allocation.community.name,
        "amount": f"{adjustment.amount:+,.2f}",
        "allocation": allocation.title,
    }
    link = _adjustment_link(adjustment)
    for user in recipients:
        notification_send(
            recipient=user,
            kind="fund_adjustment_requested",
            message=message,
            link=link,
            dedupe_key=f"fund-adjustment-requested:{adjustment.pk}:{user.pk}",
        )


def _notify_requester(adjustment: FundAdjustment, allocation: FundAllocation) -> None:
    requester = adjustment.requested_by
    if requester.pk == adjustment.decided_by_id or not requester.is_active:
        return
    if adjustment.status == AdjustmentStatus.APPROVED:
        text = _("The district approved your adjustment of ¥%(amount)s to %(allocation)s.")
    else:
        text = _("The district rejected your adjustment of ¥%(amount)s to %(allocation)s: %(note)s")
    message = text % {
        "amount": f"{adjustment.amount:+,.2f}",
        "allocation": allocation.title,
        "note": adjustment.decision_note,
    }
    notification_send(
        recipient=requester,
        kind="fund_adjustment_decided",
        message=message,
        link=_adjustment_link(adjustment),
        dedupe_key=f"fund-adjustment-decided:{adjustment.pk}",
    )


__all__ = [
    "fund_adjustment_decide",
    "fund_adjustment_request",
    "fund_allocation_create",
    "fund_spending_record",
    "yuan",
]
