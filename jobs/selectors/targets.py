"""Community-worker and public-welfare posts against plan target T4:
18 community workers per 10,000 urban residents by the end of 2025."""

from __future__ import annotations

import math

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone

from jobs.models import PostingStatus
from stations.models import Community
from stations.models.region import workers_per_10k
from stations.policy import policy_value
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET
from stations.scoping import sees_whole_city


def community_workers_target() -> float:
    """Community workers per 10,000 urban residents the plan asks for (T4:
    18), as the city bureau sets it (stations policy parameter)."""
    return policy_value(COMMUNITY_WORKERS_TARGET)


def _target_row(*, population: int, workers: int, worker_posts: int, welfare_posts: int, target: float) -> dict:
    needed = math.ceil(population * target / 10000) if population else 0
    return {
        "population": population,
        "workers": workers,
        "per_10k": workers_per_10k(workers, population),
        "target": needed,
        "gap": max(0, needed - workers),
        "worker_posts": worker_posts,
        "welfare_posts": welfare_posts,
    }


def community_post_targets(*, user) -> list[dict]:
    """Community-worker and public-welfare posts per community against T4
    (18 community workers per 10,000 urban residents), in the user's scope."""
    today = timezone.localdate()
    target = community_workers_target()
    live = Q(postings__status=PostingStatus.PUBLISHED, postings__valid_until__gte=today)
    rows = (
        Community.objects.visible_to(user)
        .annotate(
            worker_posts=Sum("postings__headcount", filter=live & Q(postings__is_community_worker=True)),
            welfare_posts=Sum("postings__headcount", filter=live & Q(postings__is_public_welfare=True)),
        )
        .select_related("street__district")
        .order_by("code")
    )
    return [
        {
            "community": c,
            **_target_row(
                population=c.urban_population,
                workers=c.community_worker_count,
                worker_posts=c.worker_posts or 0,
                welfare_posts=c.welfare_posts or 0,
                target=target,
            ),
        }
        for c in rows
    ]


def community_post_target_subtotals(*, user, rows: list[dict]) -> list[dict]:
    """Subtotals of `rows` (community_post_targets of the same user): one per
    district and the city's total for the city bureau, the user's own node's
    total below it. Each sums population, workers and posts; its ratio, target
    and gap come from those sums, never from the mean of the communities'
    ratios (so at that level one community's surplus offsets another's gap)."""
    if not rows:
        return []
    target = community_workers_target()
    groups: dict[object, list[dict]] = {}
    whole_city = sees_whole_city(user)
    if whole_city:
        for row in rows:
            groups.setdefault(row["community"].street.district, []).append(row)
    out = [
        _subtotal(label=str(district), level="district", rows=members, target=target)
        for district, members in groups.items()
    ]
    if whole_city:
        label = settings.PORTAL_CITY_NAME
    else:
        first = rows[0]["community"]
        label = str(user.district or user.street or user.community or first)
    out.append(_subtotal(label=label, level="city" if whole_city else "node", rows=rows, target=target))
    return out


def _subtotal(*, label: str, level: str, rows: list[dict], target: float) -> dict:
    return {
        "label": label,
        "level": level,
        "communities": len(rows),
        **_target_row(
            population=sum(r["population"] for r in rows),
            workers=sum(r["workers"] for r in rows),
            worker_posts=sum(r["worker_posts"] for r in rows),
            welfare_posts=sum(r["welfare_posts"] for r in rows),
            target=target,
        ),
    }
