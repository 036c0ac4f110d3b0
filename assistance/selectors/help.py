"""Reads for help requests: the public page's place choices (public facts
about the region and its stations, no scope) and the staff side's lists, one
request, its to-do and the residents it may be linked to (scoped to the user;
out of scope is a 404, like missing)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from assistance.models import AssistanceCase, CaseStatus, HelpRequest, HelpRequestStatus
from stations.models import Community, District, Resident, Station, StationStatus, Street
from stations.scoping import get_visible_or_404

# Rows of the dashboard panel; the list page has the rest.
TODO_LIMIT = 10


# --- Public: where the request goes ---------------------------------------------


def public_districts() -> QuerySet[District]:
    return District.objects.order_by("code")


def public_streets(*, district_id: int | None) -> QuerySet[Street]:
    streets = Street.objects.order_by("code")
    return streets.filter(district_id=district_id) if district_id else streets.none()


def public_communities(*, district_id: int | None = None, street_id: int | None = None) -> QuerySet[Community]:
    """The communities to choose from, narrowed to a street or a district.
    Nothing until a district is chosen: a city has thousands, too many for
    one list on a phone."""
    communities = Community.objects.select_related("street").order_by("street__code", "code")
    if street_id:
        return communities.filter(street_id=street_id)
    if district_id:
        return communities.filter(street__district_id=district_id)
    return communities.none()


def public_community_get(*, pk) -> Community:
    return Community.objects.select_related("street").get(pk=pk)


def public_help_request_receipt(*, pk) -> HelpRequest:
    """The request for its confirmation page: the page shows its reference,
    need, community and due date, never the name or number."""
    qs = HelpRequest.objects.select_related("community").only("pk", "need", "due_on", "community__name", "text_consent")
    return get_object_or_404(qs, pk=pk)


def public_station_communities(*, station_id: int) -> QuerySet[Community]:
    """The communities an open station is in or serves (asking "from the
    nearest station"); none for a missing or closed station."""
    station = Station.objects.exclude(status=StationStatus.CLOSED).filter(pk=station_id).first()
    if station is None:
        return Community.objects.none()
    return (
        Community.objects.filter(Q(pk=station.community_id) | Q(serving_stations=station))
        .select_related("street")
        .distinct()
        .order_by("street__code", "code")
    )


def public_station_for_community(*, community_id: int) -> Station | None:
    """The open station a community's residents go to: its own, else one serving it."""
    return (
        Station.objects.filter(Q(community_id=community_id) | Q(served_communities=community_id))
        .exclude(status=StationStatus.CLOSED)
        .order_by("status", "name")  # open before paused
        .distinct()
        .first()
    )


# --- Staff ------------------------------------------------------------------------


def help_request_list(*, user, status: str = "") -> QuerySet[HelpRequest]:
    """The requests of the user's node, oldest due first; `status` narrows."""
    qs = HelpRequest.objects.visible_to(user).select_related("community__street", "answered_by")
    if status in HelpRequestStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("status", "due_on", "pk")


def help_request_get(*, user, pk) -> HelpRequest:
    """One request in scope; 404 when missing or out of scope alike."""
    qs = HelpRequest.objects.select_related("community__street", "answered_by", "resident", "case", "text_message")
    return get_visible_or_404(qs, user, pk=pk)


def help_request_todo(*, user, today: dt.date | None = None, limit: int = TODO_LIMIT) -> dict:
    """Unanswered requests of the user's node for the dashboard: the first
    `limit` by due date, how many in all and how many are overdue."""
    today = today or timezone.localdate()
    waiting = HelpRequest.objects.visible_to(user).filter(status=HelpRequestStatus.NEW)
    return {
        "items": list(waiting.select_related("community").order_by("due_on", "pk")[:limit]),
        "total": waiting.count(),
        "overdue": waiting.filter(due_on__lt=today).count(),
        "today": today,
    }


def help_request_matching_residents(*, user, help_request: HelpRequest) -> QuerySet[Resident]:
    """Residents in the user's scope with the request's mobile: the records
    staff may link the request to."""
    return (
        Resident.objects.visible_to(user)
        .filter(mobile=help_request.mobile)
        .select_related("community")
        .order_by("name", "pk")[:10]
    )


def open_case_of(*, resident: Resident) -> AssistanceCase | None:
    return AssistanceCase.objects.filter(resident=resident, status=CaseStatus.OPEN).first()
