"""Matching one resident against every live posting."""

from __future__ import annotations

from django.utils import timezone

from benchmarks.measures.results import Result, ceiling_result
from benchmarks.measures.timing import alternate, timed


def match_resident():
    """An unemployed resident with wishes (the case matching is for), else any."""
    from stations.models import EmploymentStatus, Resident

    qs = Resident.objects.filter(removed_at__isnull=True).select_related("community").order_by("pk")
    return qs.filter(employment_status=EmploymentStatus.UNEMPLOYED).exclude(wanted_job_categories="").first() or (
        qs.first()
    )


def measure_matching(*, repeat: int = 15) -> list[Result]:
    """jobs.matching.postings_for_resident over every live posting, median of
    `repeat`, against fetching the same columns of every live posting once."""
    from jobs import matching
    from jobs.models import Posting

    resident = match_resident()
    if resident is None:
        return [Result("match one resident against live postings", 0, "ms", None, None, "value <= 200 ms", None)]
    today = timezone.localdate()
    live = Posting.objects.live(on=today)
    fields = ("pk", "occupation_category", "work_pattern", "salary_max", "latitude", "longitude", "community_id")

    def product() -> float:
        return timed(lambda: matching.postings_for_resident(resident=resident, limit=20, today=today)) * 1000

    def limit() -> float:
        return timed(lambda: list(live.values_list(*fields))) * 1000

    value, bare = alternate(product, limit, repeat)
    note = f"{live.count():,} live postings"
    return [ceiling_result("match one resident against live postings", value, bare, "ms", value_at_most=200, note=note)]
