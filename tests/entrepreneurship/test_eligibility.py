import datetime as dt
from decimal import Decimal

from entrepreneurship.eligibility import check_application
from entrepreneurship.models import SubsidyApplication, SubsidyKind
from tests.factories.entrepreneurship import BusinessFactory

DAY = dt.date(2026, 10, 1)


def test_a_founders_startup_subsidy_above_the_standard_fails_the_amount_check(community, founder):
    business = BusinessFactory(community=community, founders=[founder], registered_on=dt.date.today())
    application = SubsidyApplication(
        kind=SubsidyKind.STARTUP,
        resident=founder,
        business=business,
        community=community,
        requested_amount=Decimal("999999"),
    )
    checks = {c.rule: c.passed for c in check_application(application, on=dt.date.today())}
    assert (checks["not_awarded_before"], checks["founder"], checks["newly_registered"]) == (True, True, True)
    assert checks["amount"] is False
