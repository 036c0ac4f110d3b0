"""Demo data for the platform pages: a few notifications for each demo login
and a history for the base app's policy parameter. Idempotent.

Every notification points at a record that exists and that its recipient
may open: here the policy page whose history this seeder writes. Postings
waiting for review are announced by the jobs seeder, the 12333 reminders by
the real reminder run (assistance's seeder)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from stations.models import Notification, PolicyParameterValue, Role, User
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET

# Keys of the notifications earlier versions made up (a resident and a posting
# that did not exist): removed so an old demo database tells the truth too.
RETIRED_KEYS = ("demo:{username}:0", "demo:{username}:1", "demo:{username}:2")


def _notifications_for(user) -> list[tuple[str, str, str, str, int]]:
    """(key, kind, message, link, days ago) for one demo login."""
    return [
        (
            f"demo:{user.username}:notice",
            "notice",
            "市人社局通知：社区工作者配备目标已调整为每万城镇常住人口 18 名（社区微业三年行动方案 T4），请查看政策参数",
            reverse("stations:policy"),
            3,
        )
    ]


def seed_platform(*, scale, rng, stdout=None) -> None:
    now = timezone.now()
    city = User.objects.filter(role=Role.CITY_BUREAU, username="demo-city").first()
    if city is not None:
        PolicyParameterValue.objects.get_or_create(
            key=COMMUNITY_WORKERS_TARGET,
            valid_from=dt.date(2023, 1, 1),
            defaults={"value": 15, "note": "三年行动计划起步目标（演示）", "set_by": city},
        )
        PolicyParameterValue.objects.get_or_create(
            key=COMMUNITY_WORKERS_TARGET,
            valid_from=dt.date(2025, 1, 1),
            defaults={"value": 18, "note": "社区微业三年行动方案 T4（演示）", "set_by": city},
        )
    for user in User.objects.filter(username__startswith="demo-").exclude(role="").order_by("pk"):
        Notification.objects.filter(
            recipient=user, dedupe_key__in=[key.format(username=user.username) for key in RETIRED_KEYS]
        ).delete()
        for index, (key, kind, message, link, days_ago) in enumerate(_notifications_for(user)):
            notification, created = Notification.objects.get_or_create(
                dedupe_key=key, defaults={"recipient": user, "kind": kind, "message": message, "link": link}
            )
            if created:
                Notification.objects.filter(pk=notification.pk).update(
                    created_at=now - dt.timedelta(days=days_ago, hours=index),
                    read_at=(now - dt.timedelta(days=days_ago)) if days_ago >= 3 else None,
                )
