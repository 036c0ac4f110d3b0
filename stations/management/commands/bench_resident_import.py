"""Time the resident ledger import against the fastest possible import.

    manage.py bench_resident_import --rows 10000

Generates a valid ledger of N rows, then measures on the configured database
(set DATABASE_URL to PostgreSQL for the real figure):

  limit   reading the file with openpyxl read-only plus one bare bulk insert
          of the same rows (no checks, no groups, no history);
  import  the real path: upload (read + check every row) and confirm (check
          again inside the transaction, bulk insert with groups, status history
          and unemployment registrations, audit entry).

Everything runs in one transaction that is rolled back, so the database is
left as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from stations.imports import services as import_services
from stations.imports.columns import COLUMNS_BY_KEY, EDUCATION_WORDS, PATTERN_WORDS, SKILL_WORDS, STATUS_WORDS
from stations.models import Community, District, Resident, Role, Sex, Street, TargetGroup, TargetGroupCode, User
from stations.target_group_rules import group_fits
from stations.validators import id_check_char

# The ledger's columns a generated row fills, in this order.
KEYS = (
    "name",
    "id_number",
    "mobile",
    "community_code",
    "address",
    "education",
    "employment_status",
    "skill_level",
    "skills",
    "wants_training",
    "wanted_course_types",
    "wanted_job_categories",
    "wanted_work_pattern",
    "salary_expectation",
    "target_groups",
)
HEADERS = [COLUMNS_BY_KEY[key].header for key in KEYS]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"


class _Rollback(Exception):
    pass


def ledger(rows: int, community_code: str, rng: random.Random) -> tuple[bytes, list[tuple]]:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("居民台账")
    ws.append(HEADERS)
    data = []
    used = set()
    today = timezone.localdate()
    for n in range(rows):
        while True:
            birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 45))
            first17 = f"370402{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
            if first17 not in used:
                used.add(first17)
                break
        status = rng.choice(list(STATUS_WORDS))
        groups = rng.choice(["", "", "退役军人", "农村转移劳动者", "二孩妈妈、低收入"])
        sex = Sex.MALE if int(first17[16]) % 2 else Sex.FEMALE
        if groups.startswith("二孩妈妈") and not group_fits(
            TargetGroupCode.MOTHER_YOUNG_CHILDREN, sex=sex, birth_date=birth, on=today
        ):
            groups = "低收入"  # the import refuses a group that does not fit the person
        row = (
            rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2))),
            first17 + id_check_char(first17),
            f"13{rng.randint(3, 9)}{n:08d}",
            community_code,
            f"光明路{rng.randint(1, 200)}号{rng.randint(1, 6)}单元",
            EDUCATION_WORDS[rng.choice(list(EDUCATION_WORDS)[:5])][0],
            STATUS_WORDS[status][0],
            SKILL_WORDS[rng.choice(list(SKILL_WORDS))][0],
            rng.choice(["电工", "焊工", "厨师", "保洁", ""]),
            rng.choice(["是", "否", ""]),
            rng.choice(["家政服务", "健康照护", "网约配送", ""]),
            rng.choice(["保洁、保安", "仓储物流", "餐饮服务", ""]),
            PATTERN_WORDS[rng.choice(list(PATTERN_WORDS))][0],
            rng.choice([3000, 3500, 4000, 5000, None]),
            groups,
        )
        ws.append(row)
        data.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue(), data


def bare_insert(data: bytes, community: Community) -> int:
    """The limit: read every row and insert it with no checks at all."""
    education = {words[0]: code for code, words in EDUCATION_WORDS.items()}
    status = {words[0]: code for code, words in STATUS_WORDS.items()}
    wb = load_workbook(io.BytesIO(data), read_only=True)
    objs = []
    for values in wb.worksheets[0].iter_rows(min_row=2, values_only=True):
        id_number = values[1]
        objs.append(
            Resident(
                community=community,
                name=values[0],
                id_number=id_number,
                birth_date=dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14])),
                sex="M" if int(id_number[16]) % 2 else "F",
                mobile=values[2],
                address=values[4],
                education=education.get(values[5], ""),
                employment_status=status.get(values[6], ""),
            )
        )
    wb.close()
    Resident.objects.bulk_create(objs, batch_size=1000)
    return len(objs)


class Command(BaseCommand):
    help = "Time a 10,000-row resident ledger import against the bare read + bulk insert limit."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=20261126)

    def handle(self, *args, rows: int, seed: int, **options):
        rng = random.Random(seed)
        import_services.ASYNC_ROW_THRESHOLD = 10**9  # time the work itself, not a queue
        out = self.stdout
        out.write(f"database: {connection.vendor} {connection.settings_dict.get('NAME')}; rows: {rows}")
        try:
            with transaction.atomic():
                district, _ = District.objects.get_or_create(code="370499", defaults={"name": "基准测试区"})
                street, _ = Street.objects.get_or_create(
                    code="370499001", district=district, defaults={"name": "基准街道"}
                )
                community, _ = Community.objects.get_or_create(
                    code="370499001001", street=street, defaults={"name": "基准社区"}
                )
                user = User.objects.create(username=f"bench-{seed}", role=Role.COMMUNITY_STAFF, community=community)
                if not TargetGroup.objects.exists():
                    raise CommandError("The target groups are missing: run manage.py migrate first.")

                started = time.perf_counter()
                data, _rows = ledger(rows, community.code, rng)
                out.write(f"generated the ledger ({len(data) / 2**20:.1f} MB) in {time.perf_counter() - started:.2f} s")

                try:
                    with transaction.atomic():
                        started = time.perf_counter()
                        inserted = bare_insert(data, community)
                        limit = time.perf_counter() - started
                        raise _Rollback
                except _Rollback:
                    pass
                out.write(f"limit  (read-only read + bare bulk insert of {inserted} rows): {limit:.2f} s")

                started = time.perf_counter()
                batch = import_services.resident_import_batch_create(
                    actor=user, filename="bench.xlsx", data=data, update_existing=False
                )
                checked = time.perf_counter() - started
                if batch.errors:
                    out.write(self.style.ERROR(f"unexpected errors: {batch.errors[:5]}"))
                    raise _Rollback
                started = time.perf_counter()
                batch = import_services.resident_import_batch_confirm(actor=user, batch=batch)
                imported = time.perf_counter() - started
                total = checked + imported
                out.write(f"import upload + check: {checked:.2f} s; confirm + write: {imported:.2f} s")
                out.write(
                    f"import (full path): {total:.2f} s = {total / limit:.1f}× the limit "
                    f"({rows / total:,.0f} rows/s); status {batch.status}, {batch.new_count} new"
                )
                target_ok = total <= 3 * limit and total < 60
                out.write(
                    (self.style.SUCCESS if target_ok else self.style.WARNING)(
                        "target (≤ 3× the limit, well under a minute): " + ("met" if target_ok else "NOT met")
                    )
                )
                raise _Rollback
        except _Rollback:
            out.write("rolled back: the database is unchanged")
