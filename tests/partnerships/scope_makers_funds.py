"""Scope makers: funds."""

from partnerships.models import FundAdjustment, FundAllocation, FundSpending
from tests.factories.partnerships_funds import FundAdjustmentFactory, FundAllocationFactory, FundSpendingFactory
from tests.scope.registry import SENTINEL, register


@register(FundAllocation)
def make_fund_allocation(community):
    return FundAllocationFactory(community=community, title=f"{SENTINEL} allocation")


@register(FundSpending)
def make_fund_spending(community):
    allocation = FundAllocationFactory(community=community, title=f"{SENTINEL} spending allocation")
    return FundSpendingFactory(allocation=allocation, purpose=f"{SENTINEL} spending", payee=f"{SENTINEL} payee")


@register(FundAdjustment)
def make_fund_adjustment(community):
    allocation = FundAllocationFactory(community=community, title=f"{SENTINEL} adjusted allocation")
    return FundAdjustmentFactory(allocation=allocation, reason=f"{SENTINEL} adjustment")
