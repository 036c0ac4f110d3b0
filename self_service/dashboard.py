"""The dashboard panel: residents' requests waiting in the user's area."""

from stations.permissions import user_can


def requests_panel_context(request):
    from self_service.selectors import todo_counts

    if not user_can(request.user, "self_service.view_requests"):
        return None
    counts = todo_counts(user=request.user)
    if not (counts["changes"] or counts["data_requests"]):
        return None
    return counts
