"""Eligibility of a subsidy application, checked from the records.

Each rule returns a Check: whether it passed, the message a reviewer reads in
their language, and the evidence it used. Submission is refused while any
check fails; reviewers see every check with its evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from stations.models import IN_WORK_STATUSES, TargetGroupCode, UnemploymentRegistration
from stations.policy import policy_value

from .models import BUSINESS_KINDS, BusinessKind, SubsidyApplication, SubsidyKind
from .once import slot_holders, slot_taken_message


@dataclass(frozen=True)
class Check:
    rule: str
    passed: bool
    message: str
    evidence: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def policy_amount(kind: str, *, business_kind: str | None, on: dt.date) -> Decimal | None:
    """The standard amount for a kind on a date, or None where it is a ceiling."""
    if kind == SubsidyKind.STARTUP:
        key = (
            "entrepreneurship.startup_subsidy_micro_enterprise"
            if business_kind == BusinessKind.MICRO_ENTERPRISE
            else "entrepreneurship.startup_subsidy_individual_business"
        )
        return Decimal(str(policy_value(key, on=on)))
    if kind == SubsidyKind.HIRING:
        return Decimal(str(policy_value("entrepreneurship.hiring_subsidy_per_person", on=on)))
    return None


def policy_ceiling(kind: str, *, on: dt.date) -> Decimal | None:
    key = {
        SubsidyKind.SOCIAL_INSURANCE: "entrepreneurship.social_insurance_subsidy_max",
        SubsidyKind.RENT: "entrepreneurship.rent_subsidy_max",
    }.get(kind)
    return Decimal(str(policy_value(key, on=on))) if key else None


def check_application(application: SubsidyApplication, *, on: dt.date) -> list[Check]:
    checks: list[Check] = []
    resident = application.resident
    business = application.business

    earlier = slot_holders(application).first()
    if earlier is not None:
        checks.append(
            Check(
                "not_awarded_before",
                False,
                slot_taken_message(application, earlier),
                evidence=f"application={earlier.pk}",
            )
        )
    else:
        checks.append(Check("not_awarded_before", True, _("No earlier application of this kind.")))

    if application.kind in BUSINESS_KINDS:
        if business is None:
            checks.append(Check("business", False, _("Choose the business the subsidy is for.")))
            return checks
        is_founder = business.founders.filter(pk=resident.pk).exists()
        checks.append(
            Check(
                "founder",
                is_founder,
                _("%(name)s is a founder of %(business)s.") % {"name": resident.name, "business": business.name}
                if is_founder
                else _("%(name)s is not recorded as a founder of %(business)s.")
                % {"name": resident.name, "business": business.name},
            )
        )

    if application.kind == SubsidyKind.STARTUP:
        window = int(policy_value("entrepreneurship.startup_subsidy_window_months", on=on))
        months = _months_between(business.registered_on, on)
        checks.append(
            Check(
                "newly_registered",
                0 <= months < window,
                _("Registered %(date)s, %(months)d months ago (limit %(window)d months).")
                % {"date": business.registered_on, "months": months, "window": window},
                evidence=f"registered_on={business.registered_on}",
            )
        )
        standard = policy_amount(application.kind, business_kind=business.kind, on=on)
        checks.append(
            Check(
                "amount",
                application.requested_amount is not None and application.requested_amount <= standard,
                _("The standard for a %(kind)s is %(amount)s yuan; %(requested)s yuan requested.")
                % {"kind": business.get_kind_display(), "amount": standard, "requested": application.requested_amount},
            )
        )

    elif application.kind == SubsidyKind.HIRING:
        start, months = application.contract_start, application.contract_months
        checks.append(
            Check(
                "contract_one_year",
                bool(start and months and months >= 12),
                _("Contract of %(months)s months from %(start)s (at least 12 months needed).")
                % {"months": months or 0, "start": start or "-"},
            )
        )
        checks.append(_hiring_group_check(application, on=start or on))

    elif application.kind == SubsidyKind.SOCIAL_INSURANCE:
        hard = resident.target_groups.filter(code=TargetGroupCode.HARD_TO_EMPLOY).exists()
        checks.append(
            Check(
                "hard_to_employ",
                hard,
                _("Recorded as hard to employ.") if hard else _("Not recorded as hard to employ."),
            )
        )
        working = resident.employment_status in IN_WORK_STATUSES
        checks.append(
            Check(
                "in_work",
                working,
                _("In work (%(status)s).") % {"status": resident.get_employment_status_display()}
                if working
                else _("Not in work: the subsidy is for people who have taken a job or flexible work."),
            )
        )

    elif application.kind == SubsidyKind.RENT:
        has_rent = bool(application.monthly_rent and application.monthly_rent > 0)
        checks.append(
            Check("rent", has_rent, _("Monthly rent recorded.") if has_rent else _("Enter the monthly rent."))
        )

    ceiling = policy_ceiling(application.kind, on=on)
    if ceiling is not None:
        checks.append(
            Check(
                "amount",
                application.requested_amount is not None and application.requested_amount <= ceiling,
                _("At most %(amount)s yuan; %(requested)s yuan requested.")
                % {"amount": ceiling, "requested": application.requested_amount},
            )
        )
    return checks


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
    registration = _registration_on(resident, on)
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


def _registration_on(resident, day: dt.date):
    from django.db.models import Q

    return (
        UnemploymentRegistration.objects.filter(resident=resident, registered_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .order_by("-registered_on")
        .first()
    )
