"""Demo data for the job market: employers with valid credit codes, surveys,
~60 postings across the demo communities (some pending review, some flagged by
the screening), a fair with sign-ups and a few recommendations. Idempotent:
rows are found by natural keys (credit code, employer + title, fair title)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from jobs.models import (
    Employer,
    EmployerSize,
    FairKind,
    FairSignUp,
    JobFair,
    LabourSurvey,
    LegalForm,
    OccupationCategory,
    PayUnit,
    Posting,
    PostingSource,
    PostingStatus,
)
from jobs.screening import minimum_wages, screen
from stations.models import Community, Education, RelatedSite, SiteKind, WorkPattern
from stations.validators import CREDIT_CODE_CHARS, credit_code_check_char

# Each employer with the community it sits in: one in the district its name claims.
EMPLOYERS = [
    ("枣庄鲁南家政服务有限公司", "家政服务", LegalForm.COMPANY, EmployerSize.SMALL, "370402001001"),
    ("市中区好邻居便利店", "零售", LegalForm.INDIVIDUAL_BUSINESS, EmployerSize.MICRO, "370402001002"),
    ("枣庄运河物流有限公司", "物流仓储", LegalForm.COMPANY, EmployerSize.MEDIUM, "370405001001"),
    ("薛城区巧手来料加工坊", "手工加工", LegalForm.INDIVIDUAL_BUSINESS, EmployerSize.MICRO, "370403001001"),
    ("山亭区颐养护理院", "养老照护", LegalForm.SOCIAL_ORGANISATION, EmployerSize.SMALL, "370406001001"),
    ("滕州市鲁菜师傅餐饮店", "餐饮", LegalForm.INDIVIDUAL_BUSINESS, EmployerSize.MICRO, "370481002001"),
    ("枣庄石榴园电商直播基地", "电子商务", LegalForm.COMPANY, EmployerSize.SMALL, "370404001002"),
    ("台儿庄古城物业服务有限公司", "物业", LegalForm.COMPANY, EmployerSize.MEDIUM, "370405001002"),
    ("峄城区榴园社区微工厂", "服装加工", LegalForm.COOPERATIVE, EmployerSize.SMALL, "370404001002"),
    ("枣庄同城即送配送站", "配送", LegalForm.COMPANY, EmployerSize.SMALL, "370402004001"),
    ("市中区阳光托育中心", "托育", LegalForm.SOCIAL_ORGANISATION, EmployerSize.MICRO, "370402005001"),
    ("滕州市荆河建筑劳务合作社", "建筑", LegalForm.COOPERATIVE, EmployerSize.MEDIUM, "370481001001"),
]

JOBS = [
    ("家政保洁员", OccupationCategory.HOUSEKEEPING, WorkPattern.FLEXIBLE, 3000, 4500, "suits_carers", PayUnit.MONTH),
    ("养老护理员", OccupationCategory.CARE, WorkPattern.FULL_TIME, 3800, 5200, "", PayUnit.MONTH),
    # Part-time work is paid by the hour (the hourly minimum wage applies).
    ("便利店店员", OccupationCategory.RETAIL, WorkPattern.PART_TIME, 22, 28, "suits_older", PayUnit.HOUR),
    ("仓库分拣员", OccupationCategory.LOGISTICS, WorkPattern.FULL_TIME, 4000, 5500, "", PayUnit.MONTH),
    (
        "手工串珠(来料加工)",
        OccupationCategory.HOME_PIECEWORK,
        WorkPattern.HOME_PIECEWORK,
        2100,
        3500,
        "suits_disabled",
        PayUnit.MONTH,
    ),
    ("后厨帮工", OccupationCategory.CATERING, WorkPattern.FULL_TIME, 3200, 4200, "", PayUnit.MONTH),
    ("直播带货助理", OccupationCategory.LIVE_SALES, WorkPattern.FULL_TIME, 3500, 6000, "", PayUnit.MONTH),
    ("小区保安", OccupationCategory.CLEANING_SECURITY, WorkPattern.FULL_TIME, 2600, 3200, "suits_older", PayUnit.MONTH),
    ("缝纫工", OccupationCategory.MANUFACTURING, WorkPattern.FULL_TIME, 3500, 5000, "", PayUnit.MONTH),
    ("外卖骑手", OccupationCategory.DELIVERY, WorkPattern.FLEXIBLE, 4000, 8000, "", PayUnit.MONTH),
    ("保育员", OccupationCategory.EDUCATION, WorkPattern.FULL_TIME, 2800, 3800, "", PayUnit.MONTH),
    ("钢筋工", OccupationCategory.CONSTRUCTION, WorkPattern.FULL_TIME, 6000, 9000, "", PayUnit.MONTH),
]
# Steps between the demo postings' pay, per unit.
PAY_STEP = {PayUnit.MONTH: 100, PayUnit.DAY: 10, PayUnit.HOUR: 1}

# Postings the screening should flag, so staff see how flags look.
FLAGGED = [
    ("前台接待", "限女性，未婚，身高160以上", 2500, 3200),
    ("夜班保安", "需交押金500元，服装费自理", 2600, 3000),
    ("临时搬运工", "限本地户籍男性", 1800, 2000),
]


def credit_code(serial: int) -> str:
    """A valid demo code: 91 (enterprise) + 370400 (Zaozhuang) + 9 characters + check."""
    body = "".join(CREDIT_CODE_CHARS[(serial * 7 + i * 3) % 31] for i in range(9))
    first17 = f"91370400{body}"
    return first17 + credit_code_check_char(first17)


def seed_jobs(*, scale: str, rng, stdout=None) -> None:
    communities = list(Community.objects.select_related("street__district").order_by("code"))
    if not communities:
        return
    today = timezone.localdate()
    now = timezone.now()
    by_code = {c.code: c for c in communities}
    employers = []
    for index, (name, industry, legal_form, size, community_code) in enumerate(EMPLOYERS):
        # Another region (tests, a city built differently): the nearest stand-in, in order.
        community = by_code.get(community_code) or communities[(index * 5) % len(communities)]
        employer, _created = Employer.objects.update_or_create(
            credit_code=credit_code(index + 1),
            defaults={
                "name": name,
                "industry": industry,
                "legal_form": legal_form,
                "size": size,
                "community": community,
                "address": f"{community.street.district.name}{community.street.name}{community.name}",
                "contact_name": ["张", "王", "李", "刘", "陈", "杨"][index % 6] + "经理",
                "contact_phone": f"1386320{index:04d}",
            },
        )
        employers.append(employer)
        for months_ago in (6, 3, 0):
            headcount = 8 + index * 3
            LabourSurvey.objects.get_or_create(
                employer=employer,
                surveyed_on=(today.replace(day=1) - dt.timedelta(days=30 * months_ago)),
                defaults={
                    "headcount": headcount,
                    "shortage": (index + months_ago) % 5,
                    "conditions": "五险一金，包午餐" if index % 2 else "计件工资，弹性工作",
                },
            )
    # Jobs near the employer: in communities of its own district.
    district_communities: dict[int, list[Community]] = {}
    for community in communities:
        district_communities.setdefault(community.street.district_id, []).append(community)
    count = 60 if scale == "small" else 600
    wages = minimum_wages(today)
    for n in range(count):
        employer = employers[n % len(employers)]
        rounds = n // len(employers)  # each round gives every employer another job
        title, category, pattern, low, high, tag, unit = JOBS[(n + rounds) % len(JOBS)]
        nearby = district_communities[employer.community.street.district_id]
        community = nearby[rounds % len(nearby)]
        status = PostingStatus.PENDING if n % 10 == 3 else PostingStatus.PUBLISHED
        defaults = {
            "community": community,
            "occupation_category": category,
            "work_pattern": pattern,
            "headcount": 1 + n % 4,
            "salary_min": low + (n % 3) * PAY_STEP[unit],
            "salary_max": high + (n % 3) * PAY_STEP[unit],
            "pay_unit": unit,
            "work_address": f"{community.street.name}{community.name}",
            "working_hours": "8:30-17:30" if pattern == WorkPattern.FULL_TIME else "时间可商量",
            "description": f"{employer.name}招聘{title}，就近上班，岗前免费培训。",
            "education_min": Education.JUNIOR if n % 4 == 0 else "",
            "suits_disabled": tag == "suits_disabled",
            "suits_carers": tag == "suits_carers",
            "suits_older": tag == "suits_older",
            "is_public_welfare": n % 15 == 0,
            "is_community_worker": n % 20 == 0,
            "valid_from": today - dt.timedelta(days=n % 20),
            "valid_until": today + dt.timedelta(days=10 + n % 40),
            "contact_name": employer.contact_name,
            "contact_phone": employer.contact_phone,
            "status": status,
            "source": PostingSource.PUBLIC_FORM if status == PostingStatus.PENDING else PostingSource.STAFF,
            "published_at": now - dt.timedelta(hours=n * 5) if status == PostingStatus.PUBLISHED else None,
            "latitude": float(community.latitude) if community.latitude is not None else None,
            "longitude": float(community.longitude) if community.longitude is not None else None,
        }
        _get_or_create_screened(employer, f"{title}（{community.name}）", defaults, wages=wages, now=now)
    for index, (title, requirements, low, high) in enumerate(FLAGGED):
        community = employers[index].community
        _get_or_create_screened(
            employers[index],
            title,
            {
                "community": community,
                "occupation_category": OccupationCategory.OTHER,
                "work_pattern": WorkPattern.FULL_TIME,
                "salary_min": low,
                "salary_max": high,
                "requirements": requirements,
                "age_max": 35 if index == 0 else None,
                "valid_from": today,
                "valid_until": today + dt.timedelta(days=30),
                "contact_name": employers[index].contact_name,
                "contact_phone": employers[index].contact_phone,
                "status": PostingStatus.PENDING,
                "source": PostingSource.PUBLIC_FORM,
                "latitude": float(community.latitude) if community.latitude is not None else None,
                "longitude": float(community.longitude) if community.longitude is not None else None,
            },
            wages=wages,
            now=now,
        )
    host = communities[0]
    start = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=9), dt.time(9, 0)))
    fair, _created = JobFair.objects.get_or_create(
        title="光明路社区春风行动岗位集市",
        defaults={
            "community": host,
            "kind": FairKind.BAZAAR,
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=3),
            "place": f"{host.name}党群服务中心广场",
            "description": "二十余家社区周边企业现场招聘，提供政策咨询和免费技能培训报名。",
        },
    )
    if _created:  # chosen once: later runs find other postings published or filled
        fair.employers.add(*employers[:6])
        fair.postings.add(
            *Posting.objects.filter(employer__in=employers[:6], status=PostingStatus.PUBLISHED).order_by("pk")[:10]
        )
    live, _created = JobFair.objects.get_or_create(
        title="枣庄直播带岗专场",
        defaults={
            "community": communities[min(3, len(communities) - 1)],
            "kind": FairKind.LIVE_STREAM,
            "starts_at": start + dt.timedelta(days=5),
            "ends_at": start + dt.timedelta(days=5, hours=2),
            "online_link": "https://live.example.cn/zaozhuang-jobs",
            "description": "主播现场连线企业HR，评论区留言即可报名。",
        },
    )
    for i, name in enumerate(["赵丽", "孙强", "周敏", "吴刚"]):
        FairSignUp.objects.get_or_create(fair=fair, phone=f"1396320{i:04d}", defaults={"name": name})
    _seed_site_jobs(by_code.get("370402001001") or communities[0], employers, today=today, now=now, wages=wages)
    _seed_recommendations(today=today)


# Sites where the work is done, with the jobs tied to them: (kind, name, address,
# phone, [(employer index, title, category, pattern, pay from, pay up to)]).
SITE_JOBS = [
    (
        SiteKind.DEMO_BASE,
        "光明路社区家门口就业示范基地",
        "光明路 18 号社区服务综合体二楼",
        "0632-3316666",
        [
            (0, "保洁员（示范基地）", OccupationCategory.HOUSEKEEPING, WorkPattern.FLEXIBLE, 2800, 3600),
            (1, "理货员（示范基地）", OccupationCategory.RETAIL, WorkPattern.FULL_TIME, 3000, 3800),
        ],
    ),
    (
        SiteKind.HOUSEKEEPING_OUTLET,
        "鲁南家政光明路服务网点",
        "光明路 22 号临街门面",
        "0632-3317777",
        [(0, "家政服务员（光明路网点）", OccupationCategory.HOUSEKEEPING, WorkPattern.FLEXIBLE, 3200, 5000)],
    ),
]


def _seed_site_jobs(community: Community, employers: list[Employer], *, today, now, wages) -> None:
    """A demo base and a housekeeping outlet in the demo community, each with
    open jobs, so the sites' public pages have something to show."""
    for kind, name, address, phone, jobs in SITE_JOBS:
        site, _created = RelatedSite.objects.get_or_create(
            community=community, kind=kind, name=name, defaults={"address": address, "phone": phone}
        )
        for index, title, category, pattern, low, high in jobs:
            employer = employers[index % len(employers)]
            posting = _get_or_create_screened(
                employer,
                title,
                {
                    "community": community,
                    "related_site": site,
                    "occupation_category": category,
                    "work_pattern": pattern,
                    "headcount": 3,
                    "salary_min": low,
                    "salary_max": high,
                    "work_address": f"{name}（{address}）",
                    "working_hours": "时间可商量，可兼顾接送孩子",
                    "description": f"在{name}上班，离家近，岗前免费培训。",
                    "suits_carers": pattern == WorkPattern.FLEXIBLE,
                    "valid_from": today - dt.timedelta(days=2),
                    "valid_until": today + dt.timedelta(days=45),
                    "contact_name": employer.contact_name,
                    "contact_phone": employer.contact_phone,
                    "status": PostingStatus.PUBLISHED,
                    "source": PostingSource.STAFF,
                    "published_at": now - dt.timedelta(hours=2),
                    "latitude": float(community.latitude) if community.latitude is not None else None,
                    "longitude": float(community.longitude) if community.longitude is not None else None,
                },
                wages=wages,
                now=now,
            )
            if posting.related_site_id is None:  # a posting of that title seeded before sites had jobs
                Posting.objects.filter(pk=posting.pk).update(related_site=site)


