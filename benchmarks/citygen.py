"""City-sized synthetic data for `seed_demo --scale city` (and `city500k`).

Two profiles (PROFILES). `city` is Zaozhuang at its real size: a
labour-resource register of 2,000,000 working-age people, 8,000,000 service
records over three years, 150,000 open assistance cases, 30,000 employers,
50,000 live postings and 500,000 expired ones, 300,000 training enrolments.
`city500k` is the data of the earlier runs (500,000 residents), kept so that
`make bench` can compare each figure across the two sizes. Both have 6
districts, 65 streets and 2,400 communities with a station each.

Written in bulk (PostgreSQL COPY of plain tuples for the big tables, no
save() per row), deterministic for a seed, skewed like a real city (a few
communities far busier than most, capped), histories over three years. Each
step tops up to its size, so a second run adds nothing. The run ends with
VACUUM (ANALYZE), so the first query plans see real statistics.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import io
import itertools
import json
import random
import re
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
from stations.search_tokens import search_tokens_for
from stations.validators import credit_code_check_char, id_check_char

PROFILES = {
    # The city data of the earlier benchmark runs (README's table of 2026-11-26).
    "city500k": {
        "streets": 65,
        "communities": 2400,
        "residents": 500_000,
        "services": 2_000_000,
        # Open assistance cases = the registered unemployed (12% of residents, as before).
        "cases": 60_000,
        "employers": 30_000,
        "postings": 50_000,
        "expired_postings": 0,
        "enrolments": 100_000,
        "applications": 20_000,
    },
    # Zaozhuang's real size (issue 18): about 3.85 million people, a register of
    # about 2 million working-age people. Subsidy applications are not named
    # there and stay as they were.
    "city": {
        "streets": 65,
        "communities": 2400,
        "residents": 2_000_000,
        "services": 8_000_000,
        "cases": 150_000,
        "employers": 30_000,
        "postings": 50_000,
        "expired_postings": 500_000,
        "enrolments": 300_000,
        "applications": 20_000,
    },
}
SIZES = PROFILES["city500k"]
# Sizes that follow from the ones above unless given: classes of ~25, needs
# for three in ten enrolments, a business for three in ten applications.
DERIVED = {
    "classes": ("enrolments", 1 / 25),
    "training_needs": ("enrolments", 0.3),
    "businesses": ("applications", 0.3),
    "loans": ("applications", 0.15),
}
BATCH = 5000
PARETO_CAP = 100


_CSV_SPECIAL = re.compile(r'[,"\n\r\\]')


def _businesses_with_a_founder() -> tuple[dict[int, int], list[tuple]]:
    """{business pk: its first founder's pk}, and (pk, kind, registered_on,
    community_id) of those businesses, in pk order."""
    from entrepreneurship.models import Business

    founders: dict[int, int] = {}
    for business_id, resident_id in Business.founders.through.objects.order_by("pk").values_list(
        "business_id", "resident_id"
    ):
        founders.setdefault(business_id, resident_id)
    businesses = [
        b
        for b in Business.objects.order_by("pk").values_list("pk", "kind", "registered_on", "community_id")
        if b[0] in founders
    ]
    return founders, businesses


def _csv_text(text: str) -> str:
    if _CSV_SPECIAL.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


# One formatter per Python type: a chain of isinstance checks for each of the
# 200 million values of the city data was a third of the generator's own time.
_CSV_BY_TYPE = {
    str: _csv_text,
    int: str,
    float: repr,
    bool: lambda v: "t" if v else "f",
    type(None): lambda _v: "\\N",
    dt.date: dt.date.isoformat,
    dt.datetime: dt.datetime.isoformat,
    Decimal: str,
}


def _csv_value(value) -> str:
    formatter = _CSV_BY_TYPE.get(type(value))
    if formatter is not None:
        return formatter(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return _csv_text(str(value))  # str subclasses such as choices members


def _missing_defaults(model, attnames: list[str]) -> tuple[list[str], list]:
    """The concrete columns a caller's tuples leave out, with the value Django
    would save for each (its default, else NULL, else now for timestamps), so
    a column added to a model later does not break the COPY."""
    names, values = [], []
    now = timezone.now()
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in attnames:
            continue
        if field.has_default():
            value = field.get_default()
            value = json.dumps(value) if isinstance(field, models.JSONField) else value
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        elif field.null:
            value = None
        elif isinstance(field, models.CharField | models.TextField):
            value = ""
        else:
            raise ValueError(f"{model.__name__}.{field.attname} needs a value in the generated rows")
        names.append(field.attname)
        values.append(value)
    return names, values


def copy_tuples(model, attnames: list[str], rows: list[tuple]) -> None:
    """The fastest path for the biggest tables: plain tuples, no model
    instances. Columns the tuples leave out take their defaults."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(attnames, row, strict=True))) for row in rows], batch_size=BATCH)
        return
    extra_names, extra_values = _missing_defaults(model, attnames)
    tail = "".join("," + _csv_value(v) for v in extra_values) + "\n"
    buffer = io.StringIO()
    write = buffer.write
    by_type = _CSV_BY_TYPE
    for row in rows:
        write(",".join([by_type[type(v)](v) if type(v) in by_type else _csv_value(v) for v in row]))
        write(tail)
    buffer.seek(0)
    fields = {f.attname: f.column for f in model._meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(fields[name]) for name in [*attnames, *extra_names])
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer)  # noqa: S608


# Below this many new rows, or fewer than the table holds, indexes are kept up
# row by row; above, they are dropped and built again after the load.
REBUILD_INDEXES_AT = 100_000


@contextlib.contextmanager
def indexes_deferred(model, *, adding: int, at_least: int = REBUILD_INDEXES_AT):
    """Load a big table as pg_restore does: drop its secondary indexes and
    foreign keys, COPY, then build the indexes once and validate each key in
    one pass. Building an index over 8 million rows is several times cheaper
    than maintaining it per row, and each foreign key otherwise queues a check
    per row until the commit. Transactional: a failed step restores them.
    Primary and unique keys stay (they keep the data right during the load)."""
    if connection.vendor != "postgresql" or adding < at_least or adding < model.objects.count():
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("indexes_deferred needs a transaction: a failed load must not leave a table without indexes")
    quote = connection.ops.quote_name
    table = model._meta.db_table
    # ALTER TABLE refuses while earlier rows of the transaction wait for their
    # deferred key checks: run those checks now.
    settle = "SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED"
    with connection.cursor() as cursor:
        cursor.execute(settle)
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
            [table],
        )
        keys = cursor.fetchall()
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT x.indisunique ORDER BY i.relname",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute(settle)
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")


def _copy_value(obj, attname: str, field, as_json: set[str]):
    value = getattr(obj, attname)
    if field is None or value is None:  # None is SQL NULL, as Django saves it (not JSON null)
        return value
    if attname in as_json:
        return json.dumps(value, ensure_ascii=False)
    return field.get_db_prep_save(value, connection)


