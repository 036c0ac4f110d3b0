from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfServiceConfig(AppConfig):
    name = "self_service"
    verbose_name = _("Residents' own page")

    def ready(self):
        from self_service import permissions  # noqa: F401  (registers the rules)
        from self_service.dashboard import requests_panel_context
        from self_service.policy import declare_parameters
        from stations import dashboard, navigation

        declare_parameters()
        dashboard.register_panel(
            dashboard.DashboardPanel(
                key="self_service.requests",
                template="self_service/_dashboard_panel.html",
                context=requests_panel_context,
                order=15,
            )
        )
        navigation.register_public(
            navigation.NavItem(
                _("My page"),
                "me:home",
                order=90,
                help=_("Your record, services and requests: sign in with a code sent to your mobile."),
            )
        )
        navigation.register_staff(
            navigation.NavItem(
                _("Residents' requests"),
                "self_service:request_list",
                order=85,
                permission="self_service.view_requests",
                help=_("Changes and personal-data requests residents sent from their own page"),
            )
        )
