"""Reads of resident transfers between communities."""

from __future__ import annotations

from django.db.models import QuerySet

from stations.models import Community, ResidentTransferRequest
from stations.scoping import get_visible_or_404


def transfer_request_incoming(*, user) -> QuerySet[ResidentTransferRequest]:
    """Requests addressed to communities in the user's scope (they decide)."""
    return ResidentTransferRequest.objects.visible_to(user).select_related(
        "resident", "from_community", "to_community", "requested_by", "decided_by"
    )


def transfer_request_outgoing(*, user) -> QuerySet[ResidentTransferRequest]:
    """Requests made by communities in the user's scope. The resident is not
    theirs yet, so pages show only the request itself."""
    communities = Community.objects.visible_to(user).values("pk")
    return ResidentTransferRequest.objects.filter(to_community__in=communities).select_related(
        "from_community", "to_community", "requested_by", "decided_by"
    )


def transfer_request_get(*, user, pk) -> ResidentTransferRequest:
    """A request addressed to a community in the user's scope (they decide
    it); 404 for one elsewhere, as for a missing one."""
    return get_visible_or_404(ResidentTransferRequest.objects.all(), user, pk=pk)