def bulk_insert(model, objects: list, *, with_pk: bool = False) -> None:
    """PostgreSQL COPY for the big tables (several times faster than INSERT),
    bulk_create elsewhere. Values are taken as the instances hold them, so
    auto_now fields must be set by the caller. with_pk: the instances carry
    their primary keys (see insert_keyed)."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=BATCH)
        return
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
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
    # The driver's JSON adapter renders an SQL literal, not the text COPY reads.
    as_json = {f.attname for f in fields if isinstance(f, models.JSONField)}
    buffer = io.StringIO()
    for obj in objects:
        # Timestamps the caller set (a history spread over years) are kept.
        for attname in stamped:
            if getattr(obj, attname) is None:
                setattr(obj, attname, now)
        buffer.write(",".join(_csv_value(_copy_value(obj, attname, f, as_json)) for attname, f in convert))
        buffer.write("\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer)  # noqa: S608


def insert_keyed(model, objects: list) -> None:
    """Insert giving every instance its primary key (rows that others point
    at) and keeping the timestamps the caller set, on every database.

    PostgreSQL: keys drawn from the table's sequence in one query, then COPY.
    Elsewhere bulk_create stamps auto_now_add fields with now, so the caller's
    dates are written back afterwards (only small test data goes this way)."""
    if not objects:
        return
    if connection.vendor == "postgresql":
        pk = model._meta.pk
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, pk.column, len(objects)],
            )
            for obj, (key,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = key
        bulk_insert(model, objects, with_pk=True)
        return
    stamped = [
        f.attname
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    wanted = [[getattr(obj, name) for name in stamped] for obj in objects]
    model.objects.bulk_create(objects, batch_size=BATCH)
    for obj, values in zip(objects, wanted, strict=True):
        for name, value in zip(stamped, values, strict=True):
            if value is not None:
                setattr(obj, name, value)
    if stamped:
        model.objects.bulk_update(objects, stamped, batch_size=BATCH)


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

# --- training and startups ------------------------------------------------------------
# (course, trade, hours, subsidy yuan, audience, programme, how often districts run it)
COURSES = [
    ("家政服务员（五级）", "家政服务员", 80, "1200", "redeployment", "housekeeping", 8),
    ("养老护理员（五级）", "养老护理员", 96, "1400", "redeployment", "health_care", 8),
    ("育婴员（五级）", "育婴员", 80, "1200", "redeployment", "housekeeping", 6),
    ("保育师（五级）", "保育师", 80, "1200", "employment_skills", "health_care", 3),
    ("健康照护师", "健康照护师", 90, "1400", "redeployment", "health_care", 4),
    ("中式烹调师（鲁菜师傅）", "中式烹调师", 120, "1800", "redeployment", "lu_cuisine_chef", 6),
    ("中式面点师（鲁菜师傅）", "中式面点师", 100, "1500", "labour_preparation", "lu_cuisine_chef", 4),
    ("西式面点师", "西式面点师", 100, "1500", "labour_preparation", "", 2),
    ("电工（初级）", "电工", 120, "1800", "redeployment", "qilu_builder", 5),
    ("焊工（初级）", "焊工", 120, "1800", "redeployment", "qilu_builder", 3),
    ("砌筑工（齐鲁建筑工匠）", "砌筑工", 90, "1300", "redeployment", "qilu_builder", 2),
    ("钢筋工（齐鲁建筑工匠）", "钢筋工", 90, "1300", "redeployment", "qilu_builder", 2),
    ("网约配送员", "网约配送员", 40, "600", "employment_skills", "delivery", 7),
    ("快递员", "快递员", 40, "600", "redeployment", "delivery", 3),
    ("直播销售员", "直播销售员", 60, "1000", "employment_skills", "live_selling", 6),
    ("电子商务师（农村电商）", "电子商务师", 80, "1200", "employment_skills", "live_selling", 3),
    ("柳编草编（山东手造）", "手工编织工", 60, "800", "practical_skills", "shandong_handcraft", 3),
    ("鲁绣（山东手造）", "刺绣工", 60, "800", "practical_skills", "shandong_handcraft", 2),
    ("剪纸（山东手造）", "剪纸工", 40, "600", "practical_skills", "shandong_handcraft", 2),
    ("石榴盆景制作（山东手造）", "盆景工", 60, "900", "practical_skills", "shandong_handcraft", 2),
    ("美容师（五级）", "美容师", 100, "1400", "employment_skills", "", 2),
    ("美发师（五级）", "美发师", 100, "1400", "labour_preparation", "", 2),
    ("汽车维修工（初级）", "汽车维修工", 120, "1800", "labour_preparation", "", 2),
    ("保安员", "保安员", 40, "600", "redeployment", "", 3),
    ("创业培训（SIYB）", "创业者", 80, "1500", "startup_literacy", "", 4),
    ("网络创业培训", "网络创业者", 60, "1200", "startup_literacy", "live_selling", 2),
]
ENTRY_REQUIREMENTS = {
    "redeployment": "16–60 周岁，有就业意愿的登记失业人员、转岗职工",
    "employment_skills": "高校毕业生、返乡青年优先，初中以上文化",
    "labour_preparation": "未能继续升学的初高中毕业生",
    "practical_skills": "残疾人、社区矫正对象等可报名",
    "startup_literacy": "有创业意愿、具备一定文化程度",
}
PROVIDER_WORDS = ["阳光", "鲁南", "运河", "青檀", "抱犊崮", "榴园", "奚仲", "匠心"]
UNLISTED_TRADES = ["叉车司机", "收纳师", "茶艺师", "无人机驾驶员", "母婴护理员", "中药炮制工"]
SHOPS = [
    ("早餐店", "餐饮"),
    ("菜煎饼店", "餐饮"),
    ("羊肉汤馆", "餐饮"),
    ("小吃店", "餐饮"),
    ("家政服务部", "家政服务"),
    ("洗衣店", "居民服务"),
    ("理发店", "居民服务"),
    ("家电维修铺", "居民服务"),
    ("便利店", "批发零售"),
    ("水果店", "批发零售"),
    ("花店", "批发零售"),
    ("手造工作室", "手工艺"),
    ("电商直播间", "电子商务"),
    ("快递驿站", "物流"),
]
ENTERPRISE_TRADES = [
    ("家政服务", "家政服务"),
    ("养老服务", "养老服务"),
    ("餐饮管理", "餐饮"),
    ("电子商务", "电子商务"),
    ("物流", "物流"),
    ("建筑劳务", "建筑业"),
    ("文化创意", "文化创意"),
    ("农业科技", "农业"),
    ("物业服务", "物业服务"),
    ("汽车维修", "居民服务"),
]
BRAND_WORDS = ["鲁南", "运河", "榴园", "善国", "青檀", "抱犊", "微湖", "墨子", "奚仲", "匠心", "和美", "乐居"]
BANKS = ["枣庄农村商业银行", "中国邮政储蓄银行枣庄市分行", "枣庄银行", "中国农业银行枣庄分行", "齐鲁银行枣庄分行"]


class _Pool:
    """Weighted draws from a fixed list (cumulative weights: choices() would
    re-sum the weights on every call)."""

    def __init__(self, items, weights):
        kept = [(item, w) for item, w in zip(items, weights, strict=True) if w > 0]
        self.items = [item for item, _w in kept]
        self.cum = list(itertools.accumulate(w for _item, w in kept))
        self.total = self.cum[-1] if self.cum else 0

    def draw(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cum)[0]


class _PolicyHistory:
    """The subsidy figures in force on a day, asking the policy once per
    period between two changes of the figures (not once per application)."""

    KEYS = (
        "entrepreneurship.startup_subsidy_micro_enterprise",
        "entrepreneurship.startup_subsidy_individual_business",
        "entrepreneurship.hiring_subsidy_per_person",
        "entrepreneurship.social_insurance_subsidy_max",
        "entrepreneurship.rent_subsidy_max",
    )

    def __init__(self, amount, ceiling):
        from stations.models import PolicyParameterValue

        self._amount, self._ceiling = amount, ceiling
        self.changes = sorted(
            set(PolicyParameterValue.objects.filter(key__in=self.KEYS).values_list("valid_from", flat=True))
        )
        self.memo: dict = {}

    def _regime(self, day: dt.date) -> int:
        return bisect.bisect_right(self.changes, day)

    def amount(self, kind, business_kind, day: dt.date):
        key = ("amount", kind, business_kind, self._regime(day))
        if key not in self.memo:
            self.memo[key] = self._amount(kind, business_kind=business_kind, on=day)
        return self.memo[key]

    def ceiling(self, kind, day: dt.date):
        key = ("ceiling", kind, self._regime(day))
        if key not in self.memo:
            self.memo[key] = self._ceiling(kind, on=day)
        return self.memo[key]


def _eligibility(kind: str) -> list[dict]:
    """The checks as the service stores them at submission (in the portal's
    language), all passed: the generated applications are ones that could be
    filed."""
    checks = [("not_awarded_before", "此前无同类申请。")]
    if kind in ("startup", "rent"):
        checks.append(("founder", "申请人为该经营主体的创办人。"))
    checks.append(
        {
            "startup": ("newly_registered", "在登记注册后的申领期限内。"),
            "hiring": ("contract_one_year", "劳动合同期限不少于 12 个月。"),
            "social_insurance": ("in_work", "已登记为就业困难人员，且已就业。"),
            "rent": ("rent", "已登记月租金。"),
        }[kind]
    )
    return [{"rule": rule, "passed": True, "message": message, "evidence": ""} for rule, message in checks]


class CityGenerator:
    def __init__(self, *, rng: random.Random, stdout=None, sizes: dict | None = None, profile: str = "city500k"):
        self.rng = rng
        self.stdout = stdout
        base = PROFILES[profile]
        self.sizes = {**base, **(sizes or {})}
        if "cases" not in (sizes or {}):
            # The profile's share of registered unemployed, for other resident counts.
            self.sizes["cases"] = round(self.sizes["residents"] * base["cases"] / base["residents"])
        for key, (base, share) in DERIVED.items():
            self.sizes.setdefault(key, max(1, round(self.sizes[base] * share)))
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
        # Capped: uncapped, one draw in 2,400 put over a quarter of the city's
        # residents (137,000) in one community, which no community holds. With
        # the cap the busiest holds about 6,000, some 60 times the median.
        return [min(self.rng.paretovariate(1.3), PARETO_CAP) for _ in ids]

    # Employment statuses other than registered unemployed, in the shares of the
    # earlier data (40 : 14 : 7 : 27); the unemployed are as many as the cases.
    STATUSES = (
        (EmploymentStatus.EMPLOYED, 40),
        (EmploymentStatus.FLEXIBLE, 14),
        (EmploymentStatus.SELF_EMPLOYED, 7),
        (EmploymentStatus.NOT_IN_LABOUR_FORCE, 27),
    )
    RESIDENT_COLUMNS = [
        "community_id",
        "name",
        "id_number",
        "birth_date",
        "sex",
        "mobile",
        "address",
        "education",
        "employment_status",
        "skill_level",
        "wants_training",
        "wanted_job_categories",
        "wanted_work_pattern",
        "four_clears_score",
        "search_tokens",
        "id_tail",
        "mobile_tail",
        "registered_on",
        "created_at",
        "updated_at",
    ]

    def resident_tuples(self, target: int, communities: list[tuple[int, str]], taken: set[str]):
        """`target` residents as tuples in RESIDENT_COLUMNS order, in batches.
        Exactly round(target * cases / residents) of them are registered
        unemployed (each becomes an open assistance case). The stored derived
        fields are what Resident.derive() computes (a test holds them to it)."""
        rng = self.rng
        weights = self.community_weights([c[0] for c in communities])
        picks = rng.choices(communities, weights=weights, k=target)
        share = self.sizes["cases"] / max(self.sizes["residents"], 1)
        unemployed = set(rng.sample(range(target), min(target, round(target * share))))
        status_pool = _Pool([s for s, _w in self.STATUSES], [w for _s, w in self.STATUSES])
        now = timezone.now()
        # Generated ID numbers continue after those of an earlier partial run.
        serial = len(taken)
        batch = []
        for index, (community_id, district_code) in enumerate(picks):
            while True:
                serial += 1
                birth = dt.date(1958, 1, 1) + dt.timedelta(days=(serial * 7919) % (365 * 47))
                first17 = f"{district_code}{birth:%Y%m%d}{(serial // 16000) % 1000:03d}"
                id_number = first17 + id_check_char(first17)
                if id_number not in taken:
                    taken.add(id_number)
                    break
            jobless = index in unemployed
            status = EmploymentStatus.UNEMPLOYED if jobless else status_pool.draw(rng)
            name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
            mobile = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
            education = rng.choice(["junior", "senior", "vocational", "college", "bachelor"])
            skill = rng.choice(["none", "none", "junior", "intermediate", ""])
            wants = rng.choice([True, False, None])
            # Four clears: basic and direction always hold here (the unemployed
            # state their wishes), skill and training wish when given.
            score = 2 + (skill != "") + (wants is not None)
            created = now - dt.timedelta(days=rng.randrange(0, 3 * 365))
            batch.append(
                (
                    community_id,
                    name,
                    id_number,
                    birth,
                    "M" if int(first17[16]) % 2 else "F",
                    mobile,
                    "幸福小区",
                    education,
                    status,
                    skill,
                    wants,
                    "保洁、保安" if jobless else "",
                    "full_time" if jobless else "",
                    score,
                    search_tokens_for(name),
                    id_number[-4:],
                    mobile[-4:],
                    timezone.localtime(created).date(),
                    created,
                    now,
                )
            )
            if len(batch) >= BATCH * 4:
                yield batch
                batch = []
        if batch:
            yield batch

    def residents(self) -> int:
        target = self.sizes["residents"] - Resident.objects.count()
        if target <= 0:
            return 0
        communities = list(Community.objects.order_by("pk").values_list("pk", "street__district__code"))
        taken = set(Resident.objects.values_list("id_number", flat=True))
        created = 0
        with indexes_deferred(Resident, adding=target):
            for batch in self.resident_tuples(target, communities, taken):
                copy_tuples(Resident, self.RESIDENT_COLUMNS, batch)
                created += len(batch)
        return created

    def groups_and_registrations(self) -> int:
        from stations.target_group_rules import group_fits

        groups = list(TargetGroup.objects.order_by("pk").values_list("pk", "code"))
        through = Resident.target_groups.through
        rows, regs, made = [], [], 0
        # Residents already registered (the small demo's, or an earlier run's)
        # keep their one open registration; residents with a group keep theirs.
        registered = set(
            UnemploymentRegistration.objects.filter(ended_on__isnull=True).values_list("resident_id", flat=True)
        )
        grouped = set(through.objects.values_list("resident_id", flat=True))
        reg_columns = ["resident_id", "number", "registered_on", "ended_on", "end_reason"]
        for pk, status, created_at, sex, birth_date in (
            Resident.objects.order_by("pk")
            .values_list("pk", "employment_status", "created_at", "sex", "birth_date")
            .iterator(chunk_size=BATCH * 4)
        ):
            if pk % 7 == 0 and groups and pk not in grouped:
                # The group the pk picks, or the next one that fits the person (no man a mother).
                for step in range(len(groups)):
                    group_pk, code = groups[(pk + step) % len(groups)]
                    if group_fits(code, sex=sex, birth_date=birth_date, on=self.today):
                        rows.append((pk, group_pk))
                        break
            if status == EmploymentStatus.UNEMPLOYED and pk not in registered:
                regs.append((pk, f"SY{pk:09d}", timezone.localtime(created_at).date(), None, ""))
            if len(rows) >= BATCH * 4:
                copy_tuples(through, ["resident_id", "targetgroup_id"], rows)
                made, rows = made + len(rows), []
            if len(regs) >= BATCH * 4:
                copy_tuples(UnemploymentRegistration, reg_columns, regs)
                made, regs = made + len(regs), []
        copy_tuples(through, ["resident_id", "targetgroup_id"], rows)
        copy_tuples(UnemploymentRegistration, reg_columns, regs)
        return made + len(rows) + len(regs)

    def services(self) -> int:
        """Service records over three years, 70% to the registered unemployed
        (the 12333 cases), the rest to a quarter of the other residents."""
        target = self.sizes["services"] - ServiceRecord.objects.count()
        if target <= 0:
            return 0
        staff_by_community = dict(
            User.objects.filter(role=Role.COMMUNITY_STAFF).values_list("community_id", "pk").order_by("community_id")
        )
        people = Resident.objects.order_by("pk").values_list("pk", "community_id", "created_at")
        residents = list(people.filter(employment_status=EmploymentStatus.UNEMPLOYED))
        others = list(people.exclude(employment_status=EmploymentStatus.UNEMPLOYED)[: self.sizes["residents"] // 4])
        if not residents:
            residents = others
        if not others:
            others = residents
        kinds = _Pool(
            [
                ServiceKind.POLICY_CONTACT.value,
                ServiceKind.CAREER_GUIDANCE.value,
                ServiceKind.JOB_RECOMMENDATION.value,
                ServiceKind.TRAINING_INFORMATION.value,
                ServiceKind.FOLLOW_UP.value,
                ServiceKind.NEEDS_COLLECTION.value,
            ],
            (2, 3, 3, 3, 1, 1),
        )
        channels = [str(c) for c in ServiceChannel.values]
        fallback_staff = next(iter(staff_by_community.values()))
        now = timezone.now()
        attnames = ["resident_id", "kind", "served_on", "staff_id", "channel", "note", "concerns_label", "created_at"]
        rng, today = self.rng, self.today

        # Per resident: (pk, staff, first day, days up to today), computed once
        # (8 million rows: per-row date arithmetic was most of the step).
        def prepared(rows):
            out = []
            for pk, community_id, created_at in rows:
                start = timezone.localtime(created_at).date()  # the Beijing day, as created_at__date reads it
                out.append(
                    (
                        pk,
                        staff_by_community.get(community_id, fallback_staff),
                        start.toordinal(),
                        max((today - start).days, 1),
                    )
                )
            return out

        residents, others = prepared(residents), prepared(others)
        day_of = dt.date.fromordinal
        random_, choice, randrange = rng.random, rng.choice, rng.randrange
        kind_items, kind_cum, kind_total = kinds.items, kinds.cum, kinds.total
        made = 0
        with indexes_deferred(ServiceRecord, adding=target):
            while made < target:
                rows = []
                for _ in range(min(BATCH * 8, target - made)):
                    pk, staff, start, span = choice(residents if random_() < 0.7 else others)
                    kind = kind_items[bisect.bisect_right(kind_cum, random_() * kind_total)]
                    rows.append((pk, kind, day_of(start + randrange(span)), staff, choice(channels), "", "", now))
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
        employer_rows = list(Employer.objects.order_by("pk").values_list("pk", "community_id"))
        places = {
            pk: (float(lat) if lat is not None else None, float(lng) if lng is not None else None)
            for pk, lat, lng in Community.objects.values_list("pk", "latitude", "longitude")
        }
        now = timezone.now()
        today = self.today
        category_choices = [value for value, _label in Posting._meta.get_field("occupation_category").choices]
        patterns = ["full_time", "part_time", "flexible", "home_piecework"]
        titles = ["保洁员", "保安员", "仓库管理员", "服务员", "普工", "收银员", "配送员"]
        columns = [
            "employer_id",
            "community_id",
            "title",
            "occupation_category",
            "headcount",
            "salary_min",
            "salary_max",
            "pay_unit",
            "work_pattern",
            "valid_from",
            "valid_until",
            "contact_name",
            "contact_phone",
            "status",
            "published_at",
            "latitude",
            "longitude",
            "created_at",
            "updated_at",
        ]
        rng = self.rng
        made = 0
        # Live postings (published, open today), then the expired ones of the
        # three years before: the market keeps them, residents no longer see them.
        needs = {
            status: max(self.sizes[size] - Posting.objects.filter(status=status).count(), 0)
            for status, size in (("published", "postings"), ("expired", "expired_postings"))
        }
        with indexes_deferred(Posting, adding=sum(needs.values())):
            for status, need in needs.items():
                for start in range(0, need, BATCH * 4):
                    rows = []
                    for _i in range(min(BATCH * 4, need - start)):
                        employer_id, community_id = rng.choice(employer_rows)
                        pattern = rng.choice(patterns)
                        # Lawful pay, as the screening requires of a published posting: at
                        # least the default minimum wage, per hour for part-time work.
                        if pattern == "part_time":
                            unit, low = "hour", rng.randrange(21, 40)
                            high = low + rng.randrange(0, 15)
                        else:
                            unit, low = "month", rng.randrange(2100, 6000, 100)
                            high = low + rng.randrange(0, 3000, 100)
                        if status == "published":
                            valid_from = today - dt.timedelta(days=rng.randrange(0, 60))
                            valid_until = today + dt.timedelta(days=rng.randrange(1, 90))
                            published = now - dt.timedelta(days=rng.randrange(0, 60))
                        else:
                            valid_from = today - dt.timedelta(days=rng.randrange(91, 3 * 365))
                            valid_until = min(
                                valid_from + dt.timedelta(days=rng.randrange(14, 90)), today - dt.timedelta(days=1)
                            )
                            published = timezone.make_aware(dt.datetime.combine(valid_from, dt.time(9)))
                        lat, lng = places.get(community_id, (None, None))
                        rows.append(
                            (
                                employer_id,
                                community_id,
                                rng.choice(titles),
                                rng.choice(category_choices),
                                rng.randrange(1, 10),
                                low,
                                high,
                                unit,
                                pattern,
                                valid_from,
                                valid_until,
                                "王经理",
                                "13800000000",
                                status,
                                published,
                                lat,
                                lng,
                                published,
                                now,
                            )
                        )
                    copy_tuples(Posting, columns, rows)
                    made += len(rows)
        return len(employers) + made

    def assistance(self) -> int:
        from assistance.models import AssistanceCase, CaseStatus
        from assistance.schedule import year_last_day

        staff_by_community = dict(
            User.objects.filter(role=Role.COMMUNITY_STAFF).values_list("community_id", "pk").order_by("community_id")
        )
        cases = []
        now = timezone.now()
        columns = [
            "resident_id",
            "assigned_to_id",
            "opened_by_id",
            "opened_on",
            "year_ends_on",
            "created_at",
            "updated_at",
        ]
        for pk, community_id, registered_on in (
            # Only the registered unemployed without an open case: the demo's
            # cases and an earlier run's stay as they are.
            UnemploymentRegistration.objects.filter(ended_on__isnull=True)
            .exclude(resident__assistance_cases__status=CaseStatus.OPEN)
            .order_by("resident_id")
            .values_list("resident_id", "resident__community_id", "registered_on")
            .iterator(chunk_size=BATCH * 4)
        ):
            staff = staff_by_community.get(community_id)
            if staff is None:
                continue
            cases.append((pk, staff, staff, registered_on, year_last_day(registered_on), now, now))
        with indexes_deferred(AssistanceCase, adding=len(cases)):
            for start in range(0, len(cases), BATCH * 4):
                copy_tuples(AssistanceCase, columns, cases[start : start + BATCH * 4])
        return len(cases)

    # --- shared by the training and startup steps ------------------------------------
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

    def people(self) -> dict:
        """Staff per node and the region's shape, read once per run."""
        if getattr(self, "_people", None) is None:
            by_role = {
                role: dict(
                    User.objects.filter(role=role, is_active=True)
                    .order_by(f"{node}_id", "-pk")
                    .values_list(f"{node}_id", "pk")
                )
                for role, node in (
                    (Role.COMMUNITY_STAFF, "community"),
                    (Role.STREET_OFFICER, "street"),
                    (Role.DISTRICT_BUREAU, "district"),
                )
            }
            communities = {
                pk: (street_id, district_id, name)
                for pk, street_id, district_id, name in Community.objects.values_list(
                    "pk", "street_id", "street__district_id", "name"
                )
            }
            any_staff = next(iter(by_role[Role.COMMUNITY_STAFF].values()), None)
            city = User.objects.filter(role=Role.CITY_BUREAU).order_by("pk").values_list("pk", flat=True).first()
            self._people = {
                "staff": by_role[Role.COMMUNITY_STAFF],
                "officer": by_role[Role.STREET_OFFICER],
                "bureau": by_role[Role.DISTRICT_BUREAU],
                "communities": communities,
                "any_staff": any_staff,
                "any_reviewer": city or any_staff,
            }
        return self._people

    def staff_of(self, community_id: int) -> int:
        people = self.people()
        return people["staff"].get(community_id, people["any_staff"])

    def officer_of(self, community_id: int) -> int:
        people = self.people()
        return people["officer"].get(people["communities"][community_id][0], people["any_reviewer"])

    def bureau_of(self, community_id: int) -> int:
        people = self.people()
        return people["bureau"].get(people["communities"][community_id][1], people["any_reviewer"])

    def resident_rows(self) -> dict:
        """Every resident on the registry as parallel lists (500,000 rows: a
        dict per resident would cost several times the memory)."""
        if getattr(self, "_residents", None) is None:
            from stations.models import TargetGroupCode

            ids, communities, statuses, wants = [], [], [], []
            for pk, community_id, status, wants_training in (
                Resident.objects.filter(removed_at__isnull=True)
                .order_by("pk")
                .values_list("pk", "community_id", "employment_status", "wants_training")
                .iterator(chunk_size=BATCH * 4)
            ):
                ids.append(pk)
                communities.append(community_id)
                statuses.append(status)
                wants.append(wants_training)
            through = Resident.target_groups.through
            grouped = set(through.objects.values_list("resident_id", flat=True))
            hard = set(
                through.objects.filter(targetgroup__code=TargetGroupCode.HARD_TO_EMPLOY).values_list(
                    "resident_id", flat=True
                )
            )
            self._residents = {
                "ids": ids,
                "community": communities,
                "status": statuses,
                "wants": wants,
                "grouped": grouped,
                "hard": hard,
            }
        return self._residents

    def pools(self, weight, by: str) -> dict:
        """Weighted draws of residents (their row index) per district or street."""
        rows = self.resident_rows()
        communities = self.people()["communities"]
        place = 0 if by == "street" else 1
        members: dict[int, list[int]] = {}
        weights: dict[int, list[float]] = {}
        for i, (pk, community_id, status) in enumerate(
            zip(rows["ids"], rows["community"], rows["status"], strict=True)
        ):
            w = weight(pk, status, rows["wants"][i])
            if w <= 0:
                continue
            key = communities[community_id][place]
            members.setdefault(key, []).append(i)
            weights.setdefault(key, []).append(w)
        return {key: _Pool(members[key], weights[key]) for key in members}

    def in_history(self) -> tuple[dt.date, int]:
        """The start of the generated history and its length in days."""
        start = self.today - dt.timedelta(days=3 * 365)
        return start, (self.today - start).days

    def at(self, day: dt.date) -> dt.datetime:
        """A moment in office hours on `day`."""
        minutes = self.rng.randrange(8 * 60 + 30, 17 * 60 + 30)
        return timezone.make_aware(dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60)))

    # --- training ---------------------------------------------------------------------------
    def training_catalogues(self) -> int:
        """Per district the published catalogue with ~25 courses and ~8 providers.
        A district's published catalogue (the small demo's) is kept and filled
        up; the title is the demo's, so a later small seed finds this one."""
        from training.models import Catalogue, CatalogueStatus, Course, Provider

        people = self.people()
        start, _days = self.in_history()
        made = 0
        for district in District.objects.order_by("code"):
            bureau = people["bureau"].get(district.pk)
            catalogue = Catalogue.objects.filter(district=district, status=CatalogueStatus.PUBLISHED).first()
            if catalogue is None:
                catalogue = Catalogue.objects.create(
                    district=district,
                    title=f"{self.today.year}年{district.name}职业技能培训通用项目清单",
                    status=CatalogueStatus.PUBLISHED,
                    published_at=self.at(start - dt.timedelta(days=30)),
                    published_by_id=bureau,
                )
                made += 1
            have = set(catalogue.courses.values_list("name", flat=True))
            position = catalogue.courses.count()
            extra = Decimal(self.rng.choice((0, 0, 100, 200)))
            courses = []
            for name, occupation, hours, subsidy, audience, programme, _weight in COURSES:
                if name in have:
                    continue
                courses.append(
                    Course(
                        catalogue=catalogue,
                        name=name,
                        occupation=occupation,
                        hours=hours,
                        subsidy_standard=Decimal(subsidy) + extra,
                        audience=audience,
                        programme=programme,
                        entry_requirements=ENTRY_REQUIREMENTS[audience],
                        content=f"{occupation}职业认知、基础知识、实操训练与安全规范，结业考核合格发证",
                        position=position,
                    )
                )
                position += 1
            Course.objects.bulk_create(courses)
            have_providers = set(Provider.objects.filter(district=district).values_list("name", flat=True))
            providers = [
                Provider(
                    district=district,
                    name=f"{district.name}{word}职业培训学校",
                    licence_number=f"鲁人社培 {district.code}{i + 21:03d}",
                    contact_person=self.rng.choice(SURNAMES) + "老师",
                    phone=f"0632-{self.rng.randrange(3000000, 8999999)}",
                    address=f"{district.name}{word}路{self.rng.randrange(1, 300)}号",
                )
                for i, word in enumerate(PROVIDER_WORDS)
                if f"{district.name}{word}职业培训学校" not in have_providers
            ]
            Provider.objects.bulk_create(providers)
            made += len(courses) + len(providers)
        return made

    def training_classes(self) -> int:
        """~4,000 classes at community training points over three years and the
        coming two months, with their schedule, capacity and status."""
        from training.models import ClassStatus, Course, Provider, ScheduleType, TrainingClass

        target = self.sizes["classes"] - TrainingClass.objects.count()
        if target <= 0:
            return 0
        people = self.people()
        courses: dict[int, list] = {}
        course_weights: dict[int, list] = {}
        weight_of = {name: weight for name, *_rest, weight in COURSES}
        for course in Course.objects.filter(catalogue__status="published").select_related("catalogue"):
            courses.setdefault(course.catalogue.district_id, []).append(course)
            course_weights.setdefault(course.catalogue.district_id, []).append(weight_of.get(course.name, 2))
        providers: dict[int, list[int]] = {}
        for pk, district_id in Provider.objects.filter(is_active=True).order_by("pk").values_list("pk", "district_id"):
            providers.setdefault(district_id, []).append(pk)
        hosts = [
            pk
            for pk, (_street, district_id, _name) in sorted(people["communities"].items())
            if courses.get(district_id) and providers.get(district_id)
        ]
        if not hosts:
            return 0
        homes = self.rng.choices(hosts, weights=self.community_weights(hosts), k=target)
        start, days = self.in_history()
        schedules = [ScheduleType.EVENING, ScheduleType.WEEKEND, ScheduleType.REGULAR]
        # Calendar days a course of n hours takes: evenings 2.5 h on four days a
        # week, weekends 7 h on two, daytime 6 h on five.
        pace = {ScheduleType.EVENING: 2.5 * 4 / 7, ScheduleType.WEEKEND: 7 * 2 / 7, ScheduleType.REGULAR: 6 * 5 / 7}
        label = {ScheduleType.EVENING: "夜课班", ScheduleType.WEEKEND: "周末班", ScheduleType.REGULAR: "日间班"}
        notes = {
            ScheduleType.EVENING: "周一至周四 19:00-21:30",
            ScheduleType.WEEKEND: "周六、周日 9:00-16:00",
            ScheduleType.REGULAR: "周一至周五 8:30-15:30",
        }
        rng, today = self.rng, self.today
        classes = []
        for community_id in homes:
            _street, district_id, community_name = people["communities"][community_id]
            course = rng.choices(courses[district_id], weights=course_weights[district_id])[0]
            schedule = rng.choices(schedules, weights=(3, 3, 4))[0]
            begins = start + dt.timedelta(days=rng.randrange(days + 60))
            ends = begins + dt.timedelta(days=max(1, round(course.hours / pace[schedule])))
            if ends < today:
                status = ClassStatus.CANCELLED if rng.random() < 0.03 else ClassStatus.FINISHED
            elif begins <= today:
                status = ClassStatus.RUNNING
            else:
                status = (
                    ClassStatus.PLANNED
                    if begins > today + dt.timedelta(days=30) and rng.random() < 0.5
                    else (ClassStatus.OPEN)
                )
            classes.append(
                TrainingClass(
                    course_id=course.pk,
                    provider_id=rng.choice(providers[district_id]),
                    title=f"{community_name}{course.occupation}{label[schedule]}（{begins.year}年{begins.month}月）",
                    community_id=community_id,
                    place=f"{community_name}{rng.choice(('党群服务中心培训室', '就业驿站培训点', '社区学校'))}",
                    schedule_type=schedule,
                    schedule_note=notes[schedule],
                    start_date=begins,
                    end_date=ends,
                    capacity=rng.choice((20, 25, 30, 30, 35, 40, 40, 45, 50)),
                    status=status,
                    created_by_id=people["bureau"].get(district_id, people["any_reviewer"]),
                    created_at=self.at(begins - dt.timedelta(days=rng.randrange(20, 60))),
                )
            )
        bulk_insert(TrainingClass, classes)
        return len(classes)

    def enrolments(self) -> int:
        """~100,000 enrolments weighted to the unemployed and target groups: a
        resident once per class and in one class at a time, a class never over
        capacity; most finished classes completed, some dropped; and about half
        of the trainees moving into work within six months, in the employment
        history the post-training employment rate reads."""
        from stations.models import IN_WORK_STATUSES, EmploymentStatusChange
        from training.models import (
            SEAT_HOLDING,
            ClassStatus,
            Enrolment,
            EnrolmentStatus,
            TrainingClass,
            add_months,
        )

        target = self.sizes["enrolments"] - Enrolment.objects.count()
        # Each step is one transaction, so enrolments by the generated staff mean
        # this step ran to the end before: seats it could not fill then (classes
        # full, trainees busy) stay unfilled, or every run would add a few more.
        if target <= 0 or Enrolment.objects.filter(enrolled_by__username__startswith="city-staff-").exists():
            return 0
        rows = self.resident_rows()
        in_work = set(IN_WORK_STATUSES)
        grouped = rows["grouped"]

        def weight(pk, status, _wants):
            base = {EmploymentStatus.UNEMPLOYED: 4.0, EmploymentStatus.NOT_IN_LABOUR_FORCE: 0.25}.get(status, 1.2)
            return base * (2 if pk in grouped else 1)

        by_street = self.pools(weight, "street")
        by_district = self.pools(weight, "district")
        communities = self.people()["communities"]
        classes = list(
            TrainingClass.objects.exclude(status__in=(ClassStatus.CANCELLED, ClassStatus.PLANNED))
            .order_by("pk")
            .values_list(
                "pk", "community_id", "start_date", "end_date", "capacity", "status", "course__hours", "provider_id"
            )
        )
        taken: dict[int, int] = dict(
            Enrolment.objects.filter(status__in=SEAT_HOLDING)
            .values_list("training_class")
            .annotate(n=models.Count("pk"))
            .order_by()
        )
        busy: dict[int, list[tuple[dt.date, dt.date]]] = {}
        seated: set[tuple[int, int]] = set()
        for resident_id, class_id, begins, ends in Enrolment.objects.filter(status__in=SEAT_HOLDING).values_list(
            "resident_id", "training_class_id", "training_class__start_date", "training_class__end_date"
        ):
            busy.setdefault(resident_id, []).append((begins, ends))
            seated.add((resident_id, class_id))
        rng, today = self.rng, self.today
        # Seats to fill per class: finished and running classes mostly full,
        # open ones part filled; then scaled to the target within capacity.
        wanted = []
        for _pk, _c, _b, _e, capacity, status, _h, _p in classes:
            fill = rng.uniform(0.1, 0.7) if status == ClassStatus.OPEN else rng.uniform(0.55, 1.0)
            wanted.append(capacity * fill)
        scale = target / max(sum(wanted), 1)
        free = [max(c[4] - taken.get(c[0], 0), 0) for c in classes]
        quota = [min(f, int(w * scale)) for w, f in zip(wanted, free, strict=True)]
        short = target - sum(quota)
        order = list(range(len(classes)))
        while short > 0 and order:
            rng.shuffle(order)
            order = [i for i in order if quota[i] < free[i]]
            for i in order[:short]:
                quota[i] += 1
            short = target - sum(quota)
        quality = {}
        employed: set[int] = set(
            EmploymentStatusChange.objects.filter(status__in=IN_WORK_STATUSES).values_list("resident_id", flat=True)
        )
        enrolments, changes, made = [], [], 0
        certificate = Enrolment.objects.count()
        for (class_id, community_id, begins, ends, _capacity, status, hours, provider_id), k in zip(
            classes, quota, strict=True
        ):
            if k <= 0:
                continue
            street_id, district_id, _name = communities[community_id]
            near, wide = by_street.get(street_id), by_district.get(district_id)
            if wide is None:
                continue
            score = quality.setdefault(provider_id, rng.uniform(3.3, 4.7))
            chosen: list[int] = []
            for _try in range(k * 4):
                if len(chosen) >= k:
                    break
                i = (near if near is not None and rng.random() < 0.7 else wide).draw(rng)
                pk = rows["ids"][i]
                if (pk, class_id) in seated or any(b <= ends and begins <= e for b, e in busy.get(pk, ())):
                    continue
                seated.add((pk, class_id))
                chosen.append(i)
            for i in chosen:
                pk = rows["ids"][i]
                enrolled_on = min(begins - dt.timedelta(days=rng.randrange(3, 40)), today)
                enrolment = Enrolment(
                    resident_id=pk,
                    training_class_id=class_id,
                    enrolled_on=enrolled_on,
                    enrolled_by_id=self.staff_of(rows["community"][i]),
                    created_at=self.at(enrolled_on),
                )
                r = rng.random()
                if status == ClassStatus.FINISHED:
                    outcome = "completed" if r < 0.82 else "dropped" if r < 0.93 else "withdrawn"
                elif status == ClassStatus.RUNNING:
                    outcome = "enrolled" if r < 0.9 else "dropped" if r < 0.97 else "withdrawn"
                else:
                    outcome = "enrolled" if r < 0.93 else "withdrawn"
                if outcome == "completed":
                    done = min(ends, today)
                    enrolment.status = EnrolmentStatus.COMPLETED
                    enrolment.completed_on = done
                    enrolment.window_3m_end = add_months(done, 3)
                    enrolment.window_6m_end = add_months(done, 6)
                    enrolment.attended_hours = hours - rng.randrange(hours // 10 + 1)
                    if rng.random() < 0.65:
                        certificate += 1
                        enrolment.certificate_number = f"3704{done:%y}{certificate:08d}"
                    if rng.random() < 0.7:
                        enrolment.feedback_score = min(5, max(1, round(rng.gauss(score, 0.8))))
                    status_now = rows["status"][i]
                    # Trainees now in work found it after the class (most within
                    # six months); those still registered unemployed did not.
                    if status_now in in_work and pk not in employed and rng.random() < 0.93:
                        changed_on = done + dt.timedelta(days=rng.randrange(7, 190))
                        if changed_on <= today:
                            employed.add(pk)
                            changes.append(
                                EmploymentStatusChange(
                                    resident_id=pk,
                                    status=status_now,
                                    changed_on=changed_on,
                                    recorded_by_id=enrolment.enrolled_by_id,
                                    note="培训后就业",
                                    created_at=self.at(changed_on),
                                )
                            )
                elif outcome == "dropped":
                    enrolment.status = EnrolmentStatus.DROPPED_OUT
                    enrolment.attended_hours = rng.randrange(hours // 10, hours // 2 + 1)
                elif outcome == "withdrawn":
                    enrolment.status = EnrolmentStatus.WITHDRAWN
                else:
                    elapsed = (today - begins).days / max((ends - begins).days, 1)
                    enrolment.attended_hours = int(hours * min(max(elapsed, 0), 1) * rng.uniform(0.8, 1.0))
                if enrolment.status in SEAT_HOLDING:
                    busy.setdefault(pk, []).append((begins, ends))
                enrolments.append(enrolment)
                made += 1
            if len(enrolments) >= BATCH * 4:
                bulk_insert(Enrolment, enrolments)
                enrolments = []
        bulk_insert(Enrolment, enrolments)
        bulk_insert(EmploymentStatusChange, changes)
        self.say(f"    with {len(changes):,} moves into work after training (employment history)")
        return made

    def training_needs(self) -> int:
        """~30,000 wishes on the needs list, collected in spring and autumn rounds."""
        from training.models import Course, TrainingNeed

        target = self.sizes["training_needs"] - TrainingNeed.objects.count()
        if target <= 0:
            return 0
        rows = self.resident_rows()
        grouped = rows["grouped"]

        def weight(pk, status, wants):
            base = {EmploymentStatus.UNEMPLOYED: 4.0, EmploymentStatus.NOT_IN_LABOUR_FORCE: 0.3}.get(status, 1.0)
            return base * (3 if wants else 0.3 if wants is False else 1) * (2 if pk in grouped else 1)

        by_district = self.pools(weight, "district")
        offered: dict[int, list[tuple[int, str]]] = {}
        for pk, district_id, occupation in Course.objects.filter(catalogue__status="published").values_list(
            "pk", "catalogue__district_id", "occupation"
        ):
            offered.setdefault(district_id, []).append((pk, occupation))
        start, _days = self.in_history()
        rounds = [
            dt.date(year, month, 15)
            for year in range(start.year, self.today.year + 1)
            for month in (3, 9)
            if start <= dt.date(year, month, 15) <= self.today
        ]
        districts = sorted(key for key in by_district if offered.get(key))
        if not rounds or not districts:
            return 0
        seen = set(TrainingNeed.objects.values_list("resident_id", "occupation", "round_date"))
        # Districts in proportion to the people they may draw from.
        shares = [by_district[d].total for d in districts]
        rng = self.rng
        needs = []
        for _try in range(target * 2):
            if len(needs) >= target:
                break
            district_id = rng.choices(districts, weights=shares)[0]
            i = by_district[district_id].draw(rng)
            if rng.random() < 0.8:
                course_id, occupation = rng.choice(offered[district_id])
            else:
                course_id, occupation = None, rng.choice(UNLISTED_TRADES)
            round_date = rng.choice(rounds)
            key = (rows["ids"][i], occupation, round_date)
            if key in seen:
                continue
            seen.add(key)
            needs.append(
                TrainingNeed(
                    resident_id=key[0],
                    occupation=occupation,
                    course_id=course_id,
                    round_date=round_date,
                    recorded_by_id=self.staff_of(rows["community"][i]),
                    created_at=self.at(round_date),
                )
            )
        bulk_insert(TrainingNeed, needs)
        return len(needs)

    # --- entrepreneurship -------------------------------------------------------------------
    def businesses(self) -> int:
        """~6,000 businesses founded by residents over three years, each with a
        valid credit code of its district (92… individual, 91… enterprise)."""
        from entrepreneurship.models import Business, BusinessKind

        target = self.sizes["businesses"] - Business.objects.count()
        if target <= 0:
            return 0
        rows = self.resident_rows()
        weights = {EmploymentStatus.SELF_EMPLOYED: 12.0, EmploymentStatus.UNEMPLOYED: 0.5}

        def weight(_pk, status, _wants):
            return weights.get(status, 0 if status == EmploymentStatus.NOT_IN_LABOUR_FORCE else 1.0)

        pools = self.pools(weight, "district")
        districts = sorted(pools)
        if not districts:
            return 0
        codes = dict(District.objects.values_list("pk", "code"))
        names = dict(District.objects.values_list("pk", "name"))
        taken = set(Business.objects.values_list("credit_code", flat=True))
        start, days = self.in_history()
        rng = self.rng
        serial = Business.objects.count()
        made, founders = [], []
        shares = [pools[d].total for d in districts]
        for _n in range(target):
            district_id = rng.choices(districts, weights=shares)[0]
            i = pools[district_id].draw(rng)
            micro = rng.random() < 0.25
            kind = BusinessKind.MICRO_ENTERPRISE if micro else BusinessKind.INDIVIDUAL_BUSINESS
            while True:
                serial += 1
                first17 = f"{'91' if micro else '92'}{codes[district_id]}MC{serial:07d}"
                code = first17 + credit_code_check_char(first17)
                if code not in taken:
                    taken.add(code)
                    break
            if micro:
                trade, industry = rng.choice(ENTERPRISE_TRADES)
                name = f"枣庄{rng.choice(BRAND_WORDS)}{trade}有限公司"
            else:
                shop, industry = rng.choice(SHOPS)
                name = f"{names[district_id]}{rng.choice(SURNAMES)}记{shop}"
            registered_on = start + dt.timedelta(days=rng.randrange(days))
            community_id = rows["community"][i]
            business = Business(
                kind=kind,
                name=name,
                credit_code=code,
                registered_on=registered_on,
                community_id=community_id,
                industry=industry,
                address=f"{self.people()['communities'][community_id][2]}{rng.randrange(1, 60)}号商铺",
                jobs_created=rng.randrange(3, 16) if micro else rng.randrange(1, 4),
                created_at=self.at(registered_on + dt.timedelta(days=rng.randrange(1, 20))),
            )
            made.append(business)
            partner = pools[district_id].draw(rng) if rng.random() < 0.1 else None
            founders.append([i] if partner in (None, i) else [i, partner])
        insert_keyed(Business, made)
        through = Business.founders.through
        links = [
            through(business_id=b.pk, resident_id=rows["ids"][i])
            for b, who in zip(made, founders, strict=True)
            for i in who
        ]
        through.objects.bulk_create(links, batch_size=BATCH)
        return len(made)

    def subsidy_applications(self) -> int:
        """~20,000 applications across the four kinds, one live per business
        (startup, rent) or person (hiring, social insurance) and kind, each
        taken along the workflow with its step log: submitted by the
        community, checked by the street, decided and paid by the district."""
        from entrepreneurship.models import (
            BUSINESS_KINDS,
            LIVE_STATUSES,
            PER_PERSON_KINDS,
            SUBSIDY_WORKFLOW,
            ApplicationEvent,
            ApplicationStatus,
            RejectionReason,
            SubsidyApplication,
            SubsidyKind,
            Transition,
        )
        from entrepreneurship.subsidy_kinds import policy_amount, policy_ceiling
        from jobs.models import Employer
        from stations.models import IN_WORK_STATUSES

        target = self.sizes["applications"] - SubsidyApplication.objects.count()
        if target <= 0:
            return 0
        rows = self.resident_rows()
        index_of = {pk: i for i, pk in enumerate(rows["ids"])}
        live = SubsidyApplication.objects.filter(status__in=LIVE_STATUSES)
        # The slots the once-only rule (each kind's once_per) says are taken, by kind.
        used_business = {
            kind: set(live.filter(kind=kind).values_list("business_id", flat=True)) for kind in BUSINESS_KINDS
        }
        used = {kind: set(live.filter(kind=kind).values_list("resident_id", flat=True)) for kind in PER_PERSON_KINDS}
        founders, businesses = _businesses_with_a_founder()
        rng, today = self.rng, self.today
        plan: list[tuple] = []  # (kind, resident index, business row or None)
        for kind, share in ((SubsidyKind.STARTUP, 0.7), (SubsidyKind.RENT, 0.3)):
            open_ = [b for b in businesses if b[0] not in used_business[kind]]
            for b in rng.sample(open_, min(len(open_), int(len(businesses) * share), int(target * 0.3))):
                founder = founders[b[0]]
                if founder not in index_of or founder in used.get(kind, ()):
                    continue
                used.setdefault(kind, set()).add(founder)
                plan.append((kind, index_of[founder], b))
        rest = max(target - len(plan), 0)
        in_work = set(IN_WORK_STATUSES)
        hard = rows["hard"]
        for kind, count in (
            (SubsidyKind.HIRING, rest * 6 // 10),
            (SubsidyKind.SOCIAL_INSURANCE, rest - rest * 6 // 10),
        ):
            if kind == SubsidyKind.HIRING:
                weights = [1.0 if s in in_work else 0 for s in rows["status"]]
            else:
                weights = [
                    (15.0 if pk in hard else 1.0) if s in in_work else 0
                    for pk, s in zip(rows["ids"], rows["status"], strict=True)
                ]
            if not any(weights):
                continue
            pool = _Pool(range(len(rows["ids"])), weights)
            chosen: set[int] = set()
            for _try in range(count * 3):
                if len(chosen) >= count:
                    break
                i = pool.draw(rng)
                if rows["ids"][i] not in used[kind] and i not in chosen:
                    chosen.add(i)
                    plan.append((kind, i, None))
        rng.shuffle(plan)
        employers = list(Employer.objects.order_by("pk").values_list("name", flat=True)[:3000]) or [
            "枣庄市商贸有限公司"
        ]
        start, days = self.in_history()
        policy = _PolicyHistory(policy_amount, policy_ceiling)
        applications, steps = [], []
        payment = SubsidyApplication.objects.count()
        for kind, i, business in plan:
            community_id = business[3] if business else rows["community"][i]
            if business is not None:
                # Filed within the year after registration (the startup window).
                filed_on = business[2] + dt.timedelta(days=rng.randrange(5, 330))
                if filed_on > today:
                    filed_on = today - dt.timedelta(days=rng.randrange(0, 20))
                    filed_on = max(filed_on, business[2])
            else:
                filed_on = start + dt.timedelta(days=rng.randrange(days))
            staff = self.staff_of(community_id)
            application = SubsidyApplication(
                kind=kind,
                community_id=community_id,
                resident_id=rows["ids"][i],
                business_id=business[0] if business else None,
                created_by_id=staff,
                created_at=self.at(filed_on),
            )
            business_kind = business[1] if business else None
            standard = policy.amount(kind, business_kind, filed_on)
            ceiling = policy.ceiling(kind, filed_on)
            if kind == SubsidyKind.HIRING:
                application.employer_name = rng.choice(employers)[:100]
                application.contract_start = filed_on - dt.timedelta(days=rng.randrange(10, 120))
                application.contract_months = rng.choice((12, 12, 24, 36))
            elif kind == SubsidyKind.RENT:
                application.monthly_rent = Decimal(rng.randrange(800, 3600, 100))
            if standard is not None:
                requested = standard
            elif kind == SubsidyKind.RENT:
                requested = min(ceiling, application.monthly_rent * 12 * Decimal("0.3")).quantize(Decimal("1"))
            else:
                requested = min(ceiling, Decimal(rng.randrange(1800, 7200, 300)))
            application.requested_amount = requested
            application.eligibility = _eligibility(kind)
            age = (today - filed_on).days
            outcomes = (
                ("paid", "rejected", "approved", "draft", "street_checked", "submitted"),
                (72, 14, 4, 4, 3, 3) if age > 90 else (35, 10, 20, 8, 15, 12) if age > 30 else (10, 5, 10, 20, 20, 35),
            )
            outcome = rng.choices(*outcomes)[0]
            chain = {
                "draft": [],
                "submitted": [Transition.SUBMIT],
                "street_checked": [Transition.SUBMIT, Transition.STREET_CHECK],
                "approved": [Transition.SUBMIT, Transition.STREET_CHECK, Transition.APPROVE],
                "rejected": [Transition.SUBMIT, Transition.STREET_CHECK, Transition.REJECT],
                "paid": [Transition.SUBMIT, Transition.STREET_CHECK, Transition.APPROVE, Transition.PAY],
            }[outcome]
            if chain and rng.random() < 0.05:
                # Returned by the street for a missing paper, filed again.
                chain = [Transition.SUBMIT, Transition.RETURN, *chain]
            state, day, log = ApplicationStatus.DRAFT, filed_on, []
            gaps = {
                Transition.SUBMIT: (0, 4),
                Transition.RETURN: (2, 10),
                Transition.STREET_CHECK: (2, 12),
                Transition.APPROVE: (3, 20),
                Transition.REJECT: (3, 20),
                Transition.PAY: (7, 40),
            }
            for step in chain:
                low, high = gaps[step]
                day = day + dt.timedelta(days=rng.randrange(low, high))
                if day > today:
                    break  # the workflow has got this far by today
                after = SUBSIDY_WORKFLOW.step(step).target
                actor = (
                    staff
                    if step == Transition.SUBMIT
                    else self.officer_of(community_id)
                    if step in (Transition.STREET_CHECK, Transition.RETURN)
                    else self.bureau_of(community_id)
                )
                moment = self.at(day)
                if log and moment <= log[-1][4]:
                    # Two steps on one day: the second comes after the first.
                    moment = log[-1][4] + dt.timedelta(minutes=rng.randrange(5, 90))
                log.append((step, state, after, actor, moment))
                state = after
                if step == Transition.SUBMIT:
                    application.submitted_at = moment
                elif step == Transition.APPROVE:
                    amount = requested
                    if standard is None and rng.random() < 0.1:
                        amount = (requested * Decimal(rng.choice(("0.7", "0.8", "0.9")))).quantize(Decimal("1"))
                    application.approved_amount = amount
                    application.policy_snapshot = {
                        "on": day.isoformat(),
                        "standard": str(standard) if standard is not None else None,
                        "ceiling": str(ceiling) if ceiling is not None else None,
                    }
                elif step == Transition.REJECT:
                    application.rejection_reason = rng.choices(RejectionReason.values, weights=(5, 4, 2, 2, 1))[0]
                elif step == Transition.PAY:
                    payment += 1
                    application.paid_on = day
                    application.payment_reference = f"ZZCY-{day:%Y}-{payment:06d}"
            application.status = state
            application.status_changed_at = log[-1][4] if log else application.created_at
            applications.append(application)
            steps.append(log)
        insert_keyed(SubsidyApplication, applications)
        events = [
            ApplicationEvent(
                application_id=application.pk,
                transition=step,
                from_status=before,
                to_status=after,
                actor_id=actor,
                at=moment,
                note="材料不全，请补充后重新提交" if step == Transition.RETURN else "",
            )
            for application, log in zip(applications, steps, strict=True)
            for step, before, after, actor, moment in log
        ]
        # insert_keyed keeps each step's time on every database: the workbook
        # counts steps by the day they happened.
        insert_keyed(ApplicationEvent, events)
        self.say(f"    with {len(events):,} workflow steps")
        return len(applications)

    def guarantee_loans(self) -> int:
        """~3,000 startup guarantee loans within the plan's limits: individuals
        (most with their business) and micro enterprises."""
        from entrepreneurship.models import BusinessKind, GuaranteeLoan

        target = self.sizes["loans"] - GuaranteeLoan.objects.count()
        if target <= 0:
            return 0
        founders, businesses = _businesses_with_a_founder()
        if not businesses:
            return 0
        rng, today = self.rng, self.today
        loans = []
        for business_id, kind, registered_on, community_id in rng.choices(businesses, k=target):
            micro = kind == BusinessKind.MICRO_ENTERPRISE
            applied_on = min(registered_on + dt.timedelta(days=rng.randrange(0, 400)), today)
            if micro:
                amount, term = Decimal(rng.randrange(300, 2001, 50) * 1000), rng.choice((12, 24))
            else:
                amount, term = (
                    Decimal(rng.choice((100, 150, 200, 200, 300, 300, 400, 500)) * 1000),
                    rng.choice((12, 24, 36, 36)),
                )
            age = (today - applied_on).days
            status = rng.choices(
                ("granted", "repaid", "declined", "applied"),
                weights=(70, 20 if age > term * 30 else 0, 7, 3 if age > 45 else 40),
            )[0]
            granted_on = None
            if status in ("granted", "repaid"):
                granted_on = min(applied_on + dt.timedelta(days=rng.randrange(10, 45)), today)
            repayment = {
                "granted": "overdue" if rng.random() < 0.04 else "on_time",
                "repaid": "settled",
            }.get(status, "not_due")
            loans.append(
                GuaranteeLoan(
                    borrower_kind="micro_enterprise" if micro else "individual",
                    community_id=community_id,
                    resident_id=founders[business_id],
                    business_id=business_id if micro or rng.random() < 0.6 else None,
                    bank=rng.choice(BANKS),
                    amount=amount,
                    term_months=term,
                    rate_discount_percent=Decimal(rng.choice((50, 100, 100))),
                    status=status,
                    repayment_status=repayment,
                    granted_on=granted_on,
                    created_by_id=self.staff_of(community_id),
                    created_at=self.at(applied_on),
                )
            )
        bulk_insert(GuaranteeLoan, loans)
        return len(loans)

    def run(self) -> None:
        self.say("City-scale data (bulk):")
        for label, step in (
            ("streets and communities", self.region),
            ("stations and staff", self.stations_and_staff),
            ("residents", self.residents),
            ("groups and registrations", self.groups_and_registrations),
            ("service records", self.services),
            ("employers and postings", self.jobs),
            ("street and district reviewers", self.reviewers),
            ("training catalogues and providers", self.training_catalogues),
            ("training classes", self.training_classes),
            ("training enrolments", self.enrolments),
            ("training needs", self.training_needs),
            ("businesses", self.businesses),
            ("subsidy applications", self.subsidy_applications),
            ("guarantee loans", self.guarantee_loans),
            ("assistance cases", self.assistance),
        ):
            # One transaction per step: a long city load keeps what it finished.
            with transaction.atomic():
                self.timed(label, step)
        self.timed("statistics (VACUUM ANALYZE)", self.analyze)

    def analyze(self) -> int:
        """Fresh statistics for every table, so the first plans are not made
        blind (autovacuum may be off, as on the benchmark machine). Outside a
        transaction PostgreSQL also VACUUMs, which sets the visibility map
        that index-only scans need; inside one (tests) it can only ANALYZE."""
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE)")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return len(connection.introspection.table_names())


def seed_city(*, scale: str, rng: random.Random, stdout=None) -> None:
    started = time.perf_counter()
    CityGenerator(rng=rng, stdout=stdout, profile=scale).run()
    if stdout is not None:
        stdout.write(f"  city data ({scale}) written in {(time.perf_counter() - started) / 60:.1f} min")
