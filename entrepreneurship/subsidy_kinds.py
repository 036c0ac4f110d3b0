"""The subsidy kinds, each declared once (T5, T6, T9, T16).

A kind is a `SubsidyKind` choice plus one `SubsidyKindSpec` in `SPECS`: who it
is for, how often it is awarded, the policy parameters its amount comes from
and the checks particular to it. Everything else reads the spec: the
once-only constraints and the checks under lock (`PER_PERSON_KINDS`,
`BUSINESS_KINDS`), eligibility (`entrepreneurship.eligibility`), the default
request and the approval limit (`policy_amount`, `policy_ceiling`) and the
decision's text message. To add a kind, follow the rent subsidy
(docs/development.md, "Adding a subsidy kind").

The models import this module for the choices and the constraints, so it
imports no entrepreneurship model module except `models.businesses` (loaded
before `models.subsidies`), and reads applications only through the instance
it is handed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations.models import IN_WORK_STATUSES, TargetGroupCode, UnemploymentRegistration
from stations.policy import policy_value

from . import policy_parameters as params
from .models.businesses import BusinessKind

if TYPE_CHECKING:
    from .models import SubsidyApplication


class SubsidyKind(models.TextChoices):
    STARTUP = "startup", gettext_lazy("One-off startup subsidy")
    HIRING = "hiring", gettext_lazy("One-off hiring subsidy")
    SOCIAL_INSURANCE = "social_insurance", gettext_lazy("Social insurance subsidy")
    RENT = "rent", gettext_lazy("Startup premises rent subsidy")


class OncePer(models.TextChoices):
    PERSON = "person", gettext_lazy("person")
    BUSINESS = "business", gettext_lazy("business")


@dataclass(frozen=True)
class Check:
    """One eligibility rule's outcome: whether it passed, the message a
    reviewer reads in their language, and the evidence it used."""

    rule: str
    passed: bool
    message: str
    evidence: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


KindChecks = Callable[["SubsidyApplication", dt.date], list[Check]]


@dataclass(frozen=True)
class SubsidyKindSpec:
    """Everything particular to one subsidy kind.

    `standard` maps a business kind to the policy parameter holding the fixed
    amount (the default request and the most that may be approved); the key
    None stands for every other business kind, or none. `ceiling` names the
    parameter holding the most per application where the amount is not fixed.
    `checks(application, on)` returns the kind's own eligibility checks; the
    ones every kind shares (not awarded before, founder of the business, the
    ceiling) are `entrepreneurship.eligibility`'s."""

    kind: SubsidyKind
    once_per: frozenset[OncePer]
    # The application names a business and the resident must be its founder.
    for_business: bool
    checks: KindChecks
    # False where someone else applies for the resident (an employer for the
    # person hired): then the resident is not texted the decision.
    resident_applies: bool = True
    standard: Mapping[str | None, str] = field(default_factory=dict)
    ceiling: str | None = None

    @property
    def label(self):
        return self.kind.label

    def standard_amount(self, *, business_kind: str | None, on: dt.date) -> Decimal | None:
        key = self.standard.get(business_kind, self.standard.get(None))
        return Decimal(str(policy_value(key, on=on))) if key else None

    def ceiling_amount(self, *, on: dt.date) -> Decimal | None:
        return Decimal(str(policy_value(self.ceiling, on=on))) if self.ceiling else None


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# --- the checks particular to each kind ---------------------------------------------


def startup_checks(application: SubsidyApplication, on: dt.date) -> list[Check]:
    """The business was registered within the policy's window, and the
    request is within the standard for its kind (micro or individual)."""
    business = application.business
    window = int(policy_value(params.STARTUP_WINDOW.key, on=on))
    months = _months_between(business.registered_on, on)
    standard = spec_for(application.kind).standard_amount(business_kind=business.kind, on=on)
    return [
        Check(
            "newly_registered",
            0 <= months < window,
            _("Registered %(date)s, %(months)d months ago (limit %(window)d months).")
            % {"date": business.registered_on, "months": months, "window": window},
            evidence=f"registered_on={business.registered_on}",
        ),
        Check(
            "amount",
            application.requested_amount is not None and application.requested_amount <= standard,
            _("The standard for a %(kind)s is %(amount)s yuan; %(requested)s yuan requested.")
            % {"kind": business.get_kind_display(), "amount": standard, "requested": application.requested_amount},
        ),
    ]


def hiring_checks(application: SubsidyApplication, on: dt.date) -> list[Check]:
    """A contract of at least a year, for a person in one of the plan's groups
    at the contract start."""
    start, months = application.contract_start, application.contract_months
    return [
        Check(
            "contract_one_year",
            bool(start and months and months >= 12),
            _("Contract of %(months)s months from %(start)s (at least 12 months needed).")
            % {"months": months or 0, "start": start or "-"},
        ),
        _hiring_group_check(application, on=start or on),
    ]


