"""What the figures are measured on: the busiest community and its staff."""

from __future__ import annotations

from django.db.models import Count


def busiest_community_id() -> int | None:
    from stations.models import Resident

    row = (
        Resident.objects.filter(removed_at__isnull=True)
        .values("community_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "community_id")
        .first()
    )
    return row["community_id"] if row else None


def community_staff(community_id: int):
    from stations.models import Role, User

    return (
        User.objects.filter(role=Role.COMMUNITY_STAFF, community_id=community_id, is_active=True).order_by("pk").first()
    )
