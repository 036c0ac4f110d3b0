import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from partnerships.models import AdjustmentStatus, FundAdjustment, FundAllocation, FundSpending, SpendingCategory
from stations.models import Role


class FundAllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundAllocation

    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    title = factory.Sequence(lambda n: f"就业补助资金直补社区第{n}批")
    document_number = factory.Sequence(lambda n: f"区人社发〔2026〕{n}号")
    amount = Decimal("50000.00")
    allocated_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))
    allocated_by = factory.SubFactory(
        "tests.factories.users.UserFactory",
        role=Role.DISTRICT_BUREAU,
        community=None,
        district=factory.SelfAttribute("..community.street.district"),
    )


class FundSpendingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundSpending

    allocation = factory.SubFactory(FundAllocationFactory)
    category = SpendingCategory.JOB_FAIRS
    spent_on = factory.LazyAttribute(lambda o: o.allocation.allocated_on + dt.timedelta(days=1))
    amount = Decimal("1000.00")
    payee = "枣庄会展服务有限公司"
    purpose = factory.Sequence(lambda n: f"社区岗位集市第{n}场")
    recorded_by = factory.SubFactory(
        "tests.factories.users.UserFactory",
        role=Role.COMMUNITY_STAFF,
        community=factory.SelfAttribute("..allocation.community"),
    )


class FundAdjustmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundAdjustment

    allocation = factory.SubFactory(FundAllocationFactory)
    amount = Decimal("5000.00")
    reason = factory.Sequence(lambda n: f"增加岗位集市场次{n}")
    status = AdjustmentStatus.REQUESTED
    requested_by = factory.SubFactory(
        "tests.factories.users.UserFactory",
        role=Role.COMMUNITY_STAFF,
        community=factory.SelfAttribute("..allocation.community"),
    )
    decided_by = None
    decided_at = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status != AdjustmentStatus.REQUESTED),
        yes_declaration=factory.LazyFunction(timezone.now),
        no_declaration=None,
    )
