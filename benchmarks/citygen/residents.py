"""The labour-resource register: residents (skewed over communities, capped),
their target groups and the registrations of the unemployed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from benchmarks.citygen.base import GeneratorBase, Pool
from benchmarks.citygen.writer import BATCH, copy_tuples, indexes_deferred
from stations.models import Community, EmploymentStatus, Resident, TargetGroup, UnemploymentRegistration
from stations.search_tokens import search_tokens_for
from stations.validators import id_check_char

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志海燕飞鹏波宁凤春辉晨欣宇浩然思雨婷佳琳子涵"


class ResidentSteps(GeneratorBase):
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
        status_pool = Pool([s for s, _w in self.STATUSES], [w for _s, w in self.STATUSES])
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
