"""Policy parameters the base app itself knows (more are declared by the
feature apps: wages, subsidy amounts, the 12333 schedule, retirement ages)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stations.policy import declare

COMMUNITY_WORKERS_TARGET = "stations.community_workers_per_10k_target"


def _positive(value) -> None:
    if value <= 0:
        raise ValidationError(_("Enter a number above zero."))


def declare_defaults() -> None:
    from stations.messaging import rules as text_message_rules

    text_message_rules.declare_parameters()
    declare(
        COMMUNITY_WORKERS_TARGET,
        default=18,
        label=_("Community workers per 10,000 urban residents: target"),
        help_text=_(
            "The plan's target for the end of 2025 (T4) is 18; reports compare each community's ratio with it."
        ),
        unit=_("per 10,000"),
        validator=_positive,
    )
