import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.models import (
    AdjustmentStatus,
    FundAllocation,
    FundSpending,
    SpendingCategory,
)
from partnerships.selectors.funds import allocation_balance
from partnerships.services.funds import (
    fund_adjustment_decide,
    fund_adjustment_request,
    fund_allocation_create,
    fund_spending_record,
)
from stations.closed_months import ClosedMonthError
from stations.models import AuditAction, AuditEntry, Notification, Role
from tests.factories import UserFactory
from tests.factories.concurrency import race
from tests.factories.partnerships_funds import FundAdjustmentFactory, FundAllocationFactory, FundSpendingFactory
from tests.factories.reports import close_month, day_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def allocation(community, district_bureau):
    return FundAllocationFactory(
        community=community,
        allocated_by=district_bureau,
        amount=Decimal("10000.00"),
        title="2026年就业补助资金",
        allocated_on=timezone.localdate() - dt.timedelta(days=30),
    )


def spend(actor, allocation, amount, **kwargs):
    defaults = {
        "category": SpendingCategory.TRAINING,
        "spent_on": timezone.localdate(),
        "payee": "枣庄市技工学校",
        "purpose": "家政培训课时费",
    }
    return fund_spending_record(actor=actor, allocation=allocation, amount=Decimal(amount), **{**defaults, **kwargs})


def test_district_allocates_to_a_community_of_its_district_with_an_audit_entry(district_bureau, community):
    allocation = fund_allocation_create(
        actor=district_bureau,
        community=community,
        year=2026,
        title="直补资金",
        amount=Decimal("50000"),
        allocated_on=timezone.localdate(),
    )
    assert allocation.allocated_by == district_bureau
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(allocation.pk)).exists()


def test_district_cannot_allocate_to_a_community_of_another_district(district_bureau, far_community):
    with pytest.raises(ValidationError) as exc:
        fund_allocation_create(
            actor=district_bureau,
            community=far_community,
            year=2026,
            title="直补资金",
            amount=Decimal("50000"),
            allocated_on=timezone.localdate(),
        )
    assert "community" in exc.value.message_dict


def test_community_staff_cannot_allocate(community_staff, community):
    with pytest.raises(PermissionDenied):
        fund_allocation_create(
            actor=community_staff,
            community=community,
            year=2026,
            title="直补资金",
            amount=Decimal("50000"),
            allocated_on=timezone.localdate(),
        )


def test_allocation_dated_in_the_future_is_refused(district_bureau, community):
    with pytest.raises(ValidationError) as exc:
        fund_allocation_create(
            actor=district_bureau,
            community=community,
            year=2026,
            title="直补资金",
            amount=Decimal("50000"),
            allocated_on=timezone.localdate() + dt.timedelta(days=3),
        )
    assert "allocated_on" in exc.value.message_dict


def test_spending_within_the_balance_is_recorded_and_audited(community_staff, allocation):
    spending = spend(community_staff, allocation, "2500.50")
    assert spending.recorded_by == community_staff
    assert allocation_balance(allocation) == Decimal("7499.50")
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(spending.pk)).exists()


def test_spending_the_exact_balance_is_allowed(community_staff, allocation):
    spend(community_staff, allocation, "10000.00")
    assert allocation_balance(allocation) == Decimal("0")


def test_overspend_is_refused_with_amounts_and_the_allocation_named(community_staff, allocation):
    spend(community_staff, allocation, "9000")
    with pytest.raises(ValidationError) as exc:
        spend(community_staff, allocation, "1234.5")
    assert exc.value.message_dict["amount"] == [
        "This spending of ¥1,234.50 exceeds the balance of ¥1,000.00 of 2026年就业补助资金. "
        "Ask the district for an approved adjustment first."
    ]
    assert FundSpending.objects.count() == 1


def test_only_approved_adjustments_raise_the_balance(community_staff, allocation):
    FundAdjustmentFactory(allocation=allocation, amount=Decimal("3000"), status=AdjustmentStatus.REQUESTED)
    FundAdjustmentFactory(allocation=allocation, amount=Decimal("4000"), status=AdjustmentStatus.REJECTED)
    FundAdjustmentFactory(allocation=allocation, amount=Decimal("2000"), status=AdjustmentStatus.APPROVED)
    assert allocation_balance(allocation) == Decimal("12000.00")
    spend(community_staff, allocation, "12000")
    with pytest.raises(ValidationError):
        spend(community_staff, allocation, "0.01")


