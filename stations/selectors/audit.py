"""Reads of the audit trail, scoped to the user's node."""

from __future__ import annotations

from django.db.models import QuerySet

from stations.models import AuditEntry


def audit_entry_list(*, user, filters: dict | None = None) -> QuerySet[AuditEntry]:
    filters = filters or {}
    qs = AuditEntry.objects.visible_to(user).select_related("actor", "content_type")
    if filters.get("action"):
        qs = qs.filter(action=filters["action"])
    if filters.get("actor"):
        qs = qs.filter(actor_name__icontains=filters["actor"])
    if filters.get("object"):
        qs = qs.filter(object_repr__icontains=filters["object"])
    if filters.get("date_from"):
        qs = qs.filter(at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(at__date__lte=filters["date_to"])
    return qs
