"""Demo data for training (seed_demo, order 60): published catalogues for
市中区 and 滕州市 with subsidy standards, providers, classes at several
stages, needs and enrolments with completions. Residents come from the
registry seeder (order ~20); without them only the catalogue side is made.
Idempotent: every row is get_or_create / update_or_create on a natural key."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from stations.models import IN_WORK_STATUSES, Community, District, EmploymentStatus, Resident, Role, User
from training.models import (
    Audience,
    Catalogue,
    CatalogueStatus,
    ClassStatus,
    Course,
    Enrolment,
    EnrolmentStatus,
    Programme,
    Provider,
    ScheduleType,
    TrainingClass,
    TrainingNeed,
    add_months,
)

# (name, occupation, hours, subsidy yuan, audience, programme, requirements, content)
COURSES = [
    (
        "育婴员（五级）",
        "育婴员",
        80,
        "1200",
        Audience.REDEPLOYMENT,
        Programme.HOUSEKEEPING,
        "16–60 周岁，初中以上文化",
        "婴幼儿生活照料、日常保健、早期教育",
    ),
    (
        "养老护理员（五级）",
        "养老护理员",
        96,
        "1400",
        Audience.REDEPLOYMENT,
        Programme.HEALTH_CARE,
        "18–60 周岁，身体健康",
        "老年人生活照护、基础护理、康复服务",
    ),
    (
        "中式烹调师（鲁菜）",
        "中式烹调师",
        120,
        "1800",
        Audience.REDEPLOYMENT,
        Programme.LU_CUISINE_CHEF,
        "16 周岁以上",
        "鲁菜基础刀工、火候、经典菜品制作",
    ),
    (
        "中式面点师",
        "中式面点师",
        100,
        "1500",
        Audience.LABOUR_PREPARATION,
        Programme.LU_CUISINE_CHEF,
        "未升学初高中毕业生优先",
        "枣庄菜煎饼、面点制作与营销",
    ),
    (
        "砌筑工",
        "砌筑工",
        90,
        "1300",
        Audience.REDEPLOYMENT,
        Programme.QILU_BUILDER,
        "18–55 周岁，男女不限",
        "砌筑工艺、安全规范、质量验收",
    ),
    (
        "手工编织（山东手造）",
        "手工编织工",
        60,
        "800",
        Audience.PRACTICAL_SKILLS,
        Programme.SHANDONG_HANDCRAFT,
        "残疾人、社区矫正对象等可报名",
        "柳编、草编基础，来料加工工艺",
    ),
    (
        "网约配送员",
        "网约配送员",
        40,
        "600",
        Audience.EMPLOYMENT_SKILLS,
        Programme.DELIVERY,
        "18 周岁以上，有智能手机",
        "平台接单、交通安全、客户服务",
    ),
    (
        "直播销售员",
        "直播销售员",
        60,
        "1000",
        Audience.EMPLOYMENT_SKILLS,
        Programme.LIVE_SELLING,
        "高校毕业生、返乡青年优先",
        "直播策划、话术、选品与售后",
    ),
    (
        "创业培训（SIYB）",
        "创业者",
        80,
        "1500",
        Audience.STARTUP_LITERACY,
        "",
        "有创业意愿、具备一定文化程度",
        "创业意识、市场评估、企业计划书",
    ),
]

PROVIDERS = {
    "370402": [
        ("枣庄市市中区阳光职业培训学校", "鲁人社培 370402001"),
        ("枣庄鲁南家政服务职业培训学校", "鲁人社培 370402007"),
    ],
    "370481": [("滕州市善国职业培训学校", "鲁人社培 370481003"), ("滕州市墨子技工学校", "鲁人社培 370481011")],
}

# (course index, title suffix, schedule, start offset days, length days, capacity, status)
CLASSES = [
    (0, "育婴员夜课班（春季）", ScheduleType.EVENING, -300, 40, 25, ClassStatus.FINISHED),
    (2, "鲁菜师傅周末班", ScheduleType.WEEKEND, -280, 60, 20, ClassStatus.FINISHED),
    (1, "养老护理员日间班", ScheduleType.REGULAR, -20, 45, 30, ClassStatus.RUNNING),
    (0, "育婴员夜课班（冬季）", ScheduleType.EVENING, 12, 40, 25, ClassStatus.OPEN),
    (6, "网约配送员周末课堂", ScheduleType.WEEKEND, 20, 14, 40, ClassStatus.OPEN),
    (7, "直播销售员夜课班", ScheduleType.EVENING, 30, 30, 20, ClassStatus.OPEN),
]

NEED_TRADES = ["育婴员", "养老护理员", "中式烹调师", "网约配送员", "直播销售员", "中式面点师"]


def _bureau(district: District) -> User:
    user = User.objects.filter(role=Role.DISTRICT_BUREAU, district=district).order_by("pk").first()
    return user or User.objects.filter(role=Role.CITY_BUREAU).order_by("pk").first()


def _keeper(resident: Resident) -> User | None:
    """A staff account who may change this resident's employment status."""
    return (
        User.objects.filter(role=Role.COMMUNITY_STAFF, community=resident.community_id, is_active=True).first()
        or User.objects.filter(role=Role.STREET_OFFICER, street=resident.community.street_id, is_active=True).first()
    )


