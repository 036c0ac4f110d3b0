import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from entrepreneurship.models import Business, BusinessKind, SpaceOccupancy


def test_a_business_registered_tomorrow_with_a_bad_credit_code_is_refused_on_both_fields():
    business = Business(
        kind=BusinessKind.INDIVIDUAL_BUSINESS,
        name="明天的店",
        credit_code="123",
        registered_on=timezone.localdate() + dt.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as refused:
        business.clean()
    assert set(refused.value.message_dict) == {"credit_code", "registered_on"}


def test_the_priority_share_is_of_the_occupied_units_and_none_when_empty():
    assert SpaceOccupancy(occupied_units=8, priority_group_units=3).priority_share_percent == 37.5
    assert SpaceOccupancy(occupied_units=0, priority_group_units=0).priority_share_percent is None