def test_spending_before_the_allocation_date_is_refused(community_staff, allocation):
    with pytest.raises(ValidationError) as exc:
        spend(community_staff, allocation, "100", spent_on=allocation.allocated_on - dt.timedelta(days=1))
    assert "spent_on" in exc.value.message_dict


def test_spending_dated_in_the_future_is_refused(community_staff, allocation):
    with pytest.raises(ValidationError) as exc:
        spend(community_staff, allocation, "100", spent_on=timezone.localdate() + dt.timedelta(days=1))
    assert "spent_on" in exc.value.message_dict


def test_staff_of_another_community_cannot_spend_the_allocation(other_community_staff, allocation):
    with pytest.raises(ValidationError) as exc:
        spend(other_community_staff, allocation, "100")
    assert "allocation" in exc.value.message_dict


def test_district_cannot_record_spending(district_bureau, allocation):
    with pytest.raises(PermissionDenied):
        spend(district_bureau, allocation, "100")


def test_spending_locks_the_allocation_row(community_staff, allocation):
    if not connection.features.has_select_for_update:
        pytest.skip("SQLite has no row locks (it serialises writers); the lock is checked on PostgreSQL.")
    with CaptureQueriesContext(connection) as queries:
        spend(community_staff, allocation, "100")
    locking = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert locking and '"partnerships_fundallocation"' in locking[0]


@pytest.mark.django_db(transaction=True)
def test_two_spendings_together_over_the_balance_cannot_both_succeed(community, district_bureau):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: SQLite serialises whole-database writes, so there is no race to test.")
    allocation = FundAllocationFactory(community=community, allocated_by=district_bureau, amount=Decimal("1000"))
    clerks = [UserFactory(role=Role.COMMUNITY_STAFF, community=community) for _ in range(2)]

    def record(clerk):
        return lambda: spend(clerk, allocation, "600")

    assert race([record(clerk) for clerk in clerks]) == ["done", "refused"]
    assert allocation_balance(FundAllocation.objects.get(pk=allocation.pk)) == Decimal("400.00")


def test_requesting_an_adjustment_notifies_the_district_of_the_allocation(
    community_staff, district_bureau, allocation, other_district
):
    UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=other_district)
    adjustment = fund_adjustment_request(
        actor=community_staff, allocation=allocation, amount=Decimal("5000"), reason="增加岗位集市"
    )
    assert adjustment.status == AdjustmentStatus.REQUESTED
    notification = Notification.objects.get()
    assert notification.recipient == district_bureau
    assert str(adjustment.pk) in notification.link


def test_a_zero_adjustment_is_refused(community_staff, allocation):
    with pytest.raises(ValidationError) as exc:
        fund_adjustment_request(actor=community_staff, allocation=allocation, amount=Decimal("0"), reason="无")
    assert "amount" in exc.value.message_dict


def test_street_officer_cannot_request_an_adjustment(street_officer, allocation):
    with pytest.raises(PermissionDenied):
        fund_adjustment_request(actor=street_officer, allocation=allocation, amount=Decimal("100"), reason="x")


def test_approving_raises_the_balance_and_notifies_the_requester(community_staff, district_bureau, allocation):
    adjustment = fund_adjustment_request(
        actor=community_staff, allocation=allocation, amount=Decimal("5000"), reason="增加岗位集市"
    )
    decided = fund_adjustment_decide(actor=district_bureau, adjustment=adjustment, approve=True, note="同意")
    assert decided.status == AdjustmentStatus.APPROVED
    assert decided.decided_by == district_bureau
    assert allocation_balance(allocation) == Decimal("15000.00")
    assert Notification.objects.filter(recipient=community_staff, kind="fund_adjustment_decided").count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.TRANSITION, object_id=str(adjustment.pk)).exists()