def _get_or_create_screened(employer, title, defaults, *, wages, now) -> Posting:
    """A demo posting found by employer and title, or created screened, as the
    services would: one the law forbids never goes out published (it waits in
    the review queue, so the demo shows how a blocked posting looks)."""
    existing = Posting.objects.filter(employer=employer, title=title).first()
    if existing is not None:
        return existing
    posting = Posting(employer=employer, title=title, **defaults)
    flags = screen(posting, wages=wages)
    posting.screening_flags = [f.as_dict() for f in flags]
    posting.screening_blocked = any(f.blocking for f in flags)
    posting.screened_at = now
    if posting.status == PostingStatus.PUBLISHED and posting.screening_flags:
        posting.status = PostingStatus.PENDING
        posting.source = PostingSource.PUBLIC_FORM
        posting.published_at = None
    posting.save()
    return posting


def seed_review_notifications(*, scale: str, rng, stdout=None) -> None:
    """Each demo login who reviews postings hears of one that waits in their
    area, linked to it: a notification about a posting that exists. A seeder
    of its own, run last: some demo logins are made by later seeders."""
    from stations.models import Notification, User
    from stations.permissions import user_can

    now = timezone.now()
    for user in User.objects.filter(username__startswith="demo-", is_active=True).exclude(role="").order_by("pk"):
        if not user_can(user, "jobs.review_posting"):
            continue
        posting = (
            Posting.objects.visible_to(user)
            .filter(status=PostingStatus.PENDING)
            .select_related("employer")
            .order_by("pk")
            .first()
        )
        if posting is None:
            continue
        notification, created = Notification.objects.get_or_create(
            dedupe_key=f"demo:{user.username}:review",
            defaults={
                "recipient": user,
                "kind": "review",
                "message": f"新的岗位待审核：{posting.employer.name} · {posting.title}（{posting.headcount} 人）",
                "link": reverse("jobs:posting_detail", kwargs={"pk": posting.pk}),
            },
        )
        if created:
            Notification.objects.filter(pk=notification.pk).update(created_at=now - dt.timedelta(days=1, hours=1))


