"""Demo residents for `seed_demo`: a few hundred realistic records in the demo
communities, with valid ID numbers of the demo districts, phones, a mix of
statuses, groups and skills, households (one of them zero-employment), status
histories, unemployment registrations (some over a year old) and services.
Each was registered at the station shortly before the first status the
ledger holds for them, so registrations spread over the past years and a
month's workbook counts the people its registered unemployed belong to.

Deterministic for a given rng and idempotent: every record is keyed by its ID
number, and a record that exists already is left as it is.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from stations.models import (
    Community,
    Education,
    EmploymentStatus,
    EmploymentStatusChange,
    Household,
    Resident,
    Role,
    ServiceChannel,
    ServiceKind,
    ServiceRecord,
    Sex,
    SkillLevel,
    TargetGroup,
    TargetGroupCode,
    UnemploymentRegistration,
    User,
    WorkPattern,
)
from stations.target_group_rules import group_fits
from stations.validators import id_check_char

PER_COMMUNITY = {"small": 12, "city": 60}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志海燕飞鹏波宁凤春辉晨欣宇浩然思雨婷佳琳子涵"
SKILLS = [
    "电工",
    "焊工",
    "家政服务",
    "育婴员",
    "中式烹调",
    "网约配送",
    "直播销售",
    "健康照护",
    "叉车司机",
    "缝纫工",
    "面点师",
    "养老护理员",
]
JOBS = ["保洁", "保安", "仓储物流", "餐饮服务", "家政", "制造业普工", "网约配送", "收银员", "社区服务", "电子装配"]
COURSES = ["家政服务", "养老护理", "电商直播", "鲁菜师傅", "山东手造", "健康照护", "电工"]
SCHOOLS = ["枣庄学院", "枣庄科技职业学院", "山东理工职业学院", "曲阜师范大学", "临沂大学"]
STATUS_WEIGHTS = [
    (EmploymentStatus.EMPLOYED, 34),
    (EmploymentStatus.FLEXIBLE, 15),
    (EmploymentStatus.SELF_EMPLOYED, 8),
    (EmploymentStatus.UNEMPLOYED, 31),
    (EmploymentStatus.NOT_IN_LABOUR_FORCE, 12),
]
GROUP_ODDS = [
    (TargetGroupCode.HARD_TO_EMPLOY, 0.10),
    (TargetGroupCode.MINIMUM_LIVING, 0.05),
    (TargetGroupCode.NEAR_MINIMUM_LIVING, 0.03),
    (TargetGroupCode.POVERTY_EXIT, 0.03),
    (TargetGroupCode.DISABLED, 0.04),
    (TargetGroupCode.VETERAN, 0.05),
    (TargetGroupCode.RURAL_MIGRANT, 0.08),
    (TargetGroupCode.MOTHER_YOUNG_CHILDREN, 0.06),
    (TargetGroupCode.LOW_INCOME, 0.06),
]


def _id_number(rng: random.Random, region: str, birth: dt.date, male: bool) -> str:
    serial = rng.randrange(0, 100)
    sex_digit = rng.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
    first17 = f"{region}{birth:%Y%m%d}{serial:02d}{sex_digit}"
    return first17 + id_check_char(first17)


def _plan(rng: random.Random, community: Community, count: int, today: dt.date) -> list[dict]:
    """The records of one community, drawn from the rng only (no database)."""
    region = community.street.district.code
    people = []
    heads: set[int] = set()
    for index in range(count):
        male = rng.random() < 0.5
        graduate = rng.random() < 0.12
        if graduate:
            birth = today - dt.timedelta(days=rng.randrange(21 * 365, 26 * 365))
        else:
            birth = today - dt.timedelta(days=rng.randrange(18 * 365, 64 * 365))
        statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
        status = rng.choices(statuses, weights)[0]
        since_days = rng.randrange(20, 900)
        # College ends at 21 at the earliest: graduated within the last 900 days, and not before 21.
        graduated_within = max(31, min(900, (today - birth).days - 21 * 366))
        person = {
            "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2]))),
            "id_number": _id_number(rng, region, birth, male),
            "mobile": f"1{rng.choice('3456789')}{rng.randrange(0, 10**9):09d}",
            "address": (
                f"{community.name}{rng.randrange(1, 30)}号楼{rng.randrange(1, 5)}单元{rng.randrange(101, 1802)}室"
            ),
            "education": rng.choice(
                [Education.JUNIOR, Education.SENIOR, Education.VOCATIONAL, Education.COLLEGE, Education.PRIMARY]
            ),
            "status": status,
            "status_since": today - dt.timedelta(days=since_days),
            "registration_number": f"{region}{today.year - since_days // 365}{rng.randrange(0, 99999):05d}",
            "skill_level": rng.choice([*SkillLevel.values, "", ""]),
            "skills": rng.choice(SKILLS) if rng.random() < 0.6 else "",
            "wants_training": rng.choice([True, False, None]),
            "course": rng.choice(COURSES),
            "jobs": "、".join(rng.sample(JOBS, 2)),
            "pattern": rng.choice([*WorkPattern.values, ""]),
            "salary": rng.choice([None, 2500, 3000, 3500, 4000, 5000]),
            # Drawn, then kept only where they fit the person (no man a mother of young children).
            "groups": [
                code
                for code, odds in GROUP_ODDS
                if rng.random() < odds
                and group_fits(
                    code, sex=Sex.MALE if male else Sex.FEMALE, birth_date=birth, on=today, is_graduate=graduate
                )
            ],
            "graduate": graduate,
            "school": rng.choice(SCHOOLS),
            "graduated_on": today - dt.timedelta(days=rng.randrange(30, graduated_within)),
            "earlier_spell": rng.random() < 0.3,
            "services": rng.randrange(0, 5) if status == EmploymentStatus.UNEMPLOYED else rng.randrange(0, 2),
            "service_seed": rng.randrange(0, 10**6),
            "household": index // 3 if rng.random() < 0.45 else None,
        }
        if person["household"] is not None and person["household"] not in heads:
            # Most households have someone in work; the zero-employment one is made on purpose.
            heads.add(person["household"])
            if rng.random() < 0.85:
                person["status"] = EmploymentStatus.EMPLOYED
        if graduate:
            person["education"] = rng.choice([Education.COLLEGE, Education.BACHELOR])
            person["status"] = rng.choice([EmploymentStatus.UNEMPLOYED, EmploymentStatus.EMPLOYED])
            person["status_since"] = max(person["status_since"], person["graduated_on"])
        people.append(person)
    return people


def _zero_employment_family(rng: random.Random, community: Community, today: dt.date) -> list[dict]:
    """A couple of working age, both registered unemployed, and their child at school."""
    region = community.street.district.code
    surname = "孔"
    members = []
    for name, years, male, status in (
        (f"{surname}庆军", 45, True, EmploymentStatus.UNEMPLOYED),
        ("马秀兰", 43, False, EmploymentStatus.UNEMPLOYED),
        (f"{surname}思雨", 15, False, EmploymentStatus.NOT_IN_LABOUR_FORCE),
    ):
        birth = today - dt.timedelta(days=years * 365 + rng.randrange(10, 300))
        members.append(
            {
                "name": name,
                "id_number": _id_number(rng, region, birth, male),
                "mobile": f"13{rng.randrange(0, 10**9):09d}",
                "address": f"{community.name}8号楼2单元302室",
                "education": Education.JUNIOR if years > 18 else Education.PRIMARY,
                "status": status,
                "status_since": today - dt.timedelta(days=400 if male else 200),
                "registration_number": f"{region}{today.year - 1}{rng.randrange(0, 99999):05d}",
                "skill_level": SkillLevel.NONE,
                "skills": "",
                "wants_training": True if years > 18 else None,
                "course": "家政服务",
                "jobs": "保洁、仓储物流",
                "pattern": WorkPattern.FULL_TIME,
                "salary": 3000,
                "groups": [TargetGroupCode.HARD_TO_EMPLOY] if years > 18 else [],
                "graduate": False,
                "school": "",
                "graduated_on": None,
                "earlier_spell": False,
                "services": 3 if years > 18 else 0,
                "service_seed": rng.randrange(0, 10**6),
                "household": "zero",
            }
        )
    return members


def _registered_on(person: dict, today: dt.date) -> dt.date:
    """Up to six weeks before the first status the record holds (an earlier
    unemployment spell starts 180 days before it): people come to the station
    when they lose work or look for it, so registrations spread over the
    months the statuses do. Drawn from the person's own ID number, so the
    plan's random sequence, and with it every demo ID number, stays as it was."""
    first = person["status_since"] - dt.timedelta(days=180 if person["earlier_spell"] else 0)
    return max(dt.date(2000, 1, 1), first - dt.timedelta(days=random.Random(person["id_number"]).randrange(0, 43)))


