"""Businesses founded by residents and startup guarantee loans."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from benchmarks.citygen.base import GeneratorBase
from benchmarks.citygen.residents import SURNAMES
from benchmarks.citygen.writer import BATCH, bulk_insert, insert_keyed
from stations.models import District, EmploymentStatus
from stations.validators import credit_code_check_char

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


def businesses_with_a_founder() -> tuple[dict[int, int], list[tuple]]:
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


class BusinessSteps(GeneratorBase):
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

    def guarantee_loans(self) -> int:
        """~3,000 startup guarantee loans within the plan's limits: individuals
        (most with their business) and micro enterprises."""
        from entrepreneurship.models import BusinessKind, GuaranteeLoan

        target = self.sizes["loans"] - GuaranteeLoan.objects.count()
        if target <= 0:
            return 0
        founders, businesses = businesses_with_a_founder()
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
