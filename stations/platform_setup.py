"""Wiring of the platform pages (audit log, policy parameters, notification
centre, staff accounts), called from StationsConfig.ready()."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from stations import demo, navigation
    from stations.demo_platform import seed_platform
    from stations.navigation import NavItem
    from stations.permissions import BUREAUS, register
    from stations.policy_defaults import declare_defaults

    register({"stations.manage_accounts": BUREAUS})
    declare_defaults()
    navigation.register_staff(
        NavItem(_("Policy"), "stations:policy", order=900, permission="stations.view_policy", accesskey="y")
    )
    navigation.register_staff(
        NavItem(_("Audit log"), "stations:audit_log", order=910, permission="stations.view_audit_log", accesskey="l")
    )
    navigation.register_staff(
        NavItem(_("Accounts"), "stations:account_list", order=920, permission="stations.manage_accounts")
    )
    demo.register_seeder(demo.Seeder("platform", seed_platform, order=950))
