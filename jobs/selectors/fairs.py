"""Job fairs: the published ones for everybody, all of the area's for staff."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from jobs.models import Employer, FairSignUp, JobFair, Posting, PostingStatus
from stations.scoping import get_visible_or_404


def public_fair_list(*, today: dt.date | None = None) -> QuerySet[JobFair]:
    now = timezone.now()
    return JobFair.objects.filter(is_published=True, ends_at__gte=now).select_related("community__street__district")


def public_fair_get(*, pk) -> JobFair:
    """A published fair for its public page; 404 when missing or unpublished."""
    qs = JobFair.objects.filter(is_published=True).select_related("community__street__district")
    return get_object_or_404(qs, pk=pk)


def public_fair_postings(*, fair: JobFair, today: dt.date | None = None) -> QuerySet[Posting]:
    """The fair's postings that are live today."""
    return fair.postings.live(on=today or timezone.localdate()).select_related("employer")


def public_fairs_with_lists() -> QuerySet[JobFair]:
    """Published fairs not yet over, with their employers and postings, in date order (the API)."""
    return public_fair_list().prefetch_related("employers", "postings").order_by("starts_at", "pk")


def fair_list(*, user) -> QuerySet[JobFair]:
    return (
        JobFair.objects.visible_to(user)
        .select_related("community")
        .annotate(signup_count=Count("signups", distinct=True))
        .order_by("-starts_at")
    )


def fair_signups(*, user, fair: JobFair) -> QuerySet[FairSignUp]:
    return FairSignUp.objects.visible_to(user).filter(fair=fair)


def fair_get(*, user, pk) -> JobFair:
    return get_visible_or_404(JobFair.objects.select_related("community"), user, pk=pk)


def fair_employers(*, fair: JobFair) -> QuerySet[Employer]:
    return fair.employers.order_by("name", "pk")


def fair_postings(*, fair: JobFair) -> QuerySet[Posting]:
    return fair.postings.select_related("employer")


def fair_posting_choices(*, user) -> QuerySet[Posting]:
    """Postings a fair may show: the published ones in the user's area."""
    return Posting.objects.visible_to(user).filter(status=PostingStatus.PUBLISHED)
