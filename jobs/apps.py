from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Doorstep job market")

    def ready(self):

        from jobs import permissions, signals  # noqa: F401  registers the role rules and receivers
        from jobs.demo import seed_jobs, seed_review_notifications
        from jobs.views.staff import review_panel_context
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
                "Postings paying less are flagged by the screening. 2,100 yuan/month is a default: "
                "the city bureau sets Zaozhuang's current figure."
            ),
            unit=_("yuan/month"),
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
        navigation.register_staff(
            NavItem(_("Jobs"), "jobs:posting_list", order=20, permission="jobs.view", accesskey="j")
        )
        navigation.register_resident_action(
            NavItem(_("Matching jobs"), "jobs:resident_matches", order=10, permission="jobs.view")
        )
        register_panel(
            DashboardPanel(
                key="jobs.review", template="jobs/_dashboard_panel.html", context=review_panel_context, order=20
            )
        )
        register_seeder(Seeder("jobs", seed_jobs, order=30))
        register_seeder(Seeder("jobs_review_notifications", seed_review_notifications, order=940))
        # Shortly after midnight (Asia/Shanghai): windows end at the close of their last day.