def _create(person: dict, community: Community, groups: dict, staff: User | None, today: dt.date) -> Resident | None:
    resident = Resident(
        community=community,
        registered_on=_registered_on(person, today),
        name=person["name"],
        id_number=person["id_number"],
        mobile=person["mobile"],
        address=person["address"],
        education=person["education"],
        is_graduate=person["graduate"],
        graduation_school=person["school"] if person["graduate"] else "",
        graduation_date=person["graduated_on"] if person["graduate"] else None,
        employment_status=person["status"],
        skill_level=person["skill_level"],
        skills=person["skills"],
        wants_training=person["wants_training"],
        wanted_course_types=person["course"] if person["wants_training"] else "",
        wanted_job_categories=person["jobs"] if person["status"] == EmploymentStatus.UNEMPLOYED else "",
        wanted_work_pattern=person["pattern"] if person["status"] == EmploymentStatus.UNEMPLOYED else "",
        salary_expectation=person["salary"] if person["status"] == EmploymentStatus.UNEMPLOYED else None,
    )
    resident.derive()
    resident.full_clean(exclude=["birth_date", "sex"])
    resident.save()
    if person["groups"]:
        resident.target_groups.set([groups[c] for c in person["groups"]])
    since = person["status_since"]
    if person["earlier_spell"] and person["status"] in (EmploymentStatus.EMPLOYED, EmploymentStatus.FLEXIBLE):
        start = since - dt.timedelta(days=180)
        EmploymentStatusChange.objects.create(
            resident=resident, status=EmploymentStatus.UNEMPLOYED, changed_on=start, recorded_by=staff, note="台账补录"
        )
        UnemploymentRegistration.objects.create(
            resident=resident,
            number=person["registration_number"],
            registered_on=start,
            ended_on=since,
            end_reason="实现就业",
        )
    EmploymentStatusChange.objects.create(
        resident=resident, status=person["status"], changed_on=since, recorded_by=staff, note="台账补录"
    )
    if person["status"] == EmploymentStatus.UNEMPLOYED:
        UnemploymentRegistration.objects.create(
            resident=resident, number=person["registration_number"], registered_on=since
        )
    if staff is not None and person["services"]:
        srng = random.Random(person["service_seed"])
        kinds = [
            ServiceKind.POLICY_CONTACT,
            ServiceKind.CAREER_GUIDANCE,
            ServiceKind.JOB_RECOMMENDATION,
            ServiceKind.TRAINING_INFORMATION,
        ]
        for n in range(person["services"]):
            served = min(today, since + dt.timedelta(days=srng.randrange(1, 300)))
            ServiceRecord.objects.create(
                resident=resident,
                kind=kinds[n % len(kinds)],
                served_on=served,
                staff=staff,
                channel=srng.choice(ServiceChannel.values),
                note=srng.choice(
                    ["", "已电话告知最新政策", "推荐至社区微工厂", "建议参加家政培训", "上门走访了解需求"]
                ),
            )
    return resident


