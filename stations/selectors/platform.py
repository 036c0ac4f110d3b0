"""Reads of the platform pages: notifications, policy parameters, heartbeats.

Notifications are scoped to their recipient (each account sees only its own);
policy parameters are the same for everyone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stations.models import Heartbeat, Notification, PolicyParameterValue
from stations.policy import PolicyParameter, declared_parameters


def notification_list(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient=user)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def notification_get(*, user, pk) -> Notification:
    """One of the user's own notifications; 404 for anyone else's, as for a missing one."""
    return get_object_or_404(notification_list(user=user), pk=pk)


def unread_notification_count(*, user) -> int:
    """One COUNT on the (recipient, read_at) index."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


@dataclass
class ParameterOverview:
    parameter: PolicyParameter
    current: object  # the value in force on the day asked for
    current_row: PolicyParameterValue | None  # None: the declared default applies
    scheduled: list[PolicyParameterValue] = field(default_factory=list)  # valid from a later day
    history: list[PolicyParameterValue] = field(default_factory=list)  # every row, newest first

    @property
    def key(self) -> str:
        return self.parameter.key


def policy_parameter_overview(*, on: dt.date | None = None) -> list[ParameterOverview]:
    """Every declared parameter with its value in force on `on` (today), the
    values scheduled for later and the whole history: one query in all."""
    on = on or timezone.localdate()
    parameters = declared_parameters()
    rows: dict[str, list[PolicyParameterValue]] = {p.key: [] for p in parameters}
    for row in (
        PolicyParameterValue.objects.filter(key__in=list(rows))
        .select_related("set_by")
        .order_by("key", "-valid_from", "-pk")
    ):
        rows[row.key].append(row)
    overview = []
    for parameter in parameters:
        history = rows[parameter.key]
        in_force = next((r for r in history if r.valid_from <= on), None)
        overview.append(
            ParameterOverview(
                parameter=parameter,
                current=in_force.value if in_force else parameter.default,
                current_row=in_force,
                scheduled=[r for r in history if r.valid_from > on],
                history=history,
            )
        )
    return overview


def heartbeat_times() -> dict[str, dt.datetime]:
    """When beat and a worker were last heard of (Heartbeat.BEAT,
    Heartbeat.WORKER), for /healthz; a part never heard of is missing. Not
    scoped: it tells nothing about anyone's records."""
    return dict(Heartbeat.objects.values_list("name", "at"))
