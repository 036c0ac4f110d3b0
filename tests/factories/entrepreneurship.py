import datetime as dt
from decimal import Decimal

import factory

from entrepreneurship.models import (
    Business,
    BusinessKind,
    GuaranteeLoan,
    IncubationSpace,
    SpaceKind,
    StartupEvent,
    StartupProject,
    StartupStar,
    SubsidyApplication,
    SubsidyKind,
)
from stations.validators import credit_code_check_char


def valid_credit_code(n: int) -> str:
    first17 = f"92370402MA{n:07d}"[:17]
    return first17 + credit_code_check_char(first17)


class BusinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Business
        skip_postgeneration_save = True

    kind = BusinessKind.INDIVIDUAL_BUSINESS
    name = factory.Sequence(lambda n: f"测试小店{n}")
    credit_code = factory.Sequence(valid_credit_code)
    registered_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=30))
    community = factory.SubFactory("tests.factories.region.CommunityFactory")

    @factory.post_generation
    def founders(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.founders.set(extracted)


class SubsidyApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubsidyApplication

    kind = SubsidyKind.SOCIAL_INSURANCE
    resident = factory.SubFactory("tests.factories.residents.ResidentFactory")
    community = factory.SelfAttribute("resident.community")
    requested_amount = Decimal("2000")
    created_by = factory.SubFactory("tests.factories.users.UserFactory", community=factory.SelfAttribute("..community"))


class GuaranteeLoanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuaranteeLoan

    borrower_kind = "individual"
    resident = factory.SubFactory("tests.factories.residents.ResidentFactory")
    community = factory.SelfAttribute("resident.community")
    bank = "枣庄农商银行"
    amount = Decimal("200000")
    term_months = 24
    created_by = factory.SubFactory("tests.factories.users.UserFactory", community=factory.SelfAttribute("..community"))


class IncubationSpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncubationSpace

    kind = SpaceKind.INCUBATOR
    name = factory.Sequence(lambda n: f"测试孵化基地{n}")
    community = factory.SubFactory("tests.factories.region.CommunityFactory")
    units = 20
    reserved_share_percent = 30


class StartupProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StartupProject

    district = factory.SubFactory("tests.factories.region.DistrictFactory")
    title = factory.Sequence(lambda n: f"社区便民早餐店{n}")
    industry = "餐饮"
    summary = "投资小、见效快的社区早餐项目。"
    state = "published"


class StartupStarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StartupStar

    district = factory.SubFactory("tests.factories.region.DistrictFactory")
    name = factory.Sequence(lambda n: f"创业之星{n}")
    business_name = "石榴盆景工作室"
    year = 2025
    story = "返乡创业，带动十人就业。"
    state = "published"


class StartupEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StartupEvent

    district = factory.SubFactory("tests.factories.region.DistrictFactory")
    kind = "salon"
    title = factory.Sequence(lambda n: f"创业沙龙{n}")
    starts_at = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=7))
    place = "市创业孵化中心"
    state = "published"


def paid_application(*, resident, kind=SubsidyKind.STARTUP, business=None, paid_on=None, amount="12000", **extra):
    """An application already paid, written straight to the table as data
    imported from before a rule would be (no service, no checks)."""
    paid_on = paid_on or dt.date.today()
    return SubsidyApplicationFactory(
        kind=kind,
        resident=resident,
        business=business,
        status="paid",
        requested_amount=Decimal(amount),
        approved_amount=Decimal(amount),
        paid_on=paid_on,
        payment_reference=f"ZZCY-{paid_on:%Y%m%d}-{resident.pk}",
        **extra,
    )
