from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _schedule_validator(validate):
    def check(value) -> None:
        from django.core.exceptions import ValidationError

        problems = validate(value)
        if problems:
            raise ValidationError(problems)

    return check


def _whole_days(value) -> None:
    """A number of days: a whole number from 1 to 365."""
    from django.core.exceptions import ValidationError

    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 365:
        raise ValidationError(_("Enter a whole number of days from 1 to 365."))


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = _("Employment assistance")

    def ready(self):

        from assistance import permissions  # noqa: F401  (registers the rules)
        from assistance.schedule import (
            DEFAULT_SCHEDULE,
            DISTRICT_ESCALATION_KEY,
            DUE_SOON_KEY,
            ESCALATION_KEY,
            HOUSEHOLD_PLACEMENT_DAYS_DEFAULT,
            HOUSEHOLD_PLACEMENT_KEY,
            SCHEDULE_KEY,
            validate_schedule,
        )
        from stations import dashboard, demo, navigation, policy

        policy.declare(
            SCHEDULE_KEY,
            default=DEFAULT_SCHEDULE,
            label=_("12333 service schedule"),
            help_text=_(
                "Cumulative minimum services by the end of month N of a case's first year: "
                '{"3": {"policy_contact": 1, ...}, "6": {...}, "12": {...}}. Month 12 is the year\'s requirement.'
            ),
            validator=_schedule_validator(validate_schedule),
        )
        policy.declare(
            ESCALATION_KEY,
            default=14,
            label=_("Days overdue before the street officer is told"),
            help_text=_("Each overdue 12333 item is escalated once, however long overdue the run finds it."),
            unit=_("days"),
            validator=_whole_days,
        )
        policy.declare(
            DISTRICT_ESCALATION_KEY,
            default=30,
            label=_("Days overdue before the district bureau is told"),
            help_text=_("Each overdue 12333 item is escalated once, however long overdue the run finds it."),
            unit=_("days"),
            validator=_whole_days,
        )
        policy.declare(
            DUE_SOON_KEY,
            default=7,
            label=_("Days ahead that a 12333 item counts as due soon"),
            unit=_("days"),
            validator=_whole_days,
        )
        policy.declare(
            HOUSEHOLD_PLACEMENT_KEY,
            default=HOUSEHOLD_PLACEMENT_DAYS_DEFAULT,
            label=_("Days from identifying a zero-employment household to a member in work"),
            help_text=_(
                "The city's action plan fixes no number; local rules range from 30 days to a quarter. "
                "The household page counts the days since identification against this deadline."
            ),
            unit=_("days"),
            validator=_whole_days,
        )
        from assistance.services.help import ANSWER_DAYS_DEFAULT, ANSWER_DAYS_KEY

        policy.declare(
            ANSWER_DAYS_KEY,
            default=ANSWER_DAYS_DEFAULT,
            label=_("Days to answer a resident's help request"),
            help_text=_("A request from the public help page is due this many days after it arrives."),
            unit=_("days"),
            validator=_whole_days,
        )
        navigation.register_public(
            navigation.NavItem(
                _("Ask for help"),
                "assistance_public:help_request",
                order=60,
                help=_("Ask your community for help with work, training, starting a business or hardship."),
            )
        )
        navigation.register_resident_action(
            navigation.NavItem(
                _("Open an assistance case"), "assistance:case_open", order=20, permission="assistance.open_case"
            )
        )
        navigation.register_staff(
            navigation.NavItem(
                _("Assistance"),
                "assistance:case_list",
                order=50,
                permission="assistance.view_case",
                accesskey="a",
                help=_("Hardship ledger and the 12333 rule"),
            )
        )
        from assistance.dashboard import todo_panel_context

        dashboard.register_panel(
            dashboard.DashboardPanel(
                key="assistance.todo",
                template="assistance/_todo_panel.html",
                context=todo_panel_context,
                order=10,
            )
        )
        from assistance.dashboard import help_panel_context

        dashboard.register_panel(
            dashboard.DashboardPanel(
                key="assistance.help_requests",
                template="assistance/_help_panel.html",
                context=help_panel_context,
                order=5,
            )
        )
        from assistance.services import household_case_close_on_registry_event, household_cases_close_ended
        from stations import households

        households.register_ended_listener(household_case_close_on_registry_event)
        households.register_nightly(household_cases_close_ended)
        from assistance.demo import seed_assistance

        # After the seeders that move people into and out of work (training, startups, labour
        # projects): the cases follow the registry as those leave it.
        demo.register_seeder(demo.Seeder("assistance", seed_assistance, order=90))
        from assistance.demo import seed_help_requests

        demo.register_seeder(demo.Seeder("help_requests", seed_help_requests, order=91))
