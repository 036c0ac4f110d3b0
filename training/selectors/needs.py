"""Staff reads of the needs list, the demand it adds up to and the public's
requests to join a class.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from stations.scoping import get_visible_or_404
from training.models import (
    PUBLIC_CLASS_STATUSES,
    CatalogueStatus,
    Course,
    JoinRequest,
    JoinRequestStatus,
    TrainingClass,
    TrainingNeed,
)
from training.selectors.classes import with_seats


def need_course_list(*, user) -> QuerySet[Course]:
    """Courses a wanted training may name: the published catalogues of the
    district(s) of the user's node."""
    from stations.models import Community

    return Course.objects.filter(
        catalogue__status=CatalogueStatus.PUBLISHED,
        catalogue__district__in=Community.objects.visible_to(user).values("street__district"),
    )


def need_list(*, user, filters: dict | None = None) -> QuerySet[TrainingNeed]:
    """The needs list in scope. `for_class` keeps the needs a class answers:
    its trade or course, residents of its district, no seat in it yet."""
    filters = filters or {}
    qs = TrainingNeed.objects.visible_to(user).filter(resident__removed_at__isnull=True)
    if filters.get("for_class"):
        from training.services.classes import prospect_needs

        qs = qs.filter(pk__in=prospect_needs(filters["for_class"]).values("pk"))
    if filters.get("occupation"):
        qs = qs.filter(occupation=filters["occupation"])
    if filters.get("round_date"):
        qs = qs.filter(round_date=filters["round_date"])
    if filters.get("community"):
        qs = qs.filter(resident__community=filters["community"])
    return qs.select_related("resident__community", "course").order_by("-round_date", "resident__name", "pk")


@dataclass
class DemandRow:
    group_id: int
    group: str
    district_id: int
    occupation: str
    residents: int
    classes: int = 0
    seats_left: int = 0

    @property
    def gap(self) -> int:
        """Residents still without a seat on offer (0 when supply covers demand)."""
        return max(self.residents - self.seats_left, 0)


def need_demand_summary(
    *, user, by: str = "community", round_from: dt.date | None = None, round_to: dt.date | None = None
) -> list[DemandRow]:
    """Demand (residents who asked for a trade) against supply (classes open or
    running for that trade in the same district, and their free seats), by
    community or by district. Three queries whatever the size."""
    needs = TrainingNeed.objects.visible_to(user).filter(resident__removed_at__isnull=True)
    if round_from:
        needs = needs.filter(round_date__gte=round_from)
    if round_to:
        needs = needs.filter(round_date__lte=round_to)
    district_path = "resident__community__street__district"
    group_path = "resident__community" if by == "community" else district_path
    demand = (
        needs.order_by()
        .values(group_path, f"{group_path}__name", district_path, "occupation")
        .annotate(residents=Count("resident", distinct=True))
    )
    rows = [
        DemandRow(
            group_id=d[group_path],
            group=d[f"{group_path}__name"],
            district_id=d[district_path],
            occupation=d["occupation"],
            residents=d["residents"],
        )
        for d in demand
    ]
    if not rows:
        return rows
    supply_qs = with_seats(
        TrainingClass.objects.filter(
            status__in=PUBLIC_CLASS_STATUSES, community__street__district__in={r.district_id for r in rows}
        )
    )
    supply: dict[tuple[int, str], list[int]] = {}
    for cls in supply_qs.values("community__street__district", "course__occupation", "seats_left"):
        key = (cls["community__street__district"], cls["course__occupation"])
        entry = supply.setdefault(key, [0, 0])
        entry[0] += 1
        entry[1] += max(cls["seats_left"], 0)
    for row in rows:
        row.classes, row.seats_left = supply.get((row.district_id, row.occupation), (0, 0))
    rows.sort(key=lambda r: (r.group, -r.residents, r.occupation))
    return rows


def join_request_list(*, user, status: str | None = JoinRequestStatus.NEW) -> QuerySet[JoinRequest]:
    qs = JoinRequest.objects.visible_to(user)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("training_class", "community").order_by("-created_at")


def join_request_get(*, user, pk) -> JoinRequest:
    """One request to join in scope; 404 when missing or out of scope alike."""
    return get_visible_or_404(JoinRequest.objects.select_related("training_class", "community"), user, pk=pk)
