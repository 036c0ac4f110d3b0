import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from entrepreneurship.models import (
    Business,
    BusinessKind,
)
from entrepreneurship.services import (
    business_register,
)
from stations.closed_months import ClosedMonthError
from tests.factories.entrepreneurship import BusinessFactory, valid_credit_code
from tests.factories.reports import close_month, day_in

pytestmark = pytest.mark.django_db


def test_business_register_refuses_an_invalid_credit_code(community_staff, community, founder):
    from entrepreneurship.models import Business

    business = Business(
        kind="individual_business",
        name="小店",
        credit_code="91350100M000100Y44",
        registered_on=dt.date.today(),
        community=community,
    )
    with pytest.raises(ValidationError) as excinfo:
        business_register(actor=community_staff, business=business, founders=[founder])
    assert "credit_code" in excinfo.value.message_dict


def test_business_register_records_founders(community_staff, community, founder):
    from entrepreneurship.models import Business

    business = Business(
        kind="individual_business",
        name="小店",
        credit_code=valid_credit_code(99),
        registered_on=dt.date.today(),
        community=community,
    )
    business_register(actor=community_staff, business=business, founders=[founder])
    assert list(business.founders.all()) == [founder]


def test_a_startup_registered_in_a_closed_month_cannot_be_recorded(community_staff, community, founder, month):
    close_month(community=community, by=community_staff)
    business = Business(
        kind=BusinessKind.INDIVIDUAL_BUSINESS,
        name="新开小店",
        credit_code=valid_credit_code(9001),
        registered_on=day_in(month),
        community=community,
        jobs_created=2,
    )
    with pytest.raises(ClosedMonthError):
        business_register(actor=community_staff, business=business, founders=[founder])
    assert not Business.objects.exists()


def test_the_jobs_of_a_startup_of_a_closed_month_cannot_change(community_staff, community, founder, month):
    business = BusinessFactory(community=community, registered_on=day_in(month), founders=[founder])
    close_month(community=community, by=community_staff)
    business.jobs_created = 5
    with pytest.raises(ClosedMonthError):
        business_register(actor=community_staff, business=business, founders=[founder])
