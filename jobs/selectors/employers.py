"""Staff reads of employers and their labour surveys, from `visible_to(user)`."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from jobs.models import Employer, LabourSurvey, Posting, PostingStatus
from stations.scoping import get_visible_or_404
from stations.validators import normalize_code, normalize_text


def employer_search_q(text: str) -> Q:
    """Part of an employer's name or credit code, as typed (full-width
    characters and spaces in a code normalised as stored codes are)."""
    name, code = normalize_text(text), normalize_code(text)
    return Q(name__icontains=name) | (Q(credit_code__icontains=code) if code else Q(pk__in=[]))


def employer_list(*, user, filters: dict | None = None) -> QuerySet[Employer]:
    filters = filters or {}
    latest = LabourSurvey.objects.filter(employer=OuterRef("pk")).order_by("-surveyed_on")
    qs = Employer.objects.visible_to(user).select_related("community")
    if normalize_text(filters.get("q")):
        qs = qs.filter(employer_search_q(filters["q"]))
    if filters.get("short"):
        qs = qs.filter(Exists(latest.filter(shortage__gt=0)))
    return qs.annotate(
        latest_survey_on=Subquery(latest.values("surveyed_on")[:1]),
        latest_shortage=Subquery(latest.values("shortage")[:1]),
        latest_headcount=Subquery(latest.values("headcount")[:1]),
        live_postings=Count("postings", filter=Q(postings__status=PostingStatus.PUBLISHED)),
    ).order_by("name", "pk")


def employer_choices(*, user) -> QuerySet[Employer]:
    return Employer.objects.visible_to(user).order_by("name", "pk")


def employer_is_visible(*, user, pk: int) -> bool:
    return Employer.objects.visible_to(user).filter(pk=pk).exists()


def employer_get(*, user, pk) -> Employer:
    return get_visible_or_404(Employer.objects.select_related("community"), user, pk=pk)


def employer_postings(*, user, employer: Employer, limit: int = 50) -> QuerySet[Posting]:
    return employer.postings.visible_to(user).order_by("-created_at")[:limit]


def employer_surveys(*, employer: Employer, limit: int = 24) -> QuerySet[LabourSurvey]:
    """The employer's labour surveys, newest first (the employer is in scope)."""
    return employer.surveys.all()[:limit]


def employer_search(*, user, q: str = "") -> QuerySet[Employer]:
    """Employers in scope by name, then pk; filtered by part of a name or credit code."""
    qs = employer_choices(user=user)
    return qs.filter(employer_search_q(q)) if normalize_text(q) else qs


def employer_credit_code_taken(*, code: str, exclude_pk: int | None = None) -> bool:
    """Whether another employer anywhere holds the code (credit codes are
    unique city-wide, so this check passes scope on purpose)."""
    return Employer.objects.filter(credit_code=code).exclude(pk=exclude_pk).exists()


def employers_for_export(*, user) -> QuerySet[Employer]:
    return Employer.objects.visible_to(user).select_related("community").order_by("community__code", "name")


def labour_surveys_for_export(*, user) -> QuerySet[LabourSurvey]:
    return (
        LabourSurvey.objects.visible_to(user)
        .select_related("employer__community")
        .order_by("employer__name", "-surveyed_on")
    )