def seed_residents(*, scale: str, rng: random.Random, stdout=None) -> None:
    from stations.services.residents import household_zero_employment_refresh

    today = timezone.localdate()
    per_community = PER_COMMUNITY.get(scale, PER_COMMUNITY["small"])
    groups = {g.code: g for g in TargetGroup.objects.all()}
    communities = list(Community.objects.select_related("street__district").order_by("code"))
    created = 0
    for community in communities:
        plan = _plan(rng, community, per_community, today)
        if community.code == "370402001001":
            plan += _zero_employment_family(rng, community, today)
        existing = set(
            Resident.objects.filter(id_number__in=[p["id_number"] for p in plan]).values_list("id_number", flat=True)
        )
        staff = (
            User.objects.filter(role=Role.COMMUNITY_STAFF, community=community, is_active=True).order_by("pk").first()
        )
        households: dict = {}
        for person in plan:
            if person["id_number"] in existing:
                continue
            resident = _create(person, community, groups, staff, today)
            created += 1
            if person["household"] is not None:
                household = households.get(person["household"])
                if household is None:
                    household = Household.objects.create(community=community, address=person["address"])
                    households[person["household"]] = household
                resident.household = household
                resident.address = household.address
                resident.save(update_fields=["household", "address"])
        for household in households.values():
            household_zero_employment_refresh(household=household, on=today)
    if stdout is not None:
        stdout.write(f"Residents: {created} added ({Resident.objects.count()} in all).")
