from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Progress reports")

    def ready(self):
        from reports import permissions  # noqa: F401  (registers the role rules)
        from reports.figures import SOURCE
        from stations.app_modules import app_modules
        from stations.figures import register_source
        from stations.navigation import NavItem, register_staff

        # The report layer assembles the figures each capability defines in
        # its `report_figures` module (a new app's figures need no edit here).
        for module in app_modules("report_figures"):
            for source in module.SOURCES:
                register_source(source)
        register_source(SOURCE)
        # Closed months stay closed: stations' guard reads closes from here.
        from reports.services_corrections import register_backend

        register_backend()
        register_staff(NavItem(_("Reports"), "reports:report_list", order=90, permission="reports.view", accesskey="p"))
        register_staff(NavItem(_("Progress"), "reports:dashboard", order=85, permission="reports.view_dashboard"))
