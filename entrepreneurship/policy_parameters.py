"""Subsidy figures. The plan fixes the startup subsidy floors (12,000 yuan for a
micro enterprise, 2,000 yuan for an individual business, T5); the rest are
defaults the city bureau edits, with history, on /staff/policy/."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stations.policy import declare


def at_least(floor: int):
    """The plan sets these subsidies at *at least* `floor` yuan."""

    def check(value) -> None:
        if value < floor:
            raise ValidationError(
                gettext("The plan sets this subsidy at no less than %(floor)s yuan.") % {"floor": f"{floor:,}"}
            )

    return check


def positive(value) -> None:
    if value <= 0:
        raise ValidationError(gettext("Enter a number above zero."))


STARTUP_MICRO = declare(
    "entrepreneurship.startup_subsidy_micro_enterprise",
    default=12000,
    label=_("One-off startup subsidy, micro enterprise"),
    help_text=_("Yuan per enterprise; the plan sets at least 12,000."),
    unit=_("yuan"),
    validator=at_least(12000),
)
STARTUP_INDIVIDUAL = declare(
    "entrepreneurship.startup_subsidy_individual_business",
    default=2000,
    label=_("One-off startup subsidy, individual business"),
    help_text=_("Yuan per newly registered individual business; the plan sets at least 2,000."),
    unit=_("yuan"),
    validator=at_least(2000),
)
STARTUP_WINDOW = declare(
    "entrepreneurship.startup_subsidy_window_months",
    default=12,
    label=_("Startup subsidy: months after registration to apply"),
    unit=_("months"),
    validator=positive,
)
HIRING_AMOUNT = declare(
    "entrepreneurship.hiring_subsidy_per_person",
    default=1000,
    label=_("One-off hiring subsidy per person hired"),
    unit=_("yuan"),
)
SOCIAL_INSURANCE_MAX = declare(
    "entrepreneurship.social_insurance_subsidy_max",
    default=6000,
    label=_("Social insurance subsidy, most per application"),
    unit=_("yuan"),
)
RENT_MAX = declare(
    "entrepreneurship.rent_subsidy_max",
    default=6000,
    label=_("Startup premises rent subsidy, most per application"),
    unit=_("yuan"),
)
REVIEW_REMINDER_DAYS = declare(
    "entrepreneurship.review_reminder_days",
    default=7,
    label=_("Remind reviewers when an application waits longer than"),
    unit=_("days"),
)