def _hiring_group_check(application: SubsidyApplication, *, on: dt.date) -> Check:
    """The hired person is a graduate in graduation year or within two years of
    leaving school, a registered unemployed youth aged 16-24, or registered
    unemployed for over six months."""
    resident = application.resident
    reasons = []
    if resident.is_graduate and resident.graduation_date:
        years = on.year - resident.graduation_date.year
        if 0 <= years <= 2:
            reasons.append(_("graduated %(date)s") % {"date": resident.graduation_date})
    registration = (
        UnemploymentRegistration.objects.filter(resident=resident, registered_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .order_by("-registered_on")
        .first()
    )
    if registration is not None:
        age = _age_on(resident.birth_date, on)
        if 16 <= age <= 24:
            reasons.append(_("registered unemployed youth aged %(age)d") % {"age": age})
        if _months_between(registration.registered_on, on) >= 6:
            reasons.append(
                _("registered unemployed since %(date)s (over six months)") % {"date": registration.registered_on}
            )
    if reasons:
        return Check("hiring_group", True, _("Eligible: %(reasons)s.") % {"reasons": "; ".join(reasons)})
    return Check(
        "hiring_group",
        False,
        _(
            "The person hired is not a graduate within two years of leaving school, a registered unemployed "
            "youth aged 16-24, or registered unemployed for over six months at the contract start."
        ),
    )


def social_insurance_checks(application: SubsidyApplication, on: dt.date) -> list[Check]:
    """A hard-to-employ person who has taken a job or flexible work."""
    resident = application.resident
    hard = resident.target_groups.filter(code=TargetGroupCode.HARD_TO_EMPLOY).exists()
    working = resident.employment_status in IN_WORK_STATUSES
    return [
        Check(
            "hard_to_employ",
            hard,
            _("Recorded as hard to employ.") if hard else _("Not recorded as hard to employ."),
        ),
        Check(
            "in_work",
            working,
            _("In work (%(status)s).") % {"status": resident.get_employment_status_display()}
            if working
            else _("Not in work: the subsidy is for people who have taken a job or flexible work."),
        ),
    ]


def rent_checks(application: SubsidyApplication, on: dt.date) -> list[Check]:
    """The monthly rent the subsidy is for is recorded."""
    has_rent = bool(application.monthly_rent and application.monthly_rent > 0)
    return [Check("rent", has_rent, _("Monthly rent recorded.") if has_rent else _("Enter the monthly rent."))]


# --- the registry ----------------------------------------------------------------------

SPECS: tuple[SubsidyKindSpec, ...] = (
    SubsidyKindSpec(
        kind=SubsidyKind.STARTUP,
        # One-off: once per founder across all their businesses, and once per business (T5).
        once_per=frozenset({OncePer.PERSON, OncePer.BUSINESS}),
        for_business=True,
        checks=startup_checks,
        standard={BusinessKind.MICRO_ENTERPRISE: params.STARTUP_MICRO.key, None: params.STARTUP_INDIVIDUAL.key},
    ),
    SubsidyKindSpec(
        kind=SubsidyKind.HIRING,
        once_per=frozenset({OncePer.PERSON}),
        for_business=False,
        checks=hiring_checks,
        resident_applies=False,  # the employer applies; the resident is the person hired
        standard={None: params.HIRING_AMOUNT.key},
    ),
    SubsidyKindSpec(
        kind=SubsidyKind.SOCIAL_INSURANCE,
        once_per=frozenset({OncePer.PERSON}),
        for_business=False,
        checks=social_insurance_checks,
        ceiling=params.SOCIAL_INSURANCE_MAX.key,
    ),
    SubsidyKindSpec(
        kind=SubsidyKind.RENT,
        once_per=frozenset({OncePer.BUSINESS}),
        for_business=True,
        checks=rent_checks,
        ceiling=params.RENT_MAX.key,
    ),
)
_BY_KIND = {spec.kind.value: spec for spec in SPECS}


def _check_registry() -> None:
    """Fail at import, not at the first application, when a declaration is incomplete."""
    kinds = [spec.kind.value for spec in SPECS]
    if sorted(kinds) != sorted(SubsidyKind.values) or len(set(kinds)) != len(kinds):
        raise ValueError(f"Each SubsidyKind needs exactly one SubsidyKindSpec in SPECS: {kinds}")
    for spec in SPECS:
        if not spec.once_per:
            raise ValueError(f"{spec.kind}: say how often it is awarded (once_per)")
        if OncePer.BUSINESS in spec.once_per and not spec.for_business:
            raise ValueError(f"{spec.kind}: once per business needs an application naming the business")


_check_registry()


def spec_for(kind: str) -> SubsidyKindSpec:
    return _BY_KIND[str(kind)]


# Plain values (not enum members), so the constraints serialise as data.
PER_PERSON_KINDS = frozenset(spec.kind.value for spec in SPECS if OncePer.PERSON in spec.once_per)
BUSINESS_KINDS = frozenset(spec.kind.value for spec in SPECS if OncePer.BUSINESS in spec.once_per)


def policy_amount(kind: str, *, business_kind: str | None, on: dt.date) -> Decimal | None:
    """The standard amount for a kind on a date, or None where it is a ceiling."""
    return spec_for(kind).standard_amount(business_kind=business_kind, on=on)


def policy_ceiling(kind: str, *, on: dt.date) -> Decimal | None:
    """The most per application on a date, or None where the amount is a standard."""
    return spec_for(kind).ceiling_amount(on=on)
