"""Streets and communities of the six districts, a station and a community
account per community, and the street and district reviewers."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.hashers import make_password

from benchmarks.citygen.base import GeneratorBase
from benchmarks.citygen.writer import BATCH
from stations.models import Community, CommunityKind, District, Role, Station, StationService, Street, User

DISTRICT_CENTRES = {
    "370402": (34.864, 117.556),
    "370403": (34.795, 117.263),
    "370404": (34.773, 117.591),
    "370405": (34.563, 117.734),
    "370406": (35.099, 117.461),
    "370481": (35.084, 117.165),
}


class RegionSteps(GeneratorBase):
    def region(self) -> int:
        districts = list(District.objects.order_by("code"))
        per_district = max(1, self.sizes["streets"] // len(districts))
        streets = []
        for d in districts:
            existing = set(Street.objects.filter(district=d).values_list("code", flat=True))
            for i in range(per_district + (1 if d.code == "370481" else 0)):
                code = f"{d.code}{200 + i:03d}"
                if code not in existing:
                    streets.append(Street(district=d, code=code, name=f"{d.name}第{i + 1}街道"))
        Street.objects.bulk_create(streets, batch_size=BATCH)
        generated = list(Street.objects.filter(code__regex=r"^\d{6}2\d\d$").select_related("district"))
        per_street = self.sizes["communities"] // max(len(generated), 1)
        communities, existing = [], set(Community.objects.values_list("code", flat=True))
        for s in generated:
            lat0, lng0 = DISTRICT_CENTRES.get(s.district.code, (34.8, 117.4))
            for j in range(per_street):
                code = f"{s.code}{j + 1:03d}"
                if code in existing:
                    continue
                rural = j % 5 == 4
                population = 0 if rural else self.rng.randrange(3000, 16000)
                communities.append(
                    Community(
                        street=s,
                        code=code,
                        name=f"{s.name}{j + 1}{'村' if rural else '社区'}",
                        kind=CommunityKind.RURAL if rural else CommunityKind.URBAN,
                        urban_population=population,
                        community_worker_count=population * self.rng.randrange(8, 22) // 10000,
                        latitude=Decimal(f"{lat0 + self.rng.uniform(-0.15, 0.15):.6f}"),
                        longitude=Decimal(f"{lng0 + self.rng.uniform(-0.15, 0.15):.6f}"),
                    )
                )
        Community.objects.bulk_create(communities, batch_size=BATCH)
        return len(streets) + len(communities)

    def stations_and_staff(self) -> int:
        communities = list(Community.objects.filter(stations__isnull=True).order_by("pk"))
        stations = [
            Station(
                name=f"{c.name}就业驿站",
                community=c,
                address=f"{c.name}党群服务中心",
                latitude=c.latitude,
                longitude=c.longitude,
                opening_hours="周一至周五 8:30-17:30",
                phone=f"0632-{3000000 + c.pk % 999999:07d}",
            )
            for c in communities
        ]
        Station.objects.bulk_create(stations, batch_size=BATCH)
        services = list(StationService.objects.all())
        through = Station.services.through
        links = [through(station_id=s.pk, stationservice_id=svc.pk) for s in stations for svc in services]
        through.objects.bulk_create(links, batch_size=BATCH)
        unusable = make_password(None)
        staff = [
            User(
                username=f"city-staff-{c.code}",
                role=Role.COMMUNITY_STAFF,
                community=c,
                password=unusable,
                first_name="驿站专员",
            )
            for c in Community.objects.exclude(pk__in=User.objects.filter(community__isnull=False).values("community"))
        ]
        User.objects.bulk_create(staff, batch_size=BATCH)
        return len(stations) + len(staff)

    def reviewers(self) -> int:
        """A street officer per street and a bureau account per district where
        none exists: classes, decisions and payments are recorded by them."""
        unusable = make_password(None)
        manned_streets = set(
            User.objects.filter(role=Role.STREET_OFFICER).values_list("street_id", flat=True).distinct()
        )
        manned_districts = set(
            User.objects.filter(role=Role.DISTRICT_BUREAU).values_list("district_id", flat=True).distinct()
        )
        accounts = [
            User(
                username=f"city-staff-street-{s.code}",
                role=Role.STREET_OFFICER,
                street=s,
                password=unusable,
                first_name="街道就业专干",
            )
            for s in Street.objects.exclude(pk__in=manned_streets).order_by("code")
        ] + [
            User(
                username=f"city-staff-district-{d.code}",
                role=Role.DISTRICT_BUREAU,
                district=d,
                password=unusable,
                first_name="区人社局",
            )
            for d in District.objects.exclude(pk__in=manned_districts).order_by("code")
        ]
        User.objects.bulk_create(accounts, batch_size=BATCH)
        self._people = None
        return len(accounts)
