import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.models import AdjustmentStatus
from partnerships.report_figures.funds import SOURCE, compute
from stations.figures import Period
from tests.factories.partnerships_funds import FundAdjustmentFactory, FundAllocationFactory, FundSpendingFactory

pytestmark = pytest.mark.django_db

PERIOD = Period(dt.date(2026, 6, 1), dt.date(2026, 6, 30), "2026-06")


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


@pytest.fixture
def world(community, sibling_community):
    """Money before, in and after June 2026 in two communities."""
    before = FundAllocationFactory(community=community, amount=Decimal("10000"), allocated_on=dt.date(2026, 3, 1))
    during = FundAllocationFactory(community=community, amount=Decimal("5000"), allocated_on=dt.date(2026, 6, 10))
    FundAllocationFactory(community=community, amount=Decimal("7000"), allocated_on=dt.date(2026, 7, 1))
    sibling = FundAllocationFactory(
        community=sibling_community, amount=Decimal("20000"), allocated_on=dt.date(2026, 6, 30)
    )
    FundSpendingFactory(allocation=before, amount=Decimal("1000"), spent_on=dt.date(2026, 5, 31))
    FundSpendingFactory(allocation=before, amount=Decimal("2000"), spent_on=dt.date(2026, 6, 1))
    FundSpendingFactory(allocation=during, amount=Decimal("300"), spent_on=dt.date(2026, 6, 30))
    FundSpendingFactory(allocation=during, amount=Decimal("400"), spent_on=dt.date(2026, 7, 1))
    FundSpendingFactory(allocation=sibling, amount=Decimal("50"), spent_on=dt.date(2026, 6, 30))
    FundAdjustmentFactory(
        allocation=before, amount=Decimal("1500"), status=AdjustmentStatus.APPROVED, decided_at=at(dt.date(2026, 5, 20))
    )
    FundAdjustmentFactory(
        allocation=before, amount=Decimal("-500"), status=AdjustmentStatus.APPROVED, decided_at=at(dt.date(2026, 6, 15))
    )
    FundAdjustmentFactory(
        allocation=during, amount=Decimal("900"), status=AdjustmentStatus.APPROVED, decided_at=at(dt.date(2026, 7, 2))
    )
    FundAdjustmentFactory(allocation=during, amount=Decimal("800"), status=AdjustmentStatus.REQUESTED)
    FundAdjustmentFactory(
        allocation=during, amount=Decimal("600"), status=AdjustmentStatus.REJECTED, decided_at=at(dt.date(2026, 6, 5))
    )
    return community, sibling_community


def test_allocations_counted_and_summed_by_allocation_date(world):
    community, sibling = world
    figures = compute(period=PERIOD, community_ids=None)
    assert figures[community.pk]["funds_allocations"] == 1
    assert figures[community.pk]["funds_allocated_yuan"] == Decimal("5000")
    assert figures[sibling.pk]["funds_allocations"] == 1
    assert figures[sibling.pk]["funds_allocated_yuan"] == Decimal("20000")


def test_only_adjustments_approved_within_the_period_count(world):
    community, _sibling = world
    assert compute(period=PERIOD, community_ids=None)[community.pk]["funds_adjusted_yuan"] == Decimal("-500")


def test_spending_counted_by_its_date(world):
    community, sibling = world
    figures = compute(period=PERIOD, community_ids=None)
    assert figures[community.pk]["funds_spent_yuan"] == Decimal("2300")
    assert figures[sibling.pk]["funds_spent_yuan"] == Decimal("50")


def test_balance_at_period_end_is_cumulative(world):
    community, sibling = world
    figures = compute(period=PERIOD, community_ids=None)
    # allocated by 30 June 15,000 + approved by then 1,000 - spent by then 3,300
    assert figures[community.pk]["funds_balance_yuan"] == Decimal("12700")
    assert figures[sibling.pk]["funds_balance_yuan"] == Decimal("19950")


def test_limited_to_the_given_communities(world):
    community, sibling = world
    figures = compute(period=PERIOD, community_ids=[sibling.pk])
    assert set(figures) == {sibling.pk}


def test_a_constant_number_of_queries_whatever_the_number_of_communities(world, other_community):
    with CaptureQueriesContext(connection) as few:
        compute(period=PERIOD, community_ids=None)
    for _ in range(5):
        FundSpendingFactory(
            allocation=FundAllocationFactory(allocated_on=dt.date(2026, 6, 2)), spent_on=dt.date(2026, 6, 3)
        )
    with CaptureQueriesContext(connection) as many:
        compute(period=PERIOD, community_ids=None)
    assert len(many.captured_queries) == len(few.captured_queries) <= 6


def test_every_figure_is_defined_and_one_is_headline():
    keys = [f.key for f in SOURCE.figures]
    assert keys == [
        "funds_allocations",
        "funds_allocated_yuan",
        "funds_adjusted_yuan",
        "funds_spent_yuan",
        "funds_balance_yuan",
    ]
    assert all(f.definition for f in SOURCE.figures)
    assert [f.key for f in SOURCE.figures if f.headline] == ["funds_spent_yuan"]
