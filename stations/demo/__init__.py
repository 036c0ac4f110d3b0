"""Demo data for `manage.py seed_demo`. The base app seeds the region,
stations and logins; feature apps register their own seeders, which run after
it in order. Every seeder is idempotent: running it twice changes nothing."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from stations.models import (
    Community,
    CommunityKind,
    District,
    OperatorKind,
    RelatedSite,
    Role,
    SiteKind,
    Station,
    StationService,
    Street,
    User,
)


@dataclass(frozen=True)
class Seeder:
    name: str
    run: Callable  # (*, scale: str, rng: random.Random, stdout) -> None
    order: int = 100
    # The small demo seeds records one by one through the services; the city
    # scale is written in bulk by its own seeder.
    scales: tuple[str, ...] = ("small",)
    # Bulk seeders commit step by step themselves.
    atomic: bool = True


_SEEDERS: dict[str, Seeder] = {}


def register_seeder(seeder: Seeder) -> None:
    _SEEDERS[seeder.name] = seeder


def seeders(scale: str = "small") -> list[Seeder]:
    return sorted((s for s in _SEEDERS.values() if scale in s.scales), key=lambda s: s.order)


def real_accounts():
    """Staff accounts that no seeder made: their presence means real records."""
    return (
        User.objects.exclude(role="").exclude(username__startswith="demo-").exclude(username__startswith="city-staff-")
    )


# The six districts with their GB/T 2260 codes, a few real streets each and
# demo communities under them (codes extend the parent's, as the statistics do).
DISTRICTS = [
    (
        "370402",
        "市中区",
        (34.864, 117.556),
        [
            ("370402001", "中心街街道", ["光明路社区", "振兴路社区", "青檀路社区"]),
            ("370402004", "文化路街道", ["文化路社区", "建设路社区"]),
            ("370402005", "龙山路街道", ["龙山路社区", "君山路社区"]),
            ("370402100", "税郭镇", ["税郭村", "侯孟村"]),
        ],
    ),
    (
        "370403",
        "薛城区",
        (34.795, 117.263),
        [
            ("370403001", "临城街道", ["临山社区", "兴城社区"]),
            ("370403002", "常庄街道", ["常庄社区", "西仓社区"]),
        ],
    ),
    (
        "370404",
        "峄城区",
        (34.773, 117.591),
        [
            ("370404001", "坛山街道", ["坛山社区", "榴园社区"]),
        ],
    ),
    (
        "370405",
        "台儿庄区",
        (34.563, 117.734),
        [
            ("370405001", "运河街道", ["运河社区", "古城社区"]),
        ],
    ),
    (
        "370406",
        "山亭区",
        (35.099, 117.461),
        [
            ("370406001", "山城街道", ["山城社区", "翼云社区"]),
        ],
    ),
    (
        "370481",
        "滕州市",
        (35.084, 117.165),
        [
            ("370481001", "荆河街道", ["荆河社区", "学院路社区"]),
            ("370481002", "北辛街道", ["北辛社区", "府前社区"]),
        ],
    ),
]

DEMO_LOGINS = [
    ("demo-city", Role.CITY_BUREAU, None, "市人社局 演示账号"),
    ("demo-district", Role.DISTRICT_BUREAU, "370402", "市中区人社局 演示账号"),
    ("demo-street", Role.STREET_OFFICER, "370402001", "中心街街道 演示账号"),
    ("demo-community", Role.COMMUNITY_STAFF, "370402001001", "光明路社区 演示账号"),
    ("demo-community-b", Role.COMMUNITY_STAFF, "370402004001", "文化路社区 演示账号"),
]


def seed_region(*, rng: random.Random, stdout=None) -> None:
    for d_code, d_name, (lat, lng), streets in DISTRICTS:
        district, _ = District.objects.update_or_create(code=d_code, defaults={"name": d_name})
        for s_index, (s_code, s_name, communities) in enumerate(streets):
            street, _ = Street.objects.update_or_create(code=s_code, defaults={"name": s_name, "district": district})
            for c_index, c_name in enumerate(communities, start=1):
                c_code = f"{s_code}{c_index:03d}"
                rural = c_name.endswith("村")
                population = 0 if rural else 6000 + (int(c_code) % 9) * 1100
                community, _ = Community.objects.update_or_create(
                    code=c_code,
                    defaults={
                        "name": c_name,
                        "street": street,
                        "kind": CommunityKind.RURAL if rural else CommunityKind.URBAN,
                        "urban_population": population,
                        "community_worker_count": population * (10 + int(c_code) % 9) // 10000,
                        "latitude": Decimal(f"{lat + s_index * 0.012 + c_index * 0.004:.6f}"),
                        "longitude": Decimal(f"{lng + s_index * 0.015 - c_index * 0.005:.6f}"),
                    },
                )
                _seed_station(community, rng)


def _seed_station(community: Community, rng: random.Random) -> None:
    station, created = Station.objects.get_or_create(
        community=community,
        name=f"{community.name}就业驿站",
        defaults={
            "address": f"{community.street.district.name}{community.street.name}{community.name}党群服务中心一楼",
            "latitude": community.latitude,
            "longitude": community.longitude,
            "opening_hours": "周一至周五 8:30-12:00, 13:30-17:30；周六上午 9:00-11:30",
            "phone": f"0632-{3000000 + int(community.code[-6:]) % 999999:07d}",
            "operator_kind": OperatorKind.HR_AGENCY if int(community.code) % 5 == 0 else OperatorKind.PUBLIC,
            "operator_name": "" if int(community.code) % 5 else "枣庄鲁南人力资源服务有限公司",
        },
    )
    if created:
        services = list(StationService.objects.all())
        station.services.set(services if int(community.code) % 3 else services[:6])
        station.served_communities.set([community])
        if int(community.code) % 4 == 1:
            RelatedSite.objects.get_or_create(
                community=community,
                kind=SiteKind.MICRO_FACTORY,
                name=f"{community.name}社区微工厂",
                defaults={"address": f"{community.name}东侧厂房", "phone": "0632-3318888"},
            )


def seed_logins(*, stdout=None) -> list[tuple[str, str, str]]:
    """The demo login per role; refuses when DEBUG is off (checked by the command)."""
    created = []
    for username, role, node_code, full_name in DEMO_LOGINS:
        node = {}
        if role == Role.DISTRICT_BUREAU:
            node["district"] = District.objects.get(code=node_code)
        elif role == Role.STREET_OFFICER:
            node["street"] = Street.objects.get(code=node_code)
        elif role == Role.COMMUNITY_STAFF:
            node["community"] = Community.objects.get(code=node_code)
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "role": role,
                "first_name": full_name,
                "is_active": True,
                "district": None,
                "street": None,
                "community": None,
                **node,
            },
        )
        user.set_password(settings.PORTAL_DEMO_PASSWORD)
        user.save(update_fields=["password"])
        created.append((username, str(user.get_role_display()), user.node_label))
    return created
