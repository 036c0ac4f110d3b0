import datetime as dt
from decimal import Decimal

from entrepreneurship.eligibility import check_application, policy_amount, policy_ceiling
from entrepreneurship.models import BusinessKind, SubsidyApplication, SubsidyKind
from tests.factories.entrepreneurship import BusinessFactory

DAY = dt.date(2026, 10, 1)


def test_the_startup_standard_depends_on_the_kind_of_business(db):
    micro = policy_amount(SubsidyKind.STARTUP, business_kind=BusinessKind.MICRO_ENTERPRISE, on=DAY)
    individual = policy_amount(SubsidyKind.STARTUP, business_kind=BusinessKind.INDIVIDUAL_BUSINESS, on=DAY)
    assert (micro, individual) == (Decimal("12000"), Decimal("2000"))
    assert policy_ceiling(SubsidyKind.STARTUP, on=DAY) is None
    assert policy_ceiling(SubsidyKind.RENT, on=DAY) == Decimal("6000")


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
