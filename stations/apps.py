from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    name = "stations"
    verbose_name = _("Region, stations and residents")

    def ready(self):
        from django.contrib.auth import signals as auth_signals

        from stations import checks, signals  # noqa: F401  (checks registers the system checks)
        from stations.apis import fields as api_fields
        from stations.navigation import NavItem

        api_fields.install()

        auth_signals.user_logged_in.connect(signals.log_login, dispatch_uid="stations.log_login")
        auth_signals.user_logged_out.connect(signals.log_logout, dispatch_uid="stations.log_logout")
        auth_signals.user_login_failed.connect(signals.log_login_failed, dispatch_uid="stations.log_login_failed")
        from stations import navigation

        navigation.register_staff(NavItem(_("Dashboard"), "stations:dashboard", order=0, accesskey="d"))
        navigation.register_staff(
            NavItem(_("Stations"), "stations:station_list", order=80, permission="stations.view_station", accesskey="o")
        )
        navigation.register_staff(
            NavItem(
                _("Import ledger"),
                "stations:resident_import",
                order=11,
                permission="stations.import_residents",
                help=_("Import residents from an Excel ledger"),
            )
        )
        navigation.register_public(
            NavItem(
                _("Employment stations"),
                "public:station_finder",
                order=50,
                help=_("Find the station nearest your home, its opening hours and phone."),
            )
        )
        from stations import residents_setup

        residents_setup.ready()
        from stations import platform_setup

        platform_setup.ready()
        post_migrate.connect(signals.sync_reference_rows, sender=self, dispatch_uid="stations.sync_reference")
