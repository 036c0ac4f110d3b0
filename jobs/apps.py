from django.apps import AppConfig
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def minimum_wage_positive(value) -> None:
    if value <= 0:
        raise ValidationError(gettext("Enter a number above zero."))


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Doorstep job market")

    def ready(self):

        from jobs import permissions, signals  # noqa: F401  registers the role rules and receivers
        from jobs.demo import seed_jobs, seed_review_notifications
        from jobs.demo_gigs import seed_gigs
        from jobs.views.staff.postings import review_panel_context
        from stations import navigation
        from stations.dashboard import DashboardPanel, register_panel
        from stations.demo import Seeder, register_seeder
        from stations.navigation import NavItem
        from stations.policy import declare

        declare(
            "jobs.minimum_wage_monthly",
            default=2100,
            label=_("Local monthly minimum wage"),
            help_text=_(
                "For full-time work. A posting paying less cannot be published. 2,100 yuan/month is a default: "
                "the city bureau sets Zaozhuang's current figure."
            ),
            unit=_("yuan/month"),
            validator=minimum_wage_positive,
        )
        # Shandong sets the hourly minimum at a hundredth of the monthly one
        # (2,200 and 22 yuan in its first class), hence 21 beside 2,100.
        declare(
            "jobs.minimum_wage_hourly",
            default=21,
            label=_("Local hourly minimum wage"),
            help_text=_(
                "For part-time and hourly work, and day labour (8 hours a day). A posting paying less cannot be "
                "published. 21 yuan/hour is a default: the city bureau sets Zaozhuang's current figure."
            ),
            unit=_("yuan/hour"),
            validator=minimum_wage_positive,
        )
        declare(
            "jobs.recommendation_answer_days",
            default=14,
            label=_("Days before a recommendation without an answer is flagged"),
            unit=_("days"),
        )
        declare(
            "jobs.expiry_reminder_days",
            default=3,
            label=_("Days before closing that employers are reminded"),
            unit=_("days"),
        )
        navigation.register_public(
            NavItem(_("Jobs"), "jobs_public:posting_list", order=10, help=_("Vacancies near your home, updated daily"))
        )
        navigation.register_public(
            NavItem(_("Job fairs"), "jobs_public:fair_list", order=11, help=_("Meet employers, in person or online"))
        )
        navigation.register_public(
            NavItem(
                _("Odd jobs"),
                "gigs_public:board",
                order=12,
                help=_("Hourly and day work near home, today and tomorrow"),
            )
        )
        navigation.register_staff(
            NavItem(_("Jobs"), "jobs:posting_list", order=20, permission="jobs.view", accesskey="j")
        )
        # The station's day view of the day-labour corner, one key away: odd
        # jobs are filled within hours, often by phone.
        navigation.register_staff(NavItem(_("Odd jobs"), "jobs:gig_day", order=21, permission="jobs.view"))
        navigation.register_resident_action(
            NavItem(_("Matching jobs"), "jobs:resident_matches", order=10, permission="jobs.view")
        )
        register_panel(
            DashboardPanel(
                key="jobs.review", template="jobs/_dashboard_panel.html", context=review_panel_context, order=20
            )
        )
        register_seeder(Seeder("jobs", seed_jobs, order=30))
        register_seeder(Seeder("jobs_gigs", seed_gigs, order=35))
        # The audit log stores screening flags and reasons as codes; they read as labels.
        from jobs.models import RejectionReason
        from jobs.screening import flag_label
        from stations.audit import register_change_key

        register_change_key("flags", label=_("screening flags"), values=flag_label, model="jobs.Posting")
        register_change_key("reason", label=_("reason"), values=RejectionReason, model="jobs.Recommendation")
        register_change_key("expired", label=_("postings expired"))
        register_change_key("before", label=_("before"))
        register_change_key("created", label=_("created"))
        register_change_key("updated", label=_("updated"))
        register_change_key("surveys", label=_("surveys"))
        register_seeder(Seeder("jobs_review_notifications", seed_review_notifications, order=940))
        # Shortly after midnight (Asia/Shanghai): windows end at the close of their last day.
