"""Reads shared by pages, API, exports and reports. Each takes the user and
applies scope (stations.scoping) before anything else."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from stations.models import (
    AuditEntry,
    Community,
    Resident,
    Station,
    StationStatus,
)


def public_station_list(*, district=None, street=None, community=None, text: str = "") -> QuerySet[Station]:
    """Stations residents may see: open or temporarily closed, never closed ones."""
    qs = Station.objects.exclude(status=StationStatus.CLOSED)
    place = Q()
    if community:
        place &= Q(community=community) | Q(served_communities=community)
    elif street:
        place &= Q(community__street=street) | Q(served_communities__street=street)
    elif district:
        place &= Q(community__street__district=district) | Q(served_communities__street__district=district)
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(address__icontains=text) | Q(community__name__icontains=text))
    if place:
        qs = qs.filter(pk__in=Station.objects.filter(place).values("pk"))
    return qs.select_related("community__street__district").prefetch_related("services")


def station_list(*, user, filters: dict | None = None) -> QuerySet[Station]:
    filters = filters or {}
    qs = Station.objects.visible_to(user).select_related("community__street__district")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("q"):
        qs = qs.filter(Q(name__icontains=filters["q"]) | Q(address__icontains=filters["q"]))
    return qs.prefetch_related("services")


def dashboard_counts(*, user) -> dict[str, int]:
    """The headline counts on the staff dashboard, for the user's node."""
    communities = Community.objects.visible_to(user)
    residents = Resident.objects.visible_to(user).active()
    resident_stats = residents.aggregate(
        total=Count("pk"),
        unemployed=Count("pk", filter=Q(employment_status="unemployed")),
        four_clears_complete=Count("pk", filter=Q(four_clears_score=4)),
    )
    return {
        "communities": communities.count(),
        "stations": Station.objects.visible_to(user).exclude(status=StationStatus.CLOSED).count(),
        "residents": resident_stats["total"],
        "unemployed": resident_stats["unemployed"],
        "four_clears_complete": resident_stats["four_clears_complete"],
    }


def audit_entry_list(*, user, filters: dict | None = None) -> QuerySet[AuditEntry]:
    filters = filters or {}
    qs = AuditEntry.objects.visible_to(user).select_related("actor", "content_type")
    if filters.get("action"):
        qs = qs.filter(action=filters["action"])
    if filters.get("actor"):
        qs = qs.filter(actor_name__icontains=filters["actor"])
    if filters.get("object"):
        qs = qs.filter(object_repr__icontains=filters["object"])
    if filters.get("date_from"):
        qs = qs.filter(at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(at__date__lte=filters["date_to"])
    return qs


def staff_account_list(*, user) -> QuerySet:
    """Accounts whose node lies inside the user's node (the city sees all)."""
    from stations.models import Role, User
    from stations.scoping import scope_q

    communities = Community.objects.visible_to(user)
    q = scope_q(user, Community.scope_paths)
    if q is None:
        return User.objects.none()
    if user.role == Role.CITY_BUREAU:
        return User.objects.exclude(role="")
    inside = Q(community__in=communities)
    if user.role == Role.DISTRICT_BUREAU:
        inside |= Q(street__district=user.district_id) | Q(district=user.district_id)
    elif user.role == Role.STREET_OFFICER:
        inside |= Q(street=user.street_id)
    return User.objects.filter(inside)
