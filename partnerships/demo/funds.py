"""Demo community funds for `seed_demo`: each district with a bureau account
allocates 50,000 yuan for the year to its communities that have a staff
account, which record spending in several categories through the services;
one adjustment is approved and one waits for the district. Idempotent: an
allocation is keyed by community, year and title."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from stations.models import Community, Role, User

from ..models import FundAllocation, SpendingCategory
from ..services.funds import (
    fund_adjustment_decide,
    fund_adjustment_request,
    fund_allocation_create,
    fund_spending_record,
)

SPENDING = [
    (SpendingCategory.JOB_FAIRS, "枣庄会展服务有限公司", "春风行动社区岗位集市场地与搭建", (2500, 4500)),
    (SpendingCategory.TRAINING, "枣庄市技工学校", "家政服务夜课培训讲师课时费", (3000, 6000)),
    (SpendingCategory.PUBLICITY, "鲁南印务广告部", "就业创业政策明白纸印制", (600, 1500)),
    (SpendingCategory.SERVICE_VENUE, "枣庄市办公设备商行", "驿站自助查询一体机", (4000, 7000)),
    (SpendingCategory.STAFF, "枣庄鲁南人力资源服务有限公司", "购买就业服务：岗位信息采集", (3500, 6000)),
    (SpendingCategory.ASSISTANCE, "社区困难群体帮扶", "就业困难人员交通和体检补助", (800, 2000)),
    (SpendingCategory.JOB_FAIRS, "枣庄直播电商产业园", "直播带岗活动设备租赁", (1500, 3000)),
    (SpendingCategory.PUBLICITY, "社区宣传栏", "家门口就业宣传栏更新", (400, 900)),
    (SpendingCategory.OTHER, "社区居委会", "驿站水电和网络费", (500, 1200)),
]


def seed_funds(*, scale, rng: random.Random, stdout=None) -> None:
    today = timezone.localdate()
    allocated_on = today - dt.timedelta(days=150)
    made = 0
    for bureau in User.objects.filter(role=Role.DISTRICT_BUREAU, is_active=True, district__isnull=False).order_by("pk"):
        staffed = (
            User.objects.filter(role=Role.COMMUNITY_STAFF, is_active=True, community__street__district=bureau.district)
            .order_by("username")
            .values_list("community_id", flat=True)
        )
        for community in Community.objects.filter(pk__in=set(staffed)).order_by("code"):
            title = f"{allocated_on.year}年就业补助资金直补{community.name}"
            if FundAllocation.objects.filter(community=community, year=allocated_on.year, title=title).exists():
                continue
            clerk = User.objects.filter(role=Role.COMMUNITY_STAFF, is_active=True, community=community).order_by(
                "username"
            )[0]
            _seed_one(bureau, clerk, community, title, allocated_on, today, rng)
            made += 1
    if stdout is not None and made:
        stdout.write(f"  community funds: {made} allocations")


def _seed_one(bureau, clerk, community, title, allocated_on, today, rng) -> None:
    allocation = fund_allocation_create(
        actor=bureau,
        community=community,
        year=allocated_on.year,
        title=title,
        document_number=f"{bureau.district.name}人社发〔{allocated_on.year}〕{rng.randrange(10, 60)}号",
        amount=Decimal("50000.00"),
        allocated_on=allocated_on,
        note="用于驿站运营、岗位集市、技能培训和困难群体帮扶，按类别记账，年底前报送使用情况。",
    )
    lines = rng.sample(SPENDING, rng.randrange(6, len(SPENDING) + 1))
    span = (today - allocated_on).days
    for index, (category, payee, purpose, (low, high)) in enumerate(lines):
        fund_spending_record(
            actor=clerk,
            allocation=allocation,
            category=category,
            spent_on=allocated_on + dt.timedelta(days=min(span, 5 + index * span // len(lines))),
            amount=Decimal(rng.randrange(low, high)).quantize(Decimal("0.01")),
            payee=payee,
            purpose=purpose,
            voucher_number=f"记-{allocated_on.year}-{allocation.pk:03d}{index + 1:02d}",
        )
    approved = fund_adjustment_request(
        actor=clerk, allocation=allocation, amount=Decimal("8000.00"), reason="秋季直播带岗和岗位集市场次增加"
    )
    fund_adjustment_decide(actor=bureau, adjustment=approved, approve=True, note="同意，按实际场次据实列支。")
    fund_adjustment_request(
        actor=clerk, allocation=allocation, amount=Decimal("5000.00"), reason="冬季家政服务培训班扩招两个班"
    )
