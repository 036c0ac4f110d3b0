"""City-sized synthetic data for `seed_demo --scale city`.

About 6 districts, 65 streets, 2,400 communities with a station each, 500,000
residents, 2,000,000 service records, 30,000 employers, 50,000 published
postings, 100,000 training enrolments, 20,000 subsidy applications and the
assistance cases of the registered unemployed, written in bulk (no save() per
row). Deterministic for a seed; skewed like a real city (a few communities far
busier than most); histories over three years.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import time
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from stations.models import (
    Community,
    CommunityKind,
    District,
    EmploymentStatus,
    Resident,
    Role,
    ServiceChannel,
    ServiceKind,
    ServiceRecord,
    Station,
    StationService,
    Street,
    TargetGroup,
    UnemploymentRegistration,
    User,
)
from stations.validators import credit_code_check_char, id_check_char

SIZES = {
    "streets": 65,
    "communities": 2400,
    "residents": 500_000,
    "services": 2_000_000,
    "employers": 30_000,
    "postings": 50_000,
    "enrolments": 100_000,
    "applications": 20_000,
}
BATCH = 5000


def _csv_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value)
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def copy_tuples(model, attnames: list[str], rows: list[tuple]) -> None:
    """The fastest path for the biggest table: plain tuples, no model instances."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(attnames, row, strict=True))) for row in rows], batch_size=BATCH)
        return
    buffer = io.StringIO()
    for row in rows:
        buffer.write(",".join(_csv_value(v) for v in row))
        buffer.write("\n")
    buffer.seek(0)
    fields = {f.attname: f.column for f in model._meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(fields[name]) for name in attnames)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer)  # noqa: S608


