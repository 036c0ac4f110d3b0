"""Reads of staff training shared by the staff pages, the API and the figures."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stations.models import User
from stations.params import parse_pk, parse_year
from stations.scoping import get_visible_or_404
from stations.selectors import staff_account_list

from ..models import StaffTrainingAttendance, StaffTrainingKind, StaffTrainingSession


def staff_training_list(*, user, filters: dict | None = None) -> QuerySet[StaffTrainingSession]:
    """Courses the user may see (a district bureau its own, the city all),
    newest first, with attendee counts.

    Filters: kind, year, community (pk: courses someone of that community attended).
    """
    filters = filters or {}
    qs = (
        StaffTrainingSession.objects.visible_to(user)
        .select_related("district")
        .annotate(
            attendee_count=Count("attendances", distinct=True),
            completed_count=Count("attendances", filter=Q(attendances__completed=True), distinct=True),
        )
    )
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if year := parse_year(filters.get("year")):
        qs = qs.filter(starts_on__year=year)
    if community := parse_pk(filters.get("community")):
        qs = qs.filter(pk__in=StaffTrainingAttendance.objects.filter(community_id=community).values("session"))
    return qs.order_by("-starts_on", "-pk")


def staff_training_list_with_attendances(*, user, filters: dict | None = None) -> QuerySet[StaffTrainingSession]:
    """`staff_training_list` with each course's attendances in the user's
    area as `visible_attendances` (the API's shape)."""
    return staff_training_list(user=user, filters=filters).prefetch_related(
        Prefetch(
            "attendances",
            queryset=StaffTrainingAttendance.objects.visible_to(user).select_related("attendee"),
            to_attr="visible_attendances",
        )
    )


def staff_training_session_get(*, user, pk) -> StaffTrainingSession:
    """One course in scope with its district; 404 when missing or out of scope alike."""
    return get_visible_or_404(StaffTrainingSession.objects.select_related("district", "created_by"), user, pk=pk)


def staff_training_attendance_get(*, user, pk) -> StaffTrainingAttendance:
    """One attendance in scope with its course and attendee; 404 when missing or out of scope alike."""
    return get_visible_or_404(StaffTrainingAttendance.objects.select_related("session", "attendee"), user, pk=pk)


def staff_training_attendance_list(*, user, filters: dict | None = None) -> QuerySet[StaffTrainingAttendance]:
    """Attendances filed in the user's area, newest course first. Filters: attendee (pk)."""
    filters = filters or {}
    qs = (
        StaffTrainingAttendance.objects.visible_to(user)
        .select_related("attendee")
        .order_by("-session__starts_on", "pk")
    )
    if attendee := parse_pk(filters.get("attendee")):
        qs = qs.filter(attendee_id=attendee)
    return qs


def staff_training_people(*, user) -> QuerySet[User]:
    """Active staff accounts in the user's area with the hours of training
    they completed this year and in all, and whether they have completed a
    systematic course; by community, then name."""
    year = timezone.localdate().year
    completed = Q(staff_trainings__completed=True)
    return (
        staff_account_list(user=user)
        .filter(is_active=True)
        .select_related("community", "street", "district")
        .annotate(
            hours_this_year=Sum(
                "staff_trainings__session__hours", filter=completed & Q(staff_trainings__session__starts_on__year=year)
            ),
            hours_total=Sum("staff_trainings__session__hours", filter=completed),
            systematic_done=Exists(
                StaffTrainingAttendance.objects.filter(
                    attendee=OuterRef("pk"), completed=True, session__kind=StaffTrainingKind.SYSTEMATIC
                )
            ),
        )
        .order_by("community__code", "last_name", "first_name", "username")
    )


def staff_training_attendances(*, user, session: StaffTrainingSession) -> QuerySet[StaffTrainingAttendance]:
    """A course's attendees that lie in the user's area."""
    return (
        session.attendances.visible_to(user)
        .select_related("attendee", "community", "street", "district")
        .order_by("community__code", "street__code", "attendee__username")
    )


def staff_training_record(*, person: User) -> dict:
    """One person's training record: every course they attended, and the
    hours completed this year and in all."""
    attendances = list(
        StaffTrainingAttendance.objects.filter(attendee=person)
        .select_related("session__district")
        .order_by("-session__starts_on", "-pk")
    )
    year = timezone.localdate().year
    completed = [a for a in attendances if a.completed]
    return {
        "attendances": attendances,
        "hours_this_year": sum((a.session.hours for a in completed if a.session.starts_on.year == year), Decimal(0)),
        "hours_total": sum((a.session.hours for a in completed), Decimal(0)),
        "year": year,
        "systematic_done": any(a.session.kind == StaffTrainingKind.SYSTEMATIC for a in completed),
    }


def staff_person_get(*, user, pk) -> User:
    """A staff account inside the user's area (the same rule as the accounts
    list); 404 for missing and out of scope alike."""
    return get_object_or_404(staff_account_list(user=user).select_related("community", "street", "district"), pk=pk)