def seed_training(*, scale: str, rng, stdout=None) -> None:
    today = timezone.localdate()
    for code, providers in PROVIDERS.items():
        district = District.objects.filter(code=code).first()
        creator = district and _bureau(district)
        if district is None or creator is None:
            continue
        catalogue, _ = Catalogue.objects.get_or_create(
            district=district,
            title=f"{today.year}年{district.name}职业技能培训通用项目清单",
            defaults={"status": CatalogueStatus.DRAFT},
        )
        courses = []
        for position, (name, occupation, hours, subsidy, audience, programme, req, content) in enumerate(COURSES):
            course, _ = Course.objects.update_or_create(
                catalogue=catalogue,
                name=name,
                defaults={
                    "occupation": occupation,
                    "hours": hours,
                    "subsidy_standard": Decimal(subsidy) + (Decimal("100") if code == "370481" else 0),
                    "audience": audience,
                    "programme": programme,
                    "entry_requirements": req,
                    "content": content,
                    "position": position,
                },
            )
            courses.append(course)
        if (
            catalogue.status == CatalogueStatus.DRAFT
            and not Catalogue.objects.filter(district=district, status=CatalogueStatus.PUBLISHED).exists()
        ):
            catalogue.status = CatalogueStatus.PUBLISHED
            catalogue.published_at = timezone.now() - dt.timedelta(days=330)
            catalogue.published_by = creator if creator.role == Role.DISTRICT_BUREAU else None
            catalogue.save(update_fields=["status", "published_at", "published_by"])
        provider_rows = [
            Provider.objects.get_or_create(
                district=district,
                name=name,
                defaults={"licence_number": licence, "contact_person": "李老师", "phone": "0632-3326688"},
            )[0]
            for name, licence in providers
        ]
        communities = list(Community.objects.filter(street__district=district).order_by("code")[:4])
        if not communities:
            continue
        classes = []
        for index, (course_index, title, schedule, offset, length, capacity, status) in enumerate(CLASSES):
            community = communities[index % len(communities)]
            start = today + dt.timedelta(days=offset)
            training_class, _ = TrainingClass.objects.get_or_create(
                course=courses[course_index],
                title=f"{community.name}{title}",
                defaults={
                    "provider": provider_rows[index % len(provider_rows)],
                    "community": community,
                    "place": f"{community.name}党群服务中心培训室",
                    "schedule_type": schedule,
                    "schedule_note": {"evening": "周一至周四 19:00-21:00", "weekend": "周六、周日 9:00-16:00"}.get(
                        schedule, "周一至周五 8:30-16:30"
                    ),
                    "start_date": start,
                    "end_date": start + dt.timedelta(days=length),
                    "capacity": capacity,
                    "status": status,
                    "created_by": creator,
                },
            )
            classes.append(training_class)
        _seed_people(district, classes, rng=rng, today=today)
    if stdout is not None:
        stdout.write(f"training: {Catalogue.objects.count()} catalogues, {TrainingClass.objects.count()} classes")


def _seed_people(district, classes, *, rng, today) -> None:
    from stations.services import resident_employment_status_change

    residents = list(
        Resident.objects.filter(community__street__district=district, removed_at__isnull=True).order_by("pk")[:60]
    )
    if not residents:
        return
    round_date = today - dt.timedelta(days=320)
    recorder = _bureau(district)
    for index, resident in enumerate(residents[:40]):
        TrainingNeed.objects.get_or_create(
            resident=resident,
            occupation=NEED_TRADES[index % len(NEED_TRADES)],
            round_date=round_date,
            defaults={"recorded_by": recorder},
        )
    finished = [c for c in classes if c.status == ClassStatus.FINISHED]
    others = [c for c in classes if c.status in (ClassStatus.RUNNING, ClassStatus.OPEN)]
    for index, resident in enumerate(residents[:36]):
        if index < 24 and finished:
            training_class = finished[index % len(finished)]
            done = index % 6 != 5  # about one in six drops out
            enrolment, created = Enrolment.objects.get_or_create(
                resident=resident,
                training_class=training_class,
                defaults={
                    "enrolled_on": training_class.start_date - dt.timedelta(days=7),
                    "enrolled_by": recorder,
                    "status": EnrolmentStatus.COMPLETED if done else EnrolmentStatus.DROPPED_OUT,
                    "attended_hours": training_class.course.hours if done else training_class.course.hours // 3,
                    "completed_on": training_class.end_date if done else None,
                    "window_3m_end": add_months(training_class.end_date, 3) if done else None,
                    "window_6m_end": add_months(training_class.end_date, 6) if done else None,
                    "certificate_number": f"3704{training_class.pk:04d}{index:04d}" if done else "",
                    "feedback_score": rng.choice([4, 5, 5, 3]) if done else None,
                },
            )
            # Two in three graduates find work within months, through the one history.
            keeper = _keeper(resident)
            if created and done and keeper and index % 3 != 2:
                changed_on = training_class.end_date + dt.timedelta(days=rng.randrange(20, 150))
                if (
                    changed_on <= today
                    and not resident.status_changes.filter(
                        changed_on__gte=training_class.end_date, status__in=IN_WORK_STATUSES
                    ).exists()
                ):
                    # The registry's own history may disagree (registered unemployed later): then leave it.
                    with contextlib.suppress(ValidationError):
                        resident_employment_status_change(
                            actor=keeper,
                            resident=resident,
                            status=EmploymentStatus.EMPLOYED if index % 2 else EmploymentStatus.FLEXIBLE,
                            changed_on=changed_on,
                            note="培训后就业（演示）",
                        )
        elif others:
            training_class = others[index % len(others)]
            Enrolment.objects.get_or_create(
                resident=resident,
                training_class=training_class,
                defaults={"enrolled_on": today - dt.timedelta(days=3), "enrolled_by": recorder},
            )
