"""Demo data for the platform pages: a few notifications for each demo login
and a history for the base app's policy parameter. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from stations.models import Notification, PolicyParameterValue, Role, User
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET

DEMO_NOTIFICATIONS = [
    ("reminder", "12333 提醒：王秀兰 的援助台账本月需完成 1 次职业指导", "/staff/", 0),
    ("review", "新的岗位待审核：鲁南食品有限公司 · 包装工（3 人）", "/staff/", 1),
    ("notice", "市人社局通知：2025 年一次性创业补贴标准已更新，请查看政策参数", "/staff/policy/", 3),
]


def seed_platform(*, scale, rng, stdout=None) -> None:
    now = timezone.now()
    for user in User.objects.filter(username__startswith="demo-").exclude(role=""):
        for index, (kind, message, link, days_ago) in enumerate(DEMO_NOTIFICATIONS):
            notification, created = Notification.objects.get_or_create(
                dedupe_key=f"demo:{user.username}:{index}",
                defaults={"recipient": user, "kind": kind, "message": message, "link": link},
            )
            if created:
                Notification.objects.filter(pk=notification.pk).update(
                    created_at=now - dt.timedelta(days=days_ago, hours=index),
                    read_at=(now - dt.timedelta(days=days_ago)) if days_ago >= 3 else None,
                )
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
