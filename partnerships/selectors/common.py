"""Reads every area of the app shares: the choices of community and resident
fields, and the landing page's counts. Scoped to the user like every read."""

from __future__ import annotations

from django.db.models import QuerySet

from stations.models import Community, Resident

from ..models import FundAllocation, JointMeeting, LabourOrganisation, Partner, TypicalExample


def community_choices(*, user) -> QuerySet[Community]:
    """Communities the user may file a record in, by code, with their street."""
    return Community.objects.visible_to(user).select_related("street").order_by("code")


def resident_choices(*, user) -> QuerySet[Resident]:
    """Residents in the user's area (any status)."""
    return Resident.objects.visible_to(user)


def active_resident_choices(*, user) -> QuerySet[Resident]:
    """Residents in the user's area who may take part (not left or deceased)."""
    return Resident.objects.visible_to(user).active()


def home_counts(*, user) -> dict[str, int]:
    """The landing page's count of each area, in the user's scope."""
    return {
        "partners": Partner.objects.visible_to(user).filter(ended_on__isnull=True).count(),
        "meetings": JointMeeting.objects.visible_to(user).count(),
        "organisations": LabourOrganisation.objects.visible_to(user).filter(is_active=True).count(),
        "examples": TypicalExample.objects.visible_to(user).count(),
        "allocations": FundAllocation.objects.visible_to(user).count(),
    }