def test_rejecting_needs_a_note_and_leaves_the_balance(community_staff, district_bureau, allocation):
    adjustment = FundAdjustmentFactory(allocation=allocation, requested_by=community_staff)
    with pytest.raises(ValidationError) as exc:
        fund_adjustment_decide(actor=district_bureau, adjustment=adjustment, approve=False)
    assert "decision_note" in exc.value.message_dict
    fund_adjustment_decide(actor=district_bureau, adjustment=adjustment, approve=False, note="预算已用完")
    adjustment.refresh_from_db()
    assert adjustment.status == AdjustmentStatus.REJECTED
    assert allocation_balance(allocation) == Decimal("10000.00")


def test_an_adjustment_cannot_be_decided_twice(district_bureau, allocation):
    adjustment = FundAdjustmentFactory(allocation=allocation)
    fund_adjustment_decide(actor=district_bureau, adjustment=adjustment, approve=True)
    with pytest.raises(ValidationError):
        fund_adjustment_decide(actor=district_bureau, adjustment=adjustment, approve=False, note="改主意")


def test_a_cut_below_the_spent_money_is_refused_at_approval(community_staff, district_bureau, allocation):
    cut = fund_adjustment_request(
        actor=community_staff, allocation=allocation, amount=Decimal("-3000"), reason="部分资金收回"
    )
    spend(community_staff, allocation, "8000")
    with pytest.raises(ValidationError) as exc:
        fund_adjustment_decide(actor=district_bureau, adjustment=cut, approve=True)
    assert "below zero" in exc.value.message_dict["amount"][0]
    cut.refresh_from_db()
    assert cut.status == AdjustmentStatus.REQUESTED


def test_a_cut_within_the_balance_is_approved(district_bureau, allocation):
    FundSpendingFactory(allocation=allocation, amount=Decimal("4000"))
    cut = FundAdjustmentFactory(allocation=allocation, amount=Decimal("-6000"))
    fund_adjustment_decide(actor=district_bureau, adjustment=cut, approve=True)
    assert allocation_balance(allocation) == Decimal("0")


def test_a_district_account_cannot_decide_its_own_request(district_bureau, allocation):
    adjustment = FundAdjustmentFactory(allocation=allocation, requested_by=district_bureau)
    with pytest.raises(ValidationError) as exc:
        fund_adjustment_decide(actor=district_bureau, adjustment=adjustment, approve=True)
    assert exc.value.messages == ["Another member of the district bureau must decide a request you made."]
    adjustment.refresh_from_db()
    assert adjustment.status == AdjustmentStatus.REQUESTED


def test_another_district_account_decides_the_request(district_bureau, allocation, district):
    colleague = UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=district)
    adjustment = FundAdjustmentFactory(allocation=allocation, requested_by=district_bureau)
    decided = fund_adjustment_decide(actor=colleague, adjustment=adjustment, approve=True)
    assert decided.status == AdjustmentStatus.APPROVED


def test_district_of_another_district_cannot_decide(allocation, other_district):
    outsider = UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=other_district)
    adjustment = FundAdjustmentFactory(allocation=allocation)
    with pytest.raises(PermissionDenied):
        fund_adjustment_decide(actor=outsider, adjustment=adjustment, approve=True)


# --- closed months: funds ----------------------------------------
@pytest.fixture
def district_officer(district):
    return UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=district)


def test_an_allocation_dated_in_a_closed_month_is_refused(district_officer, community, month):
    close_month(community=community)
    with pytest.raises(ClosedMonthError):
        fund_allocation_create(
            actor=district_officer,
            community=community,
            year=month.start.year,
            title="补助资金",
            amount=Decimal("10000"),
            allocated_on=day_in(month),
        )
    assert not FundAllocation.objects.exists()


def test_spending_dated_in_a_closed_month_is_refused(community_staff, community, month, before):
    allocation = FundAllocationFactory(community=community, allocated_on=before)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        fund_spending_record(
            actor=community_staff,
            allocation=allocation,
            category=SpendingCategory.JOB_FAIRS,
            spent_on=day_in(month),
            amount=Decimal("100"),
            payee="会展公司",
            purpose="岗位集市",
        )
    assert not FundSpending.objects.exists()
