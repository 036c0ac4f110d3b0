"""Wiring of the resident registry into the shared registries (menu,
dashboard, demo data, policy parameters). Called once from
StationsConfig.ready()."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def residents_panel_context(request):
    """Four-clears gaps, zero-employment households and transfers to decide."""
    from stations.models import Resident, TransferStatus
    from stations.permissions import user_can
    from stations.selectors import transfer_request_incoming, zero_employment_household_q

    user = request.user
    if not user_can(user, "stations.view_resident"):
        return None
    stats = (
        Resident.objects.visible_to(user)
        .active()
        .aggregate(
            total=Count("pk"),
            incomplete=Count("pk", filter=Q(four_clears_score__lt=4)),
            zero_employment=Count("pk", filter=zero_employment_household_q(timezone.localdate())),
        )
    )
    if not stats["total"]:
        return None
    stats["transfers"] = transfer_request_incoming(user=user).filter(status=TransferStatus.PENDING).count()
    return stats


def ready() -> None:
    from stations import dashboard, demo, navigation
    from stations.demo.residents import seed_residents
    from stations.services import merges, residents  # noqa: F401  (declare their policy parameters)

    navigation.register_staff(
        navigation.NavItem(
            _("Residents"), "stations:resident_list", order=10, permission="stations.view_resident", accesskey="r"
        )
    )
    navigation.register_staff(
        navigation.NavItem(
            _("Possible duplicates"),
            "stations:resident_duplicates",
            order=12,
            permission="stations.merge_resident",
            help=_("Records that may be one person, to merge"),
        )
    )
    dashboard.register_panel(
        dashboard.DashboardPanel(
            key="residents", template="stations/_panel_residents.html", context=residents_panel_context, order=20
        )
    )
    demo.register_seeder(demo.Seeder("residents", seed_residents, order=10))
