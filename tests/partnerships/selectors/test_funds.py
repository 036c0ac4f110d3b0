"""Community funds through their selectors: an allocation comes with its
figures; out of scope and missing answer 404 alike."""

from decimal import Decimal

import pytest
from django.http import Http404

from partnerships.selectors import funds as selectors
from tests.factories.partnerships_funds import FundAdjustmentFactory, FundAllocationFactory, FundSpendingFactory

pytestmark = pytest.mark.django_db


def test_an_allocation_comes_with_what_was_spent_and_the_share_used(district_bureau, community):
    allocation = FundAllocationFactory(community=community, amount=Decimal("1000.00"))
    FundSpendingFactory(allocation=allocation, amount=Decimal("250.00"))

    found = selectors.allocation_get(user=district_bureau, pk=allocation.pk)

    assert (found.spent, found.used_percent) == (Decimal("250.00"), Decimal("25.0"))


@pytest.mark.parametrize(
    ("get", "make"),
    [
        (selectors.allocation_get, lambda c: FundAllocationFactory(community=c)),
        (selectors.adjustment_get, lambda c: FundAdjustmentFactory(allocation__community=c)),
    ],
    ids=["allocation_get", "adjustment_get"],
)
def test_a_record_of_another_district_answers_404_like_a_missing_one(district_bureau, far_community, get, make):
    record = make(far_community)

    with pytest.raises(Http404):
        get(user=district_bureau, pk=record.pk)
    with pytest.raises(Http404):
        get(user=district_bureau, pk=record.pk + 1000)
