"""Eligibility of a subsidy application, checked from the records.

Each rule returns a Check: whether it passed, the message a reviewer reads in
their language, and the evidence it used. Submission is refused while any
check fails; reviewers see every check with its evidence. The checks every
kind shares are here; each kind's own come from its declaration
(`entrepreneurship.subsidy_kinds`).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from .models import SubsidyApplication
from .once import slot_holders, slot_taken_message
from .subsidy_kinds import Check, spec_for


def check_application(application: SubsidyApplication, *, on: dt.date) -> list[Check]:
    spec = spec_for(application.kind)
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

    if spec.for_business:
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

    checks += spec.checks(application, on)

    ceiling = spec.ceiling_amount(on=on)
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
