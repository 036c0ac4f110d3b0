from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntrepreneurshipConfig(AppConfig):
    name = "entrepreneurship"
    verbose_name = _("Entrepreneurship")

    def ready(self):

        from entrepreneurship import permissions, policy_parameters  # noqa: F401  (registers rules and figures)
        from entrepreneurship.demo import seed_entrepreneurship
        from stations.demo import Seeder, register_seeder
        from stations.navigation import NavItem, register_public, register_staff

        register_seeder(Seeder("entrepreneurship", seed_entrepreneurship, order=70))
        # Workflow steps are stored as codes in the audit log; they read as labels.
        from entrepreneurship.models import Transition
        from stations.audit import register_change_key

        register_change_key("step", label=_("step"), values=Transition, model="entrepreneurship.SubsidyApplication")

        register_staff(
            NavItem(_("Startups"), "entrepreneurship:overview", order=50, permission="entrepreneurship.view")
        )
        register_staff(
            NavItem(
                _("Startup catalogue"),
                "entrepreneurship:catalogue",
                order=51,
                permission="entrepreneurship.manage_catalogue",
                help=_("Projects, startup stars and events on the public page"),
            )
        )
        register_public(
            NavItem(
                _("Start a business"),
                "entrepreneurship_public:home",
                order=40,
                help=_("Project ideas, subsidies, loans and events"),
            )
        )
