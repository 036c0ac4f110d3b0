"""Wiring of the platform pages (audit log, policy parameters, notification
centre, staff accounts), called from StationsConfig.ready()."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from stations import dashboard, demo, navigation
    from stations.demo.platform import seed_platform
    from stations.navigation import NavItem
    from stations.permissions import BUREAUS, register
    from stations.policy_defaults import declare_defaults

    register({"stations.manage_accounts": BUREAUS})
    declare_defaults()
    navigation.register_staff(
        NavItem(_("Policy"), "stations:policy", order=900, permission="stations.view_policy", accesskey="y")
    )
    navigation.register_staff(NavItem(_("Region"), "stations:region", order=890, permission="stations.view_region"))
    navigation.register_staff(
        NavItem(_("Audit log"), "stations:audit_log", order=910, permission="stations.view_audit_log", accesskey="l")
    )
    navigation.register_staff(
        NavItem(_("Accounts"), "stations:account_list", order=920, permission="stations.manage_accounts")
    )
    demo.register_seeder(demo.Seeder("platform", seed_platform, order=950))
    dashboard.register_panel(
        dashboard.DashboardPanel(
            key="notifications", template="stations/_panel_notifications.html", context=notifications_panel, order=5
        )
    )


PANEL_ITEMS = 5


def notifications_panel(request):
    """The newest unread notifications on the dashboard; hidden when none."""
    from stations.selectors import notification_list

    latest = list(notification_list(user=request.user, unread_only=True)[:PANEL_ITEMS])
    if not latest:
        return None
    count = len(latest)
    if count == PANEL_ITEMS:
        from stations.selectors import unread_notification_count

        count = unread_notification_count(user=request.user)
    return {"latest": latest, "count": count}
