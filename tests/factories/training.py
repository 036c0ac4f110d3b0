import datetime as dt
from decimal import Decimal

import factory

from stations.models import Role
from training.models import (
    Audience,
    Catalogue,
    CatalogueStatus,
    ClassStatus,
    Course,
    Enrolment,
    JoinRequest,
    Provider,
    ScheduleType,
    TrainingClass,
    TrainingNeed,
)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    district = factory.SubFactory("tests.factories.region.DistrictFactory")
    name = factory.Sequence(lambda n: f"测试职业培训学校{n}")
    licence_number = factory.Sequence(lambda n: f"鲁人社培字{n:05d}")
    phone = "0632-3300000"


class CatalogueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Catalogue

    district = factory.SubFactory("tests.factories.region.DistrictFactory")
    title = "2026年职业技能培训通用项目清单"
    status = CatalogueStatus.PUBLISHED
    published_at = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status != CatalogueStatus.DRAFT),
        yes_declaration=factory.LazyFunction(lambda: dt.datetime(2026, 1, 5, tzinfo=dt.UTC)),
        no_declaration=None,
    )


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    catalogue = factory.SubFactory(CatalogueFactory)
    name = factory.Sequence(lambda n: f"育婴员培训{n}")
    occupation = "育婴员"
    hours = 80
    subsidy_standard = Decimal("1200.00")
    audience = Audience.REDEPLOYMENT


class TrainingClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingClass

    course = factory.SubFactory(CourseFactory)
    provider = factory.SubFactory(ProviderFactory, district=factory.SelfAttribute("..course.catalogue.district"))
    title = factory.Sequence(lambda n: f"育婴员夜课班{n}")
    community = factory.SubFactory(
        "tests.factories.region.CommunityFactory",
        street__district=factory.SelfAttribute("...course.catalogue.district"),
    )
    place = "社区党群服务中心三楼培训室"
    schedule_type = ScheduleType.EVENING
    start_date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=10))
    end_date = factory.LazyAttribute(lambda o: o.start_date + dt.timedelta(days=30))
    capacity = 30
    status = ClassStatus.OPEN
    created_by = factory.SubFactory("tests.factories.users.UserFactory", role=Role.CITY_BUREAU)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    resident = factory.SubFactory("tests.factories.residents.ResidentFactory")
    training_class = factory.SubFactory(TrainingClassFactory)
    enrolled_on = factory.LazyFunction(dt.date.today)
    enrolled_by = factory.SubFactory("tests.factories.users.UserFactory", role=Role.CITY_BUREAU)


class TrainingNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingNeed

    resident = factory.SubFactory("tests.factories.residents.ResidentFactory")
    occupation = "育婴员"
    round_date = factory.LazyFunction(dt.date.today)
    recorded_by = factory.SubFactory("tests.factories.users.UserFactory", role=Role.CITY_BUREAU)


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    training_class = factory.SubFactory(TrainingClassFactory)
    name = "王秀英"
    phone = "13912345678"
    community = factory.SubFactory("tests.factories.region.CommunityFactory")
