"""Community funds records keep their amounts positive in the database itself."""

from decimal import Decimal

import pytest
from django.db import IntegrityError

from tests.factories.partnerships_funds import FundAllocationFactory

pytestmark = pytest.mark.django_db


def test_an_allocation_of_nothing_is_refused_by_the_database(community):
    with pytest.raises(IntegrityError):
        FundAllocationFactory(community=community, amount=Decimal("0"))


def test_an_allocation_is_named_by_its_title(community):
    assert str(FundAllocationFactory(community=community, title="2026年就业补助资金")) == "2026年就业补助资金"