def _seed_recommendations(*, today) -> None:
    """A few recommendations written directly (seeding is not a staff action),
    each with its one service-log entry, so the pages have history to show."""
    from django.contrib.contenttypes.models import ContentType

    from jobs.models import Recommendation, RecommendationTransition
    from stations.models import Resident, Role, ServiceChannel, ServiceKind, ServiceRecord, User

    staff = User.objects.filter(role=Role.COMMUNITY_STAFF, is_active=True).order_by("pk").first()
    # Once: who is out of work changes as the other seeders place people, so a
    # later run would pick new residents and add recommendations every time.
    if staff is None or Recommendation.objects.filter(staff=staff).exists():
        return
    residents = list(
        Resident.objects.active().filter(community=staff.community, employment_status="unemployed").order_by("pk")[:3]
    )
    postings = list(Posting.objects.live(on=today).order_by("pk")[:3])
    posting_type = ContentType.objects.get_for_model(Posting)
    for resident, posting in zip(residents, postings, strict=False):
        rec, created = Recommendation.objects.get_or_create(
            resident=resident, posting=posting, defaults={"recommended_on": today, "staff": staff}
        )
        if created:
            ServiceRecord.objects.create(
                resident=resident,
                kind=ServiceKind.JOB_RECOMMENDATION,
                served_on=today,
                staff=staff,
                channel=ServiceChannel.STATION,
                concerns_type=posting_type,
                concerns_id=posting.pk,
                concerns_label=str(posting)[:200],
            )
            RecommendationTransition.objects.create(
                recommendation=rec, name="recommend", to_state="recommended", user=staff
            )
