"""The subsidy kinds registry (entrepreneurship/subsidy_kinds.py): one
declaration per kind, read by eligibility, the amounts and the once-only
rule, whose database guards still refuse a second live application."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from entrepreneurship import subsidy_kinds
from entrepreneurship.eligibility import check_application
from entrepreneurship.models import BusinessKind, SubsidyApplication
from entrepreneurship.subsidy_kinds import (
    BUSINESS_KINDS,
    PER_PERSON_KINDS,
    SPECS,
    OncePer,
    SubsidyKind,
    policy_amount,
    policy_ceiling,
    spec_for,
)
from stations.models import EmploymentStatus, PolicyParameterValue, TargetGroup
from tests.factories import ResidentFactory
from tests.factories.entrepreneurship import BusinessFactory, paid_application

DAY = dt.date(2026, 10, 1)


def test_every_subsidy_kind_has_exactly_one_declaration():
    assert sorted(spec.kind for spec in SPECS) == sorted(SubsidyKind.values)
    assert all(spec_for(kind).kind == kind for kind in SubsidyKind.values)


def test_a_kind_without_a_declaration_is_refused_at_import(monkeypatch):
    monkeypatch.setattr(subsidy_kinds, "SPECS", SPECS[:-1])
    with pytest.raises(ValueError, match="exactly one SubsidyKindSpec"):
        subsidy_kinds._check_registry()


def test_the_once_only_sets_are_read_from_the_declarations():
    assert {s.kind for s in SPECS if OncePer.PERSON in s.once_per} == PER_PERSON_KINDS
    assert {s.kind for s in SPECS if OncePer.BUSINESS in s.once_per} == BUSINESS_KINDS
    assert {SubsidyKind.STARTUP, SubsidyKind.HIRING, SubsidyKind.SOCIAL_INSURANCE} == PER_PERSON_KINDS


def test_the_database_constraints_cover_the_declared_once_only_kinds():
    conditions = {c.name: str(c.condition) for c in SubsidyApplication._meta.constraints}
    assert str(sorted(PER_PERSON_KINDS)) in conditions["one_live_subsidy_per_person_and_kind"]
    assert str(sorted(BUSINESS_KINDS)) in conditions["one_live_subsidy_per_business_and_kind"]


def test_the_startup_standard_depends_on_the_kind_of_business(db):
    micro = policy_amount(SubsidyKind.STARTUP, business_kind=BusinessKind.MICRO_ENTERPRISE, on=DAY)
    individual = policy_amount(SubsidyKind.STARTUP, business_kind=BusinessKind.INDIVIDUAL_BUSINESS, on=DAY)
    assert (micro, individual) == (Decimal("12000"), Decimal("2000"))
    assert policy_ceiling(SubsidyKind.STARTUP, on=DAY) is None


@pytest.mark.parametrize(
    ("kind", "standard", "ceiling"),
    [
        (SubsidyKind.HIRING, Decimal("1000"), None),
        (SubsidyKind.SOCIAL_INSURANCE, None, Decimal("6000")),
        (SubsidyKind.RENT, None, Decimal("6000")),
    ],
)
def test_each_kind_reads_its_amount_or_its_ceiling_from_the_policy_defaults(db, kind, standard, ceiling):
    assert policy_amount(kind, business_kind=None, on=DAY) == standard
    assert policy_ceiling(kind, on=DAY) == ceiling


def test_an_amount_follows_the_policy_value_in_force_on_the_day(city_bureau):
    PolicyParameterValue.objects.create(
        key="entrepreneurship.rent_subsidy_max", value=8000, valid_from=DAY, set_by=city_bureau
    )
    assert policy_ceiling(SubsidyKind.RENT, on=DAY - dt.timedelta(days=1)) == Decimal("6000")
    assert policy_ceiling(SubsidyKind.RENT, on=DAY) == Decimal("8000")


def _rules(application) -> dict[str, bool]:
    return {c.rule: c.passed for c in check_application(application, on=dt.date.today())}


def test_startup_eligibility_checks_the_registration_window_and_the_standard(community, founder):
    business = BusinessFactory(community=community, founders=[founder], registered_on=dt.date.today())
    application = SubsidyApplication(
        kind=SubsidyKind.STARTUP, resident=founder, business=business, community=community, requested_amount=2000
    )
    assert _rules(application) == {
        "not_awarded_before": True,
        "founder": True,
        "newly_registered": True,
        "amount": True,
    }


def test_hiring_eligibility_checks_the_contract_and_the_group_of_the_person_hired(community):
    graduate = ResidentFactory(community=community, is_graduate=True, graduation_date=dt.date.today())
    application = SubsidyApplication(
        kind=SubsidyKind.HIRING,
        resident=graduate,
        community=community,
        requested_amount=1000,
        contract_start=dt.date.today(),
        contract_months=12,
    )
    assert _rules(application) == {"not_awarded_before": True, "contract_one_year": True, "hiring_group": True}


def test_social_insurance_eligibility_checks_hard_to_employ_and_in_work(community):
    person = ResidentFactory(community=community, employment_status=EmploymentStatus.FLEXIBLE)
    person.target_groups.add(TargetGroup.objects.get(code="hard_to_employ"))
    application = SubsidyApplication(
        kind=SubsidyKind.SOCIAL_INSURANCE, resident=person, community=community, requested_amount=7000
    )
    assert _rules(application) == {"not_awarded_before": True, "hard_to_employ": True, "in_work": True, "amount": False}


def test_rent_eligibility_needs_the_business_and_the_rent(community, founder, shop):
    without_business = SubsidyApplication(
        kind=SubsidyKind.RENT, resident=founder, community=community, requested_amount=3000
    )
    assert _rules(without_business) == {"not_awarded_before": True, "business": False}
    application = SubsidyApplication(
        kind=SubsidyKind.RENT, resident=founder, business=shop, community=community, requested_amount=3000
    )
    assert _rules(application) == {"not_awarded_before": True, "founder": True, "rent": False, "amount": True}


@pytest.mark.parametrize("kind", sorted(PER_PERSON_KINDS))
def test_database_refuses_a_second_paid_subsidy_of_a_once_per_person_kind(community, kind):
    person = ResidentFactory(community=community)
    first = BusinessFactory(community=community, founders=[person])
    second = BusinessFactory(community=community, founders=[person])
    paid_application(resident=person, kind=kind, business=first if kind in BUSINESS_KINDS else None)
    with pytest.raises(IntegrityError), transaction.atomic():
        paid_application(resident=person, kind=kind, business=second if kind in BUSINESS_KINDS else None)


@pytest.mark.parametrize("kind", sorted(BUSINESS_KINDS))
def test_database_refuses_a_second_paid_subsidy_of_a_once_per_business_kind(community, shop, kind):
    paid_application(resident=ResidentFactory(community=community), kind=kind, business=shop)
    with pytest.raises(IntegrityError), transaction.atomic():
        paid_application(resident=ResidentFactory(community=community), kind=kind, business=shop)