def bulk_insert(model, objects: list) -> None:
    """PostgreSQL COPY for the big tables (several times faster than INSERT),
    bulk_create elsewhere. Values are taken as the instances hold them, so
    auto_now fields must be set by the caller."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=BATCH)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    stamped = [f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    # Plain values (text, numbers, dates, keys) go to COPY as they are; only the
    # other field types need Django's conversion. Converting every value was
    # two thirds of the residents step's time (profiled at 30,000 rows).
    plain = (
        models.CharField,
        models.TextField,
        models.BooleanField,
        models.IntegerField,
        models.DateField,
        models.DecimalField,
        models.ForeignKey,
    )
    convert = [(f.attname, None if isinstance(f, plain) else f) for f in fields]
    buffer = io.StringIO()
    for obj in objects:
        # Timestamps the caller set (a history spread over years) are kept.
        for attname in stamped:
            if getattr(obj, attname) is None:
                setattr(obj, attname, now)
        buffer.write(
            ",".join(
                _csv_value(
                    getattr(obj, attname) if f is None else f.get_db_prep_save(getattr(obj, attname), connection)
                )
                for attname, f in convert
            )
        )
        buffer.write("\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer)  # noqa: S608


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志海燕飞鹏波宁凤春辉晨欣宇浩然思雨婷佳琳子涵"
DISTRICT_CENTRES = {
    "370402": (34.864, 117.556),
    "370403": (34.795, 117.263),
    "370404": (34.773, 117.591),
    "370405": (34.563, 117.734),
    "370406": (35.099, 117.461),
    "370481": (35.084, 117.165),
}


class CityGenerator:
    def __init__(self, *, rng: random.Random, stdout=None, sizes: dict | None = None):
        self.rng = rng
        self.stdout = stdout
        self.sizes = {**SIZES, **(sizes or {})}
        self.today = timezone.localdate()

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    def timed(self, label, func):
        started = time.perf_counter()
        count = func()
        self.say(f"  {label}: {count:,} in {time.perf_counter() - started:.1f} s")
        return count

    # --- region -------------------------------------------------------------
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

    # --- residents --------------------------------------------------------------
    def community_weights(self, ids: list[int]) -> list[float]:
        """Skewed: a few communities are far busier than most (Pareto)."""
        return [self.rng.paretovariate(1.3) for _ in ids]

    def residents(self) -> int:
        target = self.sizes["residents"] - Resident.objects.count()
        if target <= 0:
            return 0
        communities = list(Community.objects.values_list("pk", "street__district__code"))
        weights = self.community_weights([c[0] for c in communities])
        picks = self.rng.choices(communities, weights=weights, k=target)
        taken = set(Resident.objects.values_list("id_number", flat=True))
        statuses = [
            (EmploymentStatus.EMPLOYED, 40),
            (EmploymentStatus.FLEXIBLE, 14),
            (EmploymentStatus.SELF_EMPLOYED, 7),
            (EmploymentStatus.UNEMPLOYED, 12),
            (EmploymentStatus.NOT_IN_LABOUR_FORCE, 27),
        ]
        status_values, status_weights = zip(*statuses, strict=True)
        now = timezone.now()
        serial = 0
        created = 0
        for start in range(0, target, BATCH):
            batch = []
            for community_id, district_code in picks[start : start + BATCH]:
                while True:
                    serial += 1
                    birth = dt.date(1958, 1, 1) + dt.timedelta(days=(serial * 7919) % (365 * 47))
                    first17 = f"{district_code}{birth:%Y%m%d}{(serial // 16000) % 1000:03d}"
                    id_number = first17 + id_check_char(first17)
                    if id_number not in taken:
                        taken.add(id_number)
                        break
                status = self.rng.choices(status_values, weights=status_weights)[0]
                resident = Resident(
                    community_id=community_id,
                    name=self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=self.rng.choice((1, 2)))),
                    id_number=id_number,
                    mobile=f"1{self.rng.choice('3578')}{self.rng.randrange(10**9):09d}",
                    address="幸福小区",
                    education=self.rng.choice(["junior", "senior", "vocational", "college", "bachelor"]),
                    employment_status=status,
                    skill_level=self.rng.choice(["none", "none", "junior", "intermediate", ""]),
                    wants_training=self.rng.choice([True, False, None]),
                    wanted_job_categories="保洁、保安" if status == EmploymentStatus.UNEMPLOYED else "",
                    wanted_work_pattern="full_time" if status == EmploymentStatus.UNEMPLOYED else "",
                )
                resident.derive()
                resident.created_at = now - dt.timedelta(days=self.rng.randrange(0, 3 * 365))
                batch.append(resident)
            bulk_insert(Resident, batch)
            created += len(batch)
        return created

    def groups_and_registrations(self) -> int:
        groups = list(TargetGroup.objects.values_list("pk", flat=True))
        through = Resident.target_groups.through
        rows, regs = [], []
        # Residents already registered (the small demo's, or an earlier partial
        # run's) keep their one open registration.
        registered = UnemploymentRegistration.objects.filter(ended_on__isnull=True).values("resident_id")
        for pk, status, created_at in (
            Resident.objects.exclude(pk__in=registered)
            .values_list("pk", "employment_status", "created_at")
            .iterator(chunk_size=BATCH)
        ):
            if pk % 7 == 0:
                rows.append(through(resident_id=pk, targetgroup_id=groups[pk % len(groups)]))
            if status == EmploymentStatus.UNEMPLOYED:
                regs.append(
                    UnemploymentRegistration(resident_id=pk, number=f"SY{pk:09d}", registered_on=created_at.date())
                )
            if len(rows) >= BATCH:
                through.objects.bulk_create(rows, ignore_conflicts=True)
                rows = []
            if len(regs) >= BATCH:
                UnemploymentRegistration.objects.bulk_create(regs)
                regs = []
        through.objects.bulk_create(rows, ignore_conflicts=True)
        UnemploymentRegistration.objects.bulk_create(regs)
        return through.objects.count() + UnemploymentRegistration.objects.count()

    def services(self) -> int:
        """Service records, weighted to the unemployed (the 12333 cases)."""
        target = self.sizes["services"] - ServiceRecord.objects.count()
        if target <= 0:
            return 0
        staff_by_community = dict(
            User.objects.filter(role=Role.COMMUNITY_STAFF).values_list("community_id", "pk").order_by("community_id")
        )
        residents = list(
            Resident.objects.filter(employment_status=EmploymentStatus.UNEMPLOYED).values_list(
                "pk", "community_id", "created_at"
            )
        )
        others = list(
            Resident.objects.exclude(employment_status=EmploymentStatus.UNEMPLOYED).values_list(
                "pk", "community_id", "created_at"
            )[: self.sizes["residents"] // 4]
        )
        kinds = [
            ServiceKind.POLICY_CONTACT,
            ServiceKind.CAREER_GUIDANCE,
            ServiceKind.JOB_RECOMMENDATION,
            ServiceKind.TRAINING_INFORMATION,
            ServiceKind.FOLLOW_UP,
            ServiceKind.NEEDS_COLLECTION,
        ]
        channels = list(ServiceChannel.values)
        fallback_staff = next(iter(staff_by_community.values()))
        now = timezone.now()
        attnames = ["resident_id", "kind", "served_on", "staff_id", "channel", "note", "concerns_label", "created_at"]
        rng, today = self.rng, self.today
        made = 0
        while made < target:
            rows = []
            for _ in range(min(BATCH * 4, target - made)):
                pk, community_id, created_at = rng.choice(residents if rng.random() < 0.7 else others)
                start = created_at.date()
                span = max((today - start).days, 1)
                rows.append(
                    (
                        pk,
                        rng.choices(kinds, weights=(2, 3, 3, 3, 1, 1))[0],
                        start + dt.timedelta(days=rng.randrange(span)),
                        staff_by_community.get(community_id, fallback_staff),
                        rng.choice(channels),
                        "",
                        "",
                        now,
                    )
                )
            copy_tuples(ServiceRecord, attnames, rows)
            made += len(rows)
        return made

    # --- other apps -----------------------------------------------------------------
    def jobs(self) -> int:
        from jobs.models import Employer, Posting

        communities = list(Community.objects.values_list("pk", flat=True))
        weights = self.community_weights(communities)
        start = Employer.objects.count()
        # One weighted draw for all employers: choices() per row re-sums 2,400 weights each time.
        homes = iter(self.rng.choices(communities, weights=weights, k=max(self.sizes["employers"] - start, 0)))
        employers = []
        for i in range(start, self.sizes["employers"]):
            first17 = f"91370400MA{i:07d}"[:17]
            employers.append(
                Employer(
                    community_id=next(homes),
                    name=f"枣庄市第{i}商贸有限公司",
                    credit_code=first17 + credit_code_check_char(first17),
                    industry=self.rng.choice(["制造业", "批发零售", "餐饮住宿", "物业服务", "物流"]),
                    contact_name="王经理",
                    contact_phone="13800000000",
                )
            )
        Employer.objects.bulk_create(employers, batch_size=BATCH)
        employer_rows = list(Employer.objects.values_list("pk", "community_id"))
        need = self.sizes["postings"] - Posting.objects.count()
        postings = []
        now = timezone.now()
        category_choices = Posting._meta.get_field("occupation_category").choices
        patterns = ["full_time", "part_time", "flexible", "home_piecework"]
        for _i in range(max(need, 0)):
            employer_id, community_id = self.rng.choice(employer_rows)
            low = self.rng.randrange(2000, 6000, 100)
            postings.append(
                Posting(
                    employer_id=employer_id,
                    community_id=community_id,
                    title=self.rng.choice(["保洁员", "保安员", "仓库管理员", "服务员", "普工", "收银员", "配送员"]),
                    occupation_category=self.rng.choice(category_choices)[0],
                    headcount=self.rng.randrange(1, 10),
                    salary_min=low,
                    salary_max=low + self.rng.randrange(0, 3000, 100),
                    work_pattern=self.rng.choice(patterns),
                    valid_from=self.today - dt.timedelta(days=self.rng.randrange(0, 60)),
                    valid_until=self.today + dt.timedelta(days=self.rng.randrange(1, 90)),
                    contact_name="王经理",
                    contact_phone="13800000000",
                    status="published",
                    published_at=now - dt.timedelta(days=self.rng.randrange(0, 60)),
                )
            )
            if len(postings) >= BATCH:
                Posting.objects.bulk_create(postings)
                postings = []
        Posting.objects.bulk_create(postings)
        return len(employers) + max(need, 0)

    def assistance(self) -> int:
        from assistance.models import AssistanceCase, CaseStatus
        from assistance.schedule import year_last_day

        staff_by_community = dict(
            User.objects.filter(role=Role.COMMUNITY_STAFF).values_list("community_id", "pk").order_by("community_id")
        )
        cases = []
        for pk, community_id, registered_on in (
            # Only the registered unemployed without an open case: the demo's
            # cases and an earlier run's stay as they are.
            UnemploymentRegistration.objects.filter(ended_on__isnull=True)
            .exclude(resident__assistance_cases__status=CaseStatus.OPEN)
            .values_list("resident_id", "resident__community_id", "registered_on")
            .iterator(chunk_size=BATCH)
        ):
            staff = staff_by_community.get(community_id)
            if staff is None:
                continue
            cases.append(
                AssistanceCase(
                    resident_id=pk,
                    assigned_to_id=staff,
                    opened_by_id=staff,
                    opened_on=registered_on,
                    year_ends_on=year_last_day(registered_on),
                )
            )
        AssistanceCase.objects.bulk_create(cases, batch_size=BATCH)
        return len(cases)

    def run(self) -> None:
        self.say("City-scale data (bulk):")
        for label, step in (
            ("streets and communities", self.region),
            ("stations and staff", self.stations_and_staff),
            ("residents", self.residents),
            ("groups and registrations", self.groups_and_registrations),
            ("service records", self.services),
            ("employers and postings", self.jobs),
            ("assistance cases", self.assistance),
        ):
            # One transaction per step: a long city load keeps what it finished.
            with transaction.atomic():
                self.timed(label, step)


def seed_city(*, scale: str, rng: random.Random, stdout=None) -> None:
    CityGenerator(rng=rng, stdout=stdout).run()
