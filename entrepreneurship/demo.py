"""Demo startups for `seed_demo`: businesses founded by demo residents, subsidy
applications at every step of the workflow, loans, spaces with occupancy, and
public projects, stars and events. Idempotent: keyed by credit code and title."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from stations.models import Community, District, Resident, Role, User
from stations.validators import credit_code_check_char

from .models import (
    Business,
    BusinessKind,
    CatalogueState,
    EventKind,
    GuaranteeLoan,
    IncubationSpace,
    SpaceKind,
    SpaceOccupancy,
    StartupEvent,
    StartupProject,
    StartupStar,
    SubsidyApplication,
    SubsidyKind,
    Transition,
)
from .services import subsidy_application_create, subsidy_application_transition

SHOPS = ["便民早餐店", "家政服务部", "手工煎饼坊", "社区洗衣店", "石榴盆景工作室", "电商直播间", "小吃店", "维修铺"]
PROJECTS = [
    (
        "社区便民早餐车",
        "餐饮",
        "3-5万元",
        "早晚高峰在社区门口经营，投资小、回本快。",
        "办理个体工商户执照和食品经营许可，到驿站申请一次性创业补贴。",
    ),
    (
        "家政保洁服务队",
        "家政服务",
        "1-3万元",
        "承接社区保洁、开荒、收纳等上门服务。",
        "参加家政服务培训取得证书，组队承接物业和居民订单。",
    ),
    (
        "山东手造文创小店",
        "手工艺",
        "2-5万元",
        "售卖剪纸、柳编、鲁绣等手造产品，可结合直播销售。",
        "可入驻创业街区门店，享受场所租赁补贴。",
    ),
    (
        "社区养老助餐点",
        "养老服务",
        "5-10万元",
        "为社区老人提供午餐和送餐服务。",
        "与社区居委会合作选址，申请创业担保贷款。",
    ),
]


def _credit_code(n: int, kind: str) -> str:
    prefix = "92" if kind == BusinessKind.INDIVIDUAL_BUSINESS else "91"
    first17 = f"{prefix}370400MA{n:07d}"[:17]
    return first17 + credit_code_check_char(first17)


def seed_entrepreneurship(*, scale: str, rng: random.Random, stdout=None) -> None:
    today = timezone.localdate()
    _seed_public_material(today)
    communities = list(Community.objects.select_related("street__district").order_by("code"))
    n = 0
    for community in communities:
        founders = list(Resident.objects.filter(community=community, removed_at__isnull=True).order_by("pk")[:40])
        if len(founders) < 6:
            continue
        # The demo login's community gets one business per workflow step.
        home = User.objects.filter(username="demo-community", community=community).exists()
        for i in range(6 if home else 2):
            n += 1
            kind = BusinessKind.MICRO_ENTERPRISE if n % 4 == 0 else BusinessKind.INDIVIDUAL_BUSINESS
            # One business per founder here: the startup subsidy is once per person.
            founder = founders[i]
            business, created = Business.objects.get_or_create(
                credit_code=_credit_code(n, kind),
                defaults={
                    "kind": kind,
                    "name": f"{community.name}{SHOPS[n % len(SHOPS)]}",
                    "registered_on": today - dt.timedelta(days=rng.randrange(20, 300)),
                    "community": community,
                    "industry": "服务业",
                    "jobs_created": rng.randrange(1, 8),
                },
            )
            if created:
                business.founders.set([founder])
        space_name = f"{community.street.name}创业孵化基地"
        if community.code.endswith("001") and not IncubationSpace.objects.filter(name=space_name).exists():
            space = IncubationSpace.objects.create(
                kind=SpaceKind.INCUBATOR,
                name=space_name,
                community=community,
                address=f"{community.name}创业街",
                units=24,
                reserved_share_percent=30,
            )
            for months_ago, occupied, priority in ((2, 15, 4), (1, 18, 5), (0, 20, 7)):
                SpaceOccupancy.objects.create(
                    space=space,
                    recorded_on=today.replace(day=1) - dt.timedelta(days=30 * months_ago),
                    occupied_units=occupied,
                    priority_group_units=priority,
                )
    _seed_workflow(today)


def _seed_workflow(today: dt.date) -> None:
    """Applications at every step, taken through the real services by the demo logins."""
    staff = User.objects.filter(username="demo-community", role=Role.COMMUNITY_STAFF).first()
    street = User.objects.filter(username="demo-street", role=Role.STREET_OFFICER).first()
    district = User.objects.filter(username="demo-district", role=Role.DISTRICT_BUREAU).first()
    if not (staff and street and district) or SubsidyApplication.objects.filter(community=staff.community).exists():
        return
    businesses = list(Business.objects.filter(community=staff.community).prefetch_related("founders")[:6])
    plan = [
        [],
        [Transition.SUBMIT],
        [Transition.SUBMIT, Transition.STREET_CHECK],
        [Transition.SUBMIT, Transition.STREET_CHECK, Transition.APPROVE],
        [Transition.SUBMIT, Transition.STREET_CHECK, Transition.APPROVE, Transition.PAY],
        [Transition.SUBMIT, Transition.STREET_CHECK, Transition.REJECT],
    ]
    actors = {
        Transition.SUBMIT: staff,
        Transition.STREET_CHECK: street,
        Transition.APPROVE: district,
        Transition.REJECT: district,
        Transition.PAY: district,
    }
    # One founder, one startup subsidy: a founder of two demo businesses is used once.
    distinct, seen = [], set()
    for business in businesses:
        founder = business.founders.all()[0]
        if founder.pk not in seen:
            seen.add(founder.pk)
            distinct.append((business, founder))
    for (business, founder), steps in zip(distinct, plan, strict=False):
        application = subsidy_application_create(
            actor=staff, kind=SubsidyKind.STARTUP, resident=founder, business=business
        )
        for step in steps:
            subsidy_application_transition(
                actor=actors[step],
                application=application,
                transition=step,
                rejection_reason="missing_documents" if step == Transition.REJECT else "",
                paid_on=today if step == Transition.PAY else None,
                payment_reference=f"ZZCY-{today:%Y}-{application.pk:05d}" if step == Transition.PAY else "",
            )
    founder = businesses[0].founders.all()[0] if businesses else None
    if founder and not GuaranteeLoan.objects.filter(resident=founder).exists():
        GuaranteeLoan.objects.create(
            borrower_kind="individual",
            community=founder.community,
            resident=founder,
            bank="枣庄农村商业银行",
            amount=Decimal("200000"),
            term_months=36,
            rate_discount_percent=Decimal("100"),
            status="granted",
            repayment_status="on_time",
            granted_on=today - dt.timedelta(days=90),
            created_by=staff,
        )


def _seed_public_material(today: dt.date) -> None:
    for district in District.objects.filter(code__in=["370402", "370481"]):
        for title, industry, investment, summary, guide in PROJECTS:
            StartupProject.objects.get_or_create(
                district=district,
                title=title,
                defaults={
                    "industry": industry,
                    "investment": investment,
                    "summary": summary,
                    "guide": guide,
                    "contact": f"{district.name}创业服务中心 0632-12333",
                    "state": CatalogueState.PUBLISHED,
                },
            )
        StartupStar.objects.get_or_create(
            district=district,
            name="孙丽",
            business_name="石榴盆景工作室",
            defaults={
                "year": today.year - 1,
                "state": CatalogueState.PUBLISHED,
                "story": (
                    "下岗后在社区驿站参加创业培训，申请到一次性创业补贴和 20 万元创业担保贷款，如今带动 12 位邻居就业。"
                ),
            },
        )
        StartupEvent.objects.get_or_create(
            district=district,
            title=f"{district.name}创业沙龙：小店怎么开",
            defaults={
                "kind": EventKind.SALON,
                "place": f"{district.name}创业孵化中心",
                "starts_at": timezone.now() + dt.timedelta(days=10),
                "state": CatalogueState.PUBLISHED,
                "description": "创业导师讲解补贴申领和担保贷款，现场答疑。",
            },
        )
        StartupEvent.objects.get_or_create(
            district=district,
            title=f"{district.name}“社区微业”创业大赛",
            defaults={
                "kind": EventKind.CONTEST,
                "place": f"{district.name}人力资源市场",
                "starts_at": timezone.now() + dt.timedelta(days=30),
                "signup_deadline": today + dt.timedelta(days=20),
                "prize_note": "一等奖 2 万元创业扶持金，获奖项目优先入驻孵化基地。",
                "state": CatalogueState.PUBLISHED,
                "description": "面向辖区居民的小微创业项目比赛，现场路演，评委点评。",
            },
        )
    _seed_proposals()


def _seed_proposals() -> None:
    """Work waiting for the district: a project the demo community proposed and
    a sharing session it is still writing."""
    community = Community.objects.filter(code="370402001001").select_related("street").first()
    staff = User.objects.filter(username="demo-community").first()
    if community is None or staff is None:
        return
    district_id = community.street.district_id
    StartupProject.objects.get_or_create(
        district_id=district_id,
        title="社区老年助餐点",
        defaults={
            "community": community,
            "created_by": staff,
            "state": CatalogueState.PROPOSED,
            "industry": "餐饮",
            "investment": "5 万元左右",
            "summary": "为社区老人提供午餐和送餐，可申请助餐补贴。",
            "guide": "1. 找社区驿站了解场地；2. 办理食品经营许可；3. 申请一次性创业补贴。",
            "contact": f"{community.name}就业驿站",
        },
    )
    StartupEvent.objects.get_or_create(
        district_id=district_id,
        title="返乡创业经验分享会",
        defaults={
            "community": community,
            "created_by": staff,
            "state": CatalogueState.DRAFT,
            "kind": EventKind.SHARING,
            "place": f"{community.name}就业驿站",
            "starts_at": timezone.now() + dt.timedelta(days=14),
        },
    )
