"""Reads of staff accounts, scoped by node through `User.scope_paths`."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from stations.models import User


def staff_account_list(*, user) -> QuerySet[User]:
    """Staff accounts (those with a role) whose node lies inside the user's
    node, by `User.scope_paths`: the city sees all, a street officer the
    accounts of their street and its communities."""
    return User.objects.visible_to(user).exclude(role="")


def staff_account_get(*, user, pk) -> User:
    """A staff account inside the user's node; 404 for one elsewhere, as for a missing one."""
    return get_object_or_404(staff_account_list(user=user), pk=pk)


def staff_account_search(*, user, filters: dict | None = None) -> QuerySet[User]:
    """Accounts inside the user's node, filtered for the accounts page."""
    filters = filters or {}
    qs = staff_account_list(user=user).select_related("district", "street__district", "community__street")
    if filters.get("q"):
        text = filters["q"]
        qs = qs.filter(Q(username__icontains=text) | Q(first_name__icontains=text) | Q(last_name__icontains=text))
    if filters.get("role"):
        qs = qs.filter(role=filters["role"])
    if filters.get("active") in ("yes", "no"):
        qs = qs.filter(is_active=filters["active"] == "yes")
    return qs.order_by("role", "username")
